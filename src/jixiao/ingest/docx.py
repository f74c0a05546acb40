"""Word documents (.docx): each table that is a form (it has a 项目名称 or 项目资金 cell)
becomes a Grid, preceded by the paragraphs just above it (where a form's title and year are
printed). Values keep their table, row and column, or their paragraph.

The document part is streamed with lxml and read as python-docx reads it (which this reader used
until issue 14: 8 files/s, now well over 30): a paragraph's text is its runs' and hyperlinks'
text (tabs, breaks and non-breaking hyphens as python-docx writes them); a cell's text is its
paragraphs' joined by line breaks; a cell spanning grid columns repeats in each; a cell that
continues a vertical merge is the one it continues (so its copies are marked spanned). Each
top-level paragraph and table row is freed once read, and every cell, character and second is
counted against the file's budget (ingest/budget.py)."""

from __future__ import annotations

import functools
import zipfile
from ..findings import Finding, refuse
from ..model import Location
from .budget import Budget
from .office_grid import MAX_COLS, MAX_ROWS, FormRead, Grid, GridCell, key, read_forms_in
from ..profile import read_profiles_stamp
from .forms import with_profiles
from .layout import layouts
from .office_guard import check_office_zip
from .ooxml import CORE_PROPERTIES, DAMAGED, OFFICE_DOCUMENT, Malformed, Package, drop, iterparse
from .source import Source

CONTEXT_PARAGRAPHS = 3
FORM_MARKS = ("项目名称", "项目资金")


# An indicator header without the form's head (a table continued from a page not supplied, a
# 部门整体 form): a row naming its levels, the indicator, its weight, its actual value and its score
# in the words of any layout (得分 or 自评得分, 实际完成值 or 实际完成情况). A 评分细则 table has no
# actual; a report's restatement of one level's indicators, no 一级指标 column.
_HEADER_ROLES = frozenset({"level1", "name", "weight", "actual", "score"})


def is_form(grid: Grid) -> bool:
    return has_head(grid) or has_indicator_header(grid)


def has_head(grid: Grid, funds: bool = False) -> bool:
    """The form's head: 项目名称, 项目资金, or another layout's name for it (部门（单位）名称 …);
    with `funds`, a funds header too (see _head_labels)."""
    labels = _head_labels(funds)
    return any(key(cell.text).startswith(labels) for row in grid.rows for cell in row)


@functools.cache
def _head_labels(funds: bool = True) -> tuple[str, ...]:
    """Every layout's labels of a form's head (项目名称, 部门（单位）名称 …) and, with `funds`, of
    its funds header (全年预算数, 执行数 …: a report's funds table has them too, so they only say
    a table is a head when a form's indicators follow it); the short ones (部门) left out: they
    begin too many other words."""
    labels = {label for layout in layouts().values() for field in ("project", "department_name")
              for label in layout.header.get(field, ()) if len(label) >= 4} | set(FORM_MARKS)
    if funds:
        labels |= {marker for layout in layouts().values() for marker in layout.funds_markers if len(marker) >= 3}
    return tuple(sorted(labels))


def has_indicator_header(grid: Grid, roles: frozenset[str] = _HEADER_ROLES) -> bool:
    known = layouts().values()
    for row in grid.rows:
        keys = [k for k in (key(cell.text) for cell in row) if k]
        if len(keys) >= len(roles) and any(
                roles <= {layout.column_of(k, layout.columns) for k in keys} for layout in known):
            return True
    return False


