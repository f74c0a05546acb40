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
