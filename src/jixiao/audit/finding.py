"""A finding: one inconsistency, where it is, what was printed, what it should be, why."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Location
from .catalog import entry

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    project: str
    indicator: str | None
    location: Location
    reported: str | None
    expected: str | None
    derivation: str
    message: str

    @property
    def title(self) -> str:
        return entry(self.code).title

    def sort_key(self) -> tuple:
        """Document order: file, then sheet/page/table, then row and column of the cell or the line."""
        where = self.location
        row, column = _cell_position(where.cell)
        return (
            where.file or "",
            where.sheet or "",
            where.page or 0,
            where.table or 0,
            where.line or 0,
            row,
            column,
            SEVERITY_ORDER[self.severity],
            self.code,
        )

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "project": self.project,
            "indicator": self.indicator,
            "location": self.location.as_dict(),
            "reported": self.reported,
            "expected": self.expected,
            "derivation": self.derivation,
            "message": self.message,
        }


def make(
    code: str,
    *,
    project: str,
    location: Location,
    indicator: str | None = None,
    reported: object = None,
    expected: object = None,
    derivation: str = "",
    severity: str | None = None,
    **extra: object,
) -> Finding:
    """A finding from its catalog entry; the message is the entry's template filled in."""
    item = entry(code)
    fields = _Blank(
        project=project,
        indicator=indicator or "",
        reported="" if reported is None else str(reported),
        expected="" if expected is None else str(expected),
        derivation=derivation,
        where=extra.pop("where", f"指标“{indicator}”" if indicator else ""),
        **{k: str(v) for k, v in extra.items()},
    )
    return Finding(
        code=code,
        severity=severity or item.severity,
        project=project,
        indicator=indicator,
        location=location,
        reported=None if reported is None else str(reported),
        expected=None if expected is None else str(expected),
        derivation=derivation,
        message=item.template.format_map(fields),
    )


_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def _cell_position(cell: str | None) -> tuple[int, int]:
    """'H25' → (25, 8), so that H9 sorts before H25 and A25 before H25."""
    match = _CELL.match(cell or "")
    if not match:
        return (0, 0)
    letters, digits = match.groups()
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return (int(digits), column)
