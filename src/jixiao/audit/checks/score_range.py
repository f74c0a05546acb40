"""Every printed score within [0, its weight]: indicator rows and funds lines."""

from __future__ import annotations

from ..context import AuditContext
from ...findings import make
from ..registry import check
from ._util import num


@check("score-range", "score-out-of-range")
def score_range(context: AuditContext):
    for table in context.tables:
        evaluation = table.evaluation
        for row in table.rows:
            indicator = evaluation.indicators[row.index]
            value = row.score.value
            if value is not None and (value < 0 or value > indicator.weight):
                yield make("score-out-of-range", project=table.project, indicator=indicator.name,
                           location=row.location, reported=row.score.text, expected=f"0–{num(indicator.weight)}")
        for line in table.printed_funds:
            weight, score = line.weight, line.score
            if weight is None or score is None or weight.value is None or score.value is None:
                continue
            if score.value < 0 or score.value > weight.value:
                yield make("score-out-of-range", project=table.project, location=score.location,
                           reported=score.text, expected=f"0–{weight.text}", where=f"预算执行（{line.source.value}）")
