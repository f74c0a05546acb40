"""A 绩效自评表 as extracted text → `Document` with its `Evaluation`.

Extraction loses merged cells and shifts columns from row to row, so nothing here relies on
column positions. An indicator row is recognised from the right: the last two numeric cells
are 分值 and 得分, the cell before them is 实际完成值, then (skipping cells left empty by lost
merges) 年度指标值 and 三级指标; whatever is left are level labels, carried down when blank.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ...document import DocKind, Document, Printed, PrintedFundLine, TableRow
from ...findings import Finding, make
from ...model import Evaluation, FundLine, Funds, FundSource, Goal, Indicator, Kind
from ...numbers import parse_unit, parse_value
from . import layout
from .cells import at, is_number, label_of, printed, split_cells, squeeze

Line = tuple[int, str]


@dataclass
class _Row:
    line: int
    level1: str          # printed level-1 label on this row ('' if none)
    level1_weight: Decimal | None
    level2: str          # printed level-2 label on this row
    name: str
    target: str
    actual: str
    weight: str
    score: str
    reason: str
    goal: int | None


def _family2(level2: str) -> str | None:
    for word, family in layout.LEVEL2_FAMILIES:
        if word in level2:
            return family
    return None


def _family1(label: str) -> str | None:
    return layout.LEVEL1_FAMILIES.get(label)


def _is_block_label(text: str) -> bool:
    return any(text.startswith(word) for word in layout.BLOCK_LABELS)


def _header_value(cells: list[str], key: str, next_cells: list[str] | None) -> str:
    """The first non-empty cell after the one holding `key`, else the next line's first."""
    squeezed = [squeeze(c) for c in cells]
    for index, cell in enumerate(squeezed):
        if cell.startswith(key):
            rest = cell[len(key):].lstrip("：: ")
            if rest:
                return rest
            for later in squeezed[index + 1:]:
                if later and not any(later.startswith(k) for k in ("主管部门", "实施单位", "项目名称")):
                    return later
            if next_cells:
                for later in next_cells:
                    if squeeze(later):
                        return squeeze(later)
    return ""


def _pair_index(cells: list[str]) -> int | None:
    for index in range(len(cells) - 2, -1, -1):
        if is_number(cells[index]) and is_number(cells[index + 1]):
            return index
    return None


def _split_row(cells: list[str], line: int, goal: int | None) -> _Row | None:
    index = _pair_index(cells)
    if index is None or index < 2:
        return None
    reason = "；".join(squeeze(c) for c in cells[index + 2:] if c.strip())
    actual = cells[index - 1].strip()
    rest = [c for c in cells[: index - 1]]
    non_empty = [c for c in rest if c.strip()]
    if len(non_empty) < 2:
        return None
    target = non_empty[-1]
    name = non_empty[-2]
    labels = [squeeze(c) for c in non_empty[:-2] if not _is_block_label(squeeze(c))]
    level1, level1_weight, level2 = "", None, ""
    if len(labels) >= 2:
        level1, level1_weight = label_of(labels[0])
        level2 = label_of(labels[1])[0]
    elif len(labels) == 1:
        text, weight = label_of(labels[0])
        if text in layout.LEVEL1_FAMILIES or weight is not None:
            level1, level1_weight = text, weight
        else:
            level2 = text
    return _Row(line, level1, level1_weight, level2, squeeze(name), target.strip(), actual,
                cells[index].strip(), cells[index + 1].strip(), reason, goal)


def _funds_values(cells: list[str], label_index: int) -> list[str]:
    values = cells[label_index + 1:]
    while values and not values[-1].strip():
        values.pop()
    values = values[-6:]
    return [""] * (6 - len(values)) + values


def _amount(text: str) -> Decimal | None:
    text = text.strip().replace(",", "")
    return Decimal(text) if is_number(text) else None


