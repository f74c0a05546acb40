"""The department's own figures and the unit's own report text as a worksheet (部门整体数据):
a form to read and to fill offline, which the workbook reader reads back
(ingest/department_sheet.py) into the same `DepartmentFigures` and `Prose`.

Amounts are numbers with the format they were written in (3,431.89 → #,##0.00; 614 → 0), so
the sheet sums in Excel and reads back to the same text; an amount written with its own unit
(28887.98元) stays text. What the report states about a figure (占比, 为预算的…, 比预算增减…)
has its own columns, a decrease negative; those are kept to be checked, never computed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..department import DepartmentFigures, Figure, Item, Stated
from ..engine.result import EvaluationResult
from ..prose import SECTIONS, Prose
from .xlsx_form import set_cell
from .xlsx_style import BOLD, CENTER, HEADER_FILL, LEFT, TITLE, box, set_a4_landscape

SHEET_TITLE = "部门整体数据"
MARK = "部门整体支出基础数据"
STAFF_HEADERS = ("口径", "类别", "人数", "所属类别")
ITEM_HEADERS = ("分组", "名称", "年度", "年初预算数", "预算数", "实际支出数", "上年数", "次数", "人数",
                "报告所列占比", "报告所列为预算的", "报告所列比预算增减", "报告所列比上年增减", "报告所列比上年增减幅度",
                "报告所列人均", "说明")
STATED_COLUMNS = (("share", 10), ("budget_rate", 11), ("budget_diff", 12), ("yoy_diff", 13), ("yoy_rate", 14),
                  ("per_person", 15))
GROUPS = (("basic", "基本支出"), ("projects", "项目支出"), ("functional", "按功能分类"),
          ("three_public_total", "三公经费合计"), ("three_public", "三公经费"), ("activities", "其他支出"),
          ("procurement", "政府采购"), ("carryover", "结转结余"))
WIDTHS = (14, 26, 7, 11, 11, 11, 11, 6, 7, 10, 10, 11, 11, 12, 9, 40)


def _format(text: str, value: Decimal) -> str | None:
    """The number format that shows `value` as `text` was written; None when none does."""
    plain = text.replace(",", "")
    if plain != format(value, "f") and plain.lstrip("-") != format(abs(value), "f"):
        return None
    decimals = len(plain.split(".", 1)[1]) if "." in plain else 0
    if "," in text:
        return f"#,##0.{'0' * decimals}" if decimals else None
    return f"0.{'0' * decimals}" if decimals else "0"


def _put_figure(cell, figure: Figure | None) -> None:
    if figure is None:
        return
    number_format = _format(figure.text, figure.value) if figure.text else "General"
    if number_format is None:
        set_cell(cell, figure.text)
        return
    cell.value = figure.value
    cell.number_format = number_format


def _put_stated(cell, stated: Stated | None) -> None:
    if stated is None:
        return
    digits = stated.text.rstrip("%").replace(",", "")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    cell.value = stated.value
    fixed = "0" + ("." + "0" * decimals if decimals else "")
    cell.number_format = fixed + "%" if stated.percent else fixed


class _Sheet:
    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.row = 0

    def next(self) -> int:
        self.row += 1
        return self.row

    def label_row(self, label: str, value: str) -> None:
        row = self.next()
        set_cell(self.ws.cell(row, 1), label)
        set_cell(self.ws.cell(row, 2), value)
        self.ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=len(ITEM_HEADERS))
        box(self.ws, f"A{row}", font=BOLD, fill=HEADER_FILL)
        box(self.ws, f"B{row}:P{row}", align=LEFT)

    def section(self, title: str, headers: Sequence[str]) -> None:
        self.next()
        row = self.next()
        set_cell(self.ws.cell(row, 1), title)
        self.ws.cell(row, 1).font = BOLD
        row = self.next()
        for column, text in enumerate(headers, start=1):
            set_cell(self.ws.cell(row, column), text)
            box(self.ws, self.ws.cell(row, column).coordinate, font=BOLD, fill=HEADER_FILL)

    def values(self, values: Sequence[object], wide_last: bool = False) -> int:
        row = self.next()
        for column, value in enumerate(values, start=1):
            if value is not None:
                set_cell(self.ws.cell(row, column), value)
            box(self.ws, self.ws.cell(row, column).coordinate, align=LEFT if column in (2, 16) else CENTER)
        if wide_last:
            self.ws.merge_cells(start_row=row, start_column=len(values), end_row=row, end_column=len(ITEM_HEADERS))
        return row


def _item_row(sheet: _Sheet, group: str, item: Item) -> None:
    row = sheet.values((group, item.name, item.year, None, None, None, None, item.times, item.people,
                        None, None, None, None, None, None, item.note or None))
    ws = sheet.ws
    for column, figure in ((4, item.initial_budget), (5, item.budget), (6, item.actual), (7, item.last_year)):
        _put_figure(ws.cell(row, column), figure)
    for measure, column in STATED_COLUMNS:
        _put_stated(ws.cell(row, column), item.statement(measure))


def write_department_sheet(ws: Worksheet, project: str, figures: DepartmentFigures | None,
                           prose: Prose | None) -> None:
    sheet = _Sheet(ws)
    row = sheet.next()
    set_cell(ws.cell(row, 1), f"{MARK}（金额单位：{(figures.unit.text if figures else '万元')}）")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(ITEM_HEADERS))
    ws.cell(row, 1).font = TITLE
    ws.cell(row, 1).alignment = CENTER
    sheet.label_row("名称", project)
    if figures is not None:
        sheet.label_row("金额单位", figures.unit.text)
        sheet.label_row("共性指标框架", figures.framework)
        sheet.label_row("单位概况", figures.overview)
        for index, function in enumerate(figures.functions or ("",)):
            sheet.label_row("单位主要职能" if index == 0 else "", function)
        sheet.label_row("内设机构", "、".join(figures.institutions))
        sheet.label_row("重点项目", "、".join(figures.key_projects))
        sheet.section("人员情况", STAFF_HEADERS)
        staff = figures.staff
        if staff is not None:
            for label, total in (("编制数", staff.establishment), ("实有人数", staff.actual)):
                if total.total is not None:
                    sheet.values((label, "合计", total.total, None))
                for kind in total.kinds:
                    sheet.values((label, kind.kind, kind.count, kind.within or None))
            if staff.retired is not None:
                sheet.values(("离退休人员", "合计", staff.retired, None))
        sheet.section("支出情况", ITEM_HEADERS)
        if figures.spending_total is not None:
            row = sheet.values(("支出总额", "", *([None] * 14)))
            _put_figure(ws.cell(row, 6), figures.spending_total)
        for key, title in GROUPS:
            value = getattr(figures, key)
            for item in (value if isinstance(value, tuple) else (value,) if value is not None else ()):
                _item_row(sheet, title, item)
        if figures.inputs:
            sheet.section("共性指标其他输入", ("名称", "值"))
            for name, figure in figures.inputs:
                sheet.values((name, figure.text))
    if prose is not None and not prose.is_empty:
        sheet.section("报告文字", ("部分", "内容"))
        for key, title in SECTIONS.items():
            text = prose.get(key)
            if text:
                row = sheet.values((title, text), wide_last=True)
                ws.row_dimensions[row].height = min(409, 15 * (1 + len(text) // 60 + text.count("\n")))
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    set_a4_landscape(ws)


BLANK_ITEMS = (("基本支出", "人员经费"), ("基本支出", "公用经费"), ("项目支出", ""), ("按功能分类", ""),
               ("三公经费合计", "“三公”经费"), ("三公经费", "因公出国（境）费"), ("三公经费", "公务用车购置及运行维护费"),
               ("三公经费", "公务接待费"), ("其他支出", "会议费"), ("其他支出", "培训费"), ("政府采购", "政府采购"),
               ("结转结余", "结转结余"))


def write_blank_department_sheet(ws: Worksheet, year: int | None = None) -> None:
    """The sheet to fill offline, with the rows a department report needs and no value."""
    sheet = _Sheet(ws)
    row = sheet.next()
    set_cell(ws.cell(row, 1), f"{MARK}（金额单位：万元）")
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(ITEM_HEADERS))
    ws.cell(row, 1).font = TITLE
    ws.cell(row, 1).alignment = CENTER
    for label, value in (("名称", ""), ("金额单位", "万元"), ("共性指标框架", "national"), ("单位概况", ""),
                         ("单位主要职能", ""), ("内设机构", ""), ("重点项目", "")):
        sheet.label_row(label, value)
    sheet.section("人员情况", STAFF_HEADERS)
    for label, kind in (("编制数", "合计"), ("编制数", "行政编制"), ("编制数", "事业编制"), ("实有人数", "合计"),
                        ("实有人数", "行政编制"), ("实有人数", "事业编制"), ("离退休人员", "合计")):
        sheet.values((label, kind, None, None))
    sheet.section("支出情况", ITEM_HEADERS)
    sheet.values(("支出总额", "", *([None] * 14)))
    for group, name in BLANK_ITEMS:
        sheet.values((group, name or None, year if group == "其他支出" else None, *([None] * 13)))
    sheet.section("报告文字", ("部分", "内容"))
    for title in SECTIONS.values():
        row = sheet.values((title, None), wide_last=True)
        ws.row_dimensions[row].height = 60
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    set_a4_landscape(ws)


def write_department_sheets(workbook: Workbook, results: Sequence[EvaluationResult]) -> list[dict]:
    """A 部门整体数据 sheet for each evaluation that has figures or report text; one empty
    formula cache per sheet added (see xlsx_cache.fill_workbook)."""
    caches: list[dict] = []
    for result in results:
        evaluation = result.evaluation
        if evaluation.department_figures is None and (evaluation.prose is None or evaluation.prose.is_empty):
            continue
        title = SHEET_TITLE if SHEET_TITLE not in workbook.sheetnames else f"{SHEET_TITLE}({len(caches) + 1})"
        write_department_sheet(workbook.create_sheet(title), evaluation.project, evaluation.department_figures,
                               evaluation.prose)
        caches.append({})
    return caches


__all__ = ["MARK", "SHEET_TITLE", "write_blank_department_sheet", "write_department_sheet", "write_department_sheets"]
