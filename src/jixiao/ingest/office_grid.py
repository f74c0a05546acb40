"""Recover 自评表 evaluations from a grid of cells, whatever the office format.

The .xlsx, .docx and .pdf readers each turn their tables into a `Grid` (text per cell,
merged cells repeated into every position they cover, each cell with its Location), and
this module finds the form in it by its labels and header names, not by positions: so a
workbook jixiao wrote, one a finance office laid out by hand (other column order, headers
over two rows, 元 instead of 万元, numbers stored as text) and a table in a Word file are
all read the same way. Anything unreadable becomes a Finding at its cell."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import NOWHERE, Evaluation, FundLine, Funds, FundSource, Goal, Indicator, Kind, Location
from ..numbers import is_blank, normalize, parse_decimal, parse_unit, parse_value
from ..findings import Finding, make
from ..rules.text import read_rule_text

MAX_ROWS = 2000
MAX_COLS = 60


@dataclass(frozen=True)
class GridCell:
    text: str
    location: Location
    number: Decimal | None = None  # set when the source stored a number (not text)
    percent: bool = False  # the source displayed the number as a percentage
    spanned: bool = False  # a copy of a merged cell's value, not its first position


EMPTY = GridCell("", Location())


@dataclass
class Grid:
    """Rows of cells; `name` labels it in messages ('工作表“汇总”', '表2')."""

    rows: list[list[GridCell]]
    name: str = ""
    location: Location = field(default_factory=Location)

    def cell(self, row: int, col: int) -> GridCell:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return EMPTY


@dataclass(frozen=True)
class RowCells:
    """The cells an indicator row printed, for the audit (which checks what was printed)."""

    index: int
    weight: GridCell
    score: GridCell
    target: str
    actual: str
    level1: str
    level2: str


@dataclass(frozen=True)
class FundCells:
    """The cells a funds line printed beside its amounts: 分值, 执行率, 得分."""

    source: FundSource
    weight: GridCell | None
    rate: GridCell | None
    score: GridCell | None


@dataclass
class FormRead:
    evaluation: Evaluation | None
    findings: list[Finding]
    rows: list[RowCells] = field(default_factory=list)
    total: GridCell | None = None
    funds: list[FundCells] = field(default_factory=list)


def key(text: str) -> str:
    """Header/label text compared without spaces, line breaks or full-width brackets."""
    return re.sub(r"\s+", "", normalize(text or "")).replace("（", "(").replace("）", ")")


# Header names by field; the first name that a header contains wins, so longer names come first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标",),
    "level2": ("二级指标",),
    "name": ("三级指标", "指标名称"),
    "target": ("年度指标值", "年度目标值", "目标值", "指标值"),
    "actual": ("实际完成值", "实际完成情况", "实际值", "完成值"),
    "weight": ("标准分值", "分值", "权重"),
    "score": ("自评得分", "得分"),
    "reason": ("偏差原因", "原因分析", "改进措施"),
    "rule": ("评分细则", "评分标准", "评分规则"),
}
FUND_COLUMNS: dict[str, tuple[str, ...]] = {
    "initial_budget": ("年初预算",),
    "budget": ("全年预算", "调整后预算", "调整预算", "预算数"),
    "executed": ("全年执行", "执行数", "实际支出"),
    "weight": ("分值",),
    "rate": ("执行率",),
    "score": ("得分",),
}
FUND_SOURCES: tuple[tuple[FundSource, tuple[str, ...]], ...] = (
    (FundSource.CURRENT, ("当年财政拨款", "财政拨款")),
    (FundSource.CARRYOVER, ("上年结转",)),
    (FundSource.OTHER, ("其他资金",)),
    (FundSource.TOTAL, ("年度资金总额", "资金总额", "合计", "总计")),
)
TOTAL_LABELS = ("总分", "合计", "总计", "得分合计")
LEVEL_WEIGHT = re.compile(r"^(.*?)\((\d+(?:\.\d+)?)分\)$")
YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")


def _match(header: str, names: tuple[str, ...]) -> bool:
    return any(name in header for name in names)


def _field_of(header: str, table: dict[str, tuple[str, ...]]) -> str | None:
    if not header or "得分率" in header:
        return None
    for name, names in table.items():
        if _match(header, names):
            return name
    return None


def _columns(headers: list[str], table: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Field → column; the first column wins (a merged header repeats over its span)."""
    found: dict[str, int] = {}
    for col, header in enumerate(headers):
        name = _field_of(header, table)
        if name and name not in found:
            found[name] = col
    return found


def _row_keys(grid: Grid, row: int) -> list[str]:
    return [key(cell.text) for cell in grid.rows[row]] if row < len(grid.rows) else []


