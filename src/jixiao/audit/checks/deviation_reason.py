"""A lost point needs a 偏差原因分析及改进措施."""

from __future__ import annotations

from ..context import AuditContext
from ...findings import make
from ..registry import check
from ._util import num


@check("deviation-reason", "missing-deviation-reason")
def deviation_reason(context: AuditContext):
    for table in context.tables:
        for link in context.links(table):
            indicator = link.indicator
            value = link.row.score.value
            if value is None or value >= indicator.weight or indicator.deviation_reason.strip():
                continue
            yield make("missing-deviation-reason", project=table.project, indicator=indicator.name,
                       location=link.row.location, reported=link.row.score.text, expected=num(indicator.weight))
