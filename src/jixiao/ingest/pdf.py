"""PDF with pdfplumber: ruled tables are found on each page,
merged cells are recovered from the cell boxes (a covered position takes the text of the
box that covers it), a table continued at the top of the next page is joined to the one
it continues, and the lines just above a table (title, year) are kept as context. Values
keep their page, table and cell."""

from __future__ import annotations

import re
from ..findings import Finding, refuse
from ..model import Location
from ..profile import read_profiles_stamp
from .docx import is_form
from .forms import with_profiles
from .office_grid import MAX_COLS, MAX_ROWS, FormRead, Grid, GridCell, read_forms_in
from .source import MAX_BYTES, Source

MAX_PAGES = 300
CONTEXT_LINES = 3
# A line break between two Latin words was a space; any other was the cell's wrapping
# (人\n数, 2018-\n2022, 12.\n5%).
_WORD_BREAK = re.compile(r"(?<=[A-Za-z])\n(?=[A-Za-z])")


def _unwrap(text: str | None) -> str:
    """Cell text as one line."""
    if not text:
        return ""
    return _WORD_BREAK.sub(" ", text).replace("\n", "").strip()


def _open(source: Source):
    source.check_size(MAX_BYTES)
    if not source.data.startswith(b"%PDF-"):
        raise refuse("file-malformed", "不是有效的 PDF 文件", source.location)
    import pdfplumber

    try:
        return pdfplumber.open(source.stream())
    except Exception as error:  # noqa: BLE001 - pdfminer raises many types on damaged files
        if "password" in str(error).lower() or type(error).__name__ == "PDFPasswordIncorrect":
            raise refuse("file-encrypted", "PDF 文件受密码保护，请先取消密码再导入", source.location) from None
        raise refuse("file-malformed", f"PDF 文件已损坏，无法读取（{type(error).__name__}）", source.location) from None


def _columns(table) -> list[float]:
    """The x centre of each column: of its narrowest box (wider ones are merged)."""
    boxes = [list(row.cells) for row in table.rows]
    width = max((len(row) for row in boxes), default=0)
    centres = []
    for c in range(width):
        spans = [(row[c][0], row[c][2]) for row in boxes if c < len(row) and row[c] is not None]
        if spans:
            x0, x1 = min(spans, key=lambda s: s[1] - s[0])
            centres.append((x0 + x1) / 2)
    return centres


def _rows(table, centres: list[float]) -> list[list[tuple[str, bool]]]:
    """(text, spanned) per row and column centre: each position takes the text of the
    box that covers it; a box met again (to the left or above) is a merged cell's copy."""
    texts = table.extract()
    origin: dict[tuple, str] = {}
    for r, row in enumerate(table.rows):
        for c, box in enumerate(row.cells):
            if box is not None:
                origin.setdefault(tuple(box), _unwrap(texts[r][c]))
    seen: set[tuple] = set()
    result: list[list[tuple[str, bool]]] = []
    for row in table.rows:
        spans = [(b[1], b[3]) for b in row.cells if b is not None]
        if not spans:
            continue
        y0, y1 = min(spans, key=lambda s: s[1] - s[0])
        y = (y0 + y1) / 2
        out = []
        for x in centres:
            cover = next((box for box in origin if box[0] <= x <= box[2] and box[1] <= y <= box[3]), None)
            if cover is None:
                out.append(("", False))
                continue
            out.append((origin[cover], cover in seen))
            seen.add(cover)
        result.append(out)
    return result


# A template row's label (指标2：, ……): a row of its own, never the rest of the row above.
# A figure too short to break: its column stays empty in the rest of a broken row.
_NUMBER = re.compile(r"[\d.,%]+")
_PLACEHOLDER = re.compile(r"^(指标\s*\d+|指标\s*[:：]|[…．.]{2,})")


def _split_piece(previous: list[GridCell], piece: list[tuple[str, bool]]) -> bool:
    """Whether the first row on a page is the rest of the last row of the page before (a
    row broken across the page): text only in columns where that row has its own text, fewer
    of them, and none where that row prints a bare figure (a figure fits on the first page; a
    new row prints its own 分值 and 得分)."""
    before = {c for c, cell in enumerate(previous) if cell.text.strip() and not cell.spanned}
    after = {c for c, (text, spanned) in enumerate(piece) if text.strip() and not spanned}
    numbers = {c for c in before if _NUMBER.fullmatch(previous[c].text.strip())}
    return bool(after) and after <= before and len(after) < len(before) and not after & numbers \
        and not any(_PLACEHOLDER.match(piece[c][0].strip()) for c in after)


