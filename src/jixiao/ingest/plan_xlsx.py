"""Workbooks of the target declaration (项目支出绩效目标申报表) and the monitoring table
(项目支出绩效目标执行监控表), as jixiao writes them and as units fill them in by hand.

A workbook is recognised by its title (`workbook_kind`, from the shared strings alone, so a
self-evaluation workbook costs one small read). Header fields are found by their labels
anywhere above the indicator table; the table by its header row; columns by their header
words (synonyms below), so a form with extra or reordered columns still reads. Every value
keeps its sheet!cell, and every problem names it."""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from ..declaration import GRADE_WORDS, Adjustment, Declaration, DeclaredIndicator
from ..document import Package
from ..findings import Finding, InputError
from ..model import Kind, Value
from ..monitoring import CAUSES, LIKELIHOODS, METHODS, MonitoredIndicator, MonitoringTable
from ..numbers import is_blank, parse_decimal, parse_unit, parse_value
from ..profile import PROFILES
from .layout import key
from .office_grid import Grid, GridCell
from .office_guard import check_office_zip
from .plan_yaml import declaration_document, monitoring_document, parse_date
from .source import Source
from .xlsx import open_workbook, sheet_grid

DECLARATION_TITLES = ("绩效目标申报表",)
MONITORING_TITLES = ("绩效目标执行监控表", "绩效运行监控表", "执行监控表")
HEAD = 256 * 1024

# Header row of the indicator table: role → words a header cell contains (first match wins,
# longer words first where one contains another).
DECLARATION_COLUMNS = {
    "level1": ("一级指标",), "level2": ("二级指标",), "name": ("三级指标", "指标名称"),
    "basis_note": ("依据说明", "设定依据说明"), "basis": ("指标值设定依据", "设定依据", "指标值依据"),
    "standard": ("预算支出标准", "支出标准"),
    "target": ("年度指标值", "指标值", "目标值"), "weight": ("分值", "权重"),
    "data_source": ("数据来源",), "method": ("取值方式", "评价方式", "取值方法"),
    "grade_full": ("部分达成",), "grade_none": ("未达成",), "grade_met": ("达成",),
    "goal": ("所属目标", "子目标"),
}
GRADE_ROLES = {"grade_met": "达成", "grade_full": "部分达成", "grade_none": "未达成"}
MONITORING_COLUMNS = {
    "level1": ("一级指标",), "level2": ("二级指标",), "name": ("三级指标", "指标名称"),
    "target": ("年度指标值", "指标值", "目标值"), "weight": ("分值", "权重"),
    "to_date": ("截至目前完成值", "目前完成值", "累计完成值", "当前完成值", "完成情况"),
    "forecast": ("全年预计完成值", "全年预计", "预计完成值"),
    "likelihood": ("完成目标可能性", "可能性"),
    "cause": ("偏差原因类型", "原因类型"),
    "explanation": ("原因说明", "偏差原因说明", "偏差原因分析"),
    "measure": ("纠偏措施", "整改措施", "改进措施"),
}
# Header fields: label words → field.
DECLARATION_LABELS = {"项目名称": "project", "主管部门": "department", "实施单位": "unit", "年度资金总额": "budget",
                      "批复文号": "approval", "预算执行率分值": "execution_weight", "年度": "year",
                      "资金单位": "funds_unit", "说明": "note"}
MONITORING_LABELS = {"项目名称": "project", "主管部门": "department", "实施单位": "unit", "全年预算数": "budget",
                     "预算执行数": "executed", "监控截止日期": "as_of", "年度": "year", "资金单位": "funds_unit",
                     "评分方案": "profile", "预警线": "schedule", "进度差距界线": "gap", "全年预计推算方法": "method",
                     "说明": "note"}
METHOD_WORDS = {"单位预计": "unit", "按时间进度线性推算": "linear", "unit": "unit", "linear": "linear"}
_POINTS = re.compile(r"[（(]\s*([0-9.]+)\s*分\s*[）)]")


