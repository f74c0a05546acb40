"""Cells and numbers of extracted text: tab-separated rows whose merged cells were lost and
whose Chinese was broken by spaces when the PDF text was wrapped."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ...document import Printed
from ...model import Location
from ...numbers import normalize

_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_CJK = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’（）【】]"
_CJK_GAP = re.compile(rf"(?<={_CJK})\s+|\s+(?={_CJK})")
_WEIGHT_NOTE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")


def split_cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def squeeze(text: str) -> str:
    """Remove the spaces wrapping put inside Chinese (`闲置土地清理 处置工作`), keep others."""
    return _CJK_GAP.sub("", text.strip())


def label_of(cell: str) -> tuple[str, Decimal | None]:
    """`产出指标 (50分)` → ('产出指标', 50); spaces inside the name removed."""
    text = re.sub(r"\s+", "", cell)
    weight = None
    match = _WEIGHT_NOTE.search(text)
    if match:
        weight = Decimal(match.group(1))
        text = (text[: match.start()] + text[match.end():]).strip()
    return text, weight


def is_number(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell.strip()))


def printed(text: str, location: Location) -> Printed:
    """A cell or phrase as printed: `91.66%`, `3,744.00`, `05`, `4分`; value None when not a number."""
    raw = text.strip().rstrip("。，,;；")
    plain_text = normalize(raw)
    is_percent = plain_text.endswith("%")
    digits = plain_text.rstrip("%").strip()
    if not is_percent:  # a 分值 or 得分 written with its unit, 4分 or 9.5 分, is the number of points
        digits = digits.removesuffix("分").strip()
    value = None
    if _NUMBER.fullmatch(digits):
        try:
            value = Decimal(digits.replace(",", ""))
        except InvalidOperation:  # pragma: no cover - the regex admits only numbers
            value = None
        if value is not None and is_percent:
            value = value / 100
    return Printed(raw, value, location, is_percent)


def numbers_in(text: str) -> list[str]:
    return _NUMBER.findall(text)


def at(source: str, line: int) -> Location:
    return Location(file=source, line=line)
