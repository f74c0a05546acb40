"""The parts of a self-evaluation report only people can write — what the unit did, what it
learned, what went wrong and why, what it will change — kept as the unit's own text.

The report writer prints these sections as written and never fills an empty one: it shows the
section empty, with a prompt naming the data the section should discuss (the indicators that
lost points, the execution shortfall). Plain records, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Location

# Section keys in the order a report prints them, with their Chinese titles.
SECTIONS: dict[str, str] = {
    "overview": "概况",                 # 单位/项目概况 beyond what the figures say
    "work": "工作开展情况",
    "experience": "主要经验及做法",
    "problems": "存在的问题及原因",
    "measures": "下一步改进措施",
    "suggestions": "有关建议",
}


@dataclass(frozen=True, slots=True)
class Prose:
    """The unit's own text by section key (see SECTIONS); a section may hold several
    paragraphs, one per line."""

    sections: tuple[tuple[str, str], ...] = ()
    location: Location | None = None

    def get(self, key: str) -> str:
        return next((text for name, text in self.sections if name == key), "").strip()

    def paragraphs(self, key: str) -> list[str]:
        return [line.strip() for line in self.get(key).splitlines() if line.strip()]

    @property
    def is_empty(self) -> bool:
        return not any(text.strip() for _, text in self.sections)


__all__ = ["SECTIONS", "Prose"]
