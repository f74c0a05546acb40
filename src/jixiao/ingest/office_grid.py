"""Recover 自评表 evaluations from a grid of cells, whatever the office format and whatever the
province's layout.

The .xlsx, .docx and .pdf readers each turn their tables into a `Grid` (text per cell, merged
cells repeated into every position they cover, each cell with its Location). This module
finds the form in it by the layout's vocabulary (ingest/layouts/*.yaml: labels, header
names, funds rows, where the total lives, how weights are given), never by positions: so a
workbook jixiao wrote, a county's hand-made sheet, a Sichuan form with 指标性质 and 度量单位
columns, a Hubei form whose weights sit on its goal blocks and a table in a Word file are all
read the same way. Reading is complete or says what it could not read: a block or a column
the layout expects but cannot find, a cell that is not a number, a row that cannot be placed,
each is a finding at its location — never a silent zero."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import Finding, make
from ..model import NOWHERE, Evaluation, FundLine, Funds, FundSource, Goal, Indicator, Kind, Location, Unit
from ..numbers import RATE, is_blank, normalize, parse_decimal, parse_quantity, parse_unit, parse_value, require
from ..rules.text import read_rule_text
from .layout import Detection, Layout, detect, key, strip_template

MAX_ROWS = 2000
AMOUNTS = ("initial_budget", "budget", "executed")
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
    notes: list[str] = field(default_factory=list)   # text printed after the table, outside it (注：…)

    def cell(self, row: int, col: int) -> GridCell:
        if 0 <= row < len(self.rows) and 0 <= col < len(self.rows[row]):
            return self.rows[row][col]
        return EMPTY

    def texts(self) -> list[str]:
        """Everything the form prints, for recognising its layout."""
        return [cell.text for row in self.rows for cell in row if cell.text and not cell.spanned] + self.notes


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
    amounts: dict[str, GridCell] = field(default_factory=dict)   # initial_budget, budget, executed


@dataclass
class FormRead:
    evaluation: Evaluation | None
    findings: list[Finding]
    rows: list[RowCells] = field(default_factory=list)
    total: GridCell | None = None
    funds: list[FundCells] = field(default_factory=list)
    detection: Detection | None = None
    total_weight: GridCell | None = None   # the 分值 the 总分/合计 row prints (the weights' sum)
    declared_at: dict[str, Location] = field(default_factory=dict)   # where each block's points are printed
    table_end: Location | None = None
    cut_at: Location | None = None          # the text stops inside this row: the table is incomplete


# “产出指标（50分）”, “年度绩效目标1（40分）”, “预算执行情况（万元）（20分）”: a label and its points.
_POINTS = re.compile(r"\((\d+(?:\.\d+)?)分\)")
_GOAL_BLOCK = re.compile(r"年度绩效目标(\d*)(?:\((\d+(?:\.\d+)?)分\))?")
_YEAR = re.compile(r"((?:19|20)\d{2})年(?:度|\))")
_TEXT_TOTAL = re.compile(r"(?:自评)?(?:总分|总得分|得分)(?:为|是|:)?(\d+(?:\.\d+)?)分")
_BLANKS = ("/", "／", "—", "–", "-", "－", "——")


def _points(text: str) -> tuple[str, Decimal | None]:
    """'产出指标(50分)' (keyed) → ('产出指标', 50)."""
    match = _POINTS.search(text)
    if not match:
        return text, None
    return (text[: match.start()] + text[match.end():]).strip(), Decimal(match.group(1))


_NEXT_LABEL = re.compile(r"\s+(?=[^\s:：]{2,10}[:：])")


def _is_label(text: str, label: str) -> bool:
    """`text` starts with the header label `label`. A short label (部门) glued to more text
    is another word (部门整体支出绩效自评表), unless a colon or a bracket follows it."""
    if not text.startswith(label):
        return False
    return len(label) >= 4 or len(text) == len(label) or text[len(label)] in ":("


def _blank(cell: GridCell) -> bool:
    return cell.number is None and (is_blank(cell.text) or cell.text.strip() in _BLANKS)


def _number(cell: GridCell) -> Decimal:
    if cell.number is not None:
        return require(cell.number, written=False)  # the numeric domain, docs/numbers.md
    return parse_decimal(cell.text)


def _points_in(cell: GridCell) -> Decimal:
    """A 分值, 得分 or 总分: a number, or one written with its unit 分 (`10分`, `9.5 分`)."""
    try:
        return _number(cell)
    except ValueError:
        text = normalize(cell.text).strip()
        if not text.endswith("分"):
            raise
        return parse_decimal(text[:-1])


def _amount(cell: GridCell, unit: Unit) -> Decimal:
    """A funds amount in the block's unit. A cell may carry its own money unit (`150万` or
    `1500000元` under （万元）, 鄂州市行政审批局's form): it is converted, never dropped; any other
    unit is still not an amount."""
    try:
        return _number(cell)
    except ValueError:
        quantity = parse_quantity(cell.text)
        if quantity is None or quantity.unit.base not in ("", unit.base) or quantity.unit.scale == 1 and not quantity.unit.base:
            raise
        return require(quantity.value * quantity.unit.scale / unit.scale, written=False)


def _rate(cell: GridCell) -> Decimal:
    """执行率 as a fraction: 0.9174, '91.74%', or 91.74 in a cell meant as percent."""
    if cell.number is not None:
        return require(cell.number if cell.percent or abs(cell.number) <= Decimal("1.5") else cell.number / 100, RATE, written=False)
    text = normalize(cell.text).replace(" ", "")
    if text.endswith("%"):
        return parse_decimal(text[:-1]) / 100
    value = parse_decimal(text)
    return value if abs(value) <= Decimal("1.5") else value / 100


def assign(headers: list[str], table: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """Role → column. A header may contain several roles' names (`得分(20分*执行率)`): a name the
    header starts with wins, then the role's more preferred name, then the leftmost column; a
    column and a role are each assigned once."""
    candidates = []
    for col, header in enumerate(headers):
        if not header or "得分率" in header:
            continue
        for role, names in table.items():
            for rank, name in enumerate(names):
                if name and name in header:
                    candidates.append((not header.startswith(name), rank, col, role))
                    break
    found: dict[str, int] = {}
    taken: set[int] = set()
    for _, _, col, role in sorted(candidates):
        if role not in found and col not in taken:
            found[role] = col
            taken.add(col)
    return found


class _FormReader:
    def __init__(self, grid: Grid, detection: Detection):
        self.grid = grid
        self.detection = detection
        self.layout: Layout = detection.layout
        self.findings: list[Finding] = []
        self.rows: list[RowCells] = []
        self.total: GridCell | None = None
        self.total_weight: GridCell | None = None
        self.fund_cells: list[FundCells] = []
        self.declared: dict[str, Decimal] = {}
        self.declared_at: dict[str, Location] = {}
        self.table_end: Location | None = None   # where the table stops: a missing total is said there
        self.unfinished_row: int | None = None
        self.cut_at: Location | None = None      # a table whose text stops inside a row
        self.funds_at: int | None = None         # the funds block's header row, once read
        self.count = 0

    def problem(self, code: str, message: str, location: Location | None) -> None:
        self.findings.append(Finding(code, message, location))

    def form_start(self) -> Location:
        """Where the form begins (the first row of two or more cells, below any title): what
        is missing from the whole form is said there."""
        for row in self.grid.rows:
            own = [cell for cell in row if not cell.spanned and cell.text.strip()]
            if len(own) >= 2:
                return own[0].location
        return self.grid.location

    # -- looking things up -------------------------------------------------------------
    def keys(self, row: int) -> list[str]:
        return [key(cell.text) for cell in self.grid.rows[row]] if row < len(self.grid.rows) else []

    def own_keys(self, row: int) -> list[str]:
        """Keys of the cells that start in this row (not copies of a merged cell above)."""
        return [key(cell.text) for cell in self.grid.rows[row] if not cell.spanned] if row < len(self.grid.rows) else []

    def find(self, predicate: Callable[[str], bool], rows: range | None = None) -> Iterator[tuple[int, int]]:
        for r in rows or range(len(self.grid.rows)):
            if r >= len(self.grid.rows):
                return
            for c, cell in enumerate(self.grid.rows[r]):
                if not cell.spanned and predicate(key(cell.text)):
                    yield r, c

    def labelled(self, labels: tuple[str, ...]) -> tuple[str, Location | None]:
        """The value next to a label ('项目名称'), to its right or, on forms that print it
        on the next row, below; also 'label：value' in one cell."""
        others = [name for names in self.layout.header.values() for name in names]
        for r, c in self.find(lambda k: any(_is_label(k, label) for label in labels)):
            cell = self.grid.cell(r, c)
            own = key(cell.text)
            for label in labels:
                if _is_label(own, label):
                    rest = re.sub(r"^\([^)]*\)", "", own[len(label):]).lstrip(":")
                    if rest:
                        split = re.split(r"[:：]", cell.text, maxsplit=1)
                        if len(split) != 2:
                            return rest, cell.location
                        # 单位名称：X　　填报日期：… — the next label in the same cell ends the value
                        # (split before normalize, which closes the spaces between Chinese words).
                        value = _NEXT_LABEL.split(split[1].strip(), maxsplit=1)[0]
                        return normalize(value).strip(), cell.location
                    break   # the first label that fits (longer ones come first: 部门（单位）名称 before 部门)
            for col in range(c + 1, len(self.grid.rows[r])):
                other = self.grid.cell(r, col)
                if other.text.strip() and key(other.text) != own:
                    if any(key(other.text).startswith(name) for name in others):
                        break
                    return other.text.strip(), other.location
            below = [cell for cell in self.grid.rows[r + 1] if cell.text.strip()] if r + 1 < len(self.grid.rows) else []
            if below and len({key(cell.text) for cell in below}) == 1:
                return below[0].text.strip(), below[0].location
            return "", None
        return "", None

    # -- the indicator block's header ----------------------------------------------------
    def is_header_row(self, row: int) -> bool:
        keys = [k for k in self.keys(row) if k]
        named = {self.layout.column_of(k, self.layout.columns) for k in keys} - {None}
        has_number = any(cell.number is not None for cell in self.grid.rows[row])
        return len(named) >= 2 and not has_number

    def indicator_header(self, row: int) -> tuple[dict[str, int], int] | None:
        """Role → column of an indicator block whose header starts at `row`, and the number of
        header rows (a header over two rows is read lower row first: its words are the
        specific ones, 指标性质 under 年度指标值)."""
        if not self.is_header_row(row):
            return None
        headers = self.keys(row)
        rows = 1
        if row + 1 < len(self.grid.rows) and self.is_header_row(row + 1):
            second = self.keys(row + 1)
            width = max(len(headers), len(second))
            headers = [(second[c] if c < len(second) else "") + "|" + (headers[c] if c < len(headers) else "")
                       for c in range(width)]
            rows = 2
        columns = assign(headers, self.layout.columns)
        weighted = "weight" in columns or (self.layout.weights == "blocks" and "score" in columns)
        if "name" in columns and weighted:
            return columns, rows
        return None

    # -- funds -------------------------------------------------------------------------
    def funds(self) -> Funds:
        header = None
        for r in range(len(self.grid.rows)):
            columns = self.funds_header(r)
            if columns is not None:
                header = (r, columns)
                break
        if header is None:
            return Funds(unit=self.fund_unit(0))
        r0, columns = header
        self.funds_at = r0
        unit = self.fund_unit(r0, said=True)
        first_amount = min(columns.values())
        block_weight = self.block_points(r0, first_amount)
        lines: list[FundLine] = []
        # Up to eight rows of sources below the header; an empty row among them (a clerk's
        # spacing) is passed over, not taken for the block's end.
        seen = 0
        for r in range(r0 + 1, len(self.grid.rows)):
            if seen == 8:
                break
            if all(cell.spanned or not cell.text.strip() for cell in self.grid.rows[r]):
                continue  # nothing of its own (a merged 项目资金 label may run through it)
            seen += 1
            label = "".join(key(self.grid.cell(r, c).text) for c in range(first_amount)
                            if not self.grid.cell(r, c).spanned)
            source = self.layout.fund_source(label) if label else None
            if source is None:
                if lines or self.indicator_header(r) is not None or any(k in self.layout.goal_markers
                                                                        for k in self.own_keys(r)):
                    break
                continue
            if any(line.source == source for line in lines):
                continue
            line = self.fund_line(r, source, columns, block_weight, unit)
            # A source the form lists but leaves empty (printed "—") is not a line.
            if (line.initial_budget, line.budget, line.executed) != (None, None, None):
                lines.append(line)
        if not lines:
            self.problem("block-missing", "找到项目资金表头，但未能读出任何资金行（年度资金总额等），预算执行率无法计分",
                         self.grid.cell(r0, first_amount).location)
        return Funds(unit=unit, lines=tuple(lines))

    def funds_header(self, r: int) -> dict[str, int] | None:
        """Role → column when row `r` is the funds block's header (年初预算数 … 执行数, no figures)."""
        keys = self.keys(r)
        if not any(marker in k for k in keys for marker in self.layout.funds_markers):
            return None
        columns = assign(keys, self.layout.funds_columns)
        if "budget" in columns and "executed" in columns and not any(c.number is not None for c in self.grid.rows[r]):
            return columns
        return None

    def block_points(self, r0: int, first_amount: int) -> Decimal | None:
        """The execution weight printed on the block's title (`预算执行情况（10分）`) or in its
        header (`得分(20分*执行率)`), for a form with no 分值 column."""
        for r in range(max(r0 - 1, 0), r0 + 1):
            for cell in self.grid.rows[r]:
                found = re.search(r"(\d+(?:\.\d+)?)分", key(cell.text))
                if found and ("执行" in key(cell.text)):
                    return Decimal(found.group(1))
        return None

    def fund_unit(self, r0: int, said: bool = False):
        """The funds' unit: printed in or beside the funds header (项目资金（万元）), else in the
        title lines above it (单位：元, 金额单位：万元). Printed nowhere, the amounts are read in
        万元, the unit of the national form, and (`said`) the reader says so at the header."""
        near = range(max(r0 - 1, 0), min(r0 + 7, len(self.grid.rows)))
        for r in [*near, *range(max(r0 - 1, 0))]:
            for cell in self.grid.rows[r]:
                k = key(cell.text)
                for unit, names in self.layout.funds_units.items():
                    if any(name in k for name in names):
                        return parse_unit(unit)
        if said:
            self.problem("funds-unit-missing", "项目资金未注明金额单位（如“项目资金（万元）”或“单位：元”），按万元读取",
                         self.grid.cell(r0, 0).location)
        return Funds().unit

    def fund_line(self, r: int, source: FundSource, columns: dict[str, int], block_weight: Decimal | None,
                  unit: Unit = Funds().unit) -> FundLine:
        values: dict[str, Decimal | None] = {}
        location = None
        for name, col in columns.items():
            cell = self.grid.cell(r, col)
            if name == "score" or location is None:
                location = cell.location
            if _blank(cell):
                values[name] = None
                continue
            try:
                values[name] = (_rate(cell) if name == "rate" else _amount(cell, unit) if name in AMOUNTS
                                 else _points_in(cell))
            except ValueError as error:
                values[name] = None
                if name in ("initial_budget", "budget", "executed", "score") or source == FundSource.TOTAL:
                    self.problem("cell-not-number", f"{source.value}的数值无法识别：{error}", cell.location)
        if source == FundSource.TOTAL and values.get("weight") is None and block_weight is not None:
            values["weight"] = block_weight
        self.fund_cells.append(FundCells(source, *(self.grid.cell(r, columns[name]) if name in columns else None
                                                     for name in ("weight", "rate", "score")),
                                         amounts={name: self.grid.cell(r, columns[name]) for name in AMOUNTS
                                                  if name in columns}))
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

    # -- goals -------------------------------------------------------------------------
    def goal_rows(self, r0: int, c_expected: int, c_actual: int) -> tuple[list[Goal], int]:
        goals: list[Goal] = []
        r = r0 + 1
        while r < len(self.grid.rows) and self.indicator_header(r) is None:
            # Sichuan prints its goals above the funds block: the funds header ends them.
            if self.starts_goal_block(r) or any(k in self.layout.total_labels for k in self.own_keys(r)) \
                    or r == self.funds_at:
                break
            expected = self.grid.cell(r, c_expected)
            actual = self.grid.cell(r, c_actual)
            if expected.text.strip() or actual.text.strip():
                goals.append(Goal(expected.text.strip(), actual.text.strip() if actual is not expected else "",
                                  expected.location))
            r += 1
        return goals, r

    def starts_goal_block(self, row: int) -> bool:
        return any(k in self.layout.goal_markers for k in self.own_keys(row))

    # -- the form ----------------------------------------------------------------------
    def read(self) -> Evaluation | None:
        grid = self.grid
        header_rows = [r for r in range(len(grid.rows)) if self.indicator_header(r) is not None]
        if not header_rows:
            return None
        title = " ".join(cell.text for row in grid.rows[:4] for cell in row if cell.text)
        funds = self.funds()
        # The year from the title and the head only: a year in the goals' text (2022年度已完成…)
        # is not the form's; a form printing none is left without one (the import asks for it).
        head = next((r for r in range(min(8, len(grid.rows)))
                     if self.starts_goal_block(r) or r == self.funds_at or r in header_rows), 8)
        year = next((_YEAR.search(key(cell.text)) for row in grid.rows[:head] for cell in row
                     if _YEAR.search(key(cell.text))), None)
        project, project_at = self.labelled(self.layout.header["project"])
        named_department = False
        if not project and self.layout.header.get("department_name"):
            project, project_at = self.labelled(self.layout.header["department_name"])
            named_department = bool(project)
        department, _ = self.labelled(self.layout.header["department"])
        unit, _ = self.labelled(self.layout.header["unit"])

        # Goal blocks and indicator blocks in document order; a department's table repeats
        # (goal, indicators) once per sub-goal; Hubei's repeats (年度绩效目标N（W分）, indicators).
        events: list[tuple[int, str, object]] = []
        for r, c in self.find(lambda k: k in self.layout.goal_markers):
            actual_col = next((col for col in range(c + 1, len(grid.rows[r]))
                               if any(key(grid.cell(r, col).text).startswith(a) for a in self.layout.goal_actual)), c)
            goals, _ = self.goal_rows(r, c, actual_col)
            events.append((r, "goals", goals))
        skip: set[int] = set()
        for r in header_rows:
            if r in skip:
                continue
            columns, count = self.indicator_header(r)
            skip.update(range(r, r + count))
            events.append((r, "indicators", (columns, r + count)))
        events.sort(key=lambda event: event[0])

        is_department = "部门整体支出" in title or "部门整体支出" in project or named_department
        goal_blocks = sum(1 for _, what, _ in events if what == "goals")
        goals: list[Goal] = []
        indicators: list[Indicator] = []
        reported_total: Decimal | None = None
        block_goal: int | None = None
        numbered = 0
        for r, what, payload in events:
            if what == "goals":
                goals.extend(payload)
                block_goal = len(goals) if payload else block_goal
                continue
            columns, start = payload
            goal = block_goal if (is_department or goal_blocks > 1) else None
            weighted_block = self.goal_block(r, start)
            if weighted_block is not None:
                number, points, where = weighted_block
                numbered += 1
                goal = number or numbered
                if points is not None:
                    self.declare(f"目标{goal}", points, where)
            found, total = self.indicator_rows(start, columns, goal)
            indicators.extend(found)
            reported_total = total if total is not None else reported_total
        if reported_total is None:
            reported_total = self.total_elsewhere()
        if not project:
            self.problem("form-no-project", "未找到“项目名称”", self.form_start())
        self.check_blocks(funds, indicators)
        return Evaluation(
            kind=Kind.DEPARTMENT if is_department or goal_blocks > 1 else Kind.PROJECT,
            project=project,
            unit=unit,
            department=department,
            year=int(year.group(1)) if year else None,
            funds=funds,
            goals=tuple(goals),
            indicators=tuple(indicators),
            reported_total=reported_total,
            declared_weights=tuple(self.declared.items()),
            profile=self.layout.profile,
            location=project_at or grid.location,
        )

    def declare(self, key_: str, points: Decimal, where: Location) -> None:
        """A weight the form prints for a block or a level, and where it prints it."""
        if key_ not in self.declared:
            self.declared[key_] = points
            self.declared_at[key_] = where

    def goal_block(self, header_row: int, start: int) -> tuple[int | None, Decimal | None, Location] | None:
        """`年度绩效目标1（40分）` printed over (or beside) an indicator block: its number and points."""
        # The nearest label wins: on the header row or its first data row (a vertical label),
        # then the rows just above; a label that starts here wins over the copy of one above.
        rows = [r for r in (header_row, start, header_row - 1, header_row - 2) if 0 <= r < len(self.grid.rows)]
        for spanned in (False, True):
            for r in rows:
                for cell in self.grid.rows[r]:
                    match = _GOAL_BLOCK.search(key(cell.text)) if cell.spanned == spanned else None
                    if match:
                        number = int(match.group(1)) if match.group(1) else None
                        return number, Decimal(match.group(2)) if match.group(2) else None, cell.location
        return None

    def check_blocks(self, funds: Funds, indicators: list[Indicator]) -> None:
        """What the layout expects and the form does not show, said at the table."""
        if not funds.lines and not any(f.code == "block-missing" for f in self.findings):
            self.problem("block-missing", "未找到项目资金（预算执行）表，预算执行率无法计分", self.form_start())
        if not indicators and self.cut_at is None:   # a cut table is said where it stops
            self.problem("block-missing", "找到绩效指标表头，但未读出任何指标行", self.form_start())

    def total_elsewhere(self) -> Decimal | None:
        """A total printed in the header (`自评得分 98`) or only in the 评价结论 text."""
        labels = self.layout.header.get("total", ())
        if labels:
            text, where = self.labelled(labels)
            if text and where is not None:
                cell = next((c for row in self.grid.rows for c in row if c.location == where), None)
                try:
                    value = _points_in(cell) if cell is not None else parse_decimal(text)
                except ValueError:
                    value = None
                if value is not None and cell is not None:
                    self.total = cell
                    return value
        for label in self.layout.total_in_text:
            for r, c in self.find(lambda k: k.startswith(label)):
                for col in range(c, len(self.grid.rows[r])):
                    cell = self.grid.cell(r, col)
                    match = _TEXT_TOTAL.search(key(cell.text))
                    if match:
                        self.total = GridCell(match.group(1), cell.location)
                        return Decimal(match.group(1))
        return None

    # -- indicator rows ----------------------------------------------------------------
    def indicator_rows(self, start: int, columns: dict[str, int], goal: int | None
                       ) -> tuple[list[Indicator], Decimal | None]:
        grid = self.grid
        found: list[Indicator] = []
        level1 = level2 = ""
        reported_total = None
        last_row = None
        found_at: list[int] = []
        for r in range(start, len(grid.rows)):
            keys = self.keys(r)
            if self.starts_goal_block(r) or self.indicator_header(r) is not None or self.is_closing(r, columns):
                break
            # A total's label sits anywhere left of the figures: under the names, or after a
            # 其他需要说明事项 cell in the 实际完成值 column (Yunnan's 公开14表).
            figures = min((columns[k] for k in ("weight", "score") if k in columns), default=columns["name"] + 1)
            label_cols = [c for c in range(len(keys)) if c < max(figures, columns["name"] + 1)]
            if any(keys[c] in self.layout.total_labels for c in label_cols):
                weight_cell = grid.cell(r, columns["weight"]) if "weight" in columns else EMPTY
                if not _blank(weight_cell):
                    self.total_weight = weight_cell
                score_col = columns.get("score")
                cell = grid.cell(r, score_col) if score_col is not None else EMPTY
                if not _blank(cell):
                    self.total = cell
                    try:
                        reported_total = _points_in(cell)
                    except ValueError as error:
                        self.problem("cell-not-number", f"总分无法识别：{error}", cell.location)
                break
            if self.goal_block_row(r):
                continue
            first = next((cell for cell in grid.rows[r] if not cell.spanned and cell.text.strip()), None)
            if first is not None:
                self.table_end = first.location
                last_row = r
            indicator = self.indicator(r, columns, goal, level1, level2)
            if indicator is None:
                level1, level2 = self.carried_levels(r, columns, goal, level1, level2)
                continue
            level1, level2 = indicator.level1, indicator.level2
            found.append(indicator)
            found_at.append(r)
            self.rows.append(RowCells(
                self.count, grid.cell(r, columns["weight"]) if "weight" in columns else EMPTY,
                grid.cell(r, columns["score"]) if "score" in columns else EMPTY,
                indicator.target.text, indicator.actual.text,
                grid.cell(r, columns["level1"]).text if "level1" in columns else "",
                grid.cell(r, columns["level2"]).text if "level2" in columns else ""))
            self.count += 1
        else:
            if last_row is not None and last_row == self.unfinished_row:
                # The grid ends on a row with a name and nothing else, no total or closing row
                # after it: the text was cut inside that row.
                self.cut_at = self.table_end
                if found_at and found_at[-1] == last_row:
                    # Read as far as its target and actual (a form without a 分值 column): its
                    # score was never printed, so it is no indicator, and no weight is guessed for it.
                    cut = found.pop()
                    found_at.pop()
                    self.rows.pop()
                    self.count -= 1
                    self.close_open_blocks(cut)
            elif found and self.layout.total_required:
                # The grid ends with no 总分 row the layout prints: the text stops somewhere in the
                # last block, whose printed points the rows read so far cannot be held to.
                self.close_open_blocks(found[-1])
        return found, reported_total

    def close_open_blocks(self, cut: Indicator) -> None:
        """The points printed for the blocks a cut row sits in cannot be held against the rows
        read before the cut (the rest of the block is missing): they are not declared."""
        goal = f"目标{cut.goal}" if cut.goal is not None else ""
        level1 = f"{goal}/{cut.level1}" if goal else cut.level1
        for scope in (goal, level1, f"{cut.level1}/{cut.level2}"):
            self.declared.pop(scope, None)
            self.declared_at.pop(scope, None)

    def is_closing(self, row: int, columns: dict[str, int]) -> bool:
        """A row after the table (评价结论, 偏差大或目标未完成原因分析, 备注…): the block ends."""
        first = next((k for k in self.own_keys(row) if k), "")
        return any(first.startswith(word) for word in self.layout.closing)

    def goal_block_row(self, row: int) -> bool:
        own = [k for k in self.own_keys(row) if k]
        return bool(own) and all(_GOAL_BLOCK.fullmatch(k) for k in own)

    def carried_levels(self, r: int, columns: dict[str, int], goal: int | None, level1: str, level2: str
                       ) -> tuple[str, str]:
        """An empty row that still prints a level label (效益指标（20分） over a blank template
        row) sets the level for the rows that follow, and declares its points."""
        new1, fresh1 = self.level(r, columns, "level1", goal, "")
        if fresh1:
            level1, level2 = new1, ""
        # So does a level-2 label over an empty first row (质量指标 merged down over a blank
        # template row and the indicators under it): they are its indicators, not the block's above.
        cell2 = self.grid.cell(r, columns["level2"]) if "level2" in columns else EMPTY
        if key(cell2.text) and not cell2.spanned and not self.layout.is_placeholder(cell2.text):
            level2 = self.level(r, columns, "level2", goal, level1)[0]
        return level1, level2

    def level(self, r: int, columns: dict[str, int], role: str, goal: int | None, parent: str) -> tuple[str, bool]:
        """A level label of this row (its points, if printed, declared), and whether it is new."""
        if role not in columns:
            return "", False
        cell = self.grid.cell(r, columns[role])
        text = key(cell.text)
        if not text or cell.spanned:
            return "", False  # a merged label's copy: the level carries on from the row above
        if r > 0 and key(self.grid.cell(r - 1, columns[role]).text) == text:
            return "", False  # the same label again (unmerged and filled down): the same level
        name, points = _points(text)
        if points is not None:
            prefix = f"目标{goal}/" if goal is not None and role == "level1" else ""
            scope = f"{parent}/{name}" if role == "level2" and parent else name
            self.declare(prefix + scope, points, cell.location)
        return name, True

    def indicator(self, r: int, columns: dict[str, int], goal: int | None, level1: str, level2: str
                  ) -> Indicator | None:
        grid = self.grid

        def cell(role: str) -> GridCell:
            return grid.cell(r, columns[role]) if role in columns else EMPTY

        def text(role: str) -> str:
            return cell(role).text.strip()

        name_cell, weight_cell, score_cell = cell("name"), cell("weight"), cell("score")
        values = [cell(role) for role in ("weight", "score", "target", "actual")]
        if self.layout.is_placeholder(name_cell.text) and all(_blank(v) for v in values):
            return None  # an empty row, or one left from the template (指标2：, ……)
        if name_cell.spanned and (weight_cell.spanned or "weight" not in columns) and score_cell.spanned:
            return None
        if "weight" in columns and weight_cell.spanned and score_cell.spanned:
            # A breakdown row (其中桃树种植面积 1.5亩 …) under an indicator whose 分值 and 得分 are
            # merged down over it: its figures are parts of that indicator, scored once there.
            return None
        new1, fresh1 = self.level(r, columns, "level1", goal, "")
        if fresh1 and new1 != level1:
            level2 = ""
        level1 = new1 if fresh1 else level1
        new2, fresh2 = self.level(r, columns, "level2", goal, level1)
        level2 = new2 if fresh2 else level2
        family = self.layout.family2(level2) if level2 else None
        carried = self.layout.family1(level1) or level1
        printed_blank = "level1" in columns and not self.grid.cell(r, columns["level1"]).text.strip()
        # Satisfaction sat under 效益指标 on the 2019–2020 forms: that is not a contradiction.
        compatible = (family, carried) == ("满意度指标", "效益指标")
        if level1 and family and printed_blank and family != carried and not compatible \
                and carried in self.layout.level1_order:
            # The level-1 label carried down from the rows above contradicts this row's level 2
            # (the form printed no 效益指标 over its benefit rows): the level 2 tells the family.
            label = self.grid.cell(r, columns["level1"]) if "level1" in columns else name_cell
            self.findings.append(make(
                "level-inferred", location=label.location, reported=level1,
                derivation=f"二级指标“{level2}”之上未印一级指标，不属于上方的“{level1}”，归入“{family}”"))
            level1 = family
        if not level1 and level2:
            # A level-1 label printed as its points only (“（50分）”): the level 2 tells its family.
            level1 = self.layout.family2(level2) or ""
            if level1 and "" in self.declared:
                points, where = self.declared.pop(""), self.declared_at.pop("")
                self.declare(f"目标{goal}/{level1}" if goal is not None else level1, points, where)
                label = self.grid.cell(r, columns["level1"])
                self.findings.append(make(
                    "level-inferred", location=label.location, indicator=None, reported=label.text.strip(),
                    derivation=f"一级指标只印了“{label.text.strip()}”，按二级指标“{level2}”归入“{level1}”"))
        name = strip_template(name_cell.text.strip())
        if not name and all(_blank(v) for v in values):
            return None
        if not name and not name_cell.spanned:
            # Figures under no name: scored and counted as printed, and said — a reviewer must
            # know which row it is, and the unit must name it.
            figures = (("年度指标值", cell("target")), ("分值", weight_cell), ("得分", score_cell))
            shown = "、".join(f"{title}“{figure.text.strip()}”" for title, figure in figures if figure.text.strip())
            self.findings.append(make("indicator-name-missing", location=name_cell.location, reported=shown,
                                      derivation=f"{level2 or level1 or '本行'}下一行填有{shown}，但三级指标名称为空"))
        location = score_cell.location if "score" in columns else name_cell.location
        weight_given = "weight" in columns
        weight = Decimal(0)
        if weight_given and _blank(weight_cell):
            if _blank(score_cell):
                if name:
                    self.unfinished_row = r   # a name but no weight or score: the table may stop here
                return None  # a row with a name and nothing filled in: unfilled, or the table was cut
            self.findings.append(make("unreadable-row", location=weight_cell.location, reported=name,
                                      derivation=f"指标“{name}”有得分却没有分值"))
            return None
        if weight_given:
            try:
                weight = _points_in(weight_cell)
            except ValueError:
                self.findings.append(make(
                    "unreadable-row", location=weight_cell.location, reported=name,
                    derivation=f"指标“{name}”的分值“{weight_cell.text.strip()}”无法识别"))
                return None
        reported = None
        if not _blank(score_cell):
            try:
                reported = _points_in(score_cell)
            except ValueError:
                self.problem("cell-not-number", f"指标“{name}”的得分“{score_cell.text.strip()}”无法识别",
                             score_cell.location)
        elif not weight_given and name and "score" in columns:
            self.unfinished_row = r   # no 分值 column and no score: the text may stop in this row
        rule, problem = read_rule_text(text("rule"), weight, name, cell("rule").location if "rule" in columns else NOWHERE)
        if problem is not None:
            self.findings.append(problem)
        return Indicator(
            level1=level1,
            level2=level2,
            name=name,
            target=parse_value(self.target_text(r, columns)),
            actual=parse_value(self.actual_text(r, columns)),
            weight=weight,
            rule=rule,
            reported_score=reported,
            deviation_reason=text("reason"),
            goal=goal,
            location=location,
            weight_given=weight_given,
        )

    def target_text(self, r: int, columns: dict[str, int]) -> str:
        """The target as one text: Sichuan's and Yunnan's forms print its comparator (指标性质)
        and unit (度量单位) in columns of their own: `≤` + `30` + `万元` → `≤30万元`."""
        value = self.grid.cell(r, columns["target"]).text.strip() if "target" in columns else ""
        if "comparator" not in columns and "unit" not in columns:
            return value
        comparator = ""
        if "comparator" in columns:
            printed = key(self.grid.cell(r, columns["comparator"]).text)
            # A word the layout does not list (不高于, 小于等于) goes before the value as typed: the
            # number parser reads comparator words, and anything else leaves the target unreadable,
            # reported at its cell — never silently dropped (a cost cap then read as ≥).
            comparator = self.layout.comparators.get(printed, printed)
        return comparator + value + self.unit_after(value, r, columns) if value else value

    def actual_text(self, r: int, columns: dict[str, int]) -> str:
        value = self.grid.cell(r, columns["actual"]).text.strip() if "actual" in columns else ""
        return value + self.unit_after(value, r, columns) if value else value

    def unit_after(self, value: str, r: int, columns: dict[str, int]) -> str:
        """The 度量单位 for a bare number (a word such as 完成 keeps no unit)."""
        if "unit" not in columns or not re.fullmatch(r"[-+]?[\d,]+(?:\.\d+)?", normalize(value).strip()):
            return ""
        unit = key(self.grid.cell(r, columns["unit"]).text)
        return self.layout.units.get(unit, unit)


