"""A table's 总分 against its execution score plus the sum of its indicator scores, as printed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ...decimals import round2
from ..context import AuditContext
from ...findings import make
from ..registry import check
from ...engine.weights import FULL_MARKS
from ._util import num, score


def printed_execution_score(document) -> tuple[Decimal | None, str]:
    line = document.printed_total_fund
    if line is not None and line.score is not None and line.score.value is not None:
        return line.score.value, line.score.text
    return None, ""


@check("totals", "total-mismatch", "total-rounded")
def totals(context: AuditContext):
    for table in context.tables:
        if table.total is None or table.total.value is None:
            continue
        profile = context.result(table).profile
        execution, execution_text = printed_execution_score(table)
        if execution is None and profile.execution_weight == 0:
            execution, execution_text = Decimal(0), "0"   # execution is one of the indicators (Ningxia)
        parts = [r.score.value for r in table.rows if r.score.value is not None]
        if execution is None or not parts:
            continue
        expected = execution + sum(parts, Decimal(0))
        stated = table.total.value
        if table.cut:
            yield from _cut(table, stated, expected, parts, execution_text, profile.execution_weight)
            continue
        if stated == expected or stated == round2(expected):
            continue
        derivation = f"执行得分{execution_text}+{len(parts)}项指标得分{num(sum(parts, Decimal(0)))}={score(expected)}"
        rounded_to = table.total.decimals
        code = "total-mismatch"
        if rounded_to < 2 and expected.quantize(Decimal(1).scaleb(-rounded_to), ROUND_HALF_UP) == stated:
            code = "total-rounded"
        yield make(code, project=table.project, location=table.total.location, reported=table.total.text,
                   expected=score(expected), derivation=derivation, where="总分")


def _cut(table, stated: Decimal, read: Decimal, parts: list[Decimal], execution_text: str,
         execution_weight: Decimal):
    """A table cut short: the rows not read can add at most the weight not read, so a printed
    total above that ceiling (or below what was read) is wrong, whatever the missing rows hold."""
    weights = sum((r.weight.value for r in table.rows if r.weight.value is not None), Decimal(0))
    missing = max(FULL_MARKS - execution_weight - weights, Decimal(0))
    ceiling = read + missing
    if read <= stated <= ceiling:
        return
    yield make("total-mismatch", project=table.project, location=table.total.location,
               reported=table.total.text, expected=f"{score(read)}至{score(ceiling)}", where="总分",
               derivation=f"表格不完整：已读到的执行得分{execution_text}+{len(parts)}项指标得分"
                          f"{num(sum(parts, Decimal(0)))}={score(read)}，未读到的指标分值至多{num(missing)}分")
