"""A table's 总分 against its execution score plus the sum of its indicator scores, as printed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ...decimals import round2
from ..context import AuditContext
from ...findings import make
from ..registry import check
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
        execution, execution_text = printed_execution_score(table)
        parts = [r.score.value for r in table.rows if r.score.value is not None]
        if execution is None or not parts:
            continue
        expected = execution + sum(parts, Decimal(0))
        stated = table.total.value
        if stated == expected or stated == round2(expected):
            continue
        derivation = f"执行得分{execution_text}+{len(parts)}项指标得分{num(sum(parts, Decimal(0)))}={score(expected)}"
        rounded_to = table.total.decimals
        code = "total-mismatch"
        if rounded_to < 2 and expected.quantize(Decimal(1).scaleb(-rounded_to), ROUND_HALF_UP) == stated:
            code = "total-rounded"
        yield make(code, project=table.project, location=table.total.location, reported=table.total.text,
                   expected=score(expected), derivation=derivation, where="总分")
