"""PDF: ruled tables are found on each page, merged cells are recovered from the cell boxes (a
covered position takes the text of the box that covers it), a table continued at the top of the
next page is joined to the one it continues, and the lines just above a table (title, year) are
kept as context. Values keep their page, table and cell.

Pages are read with pdfium (pdf_pages: the characters and ruling lines pdfplumber would find,
about 20 times faster), a page outside what that reproduces exactly with pdfplumber as before; the
tables, the cells' text and the text around them are then pdfplumber's own functions over those
characters and lines. Before any of it, the file's streams are measured (pdf_guard) and a
password-protected PDF is named as such; pages, characters, ruled cells and time are counted
against the file's budget (ingest/budget.py); pdfminer's warnings are kept off stderr."""

from __future__ import annotations

import logging
import re
import warnings
from bisect import bisect_left, bisect_right
from contextlib import contextmanager

from ..findings import Finding, refuse
from ..model import Location
from ..numbers import parse_quantity
from ..profile import read_profiles_stamp
from .budget import MAX_PAGES, Budget
from .docx import FORM_MARKS, is_form
from .forms import with_profiles
from .office_grid import MAX_COLS, MAX_ROWS, FormRead, Grid, GridCell, key, read_forms_in
from .pdf_guard import check_streams
from .pdf_pages import Fonts, pdfium_page, plumber_page
from .source import MAX_BYTES, Source

CONTEXT_LINES = 3
# A line break between two Latin words was a space; any other was the cell's wrapping
# (人\n数, 2018-\n2022, 12.\n5%).
_WORD_BREAK = re.compile(r"(?<=[A-Za-z])\n(?=[A-Za-z])")
_PASSWORD_ERROR = 4   # FPDF_ERR_PASSWORD


def _unwrap(text: str | None) -> str:
    """Cell text as one line."""
    if not text:
        return ""
    return _WORD_BREAK.sub(" ", text).replace("\n", "").strip()


@contextmanager
def _quiet():
    """pdfminer's warnings (in English, about the file's internals) kept off stderr: what matters
    to the user is said in the reader's findings."""
    logger = logging.getLogger("pdfminer")
    handlers, propagate, level = logger.handlers[:], logger.propagate, logger.level
    logger.handlers, logger.propagate = [logging.NullHandler()], False
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.handlers, logger.propagate = handlers, propagate
        logger.setLevel(level)


def _damaged(source: Source, error: Exception):
    return refuse("file-malformed", f"PDF 文件已损坏，无法读取（{type(error).__name__}）", source.location)


def _encrypted(source: Source):
    return refuse("file-encrypted", "PDF 文件受密码保护，请先取消密码再导入", source.location)


# The pages of the PDF read last, by its bytes object: (bytes, {index: Page}).
_RECENT: tuple[bytes | None, dict] = (None, {})


def forget_pages() -> None:
    """Let go of the pages kept for a second reader of the same PDF."""
    global _RECENT
    _RECENT = (None, {})


class _Document:
    """The PDF opened with pdfium once its streams have been measured; pdfplumber opened only if a
    page needs it."""

    def __init__(self, source: Source, budget: Budget):
        import pypdfium2 as pdfium

        self.source = source
        self.budget = budget
        source.check_size(MAX_BYTES)
        if not source.data.startswith(b"%PDF-"):
            raise refuse("file-malformed", "不是有效的 PDF 文件", source.location)
        measured = check_streams(source.data, source.location)
        try:
            self.pdf = pdfium.PdfDocument(source.data)
        except pdfium.PdfiumError as error:
            if getattr(error, "err_code", None) == _PASSWORD_ERROR:
                raise _encrypted(source) from None
            raise _damaged(source, error) from None
        if not measured:
            # Encrypted, opened by pdfium without a password, but its streams could not be deciphered to
            # be measured (nor read by pdfminer, which the previous reader used): not read.
            self.pdf.close()
            raise _damaged(source, ValueError("encrypted streams"))
        self.fonts = Fonts(source.data)
        self._plumber = None

    def __len__(self) -> int:
        return len(self.pdf)

    @property
    def keywords(self) -> str:
        try:
            return self.pdf.get_metadata_value("Keywords") or ""
        except Exception:  # noqa: BLE001 - a damaged information dictionary has no stamp
            return ""

    def page(self, index: int):
        """Page `index` (from 0) as pdf_pages.Page: from pdfium, else from pdfplumber. A report
        is read twice (its forms, then its prose): the second reader gets the pages the first
        parsed (kept until `forget_pages()` or another document is read)."""
        global _RECENT
        data, pages = _RECENT
        if data is not self.source.data:
            pages = {}
            _RECENT = (self.source.data, pages)
        if index not in pages:
            pages[index] = self._parse(index)
        return pages[index]

    def _parse(self, index: int):
        try:
            page = self.pdf[index]
        except Exception as error:  # noqa: BLE001 - pdfium cannot load a page of a damaged tree
            raise _damaged(self.source, error) from None
        try:
            read = pdfium_page(page, self.fonts, self.budget)
        finally:
            page.close()
        return read if read is not None else self._plumber_page(index)

    def _plumber_page(self, index: int):
        import pdfplumber

        try:
            if self._plumber is None:
                self._plumber = pdfplumber.open(self.source.stream())
            page = self._plumber.pages[index]
            read = plumber_page(page)
            read.chars, read.edges  # noqa: B018 - parsed here, inside the guard
            page.close()
            return read
        except Exception as error:  # noqa: BLE001 - pdfminer raises many types on damaged files
            raise _damaged(self.source, error) from None

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
        self.pdf.close()


