# The previous .docx reader's use of python-docx (issue 14 §2), kept to compare with the current one:
# opening the document, its tables as grids and its keywords. `previous_readers()` puts these in
# place of the current reader's, whose logic around them is shared.
"""Word documents (.docx): each table that is a form (it has a 项目名称 or 项目资金 cell)
becomes a Grid, preceded by the paragraphs just above it (where a form's title and year are
printed). Values keep their table, row and column, or their paragraph."""

from __future__ import annotations

import warnings
import zipfile
from jixiao.findings import refuse
from jixiao.model import Location
from jixiao.ingest.office_grid import MAX_COLS, MAX_ROWS, Grid, GridCell, key
from jixiao.ingest.office_guard import check_office_zip
from jixiao.ingest.source import Source

CONTEXT_PARAGRAPHS = 3
FORM_MARKS = ("项目名称", "项目资金")


# An indicator header without the form's head (a table continued from a page not supplied):
# its three levels, weight, actual value and score (a 评分细则 table has no actual; a report's
# restatement of one level's indicators, no 一级指标 column).
HEADER_MARKS = ("三级指标", "指标名称")
LEVEL1_MARKS = ("一级指标",)
WEIGHT_MARKS = ("分值", "权重")
ACTUAL_MARKS = ("实际完成值", "完成值", "全年实际值", "实际值")


def is_form(grid: Grid) -> bool:
    if any(key(cell.text).startswith(FORM_MARKS) for row in grid.rows for cell in row):
        return True
    for row in grid.rows:
        keys = [key(cell.text) for cell in row]
        if all(any(k.startswith(marks) for k in keys) for marks in (LEVEL1_MARKS, HEADER_MARKS, WEIGHT_MARKS, ACTUAL_MARKS)) \
                and any(k.startswith("得分") for k in keys):
            return True
    return False


def _open(source: Source):
    check_office_zip(source, "Word")
    import docx

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return docx.Document(source.stream())
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, AttributeError) as error:
        raise refuse("file-malformed", f"Word 文件已损坏，无法读取（{type(error).__name__}）", source.location) from None


def _table_grid(table, number: int, source: str, context: list[tuple[int, str]]) -> Grid:
    rows: list[list[GridCell]] = [
        [GridCell(text, Location(file=source, paragraph=paragraph))] for paragraph, text in context
    ]
    seen_above: list = []
    for r, row in enumerate(table.rows[:MAX_ROWS], start=1):
        cells = row.cells[:MAX_COLS]
        grid_row = []
        for c, cell in enumerate(cells):
            # python-docx repeats a merged cell's object over its span: a repeat is a copy.
            spanned = (c > 0 and cells[c - 1]._tc is cell._tc) or (
                c < len(seen_above) and seen_above[c] is cell._tc)
            grid_row.append(GridCell(cell.text.strip(), Location(file=source, table=number, row=r, column=c + 1),
                                     spanned=spanned))
        seen_above = [cell._tc for cell in cells]
        rows.append(grid_row)
    return Grid(rows, name=f"表{number}", location=Location(file=source, table=number))


def docx_grids(source: Source, document=None) -> list[Grid]:
    document = document or _open(source)
    grids: list[Grid] = []
    context: list[tuple[int, str]] = []
    paragraph_number = table_number = 0
    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for element in body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_number += 1
            text = Paragraph(element, document).text.strip()
            if text:
                context = (context + [(paragraph_number, text)])[-CONTEXT_PARAGRAPHS:]
        elif tag == "tbl":
            table_number += 1
            grid = _table_grid(Table(element, document), table_number, source.name, context)
            context = []
            if is_form(grid):
                grids.append(grid)
    return grids


