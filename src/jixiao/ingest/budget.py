"""What reading one file may cost, whoever sent it (issue 15 §2).

A few kilobytes can declare gigabytes: a zip of empty cells, a PDF stream that inflates a
thousandfold, a table of 24 000 ruled cells. Size and page limits on the file alone do not stop
them, so every reader counts what it actually reads as it reads it, and stops the moment a
budget is spent: the file is refused with a message naming the budget, memory stays bounded
(readers stream; nothing beyond a budget is ever held) and so does time. The limits are far
above any real 自评表 or report (a province's largest forms use a few thousand cells and a few
hundred thousand characters) and far below what would hurt a server.
"""

from __future__ import annotations

import time

from ..findings import refuse
from ..model import Location

MB = 1024 * 1024
MAX_CELLS = 1_000_000          # cells of all sheets or tables of one file, empty ones included
MAX_CHARACTERS = 20_000_000    # characters of text (cell and paragraph text, shared strings)
MAX_INFLATED_BYTES = 60 * MB   # all parts of an .xlsx/.docx, or all streams of a PDF, inflated
MAX_PAGES = 300                # pages of a PDF
MAX_TABLE_CELLS = 20_000       # ruled cells of one PDF table (a 400×60 grid has 24 000)
MAX_SECONDS = 30.0             # reading one file, from its bytes to its grids

NAMES = {
    "cells": ("单元格数", "{:,}个"),
    "characters": ("文字数", "{:,}个字符"),
    "inflated": ("解压后大小", "{}"),
    "pages": ("页数", "{}页"),
    "table": ("单个表格的单元格数", "{:,}个"),
    "seconds": ("读取时间", "{:g}秒"),
}


def _size(value: int) -> str:
    return f"{value // MB} MB" if value >= MB else f"{max(value // 1024, 1)} KB"


def over_budget(budget: str, limit: float, location: Location, found: str = ""):
    """The InputError for a spent budget: 'file-over-budget', naming it and its limit."""
    name, form = NAMES[budget]
    shown = _size(int(limit)) if budget == "inflated" else form.format(limit)
    detail = f"（{found}）" if found else ""
    return refuse("file-over-budget", f"超出读取限额：{name}超过上限 {shown}{detail}，拒绝读取", location)


class Budget:
    """The budgets of reading one file, spent as it is read."""

    def __init__(self, location: Location, seconds: float | None = None, cells: int | None = None,
                 characters: int | None = None):
        # The limits are read when a file is opened, so a deployment (or a test) can set them.
        seconds = MAX_SECONDS if seconds is None else seconds
        cells = MAX_CELLS if cells is None else cells
        characters = MAX_CHARACTERS if characters is None else characters
        self.location = location
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.cells_left = cells
        self.cells_limit = cells
        self.characters_left = characters
        self.characters_limit = characters

    def spend_cells(self, count: int = 1) -> None:
        self.cells_left -= count
        if self.cells_left < 0:
            raise over_budget("cells", self.cells_limit, self.location)

    def spend_characters(self, count: int) -> None:
        self.characters_left -= count
        if self.characters_left < 0:
            raise over_budget("characters", self.characters_limit, self.location)

    def check_time(self) -> None:
        if time.monotonic() >= self.deadline:
            raise over_budget("seconds", self.seconds, self.location)


__all__ = ["Budget", "MAX_CELLS", "MAX_CHARACTERS", "MAX_INFLATED_BYTES", "MAX_PAGES", "MAX_SECONDS",
           "MAX_TABLE_CELLS", "over_budget"]
