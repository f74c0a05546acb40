"""Build the model's `Value`s for generated targets and actuals without parsing.

The generator knows what it wrote, so it builds each Value directly: scoring can then be
timed on ready-made evaluations while parsing (numbers.parse_value, the YAML loader) is
timed separately. The tests check these Values against `jixiao.numbers.parse_value`.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from jixiao.model import Comparator, Quantity, Unit, Value

# Scale words the seed uses in front of a base unit (万票, 亿元, 万TEU).
SCALES = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
COMPARATOR_TEXT = {None: "", Comparator.GE: "≥", Comparator.LE: "≤", Comparator.EQ: "=", Comparator.GT: ">"}


@cache
def unit(text: str) -> Unit:
    """`万元` → Unit('万元', 10^4, '元'); `%` → (0.01, '%'); `元/人/天` → (1, '元/人/天')."""
    if text == "%":
        return Unit("%", Decimal("0.01"), "%")
    if text and text[0] in SCALES and len(text) > 1:
        return Unit(text, SCALES[text[0]], text[1:])
    if text in SCALES:
        return Unit(text, SCALES[text], "")
    return Unit(text, Decimal(1), text)


def number_text(value: Decimal) -> str:
    """As a form prints an input: no exponent, no trailing zeros (4.996, 92, 24.9)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def quantity(value: Decimal, unit_text: str, comparator: Comparator | None = None) -> Value:
    number = number_text(value)
    qty_text = number + unit_text
    return Value(
        text=COMPARATOR_TEXT[comparator] + qty_text,
        comparator=comparator,
        quantity=Quantity(Decimal(number), unit(unit_text), qty_text),
    )


def word(text: str) -> Value:
    return Value(text=text, word=text)
