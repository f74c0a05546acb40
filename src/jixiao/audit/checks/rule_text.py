"""评分细则 that contradict their own row: the formula names another indicator, or the stated
full marks differ from the row's weight (rules.text reports these while parsing)."""

from __future__ import annotations

from ...rules.text import parse_rule_text
from ..context import AuditContext
from ...findings import make
from ..registry import check


@check("rule-text", "rule-text-defect")
def rule_text(context: AuditContext):
    for document in context.documents:
        for row in document.rule_rows:
            if row.weight.value is None:
                continue
            spec, problem = parse_rule_text(row.rule_text, row.weight.value, row.name)
            if spec is not None and problem:
                yield make("rule-text-defect", project=document.project, indicator=row.name, location=row.location,
                           reported=row.rule_text, derivation=problem)
