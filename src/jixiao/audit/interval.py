"""Interval reasoning: a printed number stands for every value that prints the same.

`55%` is any true value in [54.5%, 55.5%); `2.89` any in [2.885, 2.895). A stated result is
wrong only when no choice of true inputs could have produced it at its printed precision —
so a score of 2.18 from an actual printed as 55% (true 54.54%) is not an error.
Amounts printed without decimals (budgets of 7 or 614 万元) are taken as exact: budgets are
set in whole units, and treating them as ±0.5 would excuse almost any error.
Half-open intervals follow ROUND_HALF_UP: 9.075 prints as 9.08, never as 9.07.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..document import Printed

Range = tuple[Decimal, Decimal]
HUNDRED = Decimal(100)


def half_unit(printed: Printed, exact_integers: bool = False) -> Decimal:
    decimals = printed.decimals
    if decimals == 0 and exact_integers and not printed.percent:
        return Decimal(0)
    unit = Decimal(1).scaleb(-decimals)
    if printed.percent:
        unit = unit / HUNDRED
    return unit / 2


def bounds(printed: Printed, exact_integers: bool = False) -> Range:
    assert printed.value is not None
    h = half_unit(printed, exact_integers)
    return printed.value - h, printed.value + h


def exact(value: Decimal) -> Range:
    return value, value


def add(*ranges: Range) -> Range:
    return sum((r[0] for r in ranges), Decimal(0)), sum((r[1] for r in ranges), Decimal(0))


def sub(a: Range, b: Range) -> Range:
    return a[0] - b[1], a[1] - b[0]


def div(a: Range, b: Range) -> Range | None:
    if b[0] <= 0:
        return None
    corners = [a[0] / b[0], a[0] / b[1], a[1] / b[0], a[1] / b[1]]
    return min(corners), max(corners)


def mul(a: Range, b: Range) -> Range:
    corners = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]
    return min(corners), max(corners)


def deviation(budget: Range, executed: Range) -> Range | None:
    """|B − E| / B over the box; 0 is reachable when the box holds B = E."""
    if budget[0] <= 0:
        return None
    values = [abs(b - e) / b for b in budget for e in executed]
    low = Decimal(0) if executed[0] <= budget[1] and budget[0] <= executed[1] else min(values)
    return low, max(values)


def consistent(stated: Printed, computed: Range, exact_integers: bool = False) -> bool:
    """Could `stated`, at its printed precision, be the printed form of a value in `computed`?"""
    assert stated.value is not None
    h = half_unit(stated, exact_integers)
    low, high = stated.value - h, stated.value + h
    if h == 0:
        return computed[0] <= stated.value <= computed[1]
    return computed[0] < high and computed[1] >= low


def amount_half_unit(value: Decimal) -> Decimal:
    """Half a unit of the last digit an amount was written with (a Decimal keeps it: 563.27 →
    0.005); whole amounts (budgets of 7 or 614 万元) are exact."""
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent >= 0:
        return Decimal(0)
    return Decimal(1).scaleb(exponent) / 2


def around(value: Decimal, *inputs: Decimal) -> Range:
    """The range a quotient or product of `inputs` (as written) could take, around the exact
    `value` computed from them: first-order relative error, |Δv|/v ≤ Σ h_i/x_i."""
    relative = sum((amount_half_unit(x) / abs(x) for x in inputs if x), Decimal(0))
    spread = abs(value) * relative
    return value - spread, value + spread


def units_off(stated: Printed, exact_value: Decimal) -> Decimal:
    """How many units of its last printed digit `stated` is from `exact_value` rounded to that digit."""
    assert stated.value is not None
    unit = half_unit(stated) * 2
    rounded = (exact_value / unit).quantize(Decimal(1), rounding=ROUND_HALF_UP) * unit
    return abs(stated.value - rounded) / unit


def one_unit_off(stated: Printed, computed: Range) -> bool:
    """A rate printed to a percentage point or finer that is one unit off in its last digit
    (86.19% for 86.18%): a rounding slip that changes no score, a warning not an error
    (docs/audit-json.md, severity policy)."""
    assert stated.value is not None
    unit = half_unit(stated) * 2
    if not stated.percent or unit > Decimal("0.01") or consistent(stated, computed):
        return False
    return any(consistent(Printed(stated.text, stated.value + step, stated.location, True), computed)
               for step in (unit, -unit))
