"""The department's figures and the unit's text written to the workbook's 部门整体数据 sheet and
to YAML, and read back equal; a sheet filled offline with a word where a number belongs is a
finding at its cell, the rest still read."""

from __future__ import annotations

import dataclasses

import openpyxl
import pytest

from jixiao import api
from jixiao.model import Location

EXAMPLE = api.EXAMPLES_DIR / "dept-2019-zongbaoban.yaml"


def _without_locations(value):
    if isinstance(value, Location):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: _without_locations(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, tuple):
        return tuple(_without_locations(v) for v in value)
    return value


@pytest.fixture(scope="module")
def department():
    return api.load_evaluation(EXAMPLE)


@pytest.fixture(scope="module")
def workbook(department, tmp_path_factory):
    path = tmp_path_factory.mktemp("dept") / "dept.xlsx"
    api.write_xlsx([api.score(department)], path)
    return path


def test_the_sheet_reads_back_to_the_same_figures_and_text(department, workbook):
    (back,) = api.read(workbook).evaluations
    assert _without_locations(back.department_figures) == _without_locations(department.department_figures)
    assert _without_locations(back.prose) == _without_locations(department.prose)
    staff = back.department_figures.staff.actual
    assert (staff.location.sheet, staff.location.cell) == ("部门整体数据", "C19")


def test_the_sheet_shows_amounts_as_numbers_in_their_written_format(workbook):
    ws = openpyxl.load_workbook(workbook)["部门整体数据"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(1, ws.max_row + 1)}
    total = ws.cell(rows[("支出总额", None)], 6)
    assert (float(total.value), total.number_format) == (3431.89, "#,##0.00")
    reception = rows[("三公经费", "公务接待费")]
    assert [ws.cell(reception, c).value for c in (5, 6, 10, 11, 12)] == [4, 1.23, 0.4272, 0.3085, -2.77]
    assert ws.cell(reception, 11).number_format == "0.00%"


def test_a_word_where_a_number_belongs_is_a_finding_at_its_cell(workbook, tmp_path):
    book = openpyxl.load_workbook(workbook)
    ws = book["部门整体数据"]
    ws["C19"] = "十七"
    changed = tmp_path / "filled.xlsx"
    book.save(changed)
    package = api.read(changed)
    (finding,) = [f for f in package.all_findings() if f.code == "cell-not-number"]
    assert (finding.location.sheet, finding.location.cell) == ("部门整体数据", "C19")
    assert finding.message == "实有人数“合计”的人数“十七”不是数字，未读取"
    (back,) = package.evaluations
    assert back.department_figures.staff.actual.total is None
    assert [k.count for k in back.department_figures.staff.actual.kinds] == [5, 2, 0]


def test_yaml_written_from_the_model_loads_back_equal(department):
    text = api.yaml_text(department)
    assert "  three_public:\n    total:\n      name: “三公”经费\n      budget: '7'" in text
    assert "reported:\n        share: 42.72%\n        budget_rate: 30.85%\n        budget_diff: '-2.77'" in text
    (back,) = api.read_bytes(text.encode(), "back.yaml").evaluations
    assert _without_locations(back) == _without_locations(department)


def test_a_department_template_has_the_sheet_to_fill(tmp_path):
    from jixiao.ingest.department_sheet import _Sheet, is_department_sheet
    from jixiao.ingest.source import Source
    from jixiao.ingest.xlsx import open_workbook, sheet_grid
    from jixiao.model import Kind
    from jixiao.render.xlsx_template import write_template

    path = write_template(tmp_path / "t.xlsx", kind=Kind.DEPARTMENT, year=2020)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["自评表", "填表说明", "部门整体数据"]
    ws = book["部门整体数据"]
    rows = {(ws.cell(r, 1).value, ws.cell(r, 2).value): r for r in range(1, ws.max_row + 1)}
    ws.cell(rows[("实有人数", "合计")], 3).value = 17
    ws.cell(rows[("三公经费", "公务接待费")], 5).value = 4
    ws.cell(rows[("三公经费", "公务接待费")], 6).value = 1.23
    book.save(path)
    grid = sheet_grid(next(s for s in open_workbook(Source.from_path(path)).worksheets if s.title == "部门整体数据"),
                      "t.xlsx")
    assert is_department_sheet(grid)
    sheet = _Sheet(grid)
    _, figures, prose = sheet.read()
    assert sheet.findings == [] and prose is None
    assert (figures.staff.actual.total, figures.staff.establishment.total) == (17, None)
    reception = next(i for i in figures.three_public if i.name == "公务接待费")
    assert (reception.budget.value, str(reception.actual.value)) == (4, "1.23")
    assert [i.name for i in figures.basic] == ["人员经费", "公用经费"]
    assert [p.year for p in figures.activities] == [2020, 2020]