def _open(source: Source, budget: Budget) -> _Document:
    document = _Document(source, budget)
    if len(document) > MAX_PAGES:
        pages = len(document)
        document.close()
        raise refuse("file-too-large", f"PDF 页数过多（{pages}页），上限为{MAX_PAGES}页", source.location)
    if len(document) == 0:
        document.close()
        raise _damaged(source, ValueError("no pages"))
    return document


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


def _rows(table, centres: list[float], page) -> list[list[tuple[str, bool]]]:
    """(text, spanned) per row and column centre: each position takes the text of the
    box that covers it; a box met again (to the left or above) is a merged cell's copy."""
    texts = page.extract(table)
    rows = table.rows
    origin: dict[tuple, str] = {}
    for r, row in enumerate(rows):
        for c, box in enumerate(row.cells):
            if box is not None:
                origin.setdefault(tuple(box), _unwrap(texts[r][c]))
    # The centre of each row with boxes, and which box covers each (row, column) position: the
    # first box, in the order met, that contains it (an index of positions, not a scan of every
    # box for every position: a 400×60 table has 24 000 boxes).
    ys = []
    for row in rows:
        spans = [(b[1], b[3]) for b in row.cells if b is not None]
        if spans:
            y0, y1 = min(spans, key=lambda s: s[1] - s[0])
            ys.append((y0 + y1) / 2)
        else:
            ys.append(None)
    rows_at = sorted((y, r) for r, y in enumerate(ys) if y is not None)
    row_values = [y for y, _ in rows_at]
    columns_at = sorted((x, c) for c, x in enumerate(centres))
    column_values = [x for x, _ in columns_at]
    cover: dict[tuple[int, int], tuple] = {}
    for box in origin:
        first_row, last_row = bisect_left(row_values, box[1]), bisect_right(row_values, box[3])
        first_col, last_col = bisect_left(column_values, box[0]), bisect_right(column_values, box[2])
        for _, r in rows_at[first_row:last_row]:
            for _, c in columns_at[first_col:last_col]:
                cover.setdefault((r, c), box)
    seen: set[tuple] = set()
    result: list[list[tuple[str, bool]]] = []
    for r, y in enumerate(ys):
        if y is None:
            continue
        out = []
        for c in range(len(centres)):
            box = cover.get((r, c))
            if box is None:
                out.append(("", False))
                continue
            out.append((origin[box], box in seen))
            seen.add(box)
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
    numbers = {c for c in before if _is_figure(previous[c].text.strip())}
    return bool(after) and after <= before and len(after) < len(before) and not after & numbers \
        and not any(_PLACEHOLDER.match(piece[c][0].strip()) for c in after)


def _is_figure(text: str) -> bool:
    """A whole figure — 192, 192只, ≥95% — printed in full before the page break: what follows in
    its column on the next page is a new row's (其中羊养殖数量 180只 under 192只), not its rest."""
    return bool(_NUMBER.fullmatch(text)) or (len(text) <= 20 and parse_quantity(text) is not None)


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


def _starts_form(table, page) -> bool:
    """A table whose first rows hold a form's head (项目名称…): a new form, not a continuation."""
    head = [key(_unwrap(text)) for row in page.extract(table)[:3] for text in row if text]
    return any(text.startswith(FORM_MARKS) for text in head)


