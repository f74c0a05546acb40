"""Small helpers shared by checks: display forms of numbers."""

from __future__ import annotations

from decimal import Decimal

from ...decimals import percent, plain, round2, short


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
