"""Paragraphs of extracted text, re-joined across page breaks, with a map back to lines.

A PDF page break leaves a blank line in the middle of a sentence (`实际资金到` / `位及支出为`);
a block that does not end a sentence is joined to the next one, so sentences are whole and
every character still knows the line it came from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# A numbered heading (“(7) 达标项目成本控制偏差率：≤5%”) never continues into the next block;
# “47.39%” at the start of a line is a number, not item 47.
_HEADING = re.compile(r"^(?:[(（]\s*\d{1,2}\s*[)）]|\d{1,2}\s*[.、．](?!\d)|[一二三四五六七八九十]+、|[A-Z]\s)")

_ENDINGS = tuple("。；;！!？?：:」”)）") + ("分", "%")
# A heading names a topic; a clause separator in a short numbered line means it is a sentence
# the page break cut (“(1) 某专项预算安排 614 万元,实际资金到” / “位及支出为 563.27 万元”).
_CLAUSE = re.compile(r"[，,；;]")


def _is_short_heading(text: str) -> bool:
    return bool(_HEADING.match(text)) and len(text) < 40 and not _CLAUSE.search(text)


@dataclass(frozen=True)
class Paragraph:
    text: str
    starts: tuple[int, ...]   # offsets where each source line begins
    lines: tuple[int, ...]    # the line number of each of those

    @property
    def line(self) -> int:
        return self.lines[0]

    def line_at(self, offset: int) -> int:
        return self.lines[max(0, bisect.bisect_right(self.starts, offset) - 1)]


def paragraphs(lines: list[tuple[int, str]], join_breaks: bool = True) -> list[Paragraph]:
    """Blocks of non-blank, non-table lines; lines inside a block are joined without a space."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, text in lines:
        if not text.strip() or "\t" in text:
            if current:
                blocks.append(current)
                current = []
            continue
        # A numbered heading starts a paragraph, and ends one, even without blank lines around it.
        if current and (_HEADING.match(text.strip()) or _HEADING.match(current[-1][1])) \
                and (current[-1][1].endswith(_ENDINGS) or len(current[-1][1]) < 40):
            blocks.append(current)
            current = []
        current.append((number, text.strip()))
    if current:
        blocks.append(current)
    merged: list[list[tuple[int, str]]] = []
    for block in blocks:
        if (
            join_breaks
            and merged
            and not merged[-1][-1][1].endswith(_ENDINGS)
            and len(merged[-1][-1][1]) >= 20
            and not (len(merged[-1]) == 1 and _is_short_heading(merged[-1][-1][1]))
            and not _HEADING.match(block[0][1])
            and block[0][0] - merged[-1][-1][0] <= 3
        ):
            merged[-1].extend(block)
        else:
            merged.append(list(block))
    result = []
    for block in merged:
        text = ""
        starts, numbers = [], []
        for number, line in block:
            starts.append(len(text))
            numbers.append(number)
            text += line
        result.append(Paragraph(text, tuple(starts), tuple(numbers)))
    return result
