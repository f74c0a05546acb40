"""Workbooks of the target declaration (项目支出绩效目标申报表) and the monitoring table
(项目支出绩效目标执行监控表), in the layout ingest/plan_xlsx.py reads back: the title, the header
fields by label, then the indicator table under its header row (and, for a declaration, the
approved adjustments below it). Drop-down lists guide the entries that have fixed choices;
the execution progress of a monitoring table is a live formula with its cached value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..decimals import short
from ..declaration import BASES, GRADE_WORDS, Declaration
from ..monitoring import CAUSES, LIKELIHOODS, MonitoringTable
from .xlsx_cache import fill_workbook
from .xlsx_form import set_cell
from .xlsx_style import BOLD, CENTER, HEADER_FILL, LEFT, SUBTITLE, TITLE, box, fit_row_height, set_a4_landscape

DECLARATION_HEADER = ("一级指标", "二级指标", "三级指标", "指标值", "分值", "指标值设定依据", "依据说明", "数据来源",
                      "取值方式", "达成标准", "部分达成标准", "未达成标准", "预算支出标准")
DECLARATION_WIDTHS = (12, 14, 26, 16, 7, 13, 18, 18, 18, 16, 16, 16, 14)
MONITORING_HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "分值", "截至目前完成值", "全年预计完成值",
                     "完成目标可能性", "偏差原因类型", "原因说明", "纠偏措施")
MONITORING_WIDTHS = (12, 14, 26, 15, 7, 15, 15, 14, 13, 28, 28)
METHOD_TITLES = {"unit": "单位预计", "linear": "按时间进度线性推算"}


def _title(ws: Worksheet, title: str, year: int | None, width: int) -> None:
    last = get_column_letter(width)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = title
    ws["A1"].font, ws["A1"].alignment = TITLE, CENTER
    ws.merge_cells(f"A2:{last}2")
    ws["A2"] = f"（{year}年度）" if year else "（年度）"
    ws["A2"].font, ws["A2"].alignment = SUBTITLE, CENTER
    ws.row_dimensions[1].height = 30


def _field(ws: Worksheet, row: int, label: str, value: object, first: int, span: int,
           formula: bool = False) -> None:
    """A label cell and its value merged over `span` columns (user text always as text)."""
    label_ref = f"{get_column_letter(first)}{row}"
    set_cell(ws[label_ref], label)
    box(ws, label_ref, font=BOLD, fill=HEADER_FILL)
    start, end = get_column_letter(first + 1), get_column_letter(first + span)
    if span > 1:
        ws.merge_cells(f"{start}{row}:{end}{row}")
    if formula:
        ws[f"{start}{row}"] = value
    else:
        set_cell(ws[f"{start}{row}"], value)
    box(ws, f"{start}{row}:{end}{row}" if span > 1 else f"{start}{row}", align=LEFT)


def _header(ws: Worksheet, row: int, labels: tuple[str, ...]) -> None:
    for index, label in enumerate(labels, start=1):
        ws.cell(row, index, label)
    box(ws, f"A{row}:{get_column_letter(len(labels))}{row}", font=BOLD, fill=HEADER_FILL)
    ws.row_dimensions[row].height = 32


def _widths(ws: Worksheet, widths: tuple[int, ...]) -> None:
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width


def _list(ws: Worksheet, choices: tuple[str, ...], ref: str, prompt: str) -> None:
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                showErrorMessage=False, promptTitle="可选", prompt=prompt)
    validation.add(ref)
    ws.add_data_validation(validation)


def _weight_text(level1: str, declared: dict[str, Decimal]) -> str:
    return f"{level1}（{short(declared[level1])}分）" if level1 in declared else level1


def declaration_sheet(ws: Worksheet, declaration: Declaration) -> None:
    width = len(DECLARATION_HEADER)
    _title(ws, "项目支出绩效目标申报表", declaration.year, width)
    _field(ws, 3, "项目名称", declaration.project, 1, 6)
    _field(ws, 3, "年度", declaration.year or "", 8, 1)
    _field(ws, 3, "批复文号", declaration.approval, 10, 3)
    _field(ws, 4, "主管部门", declaration.department, 1, 6)
    _field(ws, 4, "实施单位", declaration.unit, 8, 5)
    _field(ws, 5, "资金单位", declaration.funds_unit.text or "万元", 1, 1)
    _field(ws, 5, "年度资金总额", float(declaration.budget) if declaration.budget is not None else None, 3, 2)
    _field(ws, 5, "预算执行率分值", float(declaration.execution_weight), 6, 1)
    _field(ws, 5, "说明", declaration.note, 8, 5)
    row = 6
    for index, goal in enumerate(declaration.goals or ("",), start=1):
        _field(ws, row, f"年度目标{index}" if len(declaration.goals) > 1 else "年度目标", goal, 1, width - 1)
        fit_row_height(ws, row, [(goal, 150)])
        row += 1
    header = row
    _header(ws, header, DECLARATION_HEADER)
    declared = dict(declaration.declared_weights)
    for offset, indicator in enumerate(declaration.indicators, start=1):
        r = header + offset
        grades = dict(indicator.grades)
        values = (_weight_text(indicator.level1, declared), indicator.level2, indicator.name, indicator.target.text,
                  float(indicator.weight) if indicator.weight is not None else None, indicator.basis,
                  indicator.basis_note, indicator.data_source, indicator.method,
                  *(grades.get(word, "") for word in GRADE_WORDS),
                  indicator.standard.text if indicator.standard is not None else "")
        for column, value in enumerate(values, start=1):
            set_cell(ws.cell(r, column), value)
        box(ws, f"A{r}:{get_column_letter(width)}{r}", align=LEFT)
        ws.cell(r, 5).number_format = "0.##"
        fit_row_height(ws, r, list(zip((str(v or "") for v in values), DECLARATION_WIDTHS)))
    last = header + max(len(declaration.indicators), 1)
    _list(ws, BASES, f"F{header + 1}:F{last + 20}", "计划标准、行业标准、历史标准、预算支出标准或其他")
    row = last + 2
    ws.cell(row, 1, "调整批复")
    ws.cell(row, 1).font = BOLD
    row += 1
    for column, label in enumerate(("调整的指标", "调整后指标值", "调整后分值", "批复文号或依据"), start=1):
        ws.cell(row, column, label)
    box(ws, f"A{row}:D{row}", font=BOLD, fill=HEADER_FILL)
    for adjustment in declaration.adjustments:
        row += 1
        values = (adjustment.indicator, adjustment.target or "",
                  float(adjustment.weight) if adjustment.weight is not None else None, adjustment.approval)
        for column, value in enumerate(values, start=1):
            set_cell(ws.cell(row, column), value)
        box(ws, f"A{row}:D{row}", align=LEFT)
    _widths(ws, DECLARATION_WIDTHS)
    set_a4_landscape(ws, f"{header}:{header}")


def write_declaration(declaration: Declaration, path: str | Path) -> Path:
    path = Path(path)
    workbook = Workbook()
    ws = workbook.active
    ws.title = "绩效目标申报表"
    declaration_sheet(ws, declaration)
    workbook.save(path)
    return path


def monitoring_sheet(ws: Worksheet, table: MonitoringTable) -> dict[str, object]:
    """The sheet; returns the cached values of its formula cells."""
    width = len(MONITORING_HEADER)
    _title(ws, "项目支出绩效目标执行监控表", table.year, width)
    _field(ws, 3, "项目名称", table.project, 1, 5)
    _field(ws, 3, "年度", table.year or "", 7, 1)
    _field(ws, 3, "监控截止日期", table.as_of.isoformat(), 9, 2)
    _field(ws, 4, "主管部门", table.department, 1, 5)
    _field(ws, 4, "实施单位", table.unit, 7, 4)
    _field(ws, 5, "资金单位", table.funds_unit.text or "万元", 1, 1)
    _field(ws, 5, "全年预算数", float(table.budget) if table.budget is not None else None, 3, 1)
    _field(ws, 5, "预算执行数（截至监控日）", float(table.executed) if table.executed is not None else None, 5, 1)
    _field(ws, 5, "执行进度", "=IF(D5>0,F5/D5,\"\")", 7, 1, formula=True)
    ws["H5"].number_format = "0.00%"
    _field(ws, 5, "评分方案", table.profile, 9, 2)
    _field(ws, 6, "预警线", table.schedule, 1, 1)
    _field(ws, 6, "进度差距界线（百分点）", float(table.gap), 3, 1)
    _field(ws, 6, "全年预计推算方法", METHOD_TITLES.get(table.method, table.method), 5, 1)
    _field(ws, 6, "说明", table.note, 7, 4)
    fit_row_height(ws, 6, [(table.note, 60)])
    header = 8
    _header(ws, header, MONITORING_HEADER)
    for offset, indicator in enumerate(table.indicators, start=1):
        r = header + offset
        values = (indicator.level1, indicator.level2, indicator.name, indicator.target.text,
                  float(indicator.weight) if indicator.weight is not None else None, indicator.to_date.text,
                  indicator.forecast.text, indicator.likelihood, indicator.cause, indicator.explanation,
                  indicator.measure)
        for column, value in enumerate(values, start=1):
            set_cell(ws.cell(r, column), value)
        box(ws, f"A{r}:{get_column_letter(width)}{r}", align=LEFT)
        ws.cell(r, 5).number_format = "0.##"
        fit_row_height(ws, r, list(zip((str(v or "") for v in values), MONITORING_WIDTHS)))
    last = header + max(len(table.indicators), 1) + 20
    _list(ws, LIKELIHOODS, f"H{header + 1}:H{last}", "确定能、有可能或完全不可能")
    _list(ws, CAUSES, f"I{header + 1}:I{last}", "经费保障、制度保障、人员保障、硬件条件或其他")
    _widths(ws, MONITORING_WIDTHS)
    set_a4_landscape(ws, f"{header}:{header}")
    if table.budget is not None and table.budget > 0 and table.executed is not None:
        return {"H5": table.executed / table.budget}
    return {}


def write_monitoring(tables: list[MonitoringTable], path: str | Path) -> Path:
    """One sheet per table (a unit's projects at one date, or one project's dates)."""
    path = Path(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    caches = []
    taken: set[str] = set()
    for table in tables:
        name = _sheet_name(table.project, taken)
        caches.append(monitoring_sheet(workbook.create_sheet(name), table))
    if not tables:
        monitoring_sheet(workbook.create_sheet("绩效目标执行监控表"),
                         MonitoringTable(project="", as_of=date.today()))
        caches.append({})
    workbook.save(path)
    fill_workbook(path, caches)
    return path


def _sheet_name(project: str, taken: set[str]) -> str:
    base = "".join(ch for ch in (project or "监控表") if ch not in "[]:*?/\\")[:28] or "监控表"
    name, n = base, 2
    while name in taken:
        name, n = f"{base[:26]}{n}", n + 1
    taken.add(name)
    return name


__all__ = ["DECLARATION_HEADER", "MONITORING_HEADER", "declaration_sheet", "monitoring_sheet", "write_declaration",
           "write_monitoring"]