def joined_forms(tables: list[tuple[Grid, bool]]) -> list[Grid]:
    """The forms among a document's tables ((grid, follows the previous table with no text
    between but 续表) each, in order). A form typed as two tables — its head (项目名称 or
    部门名称, funds, goals), then right below it its indicators — is one form: read apart, the
    head had no indicators and the indicators no project or funds."""
    forms: list[Grid] = []
    head: tuple[Grid, bool] | None = None   # the table before, if it could be a form's head
    for grid, adjacent in tables:
        header = has_indicator_header(grid)
        named = has_head(grid)
        # Right below a head, an indicator table need not print 分值 (Hubei's weights are per goal block).
        if adjacent and head is not None and not named \
                and (header or has_indicator_header(grid, _HEADER_ROLES - {"weight"})):
            joined = Grid(head[0].rows + grid.rows, head[0].name, head[0].location, head[0].notes + grid.notes)
            if head[1]:
                forms[-1] = joined
            else:
                forms.append(joined)
            head = None
            continue
        listed = named or header   # is_form
        if listed:
            forms.append(grid)
        # (listed: already among the forms, to be replaced when joined)
        head = (grid, listed) if not header and (named or has_head(grid, funds=True)) else None
    return forms


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BODY, P, TBL, TR, TC, R, HYPERLINK = (W + name for name in ("body", "p", "tbl", "tr", "tc", "r", "hyperlink"))
T, TAB, PTAB, BR, CR, NO_BREAK_HYPHEN = (W + name for name in ("t", "tab", "ptab", "br", "cr", "noBreakHyphen"))
TR_PR, GRID_BEFORE, TC_PR, GRID_SPAN, V_MERGE = (W + name for name in ("trPr", "gridBefore", "tcPr", "gridSpan",
                                                                           "vMerge"))
MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
KEYWORDS = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords"


def _run_text(run) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == T:
            parts.append(child.text or "")
        elif tag == TAB or tag == PTAB:
            parts.append("\t")
        elif tag == BR:
            parts.append("\n" if child.get(W + "type", "textWrapping") == "textWrapping" else "")
        elif tag == CR:
            parts.append("\n")
        elif tag == NO_BREAK_HYPHEN:
            parts.append("-")
    return "".join(parts)


def paragraph_text(paragraph) -> str:
    """The runs' text, and the runs' inside hyperlinks, in order (as python-docx's Paragraph.text)."""
    parts = []
    for child in paragraph:
        if child.tag == R:
            parts.append(_run_text(child))
        elif child.tag == HYPERLINK:
            parts.extend(_run_text(run) for run in child if run.tag == R)
    return "".join(parts)


def _number(element, child: str, default: int) -> int:
    found = element.find(child) if element is not None else None
    if found is None:
        return default
    try:
        return int(found.get(W + "val"))
    except (TypeError, ValueError):
        raise Malformed(f"{child} without a number") from None


class _Table:
    """A table read row by row: the rows kept as GridCells, and of the row above only what a
    vertical merge needs (which cell starts at each grid offset)."""

    def __init__(self, number: int, source: str, context: list[tuple[int, str]], budget: Budget):
        self.number = number
        self.source = source
        self.budget = budget
        self.rows: list[list[GridCell]] = [
            [GridCell(text, Location(file=source, paragraph=paragraph))] for paragraph, text in context]
        self.read = 0
        self.above: dict[int, tuple[tuple[int, int], str, int]] = {}
        self.seen_above: list[tuple[int, int]] = []

    def add(self, tr) -> None:
        self.read += 1
        if self.read > MAX_ROWS:
            return
        offset = _number(tr.find(TR_PR), GRID_BEFORE, 0)
        starts: dict[int, tuple[tuple[int, int], str, int]] = {}
        roots = []
        for index, tc in enumerate(child for child in tr if child.tag == TC):
            properties = tc.find(TC_PR)
            span = _number(properties, GRID_SPAN, 1)
            merge = properties.find(V_MERGE) if properties is not None else None
            root = None
            if merge is not None and merge.get(W + "val", "continue") == "continue":
                # python-docx gives the cell it continues (and fails when there is none: such a
                # cell is read as its own here).
                root = self.above.get(offset)
            if root is None:
                text = "\n".join(paragraph_text(p) for p in tc if p.tag == P)
                self.budget.spend_characters(len(text))
                root = ((self.read, index), text, span)
            starts.setdefault(offset, root)
            roots.append(root)
            offset += span
        cells: list[tuple[tuple[int, int], str]] = []
        for identity, text, span in roots:
            if len(cells) >= MAX_COLS:
                break
            cells.extend([(identity, text)] * max(0, min(span, MAX_COLS - len(cells))))
        row = []
        for c, (identity, text) in enumerate(cells):
            spanned = (c > 0 and cells[c - 1][0] == identity) or (
                c < len(self.seen_above) and self.seen_above[c] == identity)
            row.append(GridCell(text.strip(), Location(file=self.source, table=self.number, row=self.read, column=c + 1),
                                spanned=spanned))
        self.rows.append(row)
        self.above = starts
        self.seen_above = [identity for identity, _ in cells]

    def grid(self) -> Grid:
        return Grid(self.rows, name=f"表{self.number}", location=Location(file=self.source, table=self.number))