def _own_keys(grid: Grid, row: int) -> list[str]:
    """Keys of the cells that start in this row (not copies of a merged cell above)."""
    return [key(cell.text) for cell in grid.rows[row] if not cell.spanned] if row < len(grid.rows) else []


def _starts_goal_block(grid: Grid, row: int) -> bool:
    return any(k in ("预期目标", "年度总体目标") for k in _own_keys(grid, row))


def _is_header_row(grid: Grid, row: int) -> bool:
    keys = [k for k in _row_keys(grid, row) if k]
    named = {_field_of(k, COLUMNS) for k in keys} - {None}
    has_number = any(grid.cell(row, c).number is not None for c in range(len(grid.rows[row])))
    return len(named) >= 2 and not has_number


def _indicator_headers(grid: Grid, row: int) -> tuple[list[str], int] | None:
    """The header texts of an indicator block starting at `row` (joined with the next row
    when the header spans two), and the number of header rows; None if not a header."""
    if not _is_header_row(grid, row):
        return None
    first = _row_keys(grid, row)
    rows = 1
    headers = first
    if row + 1 < len(grid.rows) and _is_header_row(grid, row + 1):
        second = _row_keys(grid, row + 1)
        width = max(len(first), len(second))
        headers = [
            (first[c] if c < len(first) else "") + "|" + (second[c] if c < len(second) else "")
            for c in range(width)
        ]
        rows = 2
    columns = _columns(headers, COLUMNS)
    if "name" in columns and "weight" in columns:
        return headers, rows
    return None


def _number(cell: GridCell) -> Decimal:
    if cell.number is not None:
        return cell.number
    return parse_decimal(cell.text)


def _rate(cell: GridCell) -> Decimal:
    """执行率 as a fraction: 0.9174, '91.74%', or 91.74 in a cell meant as percent."""
    if cell.number is not None:
        return cell.number if cell.percent or abs(cell.number) <= Decimal("1.5") else cell.number / 100
    text = normalize(cell.text).replace(" ", "")
    if text.endswith("%"):
        return parse_decimal(text[:-1]) / 100
    value = parse_decimal(text)
    return value if abs(value) <= Decimal("1.5") else value / 100