def _without_repeated_header(grid: Grid, rows: list[list[tuple[str, bool]]]) -> list[list[tuple[str, bool]]]:
    """A continued table's leading rows that repeat rows already read (a header row printed again
    on every page) are dropped."""
    seen = {tuple(cell.text for cell in row) for row in grid.rows if len(row) > 1}
    start = 0
    while start < len(rows) and tuple(text for text, _ in rows[start]) in seen \
            and any(text for text, _ in rows[start]):
        start += 1
    return rows[start:]


class _Pages:
    """The pages of an open PDF, read one at a time when asked for."""

    def __init__(self, document: _Document):
        self.document = document

    def __len__(self) -> int:
        return len(self.document)

    def __getitem__(self, index: int):
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        self.document.budget.check_time()
        return self.document.page(index % len(self))

    def __iter__(self):
        return (self[index] for index in range(len(self)))


@contextmanager
def text_pages(source: Source):
    """The PDF's pages with pdfplumber's `extract_text()` and `extract_text_lines()` over the
    characters pdfplumber would find (from pdfium, as for the forms): for readers of a report's
    prose, at the forms' speed, under the same guards and budgets."""
    budget = Budget(source.location)
    with _quiet():
        document = _open(source, budget)
        try:
            yield _Pages(document)
        except ValueError as error:
            raise _damaged(source, error) from None
        finally:
            document.close()


def pdf_grids(file: Source) -> tuple[list[Grid], str]:
    """The forms' grids, and the document's keywords (where jixiao stamps its profiles)."""
    budget = Budget(file.location)
    with _quiet():
        document = _open(file, budget)
        try:
            return grids_of(document, file.name, budget)
        except ValueError as error:  # a box pdfplumber refuses (outside the page): a damaged page
            raise _damaged(file, error) from None
        finally:
            document.close()


# How far under a table a merged label cut by the page break may be printed (about three lines).
_LABEL_RUN = 40


def _lines_of(page, bbox: tuple) -> list[list[dict]]:
    """The characters inside `bbox`, as lines (by their top), each in reading order."""
    x0, top, x1, bottom = bbox
    chars = sorted((c for c in page.chars if c["top"] >= top - 0.5 and c["bottom"] <= bottom + 0.5
                    and c["x0"] >= x0 and c["x1"] <= x1 and c["text"].strip()), key=lambda c: (c["top"], c["x0"]))
    lines: list[list[dict]] = []
    for char in chars:
        if lines and abs(lines[-1][0]["top"] - char["top"]) <= 2:
            lines[-1].append(char)
        else:
            lines.append([char])
    return [sorted(line, key=lambda c: c["x0"]) for line in lines]


_LABEL_COLUMNS = 2   # a line outside the table may hold pieces of at most this many labels (一级, 二级)


def _column_at(x: float, centres: list[float]) -> int:
    return min(range(len(centres)), key=lambda c: abs(centres[c] - x))


def _fragments(lines: list[list[dict]], centres: list[float], grid: Grid, strict: bool = True
               ) -> list[tuple[int, str]] | None:
    """What the lines above (or under) a table say about the form read so far: its title
    repeated (ignored), or pieces of merged labels cut by the page break, each inside one
    column — (column, text) in order. None (with `strict`) when a line is anything else: the
    table then starts something new."""
    titles = {row[0].text for row in grid.rows if len(row) == 1}
    found: list[tuple[int, str]] = []
    for line in lines:
        text = "".join(c["text"] for c in line).strip()
        if text in titles or not centres:
            continue
        # One line may carry the pieces of two labels side by side (产出指标's （80分） beside
        # 数量指标 of the next column): each column's characters are one piece.
        pieces: dict[int, str] = {}
        for char in line:
            column = _column_at((char["x0"] + char["x1"]) / 2, centres)
            pieces[column] = pieces.get(column, "") + char["text"]
        if len(pieces) <= _LABEL_COLUMNS and all(len(piece) <= 30 for piece in pieces.values()):
            found.extend(sorted(pieces.items()))
        elif strict:
            return None
    return found