class _TableReader:
    """One pass over the table's lines. Each line is told apart by what it holds and goes to
    the parser of its block: the header (项目名称, 主管部门/实施单位), the funds block, the
    年度总体目标 rows, the indicator rows and the 总分 row."""

    def __init__(self, lines: list[Line], source: str):
        self.lines = lines
        self.source = source
        self.findings: list[Finding] = []
        self.project = self.department = self.unit = ""
        self.funds_unit = "万元"
        self.fund_lines: list[FundLine] = []
        self.printed_funds: list[PrintedFundLine] = []
        self.goals: list[Goal] = []
        self.rows: list[_Row] = []
        self.total: Printed | None = None
        self.goal_count = 0
        self.expect_goal_text = False
        self.in_indicators = False

    def read(self) -> None:
        for position, (number, text) in enumerate(self.lines):
            if "\t" not in text:
                continue
            cells = split_cells(text)
            following = split_cells(self.lines[position + 1][1]) if position + 1 < len(self.lines) else None
            self.line(number, text, cells, following)

    def line(self, number: int, text: str, cells: list[str], following: list[str] | None) -> None:
        squeezed = [squeeze(c) for c in cells]
        joined = "".join(squeezed)
        if self.header_row(cells, joined, following):
            return
        if "项目资金" in joined:
            if "（元）" in joined or "(元)" in joined:
                self.funds_unit = "元"
            return
        if not self.in_indicators and self.fund_row(number, cells, squeezed):
            return
        if any(cell.startswith("年度总体目标") for cell in squeezed):
            self.goal_count += 1
            self.expect_goal_text = True
            return
        if self.expect_goal_text:
            self.expect_goal_text = False
            if self.goal_row(number, cells):
                return
        if any("三级指标" in cell for cell in squeezed):
            self.in_indicators = True
            return
        if any(cell == "总分" for cell in squeezed):
            self.total_row(number, cells)
            return
        if self.in_indicators:
            self.indicator_row(number, text, cells)

    def header_row(self, cells: list[str], joined: str, following: list[str] | None) -> bool:
        if not self.project and "项目名称" in joined:
            self.project = _header_value(cells, "项目名称", following)
            return True
        if "主管部门" in joined or "实施单位" in joined:
            self.department = self.department or _header_value(cells, "主管部门", None)
            self.unit = self.unit or _header_value(cells, "实施单位", None)
            return True
        return False

    def fund_row(self, number: int, cells: list[str], squeezed: list[str]) -> bool:
        found = next(((index, source) for index, cell in enumerate(squeezed)
                      for word, source in layout.FUND_ROWS if cell.endswith(word)), None)
        if found is None:
            return False
        label_index, source_name = found
        values = _funds_values(cells, label_index)
        location = at(self.source, number)
        weight_p, rate_p, score_p = (printed(v, location) if v.strip() else None for v in values[3:])
        source = FundSource(source_name)
        self.fund_lines.append(FundLine(
            source=source,
            initial_budget=_amount(values[0]),
            budget=_amount(values[1]),
            executed=_amount(values[2]),
            reported_weight=weight_p.value if weight_p else None,
            reported_rate=rate_p.value if rate_p else None,
            reported_score=score_p.value if score_p else None,
            location=location,
        ))
        self.printed_funds.append(PrintedFundLine(source, weight_p, rate_p, score_p))
        return True

    def goal_row(self, number: int, cells: list[str]) -> bool:
        texts = [squeeze(c) for c in cells if c.strip()]
        if not texts or _pair_index(cells) is not None:
            return False
        self.goals.append(Goal(texts[0], texts[1] if len(texts) > 1 else "", at(self.source, number)))
        return True

    def total_row(self, number: int, cells: list[str]) -> None:
        numbers = [c for c in cells if is_number(c)]
        if numbers:
            self.total = printed(numbers[-1], at(self.source, number))

    def indicator_row(self, number: int, text: str, cells: list[str]) -> None:
        row = _split_row(cells, number, self.goal_count or None)
        if row is not None:
            self.rows.append(row)
        elif sum(1 for c in cells if c.strip()) >= 3:
            self.findings.append(make("unreadable-row", location=at(self.source, number), project=self.project,
                                      derivation="无法识别这一行的分值与得分", reported=squeeze(text)[:60]))


