"""Sub-totals as printed — a report's 综合评分结果 and level sentences, a department's summary
of goal scores — against the table's rows, their own 得分率, their grade band, and the sum
of the other levels."""

from __future__ import annotations

from decimal import Decimal

from ...decimals import round2
from ...engine.grade import grade as grade_of
from .. import interval
from ..context import AuditContext, family
from ...findings import make
from ..registry import check
from ._util import num, pct
from .totals import printed_execution_score

_LABEL = {"execution": "预算执行", "total": "总分"}


def _table_level(table, key):
    """(weight, score, rows) of the table's rows at this level, or None."""
    evaluation = table.evaluation
    if key == ("execution",):
        value, _ = printed_execution_score(table)
        line = table.printed_total_fund
        weight = line.weight.value if line is not None and line.weight is not None else None
        return (weight, value, 1) if value is not None and weight is not None else None
    if key == ("total",):
        return None
    rows = []
    for row in table.rows:
        indicator = evaluation.indicators[row.index]
        if len(key) == 1 and indicator.level1 == key[0]:
            rows.append((indicator, row))
        elif len(key) == 2 and f"目标{indicator.goal}" == key[0] and family(indicator.level1) == key[1]:
            rows.append((indicator, row))
    if not rows:
        return None
    weight = sum((i.weight for i, _ in rows), Decimal(0))
    value = sum((r.score.value for _, r in rows if r.score.value is not None), Decimal(0))
    return weight, value, len(rows)


@check("level-scores", "subtotal-mismatch", "grade-mismatch", "rounding")
def level_scores(context: AuditContext):
    for document in context.documents:
        if not document.level_scores:
            continue
        table = context.table_for(document)
        project = document.project
        for level in document.level_scores:
            where = _LABEL.get(level.key[0], "") if len(level.key) == 1 else ""
            where = where or "".join(level.key)
            if level.score is None or level.score.value is None:
                continue
            # Against the table's rows, when both describe the same set of rows (same weight).
            found = _table_level(table, level.key) if table is not None else None
            if found is not None and level.weight is not None and level.weight.value == found[0] \
                    and found[1] != level.score.value:
                yield make("subtotal-mismatch", project=project, location=level.score.location,
                           reported=level.score.text, expected=num(found[1]), where=f"{where}得分",
                           derivation=f"自评表{where}{found[2]}项得分之和为{num(found[1])}")
            # 得分率 = score / weight.
            if level.rate is not None and level.rate.value is not None and level.weight and level.weight.value:
                computed = interval.div(interval.bounds(level.score), (level.weight.value, level.weight.value))
                if computed is not None and not interval.consistent(level.rate, computed):
                    exact = level.score.value / level.weight.value
                    code = "rounding" if interval.one_unit_off(level.rate, computed) else "subtotal-mismatch"
                    yield make(code, project=project, location=level.rate.location,
                               reported=level.rate.text, expected=pct(exact), where=f"{where}得分率",
                               derivation=f"{level.score.text}/{level.weight.text}={pct(exact)}")
            # Grade band of the rate (a level) or of the total.
            if level.grade:
                basis = level.rate.value * 100 if level.rate is not None and level.rate.value is not None \
                    else level.score.value
                expected = grade_of(basis)
                if expected != level.grade:
                    yield make("grade-mismatch", project=project, location=level.location, reported=level.grade,
                               expected=expected, where=where, derivation=f"为{num(basis)}")
        # A total row against the sum of the rows printed above it in the same table.
        rows = [l for l in document.level_scores if l.weight is not None and l.label != l.key[0]]
        for total in (l for l in rows if l.key == ("total",)):
            block = [p for p in rows if p.key != ("total",) and p.score is not None and p.score.value is not None
                     and 0 < (total.location.line or 0) - (p.location.line or 0) <= 12]
            if len(block) < 2 or total.score.value is None:
                continue
            value = sum((p.score.value for p in block), Decimal(0))
            if round2(value) != total.score.value:
                yield make("subtotal-mismatch", project=project, location=total.score.location,
                           reported=total.score.text, expected=num(value), where="总分",
                           derivation="+".join(p.score.text for p in block) + f"={num(value)}")