def _fill_labels(grid: Grid, rows: list[list[tuple[str, bool]]], fragments: list[tuple[int, str]]) -> None:
    """Merged labels cut by the page break whose text was printed outside the table: each goes
    back into its box — the empty cells of its column at the foot of the page before and at the
    head of this page — or completes the label left open there (效益指标（10分 | ）)."""
    pieces: dict[int, str] = {}
    for column, text in fragments:
        pieces[column] = pieces.get(column, "") + text
    for c, text in pieces.items():
        top = len(grid.rows)
        while top > 0 and c < len(grid.rows[top - 1]) and len(grid.rows[top - 1]) > 1 \
                and not grid.rows[top - 1][c].text.strip():
            top -= 1
        label = text
        if top == len(grid.rows) and top > 0 and c < len(grid.rows[top - 1]) and _unclosed(grid.rows[top - 1][c].text):
            top -= 1   # the label is there, open: its rest was printed outside
            while top > 0 and grid.rows[top][c].spanned:
                top -= 1
            label = grid.rows[top][c].text + text
        if top == len(grid.rows):
            continue   # the foot of the page holds its own text here: the piece is not its
        for r in range(top, len(grid.rows)):
            cell = grid.rows[r][c]
            grid.rows[r][c] = GridCell(label, cell.location, spanned=r > top)
        for row in rows:
            if c >= len(row) or row[c][0].strip() and row[c][0] != label:
                break
            row[c] = (label, True)


def grids_of(document, source: str, budget: Budget) -> tuple[list[Grid], str]:
    """The forms' grids of a document read page by page (`document.page(i)` gives what
    `pdf_pages.Page` gives: its tables, their cells' text, the text in a box)."""
    keywords = document.keywords
    grids: list[Grid] = []
    number = 0
    previous = None  # (grid, column centres) of the last table, if it may continue
    below_previous: list[tuple[int, str]] = []   # label pieces printed under the last page's table
    for page_number in range(1, len(document) + 1):
        budget.check_time()
        page = document.page(page_number - 1)
        tables = page.tables(budget)
        for table in tables:
            top = table.bbox[1]
            above = page.text_within((0, 0, page.width, max(top - 1, 1))) or ""
            lines = [line.strip() for line in above.splitlines() if line.strip()]
            context = lines[-CONTEXT_LINES:]
            # A table continues the previous page's when nothing new is printed above it (a print
            # title repeats on every page) and it does not start a form of its own; its cells are
            # then placed under the previous table's columns by position.
            fragments = _fragments(_lines_of(page, (0, 0, page.width, top)), previous[1], previous[0]) \
                if previous is not None else None
            continues = previous is not None and top < page.height * 0.2 and not _starts_form(table, page) \
                and fragments is not None
            if continues:
                grid, centres = previous
            else:
                number += 1
                centres = _columns(table)[:MAX_COLS]
                grid = Grid([[GridCell(line, Location(file=source, page=page_number))] for line in context],
                            name=f"第{page_number}页表{number}",
                            location=Location(file=source, page=page_number, table=number))
                grids.append(grid)
            rows = _rows(table, centres, page)
            if continues:
                rows = _without_repeated_header(grid, rows)
            if continues and rows and grid.rows and _split_piece(grid.rows[-1], rows[0]):
                _join(grid.rows[-1], rows.pop(0))
            elif continues and rows and grid.rows:
                _join_split_labels(grid, rows)
            if continues:
                _fill_labels(grid, rows, below_previous + fragments)
            first_row = len([row for row in grid.rows if len(row) > 1])
            for r, row in enumerate(rows[: MAX_ROWS - len(grid.rows)], start=first_row + 1):
                grid.rows.append([
                    GridCell(text, Location(file=source, page=page_number, table=number, row=r, column=c + 1),
                             spanned=spanned)
                    for c, (text, spanned) in enumerate(row)])
            previous = (grid, centres)
            budget.check_time()
        below_previous = []
        if grids:
            # Text below the page's last table (a 注 under the form, or one pushed onto a page
            # of its own) is the last form's: kept for recognising its layout.
            bottom = max((table.bbox[3] for table in tables), default=0)
            below = page.text_within((0, min(bottom + 1, page.height - 1), page.width, page.height))
            grids[-1].notes += [line.strip() for line in (below or "").splitlines() if line.strip()]
            if tables and previous is not None:
                # A merged label running over the page break is printed under the table's last
                # row (the box is cut there): its words, column by column, for the next page.
                near = _lines_of(page, (0, bottom, page.width, min(bottom + _LABEL_RUN, page.height)))
                below_previous = _fragments(near, previous[1], previous[0], strict=False) or []
    return [grid for grid in grids if is_form(grid)], keywords


def read_forms(source: Source, layout: str | None = None) -> tuple[list[FormRead], list[Finding]]:
    grids, keywords = pdf_grids(source)
    return with_profiles([read for grid in grids for read in read_forms_in(grid, layout)],
                         read_profiles_stamp(keywords)), []