# A form starts again at a 项目名称 row once an indicator block has been seen since the last.
_FORM_START = ("项目名称", "部门(单位)名称", "单位(部门)名称", "部门名称", "预算部门名称")
_INDICATOR_MARKS = ("三级指标", "指标名称")
_WEIGHT_MARKS = ("分值", "权重", "得分")
_TITLE_ROWS = 3


def split_forms(grid: Grid) -> list[Grid]:
    """The forms a grid holds, one grid each: a sheet (or a table) on which several 自评表
    are printed one under another. A form starts at its 项目名称 row, with the title lines
    just above it (rows of one cell); a grid holding one form is returned as it is."""
    starts = [0]
    seen_block = False
    for r, row in enumerate(grid.rows):
        own = [key(cell.text) for cell in row if not cell.spanned and cell.text.strip()]
        if any(k.startswith(_FORM_START) for k in own):
            if seen_block:
                starts.append(_title_start(grid, r, starts[-1]))
            seen_block = False
        elif any(k.startswith(_INDICATOR_MARKS) for k in own) and any(
                key(cell.text).startswith(_WEIGHT_MARKS) for cell in row):
            # (分值 may be merged down from the header's first row, beside 三级指标 on its second)
            seen_block = True
    if len(starts) == 1:
        return [grid]
    ends = starts[1:] + [len(grid.rows)]
    parts = [Grid(grid.rows[a:b], grid.name, grid.location) for a, b in zip(starts, ends)]
    parts[-1].notes = list(grid.notes)
    return parts


