"""The 自评表 workbook: one sheet per evaluation, a summary sheet when there are several
(a department's package), a findings sheet when audited, and a hidden sheet with what the
printed form has no place for (kind, profile), so reading the file back loses nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..engine.result import EvaluationResult
from ..model import Kind
from .finding_rows import HEADERS as FINDING_HEADERS
from .finding_rows import finding_rows
from .xlsx_cache import fill_workbook
from .xlsx_department import write_department_sheets
from .xlsx_form import FormCells, grade_formula, set_cell, write_form
from .xlsx_style import BOLD, CENTER, HEADER_FILL, LEFT, SCORE_FORMAT, box, set_a4_landscape
from .yaml_writer import spec_params

META_SHEET = "_jixiao"
SUMMARY_SHEET = "汇总"
FINDINGS_SHEET = "审核发现"
SUMMARY_HEADERS = ("序号", "项目名称", "类型", "实施单位", "年度", "报告总分", "重算总分", "等级", "差异")
KIND_NAMES = {Kind.PROJECT: "项目支出", Kind.DEPARTMENT: "部门整体支出"}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_name(project: str, taken: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique."""
    base = _BAD_SHEET_CHARS.sub("", project).strip("'") or "自评表"
    base = base[:28]
    name, n = base, 2
    while name in taken or name in (SUMMARY_SHEET, FINDINGS_SHEET, META_SHEET):
        name = f"{base[:25]}({n})"
        n += 1
    taken.add(name)
    return name


def _put_row(ws: Worksheet, row: int, values: Sequence[object]) -> None:
    for col, value in enumerate(values, start=1):
        set_cell(ws.cell(row=row, column=col), value)


def _quote(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _summary(ws: Worksheet, forms: list[tuple[EvaluationResult, FormCells]]) -> dict:
    cache: dict = {}
    widths = (6, 36, 12, 30, 8, 10, 10, 8, 10)
    for col, (text, width) in enumerate(zip(SUMMARY_HEADERS, widths), start=1):
        cell = ws.cell(row=1, column=col, value=text)
        box(ws, cell.coordinate, font=BOLD, fill=HEADER_FILL)
        ws.column_dimensions[cell.column_letter].width = width
    for i, (result, cells) in enumerate(forms, start=1):
        row, ev = i + 1, result.evaluation
        _put_row(ws, row, (i, ev.project, KIND_NAMES[ev.kind], ev.unit, ev.year, ev.reported_total))
        ws[f"G{row}"] = f"={_quote(cells.sheet)}!{cells.total_score}"
        ws[f"H{row}"] = "=" + grade_formula(f"G{row}")
        ws[f"I{row}"] = f'=IF(N(F{row})=0,"",F{row}-G{row})' if ev.reported_total is not None else None
        cache[f"G{row}"] = result.total
        cache[f"H{row}"] = result.grade
        if ev.reported_total is not None:
            cache[f"I{row}"] = ev.reported_total - result.total
        for col in "ABCDEFGHI":
            box(ws, f"{col}{row}", align=LEFT if col in "BD" else CENTER)
        for col in "FGI":
            ws[f"{col}{row}"].number_format = SCORE_FORMAT
    ws.freeze_panes = "A2"
    set_a4_landscape(ws, "1:1")
    return cache


def _findings(ws: Worksheet, findings: Iterable[object]) -> None:
    widths = (6, 22, 8, 24, 20, 26, 12, 12, 36, 50)
    for col, (text, width) in enumerate(zip(FINDING_HEADERS, widths), start=1):
        cell = ws.cell(row=1, column=col, value=text)
        box(ws, cell.coordinate, font=BOLD, fill=HEADER_FILL)
        ws.column_dimensions[cell.column_letter].width = width
    for i, row in enumerate(finding_rows(findings), start=1):
        values = (i, row.code, row.severity_name, row.project, row.indicator, row.location,
                  row.reported, row.expected, row.derivation, row.message)
        _put_row(ws, i + 1, values)
        for col in range(1, len(values) + 1):
            box(ws, ws.cell(row=i + 1, column=col).coordinate, align=LEFT if col > 3 else CENTER)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{max(ws.max_row, 1)}"
    set_a4_landscape(ws, "1:1")


def _rule_json(spec) -> str:
    return json.dumps(spec_params(spec), ensure_ascii=False)


def _meta(ws: Worksheet, forms: list[tuple[EvaluationResult, FormCells]]) -> None:
    """Kind and profile per sheet, and the explicit rules (given by name, with no 评分细则
    text to print) by score cell."""
    rows: list[tuple] = [("sheet", "kind", "profile", "cell", "rule")]
    for result, cells in forms:
        rows.append((cells.sheet, result.evaluation.kind.value, result.evaluation.profile))
        for indicator_result, cell in cells.indicator_cells:
            spec = indicator_result.indicator.rule
            if spec is not None and not spec.text:
                rows.append((cells.sheet, None, None, cell, _rule_json(spec)))
    for row, values in enumerate(rows, start=1):
        _put_row(ws, row, values)
    ws.sheet_state = "veryHidden"


def write_xlsx(results: Sequence[EvaluationResult], path: str | Path,
               findings: Iterable[object] | None = None, claimed: bool = False) -> list[FormCells]:
    """Write the workbook; returns where each form's totals are (sheet and cells). `claimed`:
    the forms keep the scores the evaluations claim (see FormWriter)."""
    if not results:
        raise ValueError("no evaluation to write")
    workbook = Workbook()
    first = workbook.active
    taken: set[str] = set()
    forms: list[tuple[EvaluationResult, FormCells]] = []
    caches: list[dict] = []
    summary_ws = None
    if len(results) > 1:
        summary_ws = first
        summary_ws.title = SUMMARY_SHEET
        caches.append({})
    for index, result in enumerate(results):
        ws = first if index == 0 and summary_ws is None else workbook.create_sheet()
        ws.title = sheet_name(result.evaluation.project, taken)
        cells = write_form(ws, result, claimed)
        forms.append((result, cells))
        caches.append(cells.cache)
    caches += write_department_sheets(workbook, results)
    if summary_ws is not None:
        caches[0] = _summary(summary_ws, forms)
    findings = list(findings or ())
    if findings:
        _findings(workbook.create_sheet(FINDINGS_SHEET), findings)
        caches.append({})
    _meta(workbook.create_sheet(META_SHEET), forms)
    caches.append({})
    path = Path(path)
    workbook.save(path)
    fill_workbook(path, caches)
    return [cells for _, cells in forms]
