"""A plain table as a workbook: a header row and rows of text or numbers, every text kept as
text (never a formula), frozen header, auto-filter, column widths. For lists a user exports
from the web app (a project's findings with the reviewer's marks)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from .xlsx_form import set_cell
from .xlsx_style import BOLD, CENTER, HEADER_FILL, LEFT, box, set_a4_landscape


def write_table(path: str | Path, sheet: str, headers: Sequence[str], rows: Sequence[Sequence[object]],
                widths: Sequence[int] | None = None) -> Path:
    workbook = Workbook()
    ws = workbook.active
    ws.title = sheet[:31]
    for col, text in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=col)
        set_cell(cell, text)
        box(ws, cell.coordinate, font=BOLD, fill=HEADER_FILL)
        if widths and col <= len(widths):
            ws.column_dimensions[cell.column_letter].width = widths[col - 1]
    for r, values in enumerate(rows, start=2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=col)
            set_cell(cell, value)
            box(ws, cell.coordinate, align=LEFT if isinstance(value, str) and len(value) > 8 else CENTER)
    ws.freeze_panes = "A2"
    last = ws.cell(row=1, column=max(len(headers), 1)).column_letter
    ws.auto_filter.ref = f"A1:{last}{max(ws.max_row, 1)}"
    set_a4_landscape(ws, "1:1")
    path = Path(path)
    workbook.save(path)
    return path