def _title_start(grid: Grid, r: int, previous: int) -> int:
    start = r
    while start - 1 > previous and r - (start - 1) <= _TITLE_ROWS:
        own = [cell for cell in grid.rows[start - 1] if not cell.spanned and cell.text.strip()]
        if len(own) > 1:
            break
        start -= 1
    while start < r and not any(cell.text.strip() for cell in grid.rows[start]):
        start += 1   # blank rows between two forms belong to neither
    return start


def read_forms_in(grid: Grid, layout: str | None = None) -> list[FormRead]:
    """Every form the grid holds (see split_forms), read."""
    return [read_form_cells(part, layout) for part in split_forms(grid)]


def read_form_cells(grid: Grid, layout: str | None = None) -> FormRead:
    """The evaluation in `grid` (None when it holds no indicator table) with the cells it
    printed, read by `layout` (else the layout the grid's own words point to)."""
    if len(grid.rows) > MAX_ROWS:
        return FormRead(None, [Finding("table-too-large", f"{grid.name}行数过多（{len(grid.rows)}行），未读取",
                                       grid.location)])
    detection = detect(grid.texts(), layout)
    reader = _FormReader(grid, detection)
    evaluation = reader.read()
    return FormRead(evaluation, reader.findings, reader.rows, reader.total, reader.fund_cells, detection,
                    reader.total_weight, reader.declared_at, reader.table_end, reader.cut_at)
