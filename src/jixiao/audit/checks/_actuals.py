"""Quantities read out of prose (“实际接待人次 151 人，…”), and printed-precision variants of
an actual for interval reasoning."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from ...model import Quantity, Value
from ...numbers import parse_quantity

_CANDIDATE = re.compile(
    r"(\d+(?:\.\d+)?|[一二两三四五六七八九十]+)\s*(%|[A-Za-z]+|[\u4e00-\u9fff]{1,4}(?:/[\u4e00-\u9fff]{1,2})*)?"
)


def quantities_in(text: str) -> list[Quantity]:
    """Every number with a known unit in a sentence, longest unit first (151人次 before 151人)."""
    found = []
    for match in _CANDIDATE.finditer(text or ""):
        number, unit = match.group(1), match.group(2) or ""
        if re.fullmatch(r"\d{4}", number) and unit.startswith("年"):
            continue
        if not number[0].isdigit():
            # A Chinese numeral counts only with its measure word right after it (一部, 两宗).
            unit = unit.lstrip("一二两三四五六七八九十")
            if not unit:
                continue
        for end in range(len(unit), 0 if not number[0].isdigit() else -1, -1):
            quantity = parse_quantity(number + unit[:end])
            if quantity is not None and (end or not unit or unit[0] in "，,。、；;分"):
                found.append(quantity)
                break
    return found


def same_kind(a: Quantity, b: Quantity) -> bool:
    return a.unit.base == b.unit.base


def precision_variants(value: Value) -> tuple[Value, Value] | None:
    """The actual at the low and high ends of its printed precision (55% → 54.5%, 55.5%)."""
    quantity = value.quantity
    if quantity is None:
        return None
    digits = re.search(r"\d+(?:\.(\d+))?", quantity.text or str(quantity.value))
    decimals = len(digits.group(1)) if digits and digits.group(1) else 0
    # Counts printed whole (5059份, a bare 0) are exact; rates and measured decimals are rounded.
    if decimals == 0 and quantity.unit.base != "%":
        return None
    half = Decimal(1).scaleb(-decimals) / 2
    low = replace(quantity, value=quantity.value - half, text=f"{quantity.value - half}{quantity.unit.text}")
    high = replace(quantity, value=quantity.value + half, text=f"{quantity.value + half}{quantity.unit.text}")
    return replace(value, quantity=low), replace(value, quantity=high)