def workbook_kind(source: Source) -> str | None:
    """'declaration' or 'monitoring' when the workbook's title says so; None otherwise (a
    self-evaluation, or not a workbook jixiao can tell from its strings). Only the shared
    strings and the start of the first sheets are read (a title sits in their first rows),
    each at most HEAD bytes, so a large self-evaluation costs little."""
    texts = []
    try:
        with zipfile.ZipFile(source.stream()) as archive:
            names = [n for n in archive.namelist() if n == "xl/sharedStrings.xml"
                     or re.fullmatch(r"xl/worksheets/sheet[1-3]\.xml", n)]
            for name in names:
                with archive.open(name) as member:
                    texts.append(member.read(HEAD).decode("utf-8", errors="ignore"))
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    # openpyxl writes inline strings as character references (&#39033;…): undo them.
    text = html.unescape("".join(texts))
    if any(title in text for title in MONITORING_TITLES):
        return "monitoring"
    if any(title in text for title in DECLARATION_TITLES):
        return "declaration"
    return None


@dataclass
class _Table:
    grid: Grid
    header: int                        # row index of the header
    columns: dict[str, int]
    fields: dict[str, GridCell]        # header fields above the table


def _columns(cells: list[GridCell], roles: dict[str, tuple[str, ...]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        text = key(cell.text)
        if not text or cell.spanned:
            continue
        for role, words in roles.items():
            if role not in found and any(word in text for word in words):
                found[role] = index
                break
    return found


def _field_cells(grid: Grid, rows: range, labels: dict[str, str]) -> dict[str, GridCell]:
    """Each label's value: the next cell of its own to its right on the same row."""
    fields: dict[str, GridCell] = {}
    for r in rows:
        row = grid.rows[r]
        for c, cell in enumerate(row):
            text = key(cell.text).rstrip(":")
            text = re.sub(r"[（(].*?[）)]", "", text)
            name = labels.get(text)
            if name is None or name in fields or cell.spanned:
                continue
            # The value is the next cell of its own (a merged label's copies are skipped); a blank
            # one is a value left blank, never the next label's.
            for following in row[c + 1:]:
                if following.spanned and key(following.text) == key(cell.text):
                    continue
                if following.text.strip():
                    fields[name] = following
                break
    return fields


def _table(grid: Grid, roles: dict[str, tuple[str, ...]], labels: dict[str, str], what: str) -> _Table:
    for r, row in enumerate(grid.rows):
        columns = _columns(row, roles)
        if "name" in columns and "target" in columns:
            return _Table(grid, r, columns, _field_cells(grid, range(0, r), labels))
    raise InputError(Finding("form-not-found", f"{grid.name}中未找到{what}的指标表（应有“三级指标”“指标值”等列）",
                             grid.location))


class _Cells:
    """Typed values from cells, every problem located at its cell."""

    def __init__(self) -> None:
        self.errors: list[Finding] = []

    def text(self, cell: GridCell | None) -> str:
        return "" if cell is None else cell.text.strip()

    def decimal(self, cell: GridCell | None, what: str) -> Decimal | None:
        if cell is None or is_blank(cell.text):
            return None
        if cell.number is not None and not cell.percent:
            return cell.number
        try:
            number = parse_decimal(cell.text.replace("%", "").strip()) if not cell.percent else cell.number
        except ValueError:
            self.errors.append(Finding("not-a-number", f"{what}“{cell.text}”不是数字", cell.location))
            return None
        if number is not None and number < 0:
            self.errors.append(Finding("negative-number", f"{what}“{cell.text}”不能为负数", cell.location))
            return None
        return number

    def choice(self, cell: GridCell | None, what: str, choices: tuple[str, ...]) -> str:
        value = self.text(cell)
        if value and value not in choices:
            self.errors.append(Finding("schema", f"{what}“{value}”不在可选范围内（可选：{'、'.join(choices)}）",
                                       cell.location))
            return ""
        return value

    def raise_errors(self) -> None:
        if self.errors:
            raise InputError(self.errors)


def _row_cell(row: list[GridCell], columns: dict[str, int], role: str) -> GridCell | None:
    index = columns.get(role)
    return row[index] if index is not None and index < len(row) else None


def _level(text: str) -> tuple[str, Decimal | None]:
    """'产出指标（50分）' → ('产出指标', 50)."""
    match = _POINTS.search(text)
    points = Decimal(match.group(1)) if match else None
    return _POINTS.sub("", text).strip(), points


def _year(cells: _Cells, fields: dict[str, GridCell], grid: Grid) -> int | None:
    cell = fields.get("year")
    text = cells.text(cell)
    if not text:
        for row in grid.rows[:4]:
            for candidate in row:
                match = re.search(r"(\d{4})\s*年度", candidate.text)
                if match:
                    return int(match.group(1))
        return None
    match = re.fullmatch(r"(\d{4})(年度?)?", text.replace(" ", ""))
    if not match:
        cells.errors.append(Finding("not-a-year", f"年度“{text}”不是四位数字", cell.location))
        return None
    return int(match.group(1))


def _rows(table: _Table):
    """The indicator rows below the header, up to the first row that is not one (a blank row,
    or the next section's header)."""
    grid, columns = table.grid, table.columns
    for r in range(table.header + 1, len(grid.rows)):
        row = grid.rows[r]
        name = _row_cell(row, columns, "name")
        first = key(row[0].text) if row else ""
        if first.startswith(("调整", "说明", "注")) and (name is None or name.spanned or not name.text):
            return
        if name is None or not name.text.strip():
            if all(not cell.text.strip() for cell in row):
                return
            continue
        yield r, row


def read_declaration_grid(grid: Grid) -> Declaration:
    table = _table(grid, DECLARATION_COLUMNS, DECLARATION_LABELS, "绩效目标申报表")
    cells, fields, columns = _Cells(), table.fields, table.columns
    indicators: list[DeclaredIndicator] = []
    declared: dict[str, Decimal] = {}
    last_row = table.header
    for r, row in _rows(table):
        last_row = r
        level1, points = _level(cells.text(_row_cell(row, columns, "level1")))
        if points is not None and level1:
            declared.setdefault(level1, points)
        name_cell = _row_cell(row, columns, "name")
        grades = tuple((word, cells.text(_row_cell(row, columns, role)))
                       for role, word in GRADE_ROLES.items() if cells.text(_row_cell(row, columns, role)))
        grades = tuple(sorted(grades, key=lambda g: GRADE_WORDS.index(g[0])))
        standard = cells.text(_row_cell(row, columns, "standard"))
        goal_text = cells.text(_row_cell(row, columns, "goal"))
        indicators.append(DeclaredIndicator(
            level1=level1, level2=_level(cells.text(_row_cell(row, columns, "level2")))[0],
            name=name_cell.text.strip(),
            target=parse_value(cells.text(_row_cell(row, columns, "target"))),
            weight=cells.decimal(_row_cell(row, columns, "weight"), f"指标“{name_cell.text.strip()}”的分值"),
            basis=cells.text(_row_cell(row, columns, "basis")),
            basis_note=cells.text(_row_cell(row, columns, "basis_note")),
            data_source=cells.text(_row_cell(row, columns, "data_source")),
            method=cells.text(_row_cell(row, columns, "method")),
            grades=grades,
            standard=parse_value(standard) if standard else None,
            goal=int(goal_text) if goal_text.isdigit() and int(goal_text) > 0 else None,
            location=name_cell.location,
        ))
    adjustments = _adjustments(grid, last_row + 1, cells)
    goals = tuple(cell.text.strip() for r in range(table.header) for c, cell in enumerate(grid.rows[r])
                  if c > 0 and not cell.spanned and cell.text.strip()
                  and key(grid.rows[r][0].text).startswith("年度目标"))
    declaration = Declaration(
        project=cells.text(fields.get("project")),
        unit=cells.text(fields.get("unit")),
        department=cells.text(fields.get("department")),
        year=_year(cells, fields, grid),
        kind=Kind.PROJECT,
        funds_unit=parse_unit(cells.text(fields.get("funds_unit")) or _unit_in_labels(grid, table.header)),
        budget=cells.decimal(fields.get("budget"), "年度资金总额"),
        goals=goals,
        indicators=tuple(indicators),
        declared_weights=tuple(declared.items()),
        execution_weight=cells.decimal(fields.get("execution_weight"), "预算执行率分值") or Decimal(10),
        approval=cells.text(fields.get("approval")),
        adjustments=adjustments,
        note=cells.text(fields.get("note")),
        location=grid.location,
    )
    if not declaration.project:
        cells.errors.append(Finding("missing-field", "申报表未填写项目名称", grid.location))
    if not indicators:
        cells.errors.append(Finding("form-empty", "申报表的指标表中没有指标", grid.location))
    cells.raise_errors()
    return declaration


def _unit_in_labels(grid: Grid, before: int) -> str:
    for row in grid.rows[:before]:
        for cell in row:
            if "元" in cell.text and ("资金" in cell.text or "金额" in cell.text):
                match = re.search(r"[（(]\s*(万元|元|亿元)\s*[）)]", cell.text)
                if match:
                    return match.group(1)
    return "万元"


def _adjustments(grid: Grid, start: int, cells: _Cells) -> tuple[Adjustment, ...]:
    """The 调整批复 block below the indicators: its own header row, then one row per change."""
    roles = {"indicator": ("调整的指标", "指标名称"), "target": ("调整后指标值",), "weight": ("调整后分值",),
             "approval": ("批复文号", "批准依据", "批复依据")}
    for r in range(start, len(grid.rows)):
        columns = _columns(grid.rows[r], roles)
        if "indicator" in columns and "approval" in columns:
            found = []
            for row in grid.rows[r + 1:]:
                name = _row_cell(row, columns, "indicator")
                if name is None or not name.text.strip():
                    break
                approval = _row_cell(row, columns, "approval")
                if approval is None or not approval.text.strip():
                    cells.errors.append(Finding("missing-field", f"调整“{name.text.strip()}”未写批复文号或依据",
                                                name.location))
                    continue
                target = cells.text(_row_cell(row, columns, "target"))
                found.append(Adjustment(name.text.strip(), approval.text.strip(), target or None,
                                        cells.decimal(_row_cell(row, columns, "weight"), "调整后分值"),
                                        name.location))
            return tuple(found)
    return ()


def read_monitoring_grid(grid: Grid) -> MonitoringTable:
    table = _table(grid, MONITORING_COLUMNS, MONITORING_LABELS, "绩效目标执行监控表")
    cells, fields, columns = _Cells(), table.fields, table.columns
    indicators: list[MonitoredIndicator] = []
    previous = ("", "")
    for _, row in _rows(table):
        level1 = _level(cells.text(_row_cell(row, columns, "level1")))[0] or previous[0]
        level2 = _level(cells.text(_row_cell(row, columns, "level2")))[0] or previous[1]
        previous = (level1, level2)
        name_cell = _row_cell(row, columns, "name")
        name = name_cell.text.strip()
        indicators.append(MonitoredIndicator(
            level1=level1, level2=level2, name=name,
            target=parse_value(cells.text(_row_cell(row, columns, "target"))),
            weight=cells.decimal(_row_cell(row, columns, "weight"), f"指标“{name}”的分值"),
            to_date=_value(_row_cell(row, columns, "to_date")),
            forecast=_value(_row_cell(row, columns, "forecast")),
            likelihood=cells.choice(_row_cell(row, columns, "likelihood"), f"指标“{name}”的完成目标可能性", LIKELIHOODS),
            cause=cells.choice(_row_cell(row, columns, "cause"), f"指标“{name}”的偏差原因类型", CAUSES),
            explanation=cells.text(_row_cell(row, columns, "explanation")),
            measure=cells.text(_row_cell(row, columns, "measure")),
            location=name_cell.location,
        ))
    as_of_cell = fields.get("as_of")
    as_of = parse_date(cells.text(as_of_cell))
    if as_of is None:
        where = as_of_cell.location if as_of_cell is not None else grid.location
        shown = cells.text(as_of_cell)
        cells.errors.append(Finding("not-a-date", f"监控截止日期“{shown}”不是日期（应写作 2019-07-31）" if shown
                                    else "监控表未填写监控截止日期", where))
    year = _year(cells, fields, grid)
    profile = cells.text(fields.get("profile")) or "national"
    if profile not in PROFILES:
        cells.errors.append(Finding("unknown-profile", f"未知的评分方案“{profile}”，可用：{'、'.join(PROFILES)}",
                                    fields["profile"].location))
        profile = "national"
    method_text = cells.text(fields.get("method"))
    method = METHOD_WORDS.get(method_text, "")
    if method_text and not method:
        cells.errors.append(Finding("schema", f"全年预计推算方法“{method_text}”不在可选范围内（可选：单位预计、按时间进度线性推算）",
                                    fields["method"].location))
    gap = cells.decimal(fields.get("gap"), "进度差距界线")
    budget_cell, executed_cell = fields.get("budget"), fields.get("executed")
    monitoring = MonitoringTable(
        project=cells.text(fields.get("project")),
        as_of=as_of or _placeholder_date(year),
        unit=cells.text(fields.get("unit")),
        department=cells.text(fields.get("department")),
        year=year if year is not None else (as_of.year if as_of else None),
        funds_unit=parse_unit(cells.text(fields.get("funds_unit")) or "万元"),
        budget=cells.decimal(budget_cell, "全年预算数"),
        executed=cells.decimal(executed_cell, "预算执行数"),
        indicators=tuple(indicators),
        profile=profile,
        schedule=_schedule(cells, fields.get("schedule")),
        gap=gap if gap is not None else Decimal(10),
        method=method or "unit",
        note=cells.text(fields.get("note")),
        location=grid.location,
        budget_location=budget_cell.location if budget_cell else None,
        executed_location=executed_cell.location if executed_cell else None,
    )
    assert set(METHODS) >= {monitoring.method}
    if not monitoring.project:
        cells.errors.append(Finding("missing-field", "监控表未填写项目名称", grid.location))
    cells.raise_errors()
    return monitoring


def _schedule(cells: _Cells, cell: GridCell | None) -> str:
    from ..monitor.schedule import SCHEDULES

    name = cells.text(cell) or "national"
    if name not in SCHEDULES:
        cells.errors.append(Finding("schema", f"未知的预警线“{name}”，可用：{'、'.join(SCHEDULES)}", cell.location))
        return "national"
    return name


def _value(cell: GridCell | None) -> Value:
    if cell is None:
        return Value("")
    return parse_value(cell.text)


def _placeholder_date(year: int | None):
    from datetime import date

    return date(year or 2000, 1, 1)


def read_package(source: Source, kind: str) -> Package:
    """Every sheet of the workbook that holds a table of this kind (other sheets are skipped)."""
    check_office_zip(source, "Excel")
    workbook = open_workbook(source)
    documents = []
    problems: list[Finding] = []
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":
            continue
        grid = sheet_grid(ws, source.name)
        try:
            if kind == "declaration":
                documents.append(declaration_document(read_declaration_grid(grid), source.name))
            else:
                documents.append(monitoring_document(read_monitoring_grid(grid), source.name))
        except InputError as error:
            if all(f.code == "form-not-found" for f in error.findings):
                continue  # a sheet of notes, or the 填表说明
            problems.extend(error.findings)
    if problems:
        raise InputError(problems)
    if not documents:
        what = "绩效目标申报表" if kind == "declaration" else "绩效目标执行监控表"
        raise InputError(Finding("form-not-found", f"工作簿中未找到{what}的指标表", source.location))
    return Package(source.name, tuple(documents))


__all__ = ["DECLARATION_TITLES", "MONITORING_TITLES", "read_declaration_grid", "read_monitoring_grid",
           "read_package", "workbook_kind"]


def plan_package(source: Source) -> Package | None:
    """The workbook's declaration or monitoring tables; None when it holds neither (the
    self-evaluation reader takes it then)."""
    kind = workbook_kind(source) if source.data.startswith(b"PK") else None
    return read_package(source, kind) if kind else None
