"""Decimal helpers shared by every layer: the one stated rounding and the display forms."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from functools import lru_cache

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# Inside the numeric domain (numbers.py, docs/numbers.md) an unclamped intermediate — a ratio to
# the smallest target, a derivation's raw score — stays far below 10^100; past that a value can
# only come from outside the domain, and rounding it is refused rather than attempted.
_WIDEST = 100


class OutOfRange(ArithmeticError):
    """A value too large to round or show: only a number outside the domain gets here."""


# One object per number as written, for the numbers that recur across a bureau's tables
# (weights 2, 2.5, 4; scores 0.00–10.00): a Decimal is 104 bytes, and a table holds several per
# row. Bounded; once full, new numbers are simply not shared.
_SHARED: dict[Decimal, Decimal] = {}
_SHARED_MAX = 1 << 15
_FAR_SHARED = 20  # numbers of the domain only: the table stays a few megabytes


def share(value: Decimal) -> Decimal:
    """`value`, or an equal Decimal already held that is written the same way (4 and 4.00 are
    equal but not the same: the exponent and sign are compared too)."""
    try:
        found = _SHARED.get(value)
    except TypeError:  # a signalling NaN cannot be hashed
        return value
    if found is None:
        if len(_SHARED) < _SHARED_MAX and value.is_finite() and -_FAR_SHARED < value.adjusted() < _FAR_SHARED:
            _SHARED[value] = value
        return value
    if found.same_quantum(value) and found.is_signed() == value.is_signed():
        return found
    return value


_ZERO_CENTS = Decimal("0.00")


def round2(value: Decimal) -> Decimal:
    """The reports' rounding: ROUND_HALF_UP to 2 decimals; never −0.00 (−0.001 and a −0 weight
    or amount round to 0.00, as a report prints them)."""
    try:
        rounded = value.quantize(CENT, ROUND_HALF_UP)  # positional: half the cost of the keyword
        return rounded if rounded or not rounded.is_signed() else _ZERO_CENTS
    except InvalidOperation:
        # The default 28-digit context cannot hold the result: round exactly in a wider one.
        if not value.is_finite() or value.adjusted() > _WIDEST:
            raise OutOfRange(f"数值超出可计算范围：{value:.3E}") from None
        return value.quantize(CENT, rounding=ROUND_HALF_UP, context=Context(prec=value.adjusted() + 4))


def plain(value: Decimal) -> str:
    """A Decimal as written, never in exponent form: 10 → '10', 1.50 → '1.50'. A value far
    outside the domain (stored before it was enforced: 1E+20000000) keeps its exponent form,
    so it stays short and the loader refuses it by name instead of a page writing its digits."""
    if _far(value):
        return format(value, ".6E")  # bounded however many digits the stored coefficient has
    text = format(value, "f")
    return text.lstrip("-") if value == 0 else text


@lru_cache(maxsize=4096)
def short(value: Decimal) -> str:
    """Without trailing zeros, for weights and inputs in derivations: 1.50 → '1.5', 10.00 → '10'."""
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _far(value: Decimal) -> bool:
    return bool(value) and value.is_finite() and not -_WIDEST <= value.adjusted() <= _WIDEST


def percent(rate: Decimal) -> str:
    """A rate as a percentage with 2 decimals, ROUND_HALF_UP: 0.916637 → '91.66%'."""
    if _far(rate):
        return f"{plain(rate * HUNDRED)}%"
    return f"{plain(round2(rate * HUNDRED))}%"


def amount(value: Decimal) -> str:
    """An amount with thousands separators as the forms print it: 3744 → '3,744.00'."""
    if _far(value):
        return plain(value)  # shown as stored, in exponent form, rather than failing the page
    return f"{round2(value):,.2f}"