class _FormReader:
    def __init__(self, grid: Grid):
        self.grid = grid
        self.findings: list[Finding] = []
        self.rows: list[RowCells] = []
        self.total: GridCell | None = None
        self.fund_cells: list[FundCells] = []
        self.count = 0

    def problem(self, code: str, message: str, location: Location | None) -> None:
        self.findings.append(Finding(code, message, location))

    # -- scalar look-ups -------------------------------------------------------------
    def find(self, predicate: Callable[[str], bool], rows: range | None = None) -> Iterator[tuple[int, int]]:
        for r in rows or range(len(self.grid.rows)):
            if r >= len(self.grid.rows):
                return
            for c, cell in enumerate(self.grid.rows[r]):
                if not cell.spanned and predicate(key(cell.text)):
                    yield r, c

    def labelled(self, *labels: str) -> tuple[str, Location | None]:
        """The value next to a label ('项目名称'), to its right or, on forms that print it
        on the next row, below; also 'label：value' in one cell."""
        for r, c in self.find(lambda k: any(k.startswith(label) for label in labels)):
            text = normalize(self.grid.cell(r, c).text)
            for label in labels:
                rest = re.sub(r"^" + r"\s*".join(label) + r"\s*[:：]?\s*", "", text)
                if rest != text and rest:
                    return rest, self.grid.cell(r, c).location
            own = key(self.grid.cell(r, c).text)
            for col in range(c + 1, len(self.grid.rows[r])):
                cell = self.grid.cell(r, col)
                if cell.text.strip() and key(cell.text) != own:
                    if _field_of(key(cell.text), {"l": ("主管部门", "实施单位", "项目名称")}):
                        break
                    return cell.text.strip(), cell.location
            below = [cell for cell in self.grid.rows[r + 1] if cell.text.strip()] if r + 1 < len(self.grid.rows) else []
            if below and len({key(cell.text) for cell in below}) == 1:
                return below[0].text.strip(), below[0].location
            return "", None
        return "", None

    # -- blocks ------------------------------------------------------------------------
    def funds(self) -> Funds:
        header = next(self.find(lambda k: "预算数" in k or "全年预算" in k), None)
        if header is None:
            return Funds()
        r0 = header[0]
        columns = _columns(_row_keys(self.grid, r0), FUND_COLUMNS)
        if "budget" not in columns or "executed" not in columns:
            return Funds()
        unit = self.fund_unit(r0)
        first_amount = min(columns.values())
        lines: list[FundLine] = []
        for r in range(r0 + 1, min(r0 + 7, len(self.grid.rows))):
            label = "".join(key(self.grid.cell(r, c).text) for c in range(first_amount)
                            if "项目资金" not in key(self.grid.cell(r, c).text))
            source = next((s for s, names in FUND_SOURCES if _match(label, names)), None)
            if source is None:
                if lines:
                    break
                continue
            if any(line.source == source for line in lines):
                continue
            line = self.fund_line(r, source, columns)
            # A source the form lists but leaves empty (printed "—") is not a line.
            if (line.initial_budget, line.budget, line.executed) != (None, None, None):
                lines.append(line)
        return Funds(unit=unit, lines=tuple(lines))

    def fund_unit(self, r0: int):
        for r in range(max(r0 - 1, 0), min(r0 + 6, len(self.grid.rows))):
            for cell in self.grid.rows[r]:
                k = key(cell.text)
                if "万元" in k:
                    return parse_unit("万元")
                if re.search(r"\(元\)|单位:元", k):
                    return parse_unit("元")
        return Funds().unit

    def fund_line(self, r: int, source: FundSource, columns: dict[str, int]) -> FundLine:
        values: dict[str, Decimal | None] = {}
        location = None
        for name, col in columns.items():
            cell = self.grid.cell(r, col)
            if name == "score" or location is None:
                location = cell.location
            if is_blank(cell.text) and cell.number is None:
                values[name] = None
                continue
            try:
                values[name] = _rate(cell) if name == "rate" else _number(cell)
            except ValueError as error:
                values[name] = None
                self.problem("cell-not-number", f"{source.value}的数值无法识别：{error}", cell.location)
        self.fund_cells.append(FundCells(source, *(self.grid.cell(r, columns[name]) if name in columns else None
                                                     for name in ("weight", "rate", "score"))))
        return FundLine(
            source,
            initial_budget=values.get("initial_budget"),
            budget=values.get("budget"),
            executed=values.get("executed"),
            reported_weight=values.get("weight"),
            reported_rate=values.get("rate"),
            reported_score=values.get("score"),
            location=location,
        )

    def goal_rows(self, r0: int, c_expected: int, c_actual: int) -> tuple[list[Goal], int]:
        goals: list[Goal] = []
        r = r0 + 1
        while r < len(self.grid.rows) and _indicator_headers(self.grid, r) is None:
            if _starts_goal_block(self.grid, r) or any(k in TOTAL_LABELS for k in _own_keys(self.grid, r)):
                break
            expected = self.grid.cell(r, c_expected)
            actual = self.grid.cell(r, c_actual)
            if expected.text.strip() or actual.text.strip():
                goals.append(Goal(expected.text.strip(), actual.text.strip() if actual is not expected else "",
                                  expected.location))
            r += 1
        return goals, r

    def read(self) -> Evaluation | None:
        grid = self.grid
        header_rows = [r for r in range(len(grid.rows)) if _indicator_headers(grid, r) is not None]
        if not header_rows:
            return None
        title = " ".join(cell.text for row in grid.rows[:3] for cell in row if cell.text)
        year_match = next((YEAR.search(cell.text) for row in grid.rows[:6] for cell in row
                           if YEAR.search(cell.text)), None)
        project, project_at = self.labelled("项目名称")
        department, _ = self.labelled("主管部门")
        unit, _ = self.labelled("实施单位", "单位名称")
        funds = self.funds()

        # Goal blocks and indicator blocks in document order; a department's table
        # repeats (goal, indicators) once per sub-goal.
        events: list[tuple[int, str, object]] = []
        for r, c in self.find(lambda k: k == "预期目标"):
            actual_col = next((col for col in range(c + 1, len(grid.rows[r]))
                               if key(grid.cell(r, col).text).startswith("实际完成")), c)
            goals, _ = self.goal_rows(r, c, actual_col)
            events.append((r, "goals", goals))
        skip: set[int] = set()
        for r in header_rows:
            if r in skip:
                continue
            headers, count = _indicator_headers(grid, r)
            skip.update(range(r, r + count))
            events.append((r, "indicators", (headers, r + count)))
        events.sort(key=lambda event: event[0])

        is_department = "部门整体支出" in title or "部门整体支出" in project
        goal_blocks = sum(1 for _, what, _ in events if what == "goals")
        goals: list[Goal] = []
        indicators: list[Indicator] = []
        declared: dict[str, Decimal] = {}
        reported_total: Decimal | None = None
        block_goal: int | None = None
        for _, what, payload in events:
            if what == "goals":
                goals.extend(payload)
                block_goal = len(goals) if payload else block_goal
                continue
            headers, start = payload
            goal = block_goal if (is_department or goal_blocks > 1) else None
            found, total = self.indicator_rows(start, _columns(headers, COLUMNS), goal, declared)
            indicators.extend(found)
            reported_total = total if total is not None else reported_total
        if not project:
            self.problem("form-no-project", "未找到“项目名称”", grid.location)
        return Evaluation(
            kind=Kind.DEPARTMENT if is_department or goal_blocks > 1 else Kind.PROJECT,
            project=project,
            unit=unit,
            department=department,
            year=int(year_match.group(1)) if year_match else None,
            funds=funds,
            goals=tuple(goals),
            indicators=tuple(indicators),
            reported_total=reported_total,
            declared_weights=tuple(declared.items()),
            location=project_at or grid.location,
        )

    def indicator_rows(self, start: int, columns: dict[str, int], goal: int | None,
                       declared: dict[str, Decimal]) -> tuple[list[Indicator], Decimal | None]:
        grid = self.grid
        found: list[Indicator] = []
        level1 = level2 = ""
        reported_total = None
        for r in range(start, len(grid.rows)):
            keys = _row_keys(grid, r)
            if _starts_goal_block(grid, r) or _indicator_headers(grid, r) is not None:
                break
            label_cols = [c for c in range(len(keys)) if c <= columns["name"]]
            if any(keys[c] in TOTAL_LABELS for c in label_cols):
                score_col = columns.get("score")
                cell = grid.cell(r, score_col) if score_col is not None else EMPTY
                if cell.text.strip() or cell.number is not None:
                    self.total = cell
                    try:
                        reported_total = _number(cell)
                    except ValueError as error:
                        self.problem("cell-not-number", f"总分无法识别：{error}", cell.location)
                break
            indicator = self.indicator(r, columns, goal, level1, level2, declared)
            if indicator is None:
                continue
            level1, level2 = indicator.level1, indicator.level2
            found.append(indicator)
            self.rows.append(RowCells(
                self.count, grid.cell(r, columns["weight"]),
                grid.cell(r, columns["score"]) if "score" in columns else EMPTY,
                indicator.target.text, indicator.actual.text,
                grid.cell(r, columns["level1"]).text if "level1" in columns else "",
                grid.cell(r, columns["level2"]).text if "level2" in columns else ""))
            self.count += 1
        return found, reported_total

    def indicator(self, r: int, columns: dict[str, int], goal: int | None, level1: str, level2: str,
                  declared: dict[str, Decimal]) -> Indicator | None:
        grid = self.grid

        def text(name: str) -> str:
            return grid.cell(r, columns[name]).text.strip() if name in columns else ""

        name_cell = grid.cell(r, columns["name"])
        weight_cell = grid.cell(r, columns["weight"])
        if not name_cell.text.strip() and not weight_cell.text.strip() and weight_cell.number is None:
            return None
        if name_cell.spanned and weight_cell.spanned:
            return None
        new_level1 = normalize(text("level1"))
        if new_level1:
            match = LEVEL_WEIGHT.match(key(new_level1))
            if match:
                new_level1 = match.group(1)
                declared_key = f"目标{goal}/{new_level1}" if goal is not None else new_level1
                declared.setdefault(declared_key, Decimal(match.group(2)))
            if new_level1 != level1:
                level2 = ""
            level1 = new_level1
        level2 = normalize(text("level2")) or level2
        score_cell = grid.cell(r, columns["score"]) if "score" in columns else EMPTY
        location = score_cell.location if "score" in columns else name_cell.location
        try:
            weight = _number(weight_cell)
        except ValueError:
            self.findings.append(make(
                "unreadable-row", location=weight_cell.location, reported=name_cell.text.strip(),
                derivation=f"指标“{name_cell.text.strip()}”的分值“{weight_cell.text.strip()}”无法识别"))
            return None
        reported = None
        if score_cell.text.strip() or score_cell.number is not None:
            try:
                reported = _number(score_cell)
            except ValueError:
                self.problem("cell-not-number",
                             f"指标“{name_cell.text.strip()}”的得分“{score_cell.text.strip()}”无法识别",
                             score_cell.location)
        rule, problem = read_rule_text(text("rule"), weight, name_cell.text.strip(),
                                       grid.cell(r, columns["rule"]).location if "rule" in columns else NOWHERE)
        if problem is not None:
            self.findings.append(problem)
        return Indicator(
            level1=level1,
            level2=level2,
            name=name_cell.text.strip(),
            target=parse_value(text("target")),
            actual=parse_value(text("actual")),
            weight=weight,
            rule=rule,
            reported_score=reported,
            deviation_reason=text("reason"),
            goal=goal,
            location=location,
        )


def read_form_cells(grid: Grid) -> FormRead:
    """The evaluation in `grid` (None when it holds no indicator table) with the cells it
    printed."""
    if len(grid.rows) > MAX_ROWS:
        return FormRead(None, [Finding("table-too-large", f"{grid.name}行数过多（{len(grid.rows)}行），未读取",
                                       grid.location)])
    reader = _FormReader(grid)
    evaluation = reader.read()
    return FormRead(evaluation, reader.findings, reader.rows, reader.total, reader.fund_cells)
