"""Decimal helpers shared by every layer: the one stated rounding and the display forms."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


def round2(value: Decimal) -> Decimal:
    """The reports' rounding: ROUND_HALF_UP to 2 decimals."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """A Decimal as written, never in exponent form: 10 → '10', 1.50 → '1.50'."""
    text = format(value, "f")
    return text.lstrip("-") if value == 0 else text


@lru_cache(maxsize=4096)
def short(value: Decimal) -> str:
    """Without trailing zeros, for weights and inputs in derivations: 1.50 → '1.5', 10.00 → '10'."""
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent(rate: Decimal) -> str:
    """A rate as a percentage with 2 decimals, ROUND_HALF_UP: 0.916637 → '91.66%'."""
    return f"{plain(round2(rate * HUNDRED))}%"


def amount(value: Decimal) -> str:
    """An amount with thousands separators as the forms print it: 3744 → '3,744.00'."""
    return f"{round2(value):,.2f}"