def _open(source: Source) -> Package:
    """The package, once its main part is known to be a Word document's."""
    check_office_zip(source, "Word")
    try:
        package = Package(zipfile.ZipFile(source.stream()))
        main = package.related(OFFICE_DOCUMENT)
        if main is None or package.content_type(main) != MAIN_TYPE:
            raise Malformed("no Word document part")
        return package
    except DAMAGED as error:
        raise _damaged(source, error) from None


def _damaged(source: Source, error: Exception):
    return refuse("file-malformed", f"Word 文件已损坏，无法读取（{type(error).__name__}）", source.location)


def _keywords(package: Package) -> str:
    part = package.related(CORE_PROPERTIES)
    if part is None or part not in package.names:
        return ""
    found = package.parse(part).find(KEYWORDS)
    return (found.text or "") if found is not None else ""


def docx_grids(source: Source, package: Package | None = None, budget: Budget | None = None) -> list[Grid]:
    """The document's form tables, each with the (at most three) paragraphs printed above it."""
    package = package or _open(source)
    budget = budget or Budget(source.location)
    try:
        return _grids(source, package, budget)
    except DAMAGED as error:
        raise _damaged(source, error) from None


def _grids(source: Source, package: Package, budget: Budget) -> list[Grid]:
    tables: list[tuple[Grid, bool]] = []
    adjacent = False  # no text since the last table closed
    context: list[tuple[int, str]] = []
    paragraph_number = table_number = 0
    table: _Table | None = None
    table_element = None  # the top-level table being read (kept referenced: lxml compares by proxy)
    with package.open(package.related(OFFICE_DOCUMENT)) as stream:
        for event, element in iterparse(stream, ("start", "end"), (P, TBL, TR, TC)):
            tag = element.tag
            if event == "start":
                if tag == TC:
                    budget.spend_cells()
                elif tag == TBL and table is None and _at_body(element):
                    table_number += 1
                    table, table_element = _Table(table_number, source.name, context, budget), element
                    adjacent = adjacent and all(_continued(text) for _, text in context)
                    context = []
            elif tag == TR and table is not None and element.getparent() is table_element:
                table.add(element)
                budget.check_time()
                drop(element)
            elif tag == TBL and element is table_element:
                tables.append((table.grid(), adjacent))
                table = table_element = None
                adjacent = True
                drop(element)
            elif tag == P and _at_body(element):
                paragraph_number += 1
                text = paragraph_text(element).strip()
                budget.spend_characters(len(text))
                if text:
                    context = (context + [(paragraph_number, text)])[-CONTEXT_PARAGRAPHS:]
                budget.check_time()
                drop(element)
    return joined_forms(tables)


def _continued(text: str) -> bool:
    """A caption that says the table goes on (续表, （续）)."""
    return key(text).startswith(("续表", "(续)", "续:"))


def _at_body(element) -> bool:
    parent = element.getparent()
    return parent is not None and parent.tag == BODY


def read_forms(source: Source, layout: str | None = None) -> tuple[list[FormRead], list[Finding]]:
    package = _open(source)
    reads = [read for grid in docx_grids(source, package) for read in read_forms_in(grid, layout)]
    try:
        keywords = _keywords(package)
    except DAMAGED as error:
        raise _damaged(source, error) from None
    return with_profiles(reads, read_profiles_stamp(keywords)), []
