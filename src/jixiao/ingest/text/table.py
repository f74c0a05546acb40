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


def read_table(lines: list[Line], source: str, title_kind: str) -> Document:
    start = lines[0][0]
    problems: list[Finding] = []
    project = department = unit_name = ""
    funds_unit = "万元"
    fund_lines: list[FundLine] = []
    printed_funds: list[PrintedFundLine] = []
    goals: list[Goal] = []
    rows: list[_Row] = []
    total: Printed | None = None
    goal_count = 0
    expect_goal_text = False
    in_indicators = False

    for position, (number, text) in enumerate(lines):
        if "\t" not in text:
            continue
        cells = split_cells(text)
        squeezed = [squeeze(c) for c in cells]
        joined = "".join(squeezed)
        next_cells = split_cells(lines[position + 1][1]) if position + 1 < len(lines) else None
        if not project and "项目名称" in joined:
            project = _header_value(cells, "项目名称", next_cells)
            continue
        if "主管部门" in joined or "实施单位" in joined:
            department = department or _header_value(cells, "主管部门", None)
            unit_name = unit_name or _header_value(cells, "实施单位", None)
            continue
        if "项目资金" in joined:
            if "（元）" in joined or "(元)" in joined:
                funds_unit = "元"
            continue
        fund_label = None
        for label_index, cell in enumerate(squeezed):
            for word, source_name in layout.FUND_ROWS:
                if cell.endswith(word) or cell == word:
                    fund_label = (label_index, source_name)
                    break
            if fund_label:
                break
        if fund_label and not in_indicators:
            label_index, source_name = fund_label
            values = _funds_values(cells, label_index)
            location = at(source, number)
            weight_p, rate_p, score_p = (printed(v, location) if v.strip() else None for v in values[3:])
            fund_lines.append(
                FundLine(
                    source=FundSource(source_name),
                    initial_budget=_amount(values[0]),
                    budget=_amount(values[1]),
                    executed=_amount(values[2]),
                    reported_weight=weight_p.value if weight_p else None,
                    reported_rate=rate_p.value if rate_p else None,
                    reported_score=score_p.value if score_p else None,
                    location=location,
                )
            )
            printed_funds.append(PrintedFundLine(FundSource(source_name), weight_p, rate_p, score_p))
            continue
        if any(cell.startswith("年度总体目标") or cell == "年度总体目标" for cell in squeezed):
            goal_count += 1
            expect_goal_text = True
            continue
        if expect_goal_text:
            expect_goal_text = False
            texts = [squeeze(c) for c in cells if c.strip()]
            if texts and _pair_index(cells) is None:
                goals.append(Goal(texts[0], texts[1] if len(texts) > 1 else "", at(source, number)))
                continue
        if "三级指标" in squeezed or any("三级指标" in c for c in squeezed):
            in_indicators = True
            continue
        if squeezed and any(c == "总分" for c in squeezed):
            numbers = [c for c in cells if is_number(c)]
            if numbers:
                total = printed(numbers[-1], at(source, number))
            continue
        if not in_indicators:
            continue
        row = _split_row(cells, number, goal_count or None)
        if row is None:
            if sum(1 for c in cells if c.strip()) >= 3:
                problems.append(make("unreadable-row", location=at(source, number), project=project,
                                     derivation="无法识别这一行的分值与得分", reported=squeeze(text)[:60]))
            continue
        rows.append(row)

    is_department = title_kind == "department-table" or any(w in project for w in layout.DEPARTMENT_PROJECT_WORDS)
    kind = DocKind.DEPARTMENT_TABLE if is_department else DocKind.PROJECT_TABLE
    indicators, table_rows, declared, level_problems = _assign_levels(rows, source, project, is_department)
    problems.extend(level_problems)
    evaluation = Evaluation(
        kind=Kind.DEPARTMENT if is_department else Kind.PROJECT,
        project=project,
        unit=unit_name,
        department=department,
        funds=Funds(unit=parse_unit(funds_unit), lines=tuple(fund_lines)),
        goals=tuple(goals),
        indicators=tuple(indicators),
        reported_total=total.value if total else None,
        declared_weights=tuple(declared.items()),
        location=at(source, start),
    )
    if total is None:
        problems.append(make("table-incomplete", location=at(source, lines[-1][0]), project=project,
                             derivation="表格不完整：未找到“总分”行"))
    if not rows:
        problems.append(make("table-incomplete", location=at(source, start), project=project,
                             derivation="表格中未找到任何绩效指标行"))
    return Document(
        source=source,
        kind=kind,
        project=project,
        location=at(source, start),
        evaluation=evaluation,
        rows=tuple(table_rows),
        total=total,
        printed_funds=tuple(printed_funds),
        findings=tuple(problems),
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