def read_table(lines: list[Line], source: str, title_kind: str) -> Document:
    start = lines[0][0]
    table = _TableReader(lines, source)
    table.read()
    project = table.project
    is_department = title_kind == "department-table" or any(w in project for w in layout.DEPARTMENT_PROJECT_WORDS)
    indicators, table_rows, declared, level_findings = _assign_levels(table.rows, source, project, is_department)
    findings = table.findings + level_findings
    evaluation = Evaluation(
        kind=Kind.DEPARTMENT if is_department else Kind.PROJECT,
        project=project,
        unit=table.unit,
        department=table.department,
        funds=Funds(unit=parse_unit(table.funds_unit), lines=tuple(table.fund_lines)),
        goals=tuple(table.goals),
        indicators=tuple(indicators),
        reported_total=table.total.value if table.total else None,
        declared_weights=tuple(declared.items()),
        location=at(source, start),
    )
    if table.total is None:
        findings.append(make("table-incomplete", location=at(source, lines[-1][0]), project=project,
                             derivation="表格不完整：未找到“总分”行"))
    if not table.rows:
        findings.append(make("table-incomplete", location=at(source, start), project=project,
                             derivation="表格中未找到任何绩效指标行"))
    return Document(
        source=source,
        kind=DocKind.DEPARTMENT_TABLE if is_department else DocKind.PROJECT_TABLE,
        project=project,
        location=at(source, start),
        evaluation=evaluation,
        rows=tuple(table_rows),
        total=table.total,
        printed_funds=tuple(table.printed_funds),
        findings=tuple(findings),
    )


def _assign_levels(rows: list[_Row], source: str, project: str, is_department: bool):
    """Carry level labels down, then correct what extraction misplaced:
    - a row whose printed level-1 label contradicts its own level-2 label (a merged cell's
      label landed one row off) takes the level 2's family;
    - a repeated level-1 label whose declared weight is already filled by the rows above
      (the label was printed again over the next block) starts the next level-1 block.
    Corrections of the second kind are reported: they change sub-totals."""
    declared: dict[str, Decimal] = {}
    sums: dict[str, Decimal] = {}
    level1 = ""
    level2 = ""
    shifted_to: str | None = None
    indicators: list[Indicator] = []
    table_rows: list[TableRow] = []
    problems: list[Finding] = []
    block_start: list[int] = []
    for row in rows:
        inferred = ""
        weight = Decimal(row.weight.replace(",", ""))
        if row.level1:
            family = _family1(row.level1) or row.level1
            if row.level1_weight is not None and family not in declared:
                declared[family] = row.level1_weight
            limit = declared.get(family)
            if (
                family in sums
                and limit is not None
                and sums[family] >= limit
                and family in layout.LEVEL1_ORDER
            ):
                following = [f for f in layout.LEVEL1_ORDER[layout.LEVEL1_ORDER.index(family) + 1:] if f not in sums]
                if following:
                    shifted_to = following[0]
                    block_start.append(row.line)
                    problems.append(make(
                        "level-inferred", location=at(source, row.line), project=project, indicator=row.name,
                        reported=row.level1,
                        derivation=f"第{row.line}行起的指标印在又一个“{row.level1}”标签下，但该级分值（{limit}）"
                                   f"已由上方指标占满；按一级指标顺序归入“{shifted_to}”"))
                    family = shifted_to
            else:
                shifted_to = None
            level1 = family
            level2 = ""
        elif shifted_to:
            level1 = shifted_to
        if row.level2:
            level2 = row.level2
        family2 = _family2(level2) if level2 else None
        assigned1 = level1
        if family2 and level1 in layout.LEVEL1_ORDER and family2 != level1 and not shifted_to:
            if row.level1 and row.level2:
                inferred = f"一级指标“{row.level1}”与二级指标“{row.level2}”不符，按二级指标归入“{family2}”"
                problems.append(make("level-inferred", location=at(source, row.line), project=project,
                                     indicator=row.name, reported=row.level1, derivation=inferred))
            assigned1 = family2
            if row.level1 and not row.level2:
                level1 = assigned1
        # Satisfaction has a single level 2 on every form: its absence loses nothing.
        if not level2 and assigned1 != "满意度指标":
            problems.append(make("missing-level2", location=at(source, row.line), project=project,
                                 indicator=row.name, derivation=f"指标“{row.name}”没有二级指标"))
        sums[assigned1] = sums.get(assigned1, Decimal(0)) + weight
        location = at(source, row.line)
        indicators.append(
            Indicator(
                level1=assigned1 or "",
                level2=level2,
                name=row.name,
                target=parse_value(row.target),
                actual=parse_value(row.actual),
                weight=weight,
                reported_score=Decimal(row.score.replace(",", "")),
                deviation_reason=row.reason,
                goal=row.goal if is_department else None,
                location=location,
            )
        )
        table_rows.append(
            TableRow(
                index=len(indicators) - 1,
                weight=printed(row.weight, location),
                score=printed(row.score, location),
                target_text=row.target,
                actual_text=row.actual,
                location=location,
                printed_level1=row.level1,
                printed_level2=row.level2,
                inferred=inferred,
            )
        )
    return indicators, table_rows, declared, problems
