"""Several 自评表 printed one under another on one sheet (a unit's whole package in one
worksheet): each is read as its own form, exactly as when it stands alone — the second is
never swallowed by the first."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl

from jixiao import api

from _records import without_locations

FORMS = Path(__file__).resolve().parent
FIRST = FORMS / "national" / "ezhou-czj-2019.xlsx"
SECOND = FORMS / "national" / "lijiang-gucheng-weipian-2020.xlsx"
GAP = 3


def _stack(out: Path) -> tuple[Path, int]:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    offset = 0
    offsets = []
    for path in (FIRST, SECOND):
        source = openpyxl.load_workbook(path).active
        offsets.append(offset)
        for row in source.iter_rows():
            for cell in row:
                if cell.value is not None:
                    sheet.cell(row=cell.row + offset, column=cell.column, value=cell.value)
        for merged in source.merged_cells.ranges:
            sheet.merge_cells(start_row=merged.min_row + offset, start_column=merged.min_col,
                              end_row=merged.max_row + offset, end_column=merged.max_col)
        offset += source.max_row + GAP
    book.save(out)
    return out, offsets[1]


def _moved(cell: str, rows: int) -> str:
    column, row = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()
    return f"{column}{int(row) + rows}"


def test_two_forms_on_one_sheet_are_two_forms_each_as_alone(tmp_path):
    stacked, offset = _stack(tmp_path / "两张表.xlsx")
    evaluations = api.read(stacked).evaluations
    alone = [api.read(FIRST).evaluations[0], api.read(SECOND).evaluations[0]]
    assert [e.project for e in evaluations] == ["购买第三方服务", "2020年省级自然资源卫片执法补助经费支出绩效自评表"]
    assert [without_locations(e) for e in evaluations] == [without_locations(e) for e in alone]
    got = sorted((f.project, f.code, f.location.cell) for f in api.audit([stacked]).findings)
    want = sorted([(f.project, f.code, f.location.cell) for f in api.audit([FIRST]).findings]
                  + [(f.project, f.code, _moved(f.location.cell, offset)) for f in api.audit([SECOND]).findings])
    assert got == want
    assert ("2020年省级自然资源卫片执法补助经费支出绩效自评表", "score-mismatch", "I35") in got
