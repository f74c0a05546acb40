"""Text as an official document prints it (公文): full-width punctuation between Chinese words,
no stray spaces inside Chinese, clauses joined without doubled marks (never “认同。，实际”),
amounts with thousands separators and two decimals, rates as percentages with two decimals."""

from __future__ import annotations

import re
from decimal import Decimal

from ..decimals import amount, percent, plain, round2, short

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CN_NUMBERS = "一二三四五六七八九十"

_CJK = r"[\u3400-\u9fff\uff00-\uffef“”‘’《》（）【】、，。；：！？]"
_HALF = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_SPACE_IN_CJK = re.compile(rf"(?<={_CJK})[ \t\u3000]+(?={_CJK})")
_END = "。；，、：,;:.！？!?"


def official(text: str) -> str:
    """The unit's text with Chinese punctuation: a half-width comma, semicolon, colon, question
    or exclamation mark next to Chinese becomes full-width, brackets around Chinese become
    （）, spaces between Chinese characters go. Digits keep theirs (17:30, 3,744.00)."""
    if not text:
        return ""
    result = _SPACE_IN_CJK.sub("", text.strip())
    chars = list(result)
    for index, char in enumerate(chars):
        if char in _HALF:
            before = chars[index - 1] if index else ""
            after = chars[index + 1] if index + 1 < len(chars) else ""
            if re.match(_CJK, before or " ") or re.match(_CJK, after or " ") or (after == " "):
                if not (before.isdigit() and after.isdigit()):
                    chars[index] = _HALF[char]
    result = "".join(chars)
    result = re.sub(rf"\(([^()]*{_CJK}[^()]*)\)", r"（\1）", result)
    result = re.sub(r"(?<=[，；：。！？、])\s+", "", result)
    return result


def clause(text: str) -> str:
    """A piece to be put inside a sentence: official, without its own final mark."""
    return official(text).rstrip(_END + " ")


def sentence(*parts: str) -> str:
    """Clauses joined by “，” into one sentence ending with “。”; empty parts are left out."""
    pieces = [clause(part) for part in parts if part and clause(part)]
    return "，".join(pieces) + "。" if pieces else ""


def ended(text: str) -> str:
    """A paragraph of the unit's own text, ending with a full stop (or its own mark)."""
    body = official(text)
    if not body:
        return ""
    return body if body[-1] in "。！？”）》" else body.rstrip(_END) + "。"


def money(value: Decimal | None, unit: str = "万元") -> str:
    return "—" if value is None else f"{amount(value)}{unit}"


def rate(value: Decimal | None) -> str:
    return "—" if value is None else percent(value).replace("-", "−")


def points(value: Decimal | None) -> str:
    """A weight or an indicator's score as forms print them: 3.5, 10, 0.82."""
    return "—" if value is None else short(value)


def total(value: Decimal | None) -> str:
    """A total score, always with two decimals: 88.00."""
    return "—" if value is None else plain(round2(value))


def numbered(index: int, style: str = "arabic") -> str:
    """List markers as reports print them: 1., （1）, ①, A, 一、 (1-based)."""
    if style == "paren":
        return f"（{index}）"
    if style == "circled":
        return CIRCLED[index - 1] if index <= len(CIRCLED) else f"（{index}）"
    if style == "letter":
        return LETTERS[index - 1] if index <= len(LETTERS) else str(index)
    if style == "chinese":
        return (CN_NUMBERS[index - 1] if index <= len(CN_NUMBERS) else str(index)) + "、"
    if style == "chinese-paren":
        return f"（{CN_NUMBERS[index - 1] if index <= len(CN_NUMBERS) else index}）"
    return f"{index}."


__all__ = ["clause", "ended", "money", "numbered", "official", "points", "rate", "sentence", "total"]
