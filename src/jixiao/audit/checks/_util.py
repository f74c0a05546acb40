"""Small helpers shared by checks: display forms of numbers."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ...decimals import percent, plain, round2, short
from ...model import Location


def place(location: Location) -> str:
    """Where a statement is, in its document's own terms: 第1435行 in extracted text, 第19段 or
    表4 第3行 in a Word report, 工作表“X”!H25 in a workbook."""
    return replace(location, field=None).where()


def num(value: Decimal) -> str:
    return short(value)


def score(value: Decimal) -> str:
    return plain(round2(value))


def pct(rate: Decimal) -> str:
    return percent(rate)


def sum_text(values: list[Decimal]) -> str:
    return "+".join(short(v) for v in values)


def table_score_decimals(links) -> int:
    """The finest precision any indicator score of the table is printed to."""
    return max((link.row.score.decimals for link in links
                if link.row.score is not None and link.row.score.value is not None), default=0)
