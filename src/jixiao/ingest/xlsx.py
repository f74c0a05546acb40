"""Excel workbooks (.xlsx): the template jixiao writes, and workbooks laid out by hand. Each
sheet becomes a Grid (see office_grid), so every value read keeps its sheet!cell; a sheet
without an indicator table (a summary, notes) is skipped.

Each sheet's XML is streamed once with lxml (issue 14 §2: openpyxl built every cell object of
every sheet before a single one was read — 12 files/s, and 4.9 GB for a zip of empty cells),
and read as openpyxl read it, which this reader used before: values with their types (numbers
as int or float, dates by their format, booleans, formula results as last saved), the number
format of each cell (a percentage reads as shown), merged ranges, and the extent openpyxl gave a
sheet (its cells, merged ranges, hyperlinks and comments). python-calamine, which reads values
about as fast, gives no number formats and builds a whole sheet before its size can be judged.
Every cell and character read is counted against the file's budget (ingest/budget.py), so a
bomb is refused as it is read, holding at most one sheet's form-sized window of cells."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import replace
from decimal import Decimal

from ..findings import Finding, refuse
from ..model import Evaluation, Kind, Location, RuleSpec
from ..numbers import refusal
from ..profile import PROFILES
from .budget import Budget
from .office_grid import MAX_COLS, MAX_ROWS, FormRead, Grid, GridCell, read_forms_in
from .department_sheet import with_department_sheet
from .office_guard import check_office_zip
from .ooxml import DAMAGED, Malformed, Package, drop, iterparse, local
from .source import Source

META_SHEET = "_jixiao"
_PERCENT_DECIMALS = re.compile(r"0\.(0+)%")
_FIXED_DECIMALS = re.compile(r"^(#,##)?0\.(0+)$")


def _decimal(value: float | int) -> Decimal:
    # repr is the shortest text that reads back as the same float: 563.27, not 563.2699999…
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cell(value: object, number_format: str, location: Location, spanned: bool) -> GridCell:
    if value is None:
        return GridCell("", location, spanned=spanned)
    if isinstance(value, bool):
        return GridCell("是" if value else "否", location, spanned=spanned)
    if isinstance(value, (int, float)):
        number = _decimal(value)
        if refusal(number, written=False) is not None:
            # Far outside any form's figures (1e30): kept as it is, refused at its cell by the
            # reader that uses it, never rounded to its display format here.
            return GridCell(_plain(number), location, number, spanned=spanned)
        if "%" in (number_format or ""):
            # A percentage reads as what the user sees: 0.917361… shown as 91.74% is 0.9174.
            match = _PERCENT_DECIMALS.search(number_format)
            places = (len(match.group(1)) if match else 0) + 2
            number = number.quantize(Decimal(1).scaleb(-places))
            return GridCell(_plain(number * 100) + "%", location, number, percent=True, spanned=spanned)
        match = _FIXED_DECIMALS.search(number_format or "")
        if match:
            # Shown at the format's precision: a score 4 formatted 0.00 was printed "4.00".
            shown = number.quantize(Decimal(1).scaleb(-len(match.group(2))))
            text = f"{shown:,}" if match.group(1) else format(shown, "f")
            return GridCell(text, location, number, spanned=spanned)
        return GridCell(_plain(number), location, number, spanned=spanned)
    if isinstance(value, (dt.datetime, dt.date)):
        return GridCell(value.strftime("%Y-%m-%d"), location, spanned=spanned)
    return GridCell(str(value).strip(), location, spanned=spanned)


def sheet_grid(ws: "Sheet", file: str) -> Grid:
    """The sheet as a Grid, merged values repeated into every cell they cover."""
    rows = min(ws.max_row, MAX_ROWS + 1)
    cols = min(ws.max_column, MAX_COLS)
    merged = ws.merged_origins(rows, cols)
    cells = ws.cells
    number_format = ws.book.number_format
    letters = [column_letter(c) for c in range(1, cols + 1)]
    title = ws.title
    grid_rows: list[list[GridCell]] = []
    for r in range(1, rows + 1):
        row = []
        for c in range(1, cols + 1):
            location = Location(file=file, sheet=title, cell=f"{letters[c - 1]}{r}")
            origin = merged.get((r, c))
            value, style = cells.get(origin or (r, c), _EMPTY)
            if value is None:
                row.append(GridCell("", location, spanned=origin is not None))
            else:
                row.append(_cell(value, number_format(style), location, origin is not None))
        grid_rows.append(row)
    return Grid(grid_rows, name=f"工作表“{ws.title}”", location=Location(file=file, sheet=ws.title))


def _param(value: object) -> object:
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    if isinstance(value, list):
        return tuple(_param(item) for item in value)
    return value


def _stored_rule(text: str, location: Location) -> RuleSpec | None:
    """An explicit rule (no 评分细则 text) that jixiao kept in its hidden sheet as JSON."""
    try:
        data = json.loads(text)
        return RuleSpec.of(str(data.pop("kind")), location=location,
                           **{k: _param(v) for k, v in data.items()})
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _with_stored_rules(evaluation: Evaluation, rules: dict[str, str]) -> Evaluation:
    if not rules:
        return evaluation
    indicators = []
    for indicator in evaluation.indicators:
        cell = indicator.location.cell if indicator.location else None
        spec = _stored_rule(rules[cell], indicator.location) if cell in rules and indicator.rule is None else None
        indicators.append(replace(indicator, rule=spec) if spec else indicator)
    return evaluation.with_indicators(tuple(indicators))


def read_meta(workbook: "Workbook") -> dict[str, dict]:
    """What jixiao stored for each sheet in its hidden sheet: kind, profile, and explicit
    rules by score cell."""
    if META_SHEET not in workbook.sheetnames:
        return {}
    sheet = workbook[META_SHEET]
    rows = sheet.values(min(sheet.max_row, MAX_ROWS), min(sheet.max_column, 10))
    if not rows:
        return {}
    header = [str(h) for h in rows[0] if h is not None]
    meta: dict[str, dict] = {}
    for row in rows[1:]:
        if not row or row[0] is None:
            continue
        values = {h: str(v) for h, v in zip(header, row) if v is not None}
        entry = meta.setdefault(str(row[0]), {"rules": {}})
        if values.get("cell") and values.get("rule"):
            entry["rules"][values["cell"]] = values["rule"]
        else:
            entry.update({k: v for k, v in values.items() if k in ("kind", "profile")})
    return meta


def apply_meta(evaluation: Evaluation, meta: dict) -> Evaluation:
    evaluation = _with_stored_rules(evaluation, meta.get("rules", {}))
    changes: dict[str, object] = {}
    if meta.get("kind") in {k.value for k in Kind}:
        changes["kind"] = Kind(meta["kind"])
    if meta.get("profile") in PROFILES:
        changes["profile"] = meta["profile"]
    return replace(evaluation, **changes) if changes else evaluation


def column_letter(column: int) -> str:
    """1 → 'A', 28 → 'AB' (as openpyxl's get_column_letter, without importing openpyxl)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW, C, V, IS, MERGE_CELL, HYPERLINK, SI, COMMENT = (S + name for name in (
    "row", "c", "v", "is", "mergeCell", "hyperlink", "si", "comment"))
RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
# openpyxl's order of preference for the workbook part.
WORKBOOK_TYPES = (
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
)
STYLES = "xl/styles.xml"
GENERAL = ("General", False, False)
_EMPTY = (None, -1)        # a cell the sheet does not have: no value, openpyxl's default style
_TIME_CHECK = 4096         # cells between two looks at the clock


def _text(node) -> str:
    """A shared or inline string's plain text: its own text, then its runs' (phonetic guides
    left out), as openpyxl's Text.content."""
    plain = None
    runs = []
    for child in node:
        name = local(child.tag)
        if name == "t":
            plain = child.text
        elif name == "r":
            run = None
            for part in child:
                if local(part.tag) == "t":
                    run = part.text
            runs.append(run)
    return (plain if plain is not None else "") + "".join(run for run in runs if run is not None)


def _flag(value: str | None) -> bool:
    return value in ("1", "true", "on")


def _extent(ref: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(ref)
    if None in (min_col, min_row, max_col, max_row):
        raise Malformed(f"not a cell range: {ref}")
    return min_row, min_col, max_row, max_col


class Workbook:
    """A workbook as openpyxl opened it (data only), each sheet read when first asked for."""

    def __init__(self, source: Source, package: Package, budget: Budget):
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

        self.source = source
        self.package = package
        self.budget = budget
        part = self._workbook_part()
        root = package.parse(part)
        properties = root.find(S + "workbookPr")
        self.epoch = CALENDAR_MAC_1904 if properties is not None and _flag(properties.get("date1904")) \
            else CALENDAR_WINDOWS_1900
        relationships = {rid: (kind, target) for rid, kind, target, _ in package.relationships(part)}
        self.sheets: list[Sheet] = []
        for sheet in root.iterfind(f"{S}sheets/{S}sheet"):
            rid = sheet.get(RELATIONSHIP_ID)
            if not rid:
                continue
            if rid not in relationships or sheet.get("name") is None:
                raise Malformed(f"sheet {sheet.get('name')!r} without its part")
            kind, target = relationships[rid]
            if target in package.names:
                self.sheets.append(Sheet(self, sheet.get("name"), sheet.get("state") or "visible", target,
                                         "chartsheet" in kind))
        self.formats = self._styles()
        self.strings = self._shared_strings()

    def _workbook_part(self) -> str:
        defaults, overrides = self.package.content_types()
        for kind in WORKBOOK_TYPES:
            for name, found in overrides.items():
                if found == kind:
                    return self._part_named(name)
        if set(defaults.values()) & set(WORKBOOK_TYPES):
            return "xl/workbook.xml"
        raise Malformed("no workbook part")

    def _part_named(self, lowered: str) -> str:
        """A part by its name as content types give it (compared without case)."""
        name = lowered[1:]
        if name in self.package.names:
            return name
        return next((n for n in self.package.names if n.lower() == name), name)

    def _styles(self) -> list[tuple[str, bool, bool]]:
        """(number format, is a date, is a duration) of each cell style (cellXfs), as openpyxl's
        stylesheet resolves them."""
        from openpyxl.styles.numbers import (BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE, BUILTIN_FORMATS_REVERSE,
                                             is_date_format, is_timedelta_format)

        if STYLES not in self.package.names:
            return [GENERAL]
        root = self.package.parse(STYLES)
        custom = {int(f.get("numFmtId")): f.get("formatCode") for f in root.iterfind(f"{S}numFmts/{S}numFmt")}
        added: list[str] = []
        styles = []
        for xf in root.iterfind(f"{S}cellXfs/{S}xf"):
            number = int(xf.get("numFmtId") or 0)
            if number in custom:
                code = custom[number]
                if code not in BUILTIN_FORMATS_REVERSE and code not in added:
                    added.append(code)
                styles.append((code, code))
            else:
                styles.append((number, BUILTIN_FORMATS.get(number)))
        formats = []
        for shown, code in styles:
            if isinstance(shown, int):
                # An id that is neither built in nor defined: openpyxl reads it as the custom format
                # at that offset, if there is one.
                offset = shown - BUILTIN_FORMATS_MAX_SIZE
                shown = BUILTIN_FORMATS.get(shown, "General") if offset < 0 else (
                    added[offset] if offset < len(added) else "General")
            formats.append((shown, is_date_format(code), is_timedelta_format(code)))
        return formats

    def _shared_strings(self) -> list[str]:
        _, overrides = self.package.content_types()
        part = next((self._part_named(name) for name, kind in overrides.items() if kind == SHARED_STRINGS), None)
        if part is None:
            return []
        strings = []
        with self.package.open(part) as stream:
            for _, element in iterparse(stream, ("end",), (SI,)):
                text = _text(element).replace("x005F_", "")
                self.budget.spend_characters(len(text))
                self.budget.spend_cells()
                strings.append(text)
                drop(element)
        return strings

    @property
    def sheetnames(self) -> list[str]:
        return [sheet.title for sheet in self.sheets]

    @property
    def worksheets(self) -> list["Sheet"]:
        return [sheet for sheet in self.sheets if not sheet.chart]

    def __getitem__(self, title: str) -> "Sheet":
        return next(sheet for sheet in self.sheets if sheet.title == title)

    def number_format(self, style: int) -> str:
        return self.formats[style][0] if style >= 0 else "General"


class Sheet:
    """One sheet: its cells in the window a form can use (MAX_ROWS + 1 rows × MAX_COLS columns;
    the hidden sheet's ten columns are inside it), its merged ranges and its extent."""

    def __init__(self, book: Workbook, title: str, state: str, part: str, chart: bool):
        self.book = book
        self.title = title
        self.sheet_state = state
        self.part = part
        self.chart = chart
        self._cells: dict[tuple[int, int], tuple[object, int]] | None = None
        self.merges: list[tuple[int, int, int, int]] = []
        self._extent = (1, 1)

    @property
    def cells(self) -> dict[tuple[int, int], tuple[object, int]]:
        if self._cells is None:
            try:
                self._load()
            except DAMAGED as error:
                raise _damaged(self.book.source, error) from None
        return self._cells

    @property
    def max_row(self) -> int:
        """The last row openpyxl gave the sheet: of its cells, merged ranges, links and comments."""
        return self._extent_read()[0]

    @property
    def max_column(self) -> int:
        return self._extent_read()[1]

    def _extent_read(self) -> tuple[int, int]:
        self.cells  # noqa: B018 - reading the sheet sets its extent
        return self._extent

    def _load(self) -> None:
        from openpyxl.utils.cell import coordinate_to_tuple
        from openpyxl.worksheet._reader import _cast_number

        book, budget = self.book, self.book.budget
        budget.check_time()
        formats, strings = book.formats, book.strings
        cells: dict[tuple[int, int], tuple[object, int]] = {}
        rows = cols = 0
        row_counter = col_counter = 0
        row_element = None   # the row whose cells are being read (kept referenced: lxml compares proxies)

        def next_row(element) -> int:
            # As openpyxl: a row's number is its `r`, else the one after the row before.
            number = element.get("r")
            return _row_number(number) if number is not None else row_counter + 1

        with book.package.open(self.part) as stream:
            # End events only: a cell is whole at its end, and knows its row (its parent).
            for _, element in iterparse(stream, ("end",), (C, ROW, MERGE_CELL, HYPERLINK)):
                tag = element.tag
                if tag == C:
                    parent = element.getparent()
                    if parent is not row_element:
                        row_element, row_counter, col_counter = parent, next_row(parent), 0
                        budget.spend_cells()
                    budget.spend_cells()
                    if budget.cells_left % _TIME_CHECK == 0:
                        budget.check_time()
                    coordinate = element.get("r")
                    if coordinate:
                        row, column = coordinate_to_tuple(coordinate)
                    else:
                        row, column = row_counter, col_counter + 1
                    col_counter = column
                    style = int(element.get("s") or 0)
                    if style >= len(formats):
                        raise Malformed(f"cell style {style} not defined")
                    if row > rows:
                        rows = row
                    if column > cols:
                        cols = column
                    if row <= MAX_ROWS + 1 and column <= MAX_COLS:
                        cells[(row, column)] = (self._value(element, style, _cast_number, strings), style)
                    if budget.cells_left % _TIME_CHECK == 0:
                        drop(element)   # a row of a million cells is held a few thousand at a time
                    else:
                        element.clear()
                elif tag == ROW:
                    if element is not row_element:   # a row without cells still counts
                        row_counter, col_counter = next_row(element), 0
                        budget.spend_cells()
                    row_element = None
                    drop(element)
                else:
                    span = _extent(element.get("ref") or "")
                    if tag == MERGE_CELL:
                        self.merges.append(span)
                    rows, cols = max(rows, span[2]), max(cols, span[3])
                    budget.spend_cells()
                    drop(element)
        for _, kind, target, mode in book.package.relationships(self.part):
            if kind == COMMENTS and mode == "Internal":
                with book.package.open(target) as stream:
                    for _, element in iterparse(stream, ("end",), (COMMENT,)):
                        budget.spend_cells()
                        row, column = coordinate_to_tuple(element.get("ref") or "")
                        rows, cols = max(rows, row), max(cols, column)
                        drop(element)
        self._extent = (rows or 1, cols or 1)
        self._cells = cells

    def _value(self, element, style: int, cast, strings: list[str]) -> object:
        """The cell's value as openpyxl gives it with data_only (a formula's last saved result)."""
        kind = element.get("t", "n")
        if kind == "inlineStr":
            inline = element.find(IS)
            if inline is None:
                return None
            text = _text(inline)
            self.book.budget.spend_characters(len(text))
            return text
        value = element.findtext(V, None) or None
        if value is None:
            return None
        self.book.budget.spend_characters(len(value))
        if kind == "n":
            number = cast(value)
            _, is_date, is_duration = self.book.formats[style]
            if not is_date:
                return number
            from openpyxl.utils.datetime import from_excel

            try:
                return from_excel(number, self.book.epoch, timedelta=is_duration)
            except (OverflowError, ValueError):
                return "#VALUE!"
        if kind == "s":
            return strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601

            return from_ISO8601(value)
        return value

    def merged_origins(self, rows: int, cols: int) -> dict[tuple[int, int], tuple[int, int]]:
        """Each position inside the window that a merged range covers → the range's first cell."""
        merged: dict[tuple[int, int], tuple[int, int]] = {}
        for min_row, min_col, max_row, max_col in self.merges:
            last_row, last_col = min(max_row, rows), min(max_col, cols)
            self.book.budget.spend_cells(max(0, last_row - min_row + 1) * max(0, last_col - min_col + 1))
            for r in range(min_row, last_row + 1):
                for c in range(min_col, last_col + 1):
                    if (r, c) != (min_row, min_col):
                        merged[(r, c)] = (min_row, min_col)
        return merged

    def values(self, rows: int, cols: int) -> list[tuple]:
        """Rows of values (None where empty or covered by a merge), as openpyxl's values_only."""
        covered = self.merged_origins(rows, cols)
        cells = self.cells
        return [tuple(None if (r, c) in covered else cells.get((r, c), _EMPTY)[0] for c in range(1, cols + 1))
                for r in range(1, rows + 1)]


def _row_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if not value.is_integer():
            raise Malformed(f"row number {text}") from None
        return int(value)


def _damaged(source: Source, error: Exception):
    return refuse("file-malformed", f"Excel 文件已损坏，无法读取（{type(error).__name__}）", source.location)


def open_workbook(source: Source, budget: Budget | None = None) -> Workbook:
    check_office_zip(source, "Excel")
    try:
        return Workbook(source, Package(zipfile.ZipFile(source.stream())), budget or Budget(source.location))
    except DAMAGED as error:
        raise _damaged(source, error) from None


def read_forms(source: Source, layout: str | None = None) -> tuple[list[FormRead], list[Finding]]:
    """Every sheet that holds a 自评表, read with what jixiao stored beside it in its hidden
    sheet (explicit rules with no 评分细则 text, kind, profile: without them a workbook jixiao
    wrote would be scored by other rules); and what was skipped, as findings."""
    workbook = open_workbook(source)
    meta = read_meta(workbook)
    grids, skipped = _form_grids(workbook, source.name)
    reads: list[FormRead] = []
    for grid in grids:
        for read in read_forms_in(grid, layout):
            if read.evaluation is not None:
                read.evaluation = apply_meta(read.evaluation, meta.get(grid.location.sheet, {}))
            reads.append(read)
    return with_department_sheet(reads, grids), skipped


def _form_grids(workbook: "Workbook", file: str) -> tuple[list[Grid], list[Finding]]:
    grids: list[Grid] = []
    skipped: list[Finding] = []
    for ws in workbook.worksheets:
        if ws.title == META_SHEET or ws.sheet_state == "veryHidden":
            continue
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLS * 4:
            skipped.append(Finding("table-too-large", f"工作表“{ws.title}”过大（{ws.max_row}行×{ws.max_column}列），未读取",
                                   Location(file=file, sheet=ws.title)))
            continue
        grids.append(sheet_grid(ws, file))
    return grids, skipped

