"""The batch audit's summary workbook: a sheet with one row per document (or unreadable
file) — reported and recomputed totals, grade, findings by severity — and a sheet with
one row per finding, each with a frozen header row and an autofilter so a reviewer can
sort and filter a folder's results in Excel. Takes plain rows (see audit.batch.DocumentRow)
and finding objects, so this layer does not depend on the audit package."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..model import Location

from .finding_rows import SEVERITY_NAMES
from .xlsx_form import set_cell
from .xlsx_style import BOLD, CENTER, HEADER_FILL, LEFT, box, set_a4_landscape

DOCUMENTS_SHEET = "文件汇总"
FINDINGS_SHEET = "审核发现"
DOCUMENT_HEADERS = ("序号", "文件", "材料类型", "项目名称", "报告总分", "重算总分", "等级", "错误", "警告", "提示", "说明")
DOCUMENT_WIDTHS = (6, 40, 24, 36, 10, 10, 6, 6, 6, 6, 40)
FINDING_HEADERS = ("序号", "文件", "代码", "严重程度", "项目", "指标", "位置", "报告值", "应为", "说明")
FINDING_WIDTHS = (6, 40, 24, 8, 30, 24, 22, 14, 14, 60)


def _number(text: str | None) -> tuple[object, str]:
    """A total as a number (sortable in Excel) shown at its printed precision: 97 stays 97."""
    if text is None:
        return None, "General"
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text, "General"
    places = len(text.split(".", 1)[1]) if "." in text else 0
    return value, "0." + "0" * places if places else "0"


def location_text(location: object) -> str:
    """A finding's place inside its file (the file has its own column): `Location.where`;
    a JSON dict carries the whole description as `text`, the file as `file`."""
    if location is None:
        return ""
    if isinstance(location, dict):
        location = Location.from_dict(location)
    return location.where()


def _sheet(ws: Worksheet, headers: Sequence[str], widths: Sequence[int], rows: Iterable[Sequence[tuple]],
           left: set[int]) -> None:
    """Rows of (value, number_format) cells under a bold header."""
    for col, (text, width) in enumerate(zip(headers, widths), start=1):
        cell = ws.cell(row=1, column=col)
        set_cell(cell, text)
        box(ws, cell.coordinate, font=BOLD, fill=HEADER_FILL)
        ws.column_dimensions[get_column_letter(col)].width = width
    count = 0
    for count, row in enumerate(rows, start=1):
        for col, (value, number_format) in enumerate(row, start=1):
            cell = ws.cell(row=count + 1, column=col)
            set_cell(cell, value)
            box(ws, cell.coordinate, align=LEFT if col in left else CENTER)
            cell.number_format = number_format
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{count + 1}"
    set_a4_landscape(ws, "1:1")


def write_summary(path: str | Path, documents: Iterable[object], findings: Iterable[object]) -> Path:
    """Write the summary workbook. `documents` have file, kind, project, reported_total,
    recomputed_total, grade, errors, warnings, infos, note; `findings` are the audit's
    findings (objects or their JSON dicts)."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = DOCUMENTS_SHEET
    general = "General"

    def document_row(index: int, row) -> tuple:
        return ((index, general), (row.file, general), (row.kind, general), (row.project, general),
                _number(row.reported_total), _number(row.recomputed_total), (row.grade, general),
                (row.errors, "0"), (row.warnings, "0"), (row.infos, "0"), (row.note or None, general))

    _sheet(ws, DOCUMENT_HEADERS, DOCUMENT_WIDTHS,
           (document_row(i, row) for i, row in enumerate(documents, start=1)), left={2, 4, 11})

    def get(item, name):
        return item.get(name) if isinstance(item, dict) else getattr(item, name, None)

    def finding_row(index: int, item) -> tuple:
        location = get(item, "location")
        file = location.get("file") if isinstance(location, dict) else getattr(location, "file", None)
        severity = get(item, "severity")
        return ((index, general), (file, general), (get(item, "code"), general),
                (SEVERITY_NAMES.get(severity, severity), general), (get(item, "project") or None, general),
                (get(item, "indicator"), general), (location_text(location) or None, general),
                (get(item, "reported"), "@"), (get(item, "expected"), "@"), (get(item, "message"), general))

    _sheet(workbook.create_sheet(FINDINGS_SHEET), FINDING_HEADERS, FINDING_WIDTHS,
           (finding_row(i, item) for i, item in enumerate(findings, start=1)), left={2, 5, 6, 10})
    path = Path(path)
    workbook.save(path)
    return path


__all__ = ["DOCUMENT_HEADERS", "DOCUMENTS_SHEET", "FINDING_HEADERS", "FINDINGS_SHEET", "location_text",
           "write_summary"]
