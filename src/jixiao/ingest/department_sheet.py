"""The 部门整体数据 sheet of a workbook (render/xlsx_department.py writes it; a unit may fill
it offline) → `DepartmentFigures` and `Prose`, attached to the department form it names.

The sheet is read by its row labels and header texts, never by fixed cells, so rows may be
added or left out. A cell that should hold a number and does not is a `cell-not-number`
finding at its cell; the value is left out, never guessed.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ..department import (
    MEASURES,
    PERCENT_MEASURES,
    WAN_YUAN,
    DepartmentFigures,
    Figure,
    HeadCount,
    Item,
    Staff,
    StaffTotal,
    Stated,
)
from ..findings import Finding
from ..model import Kind
from ..numbers import parse_quantity, parse_unit
from ..prose import SECTIONS, Prose
from .office_grid import FormRead, Grid, GridCell

MARK = "部门整体支出基础数据"
GROUPS = {"基本支出": "basic", "项目支出": "projects", "按功能分类": "functional", "三公经费合计": "three_public_total",
          "三公经费": "three_public", "其他支出": "activities", "政府采购": "procurement", "结转结余": "carryover"}
COLUMNS = {"名称": "name", "年度": "year", "年初预算数": "initial_budget", "预算数": "budget", "实际支出数": "actual",
           "上年数": "last_year", "次数": "times", "人数": "people", "报告所列占比": "share",
           "报告所列为预算的": "budget_rate", "报告所列比预算增减": "budget_diff", "报告所列比上年增减": "yoy_diff",
           "报告所列比上年增减幅度": "yoy_rate", "报告所列人均": "per_person", "说明": "note"}
SECTION_KEYS = {title: key for key, title in SECTIONS.items()}


def is_department_sheet(grid: Grid) -> bool:
    return bool(grid.rows) and grid.cell(0, 0).text.startswith(MARK)


class _Sheet:
    def __init__(self, grid: Grid):
        self.grid = grid
        self.findings: list[Finding] = []
        self.unit = WAN_YUAN

    def bad(self, cell: GridCell, what: str) -> None:
        self.findings.append(Finding("cell-not-number", f"{what}“{cell.text}”不是数字，未读取", cell.location))

    def number(self, cell: GridCell, what: str) -> Decimal | None:
        if cell.number is not None:
            return cell.number
        text = cell.text.strip().replace(",", "")
        if not text:
            return None
        try:
            return Decimal(text.rstrip("%")) / (100 if text.endswith("%") else 1)
        except InvalidOperation:
            self.bad(cell, what)
            return None

    def count(self, cell: GridCell, what: str) -> int | None:
        value = self.number(cell, what)
        if value is None:
            return None
        if value != value.to_integral_value():
            self.bad(cell, what)
            return None
        return int(value)

    def figure(self, cell: GridCell, what: str) -> Figure | None:
        text = cell.text.strip()
        if not text:
            return None
        quantity = parse_quantity(text) if cell.number is None else None
        if quantity is not None and quantity.unit.text:
            if quantity.unit.base != self.unit.base:
                self.bad(cell, what)
                return None
            return Figure(quantity.value * quantity.unit.scale / self.unit.scale, text, cell.location)
        value = self.number(cell, what)
        return None if value is None else Figure(value, text, cell.location)

    def stated(self, measure: str, cell: GridCell, what: str) -> Stated | None:
        value = self.number(cell, what)
        if value is None:
            return None
        return Stated(measure, cell.text.strip().lstrip("-−"), value, measure in PERCENT_MEASURES, cell.location)

    # -- the pass ----------------------------------------------------------------------

    def read(self) -> tuple[str, DepartmentFigures | None, Prose | None]:
        labels: dict[str, list[GridCell]] = {}
        staff: dict[str, list] = {"编制数": [None, []], "实有人数": [None, []]}
        retired = None
        items: dict[str, list[Item]] = {key: [] for key in GROUPS.values()}
        spending_total = None
        inputs: list[tuple[str, Figure]] = []
        prose: list[tuple[str, str]] = []
        section, headers, last_label = "", {}, ""
        for r, row in enumerate(self.grid.rows[1:], start=1):
            first = self.grid.cell(r, 0).text.strip()
            texts = [cell.text.strip() for cell in row]
            if first in ("人员情况", "支出情况", "共性指标其他输入", "报告文字") and not any(texts[1:]):
                section, headers = first, {}
                continue
            if section and not headers:
                headers = {text: c for c, text in enumerate(texts) if text}
                continue
            if not section:
                if first:
                    last_label = first
                labels.setdefault(last_label, []).append(self.grid.cell(r, 1))
                continue
            if not any(texts):
                continue
            cell = lambda name: self.grid.cell(r, headers[name]) if name in headers else GridCell("", row[0].location)  # noqa: E731
            if section == "人员情况":
                kind = cell("类别").text.strip()
                count = self.count(cell("人数"), f"{first}“{kind}”的人数")
                if first == "离退休人员":
                    retired = count
                elif first in staff and kind == "合计":
                    staff[first][0] = (count, cell("人数").location)
                elif first in staff and kind and count is not None:
                    staff[first][1].append(HeadCount(kind, count, cell("所属类别").text.strip(), cell("人数").location))
            elif section == "支出情况":
                if first == "支出总额":
                    spending_total = self.figure(cell("实际支出数"), "支出总额")
                elif first in GROUPS:
                    item = self.item(cell, first)
                    if item is not None:
                        items[GROUPS[first]].append(item)
            elif section == "共性指标其他输入":
                value = cell("值")
                number = self.number(value, f"共性指标输入“{first}”")
                if number is not None:
                    inputs.append((first, Figure(number, value.text.strip(), value.location)))
            elif section == "报告文字" and first in SECTION_KEYS and cell("内容").text.strip():
                prose.append((SECTION_KEYS[first], cell("内容").text.strip()))
        project = self.text(labels, "名称")
        unit_text = self.text(labels, "金额单位")
        if unit_text:
            self.unit = parse_unit(unit_text)
        figures = None
        if section or any(labels.get(k) for k in ("单位概况", "单位主要职能")):
            figures = self.figures(labels, staff, retired, items, spending_total, inputs)
        order = list(SECTIONS)
        text = Prose(tuple(sorted(prose, key=lambda p: order.index(p[0]))), self.grid.location) if prose else None
        return project, figures, text

    @staticmethod
    def text(labels: dict[str, list[GridCell]], label: str) -> str:
        cells = labels.get(label) or []
        return cells[0].text.strip() if cells else ""

    def item(self, cell, group: str) -> Item | None:
        name = cell("名称").text.strip()
        if not name:
            return None
        owner = f"{group}“{name}”"
        stated = tuple(s for s in (self.stated(measure, cell(header), f"{owner}{MEASURES[measure]}")
                                   for header, measure in COLUMNS.items() if measure in MEASURES) if s is not None)
        return Item(
            name=name,
            budget=self.figure(cell("预算数"), f"{owner}的预算数"),
            actual=self.figure(cell("实际支出数"), f"{owner}的实际支出数"),
            last_year=self.figure(cell("上年数"), f"{owner}的上年数"),
            initial_budget=self.figure(cell("年初预算数"), f"{owner}的年初预算数"),
            times=self.count(cell("次数"), f"{owner}的次数"),
            people=self.count(cell("人数"), f"{owner}的人数"),
            year=self.count(cell("年度"), f"{owner}的年度"),
            stated=stated,
            note=cell("说明").text.strip(),
            location=cell("名称").location,
        )

    def figures(self, labels, staff, retired, items, spending_total, inputs) -> DepartmentFigures:
        def total(key: str) -> StaffTotal:
            found, kinds = staff[key]
            count, location = found if found else (None, None)
            return StaffTotal(count, tuple(kinds), location)

        has_staff = any(found or kinds for found, kinds in staff.values()) or retired is not None
        functions = tuple(c.text.strip() for c in labels.get("单位主要职能", []) if c.text.strip())
        split = lambda label: tuple(t for t in self.text(labels, label).split("、") if t.strip())  # noqa: E731
        return DepartmentFigures(
            unit=self.unit,
            overview=self.text(labels, "单位概况"),
            functions=functions,
            institutions=split("内设机构"),
            staff=Staff(total("编制数"), total("实有人数"), retired, self.grid.location) if has_staff else None,
            spending_total=spending_total,
            basic=tuple(items["basic"]),
            projects=tuple(items["projects"]),
            functional=tuple(items["functional"]),
            three_public_total=next(iter(items["three_public_total"]), None),
            three_public=tuple(items["three_public"]),
            activities=tuple(items["activities"]),
            procurement=next(iter(items["procurement"]), None),
            carryover=next(iter(items["carryover"]), None),
            key_projects=split("重点项目"),
            inputs=tuple(inputs),
            framework=self.text(labels, "共性指标框架") or "national",
            location=self.grid.location,
        )


def with_department_sheet(reads: list[FormRead], grids: list[Grid]) -> list[FormRead]:
    """Each 部门整体数据 sheet attached to the department form it names (else the only one)."""
    for grid in grids:
        if not is_department_sheet(grid):
            continue
        sheet = _Sheet(grid)
        project, figures, prose = sheet.read()
        forms = [read for read in reads if read.evaluation is not None and read.evaluation.kind is Kind.DEPARTMENT]
        target = next((read for read in forms if read.evaluation.project == project), None) or \
            (forms[0] if len(forms) == 1 else None)
        if target is None:
            continue
        target.evaluation = replace(target.evaluation, department_figures=figures, prose=prose)
        target.findings.extend(sheet.findings)
    return reads


__all__ = ["is_department_sheet", "with_department_sheet"]
