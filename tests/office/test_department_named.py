"""A 部门整体支出绩效自评表 that names the department (部门（单位）名称) where a project form prints
项目名称: read as the department's whole expenditure, named as printed, with every indicator."""

from __future__ import annotations

import openpyxl

from jixiao import api
from jixiao.model import Kind

from .samples import without_locations

EXAMPLES = {path.stem: path for path in api.example_paths()}
UNIT = "武汉东湖综合保税区建设管理办公室"


def test_a_department_form_that_names_the_department(tmp_path):
    written = tmp_path / "部门.xlsx"
    api.write_xlsx([api.score(api.load_evaluation(EXAMPLES["dept-2019-zongbaoban"]))], written)
    book = openpyxl.load_workbook(written)
    sheet = next(ws for ws in book.worksheets if any(c.value == "项目名称" for row in ws.iter_rows() for c in row))
    label = next(c for row in sheet.iter_rows() for c in row if c.value == "项目名称")
    label.value = "部门（单位）名称"
    value = next(c for c in sheet[label.row] if c.column > label.column and c.value)
    value.value = UNIT
    for ws in [ws for ws in book.worksheets if ws is not sheet]:
        book.remove(ws)   # the form alone, as a unit would send it
    renamed = tmp_path / "部门整体支出绩效自评表.xlsx"
    book.save(renamed)
    (evaluation,) = api.read(renamed).evaluations
    (original,) = api.read(written).evaluations
    assert (evaluation.kind, evaluation.project) == (Kind.DEPARTMENT, UNIT)
    assert evaluation.location.cell == value.coordinate
    assert without_locations(evaluation.indicators) == without_locations(original.indicators)
    assert len(evaluation.indicators) == 41
