"""An evaluation report that says an indicator deviated by 0% while the indicator lost points."""

from __future__ import annotations

from ..context import AuditContext
from ...findings import make
from ..registry import check
from ._util import num


@check("deviation-rate", "deviation-rate-zero")
def deviation_rate(context: AuditContext):
    for table in context.tables:
        for link in context.links(table):
            for statement, _document in link.results():
                deviation, score, weight = statement.deviation, statement.score, statement.weight
                if deviation is None or deviation.value is None or deviation.value != 0:
                    continue
                if score is None or score.value is None or weight is None or weight.value is None:
                    continue
                if score.value >= weight.value:
                    continue
                yield make("deviation-rate-zero", project=table.project, indicator=link.indicator.name,
                           location=deviation.location, reported=deviation.text, expected=num(weight.value),
                           score=score.text)
