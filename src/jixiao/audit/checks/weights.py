"""Weights: each level's indicator weights against the level's declared weight, and the
execution weight plus all indicator weights against 100."""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..finding import make
from ..registry import check
from ._util import num


@check("weights", "weights-mismatch")
def weights(context: AuditContext):
    for table in context.tables:
        evaluation = table.evaluation
        rows = {r.index: r for r in table.rows}
        for level, declared in evaluation.declared_weights:
            members = [i for i in evaluation.indicators if i.level1 == level]
            if not members:
                continue
            total = sum((i.weight for i in members), Decimal(0))
            if total != declared:
                first = rows[evaluation.indicators.index(members[0])]
                yield make("weights-mismatch", project=table.project, location=first.location,
                           reported=num(total), expected=num(declared), where=f"{level}",
                           derivation=f"{level}声明{num(declared)}分，其下{len(members)}项指标分值合计{num(total)}分")
        execution_weight = None
        for source, weight, _, _ in table.funds_printed:
            if source == "年度资金总额" and weight is not None and weight.value is not None:
                execution_weight = weight.value
        if execution_weight is None or table.total is None:
            continue
        all_weights = execution_weight + sum((i.weight for i in evaluation.indicators), Decimal(0))
        if all_weights != 100:
            yield make("weights-mismatch", project=table.project, location=table.total.location,
                       reported=num(all_weights), expected="100", where="全表",
                       derivation=f"预算执行{num(execution_weight)}分+各指标分值"
                                  f"{num(all_weights - execution_weight)}分={num(all_weights)}分，总分应为100分")