def _join(previous: list[GridCell], piece: list[tuple[str, bool]]) -> None:
    for c, (text, spanned) in enumerate(piece):
        if text.strip() and not spanned and c < len(previous):
            cell = previous[c]
            previous[c] = GridCell(cell.text + text.strip(), cell.location, spanned=cell.spanned)


_OPEN, _CLOSE = "（(", "）)"


def _unclosed(text: str) -> bool:
    return sum(text.count(ch) for ch in _OPEN) > sum(text.count(ch) for ch in _CLOSE)


def _closes(text: str) -> bool:
    first = next((ch for ch in text if ch in _OPEN + _CLOSE), "")
    return first in _CLOSE


def _join_split_labels(grid: Grid, rows: list[list[tuple[str, bool]]]) -> None:
    """A merged label broken by the page (项目产出（30 | 分）): the rest printed at the top of the
    next page belongs to the label above, whose bracket it closes. The label is made whole,
    and the next page's rows under it become its copies."""
    for c, (text, spanned) in enumerate(rows[0]):
        if spanned or not text.strip() or not _closes(text.strip()) or c >= len(grid.rows[-1]):
            continue
        top = len(grid.rows) - 1
        while top > 0 and c < len(grid.rows[top]) and grid.rows[top][c].spanned:
            top -= 1
        label = grid.rows[top][c].text
        if not _unclosed(label):
            continue
        whole = label + text.strip()
        for r in range(top, len(grid.rows)):
            cell = grid.rows[r][c]
            grid.rows[r][c] = GridCell(whole, cell.location, spanned=cell.spanned)
        rows[0][c] = (whole, True)
        for row in rows[1:]:
            if c >= len(row) or not row[c][1]:
                break
            row[c] = (whole, True)


def pdf_grids(file: Source) -> tuple[list[Grid], str]:
    """The forms' grids, and the document's keywords (where jixiao stamps its profiles)."""
    source = file.name
    grids: list[Grid] = []
    with _open(file) as pdf:
        keywords = str((pdf.metadata or {}).get("Keywords") or "")
        if len(pdf.pages) > MAX_PAGES:
            raise refuse("file-too-large", f"PDF 页数过多（{len(pdf.pages)}页），上限为{MAX_PAGES}页", file.location)
        number = 0
        previous = None  # (grid, column centres) of the last table, if it may continue
        for page_number, page in enumerate(pdf.pages, start=1):
            tables = page.find_tables()
            for table in tables:
                top = table.bbox[1]
                above = page.within_bbox((0, 0, page.width, max(top - 1, 1))).extract_text() or ""
                context = [line.strip() for line in above.splitlines() if line.strip()][-CONTEXT_LINES:]
                # A table continues the previous page's when nothing is printed above it; its
                # cells are then placed under the previous table's columns by position.
                continues = previous is not None and top < page.height * 0.2 and not context
                if continues:
                    grid, centres = previous
                else:
                    number += 1
                    centres = _columns(table)[:MAX_COLS]
                    grid = Grid([[GridCell(line, Location(file=source, page=page_number))] for line in context],
                                name=f"第{page_number}页表{number}",
                                location=Location(file=source, page=page_number, table=number))
                    grids.append(grid)
                rows = _rows(table, centres)
                if continues and rows and grid.rows and _split_piece(grid.rows[-1], rows[0]):
                    _join(grid.rows[-1], rows.pop(0))
                elif continues and rows and grid.rows:
                    _join_split_labels(grid, rows)
                first_row = len([row for row in grid.rows if len(row) > 1])
                for r, row in enumerate(rows[: MAX_ROWS - len(grid.rows)], start=first_row + 1):
                    grid.rows.append([
                        GridCell(text, Location(file=source, page=page_number, table=number, row=r, column=c + 1),
                                 spanned=spanned)
                        for c, (text, spanned) in enumerate(row)])
                previous = (grid, centres)
            if grids:
                # Text below the page's last table (a 注 under the form, or one pushed onto a page
                # of its own) is the last form's: kept for recognising its layout.
                bottom = max((table.bbox[3] for table in tables), default=0)
                below = page.within_bbox((0, min(bottom + 1, page.height - 1), page.width, page.height))
                grids[-1].notes += [line.strip() for line in (below.extract_text() or "").splitlines()
                                    if line.strip()]
    return [grid for grid in grids if is_form(grid)], keywords


def read_forms(source: Source, layout: str | None = None) -> tuple[list[FormRead], list[Finding]]:
    grids, keywords = pdf_grids(source)
    return with_profiles([read for grid in grids for read in read_forms_in(grid, layout)],
                         read_profiles_stamp(keywords)), []
