"""Amounts that sentences relate to each other, read generically from keywords (layout.py):
a budget and what was spent, then a stated difference, deviation rate or execution rate;
a total followed by 其中 and its parts; a classification (按…分类) of a stated total."""

from __future__ import annotations

import re

from ...document import AmountClaim, Printed
from .cells import at, printed
from . import layout
from .paragraphs import Paragraph

_NUM = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


_KINDS = (
    [(w, "budget") for w in layout.BUDGET_WORDS]
    + [(w, "executed") for w in layout.EXECUTED_WORDS]
    + [(w, "difference") for w in layout.DIFFERENCE_WORDS]
    + [(w, "rate") for w in layout.RATE_WORDS]
)
_KIND_OF = dict(_KINDS)
_TOKEN = re.compile(
    rf"({_alternation(tuple(w for w, _ in _KINDS))})\s*[:：]?\s*{_NUM}\s*(万元|元|%)?"
)
_AMOUNT = re.compile(rf"{_NUM}\s*(万元|元)")
_TOTAL = re.compile(rf"总额为\s*{_NUM}\s*(万元|元)")
_SENTENCE = re.compile(r"[^。]+。?")


def _p(paragraph: Paragraph, source: str, match: re.Match, group: int, unit: str | None) -> Printed:
    text = match.group(group) + ("%" if unit == "%" else "")
    return printed(text, at(source, paragraph.line_at(match.start(group))))


def read_claims(paragraph: Paragraph, source: str, last_total: list) -> list[AmountClaim]:
    claims: list[AmountClaim] = []
    budget: tuple[Printed, str] | None = None
    executed: tuple[Printed, str] | None = None
    for match in _TOKEN.finditer(paragraph.text):
        word, unit = match.group(1), match.group(3)
        kind = _KIND_OF[word]
        value = _p(paragraph, source, match, 2, unit)
        location = at(source, paragraph.line_at(match.start()))
        if kind == "budget" and unit != "%":
            budget = (value, unit or "")
        elif kind == "executed" and unit != "%":
            executed = (value, unit or "")
        elif budget and executed and budget[1] == executed[1]:
            if kind == "difference" and unit != "%":
                claims.append(AmountClaim("difference", location, value, (budget[0], executed[0]), match.group(0)))
            elif kind == "rate" and unit == "%":
                claim_kind = "deviation" if "偏差" in word else "ratio"
                claims.append(AmountClaim(claim_kind, location, value, (budget[0], executed[0]), match.group(0)))
    for sentence in _SENTENCE.finditer(paragraph.text):
        text = sentence.group(0)
        total_match = _TOTAL.search(text)
        if total_match:
            last_total[:] = [_p(paragraph, source, total_match, 1, None), total_match.group(2)]
        if "其中" in text:
            head, _, tail = text.partition("其中")
            head_amounts = list(_AMOUNT.finditer(head))
            parts = list(_AMOUNT.finditer(tail))
            if head_amounts and len(parts) >= 2:
                whole = head_amounts[-1]
                offset = sentence.start()
                unit = whole.group(2)
                if all(p.group(2) == unit for p in parts):
                    stated = printed(whole.group(1), at(source, paragraph.line_at(offset + whole.start())))
                    inputs = tuple(
                        printed(p.group(1), at(source, paragraph.line_at(offset + len(head) + 2 + p.start())))
                        for p in parts
                    )
                    claims.append(AmountClaim("parts", stated.location, stated, inputs, text.strip()))
        elif "按" in text and "分类" in text and last_total:
            parts = list(_AMOUNT.finditer(text))
            if len(parts) >= 2 and all(p.group(2) == last_total[1] for p in parts):
                offset = sentence.start()
                inputs = tuple(
                    printed(p.group(1), at(source, paragraph.line_at(offset + p.start()))) for p in parts
                )
                claims.append(AmountClaim("parts", inputs[0].location, last_total[0], inputs, text.strip()))
    return claims
