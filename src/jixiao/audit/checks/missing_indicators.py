"""An indicator a report scores that its table does not list."""

from __future__ import annotations

from ..context import AuditContext
from ...findings import make
from ..registry import check
from ._util import place


@check("missing-indicators", "indicator-missing")
def missing_indicators(context: AuditContext):
    for document in context.documents:
        table = context.table_for(document)
        if table is None:
            continue
        for row in context.unmatched_rule_rows(document):
            statement = next((s for s in document.statements if s.section == "result" and s.name
                              and (s.name in row.name or row.name in s.name)), None)
            where = f"评价报告{place(statement.location)}评为{statement.score.text}分" if statement and statement.score \
                else "评价报告有评分细则"
            yield make("indicator-missing", project=document.project, indicator=row.name, location=row.location,
                       reported=row.weight.text, derivation=f"{where}；自评表（{place(table.location)}起）无此指标")
