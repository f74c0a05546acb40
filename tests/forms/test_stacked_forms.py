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


def _stack(out: Path, first: Path = FIRST, second: Path = SECOND) -> tuple[Path, int]:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "自评表"
    offset = 0
    offsets = []
    for path in (first, second):
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


def test_a_first_form_with_a_two_row_header_does_not_swallow_the_second(tmp_path):
    # 永德's and 丽江's headers print 分值 merged down beside 三级指标 on the header's second row:
    # the block was not seen, so the next form's 项目名称 did not start a new form (2 read as 1,
    # a false weights-mismatch of 190 for 100).
    second = FORMS / "sichuan" / "qingshen-fgj-gongzixing-2023.xlsx"
    for first in (FORMS / "national" / "yongde-mingliang-yingyang-2022.xlsx", SECOND):
        stacked, _ = _stack(tmp_path / f"{first.stem}.xlsx", first, second)
        evaluations = api.read(stacked).evaluations
        alone = [api.read(first).evaluations[0], api.read(second).evaluations[0]]
        assert [without_locations(e) for e in evaluations] == [without_locations(e) for e in alone]
