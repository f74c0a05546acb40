"""A PDF page as the form reader needs it: its characters and ruling edges, as pdfplumber gives
them, found by pdfium (issue 14 §2: pdfplumber interprets every page in pure Python, 12 pages/s;
pdfium, in C, reads the same page in about a millisecond).

The dicts built here are pdfplumber's own (the keys and coordinates its table finder and text
extraction read), computed as pdfminer computes them: a character's box from its origin, advance,
font size and its font descriptor's Descent (read with pdfminer's object layer, standard fonts from
its AFM metrics); each painted path split into lines, rectangles and curves by pdfminer's rules.
pdfplumber's own functions then find the tables and extract the text, so a page read here gives what
pdfplumber gave for it. A page that falls outside what is reproduced exactly — rotated, a media box
not at the origin, text that is not upright, a Type 3 or vertical font, a character without a
Unicode value, text pdfium leaves out — is read with pdfplumber itself, as before.

Table finding is pdfplumber's, with its two quadratic steps (cells from intersections, tables
from cells) done with indexes, giving the same cells in the same order, and bounded by the
budgets: a page's ruling edges and ruled cells (issue 15 §2: one 400×60 table took 64 s)."""

from __future__ import annotations

import ctypes
import io
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field

from .budget import MAX_TABLE_CELLS, Budget, over_budget

_SUBSET = re.compile(r"^[A-Z]{6}\+")
MAX_EDGES = 4000          # ruling edges of one page (a full page of a dense form has a few hundred)
_TOLERANCE = 3            # pdfplumber's default snap, join and intersection tolerances
_MIN_LENGTH = 3           # … and its edge_min_length (1 before merging)


@dataclass
class Page:
    """What the reader uses of a page: pdfplumber-shaped chars and edges."""

    width: float
    height: float
    chars: list[dict]
    edges: list[dict]
    bbox: tuple = field(init=False)
    _by_mid: tuple | None = field(default=None, init=False, repr=False)
    _extracted: dict = field(default_factory=dict, init=False, repr=False)
    _map: object = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.bbox = (0, 0, self.width, self.height)

    # What the form reader asks of a page (bench/previous asks the same of pdfplumber's own).
    def tables(self, budget: Budget) -> list:
        return find_tables(self, budget)

    def extract(self, table) -> list[list[str | None]]:
        # Asked twice of a table (does it start a form? its rows): extracted once.
        if self._extracted.get(id(table), (None,))[0] is not table:
            self._extracted[id(table)] = (table, extract(table, self))
        return self._extracted[id(table)][1]

    def text_within(self, bbox: tuple) -> str:
        return text_within(self, bbox)

    # pdfplumber's page text, for readers of a PDF's prose (the same textmap over the same chars).
    def extract_text(self) -> str:
        return self._textmap().as_string

    def extract_text_lines(self, strip: bool = True, return_chars: bool = True) -> list[dict]:
        return self._textmap().extract_text_lines(strip=strip, return_chars=return_chars)

    def _textmap(self):
        from pdfplumber import utils

        if self._map is None:
            self._map = utils.chars_to_textmap(self.chars, layout_bbox=self.bbox, layout_width=self.width,
                                               layout_height=self.height)
        return self._map

    def mids(self) -> tuple[list[float], list[int], list[tuple[float, float]]]:
        """The chars' vertical centres sorted, their indexes in that order, and each char's
        (horizontal, vertical) centre: for finding a row's chars without scanning them all."""
        if self._by_mid is None:
            centres = [((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2) for c in self.chars]
            order = sorted(range(len(centres)), key=lambda i: centres[i][1])
            self._by_mid = ([centres[i][1] for i in order], order, centres)
        return self._by_mid


def plumber_page(page) -> Page:
    """pdfplumber's own reading of a page, in the same shape."""
    return Page(page.width, page.height, page.chars, page.edges)


def text_within(page: Page, bbox: tuple) -> str:
    """The text of the chars wholly inside `bbox`, as pdfplumber's `page.within_bbox(bbox).extract_text()`."""
    from pdfplumber import utils
    from pdfplumber.page import test_proposed_bbox

    test_proposed_bbox(bbox, page.bbox)
    x0, top, x1, bottom = bbox
    # Only a char inside the box can be wholly within it; pdfplumber's own test decides.
    near = [c for c in page.chars if c["top"] >= top and c["bottom"] <= bottom and c["x0"] >= x0 and c["x1"] <= x1]
    chars = utils.within_bbox(near, bbox)
    return utils.chars_to_textmap(chars, layout_bbox=bbox, layout_width=bbox[2] - bbox[0],
                                  layout_height=bbox[3] - bbox[1]).as_string


# -- tables ------------------------------------------------------------------------------

def find_tables(page: Page, budget: Budget) -> list:
    """pdfplumber's `page.find_tables()` with its default settings (ruling lines)."""
    from pdfplumber import utils
    from pdfplumber.table import Table, edges_to_intersections, merge_edges

    vertical = utils.filter_edges(page.edges, "v", min_length=1)
    horizontal = utils.filter_edges(page.edges, "h", min_length=1)
    if len(vertical) + len(horizontal) > MAX_EDGES:
        raise over_budget("table", MAX_TABLE_CELLS, budget.location, f"一页有{len(vertical) + len(horizontal)}条表格线")
    edges = merge_edges(vertical + horizontal, _TOLERANCE, _TOLERANCE, _TOLERANCE, _TOLERANCE)
    edges = utils.filter_edges(edges, min_length=_MIN_LENGTH)
    intersections = edges_to_intersections(edges, _TOLERANCE, _TOLERANCE)
    if len(intersections) > MAX_TABLE_CELLS:
        raise over_budget("table", MAX_TABLE_CELLS, budget.location, f"一页有{len(intersections):,}个表格交点")
    budget.check_time()
    return [Table(page, group) for group in _tables(_cells(intersections))]


def _cells(intersections: dict) -> list[tuple]:
    """pdfplumber's `intersections_to_cells`: for each intersection, the smallest cell it is the
    top-left corner of; the points below and to the right come from indexes, not from a scan of
    every later point."""
    from pdfplumber.utils import obj_to_bbox

    vertical = {p: {obj_to_bbox(e) for e in edges["v"]} for p, edges in intersections.items()}
    horizontal = {p: {obj_to_bbox(e) for e in edges["h"]} for p, edges in intersections.items()}

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and vertical[p1] & vertical[p2]:
            return True
        return p1[1] == p2[1] and bool(horizontal[p1] & horizontal[p2])

    points = sorted(intersections)
    columns: dict[float, list] = defaultdict(list)
    rows: dict[float, list] = defaultdict(list)
    for point in points:
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    cells = []
    for index, point in enumerate(points[:-1]):
        column, row = columns[point[0]], rows[point[1]]
        below = column[column.index(point) + 1:]
        right = row[row.index(point) + 1:]
        cell = None
        for below_point in below:
            if not connects(point, below_point):
                continue
            for right_point in right:
                if not connects(point, right_point):
                    continue
                corner = (right_point[0], below_point[1])
                if corner in intersections and connects(corner, right_point) and connects(corner, below_point):
                    cell = (point[0], point[1], corner[0], corner[1])
                    break
            if cell:
                break
        if cell:
            cells.append(cell)
    return cells


def _tables(cells: list[tuple]) -> list[list[tuple]]:
    """pdfplumber's `cells_to_tables`: cells grouped by shared corners, in the same passes and
    order, without removing from a list one cell at a time."""
    remaining = list(cells)
    corners: set = set()
    current: list = []
    tables = []
    while remaining:
        before = len(current)
        kept = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            own = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(corner in corners for corner in own):
                corners.update(own)
                current.append(cell)
            else:
                kept.append(cell)
        remaining = kept
        if len(current) == before:
            tables.append(list(current))
            corners.clear()
            current.clear()
    if current:
        tables.append(list(current))
    ordered = sorted(tables, key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in ordered if len(t) > 1]


def extract(table, page: Page) -> list[list[str | None]]:
    """pdfplumber's `table.extract()`: each cell's text from the chars whose centre lies in it
    (a row's chars found by their vertical centre in sorted order, then kept in page order)."""
    from pdfplumber.utils import extract_text

    values, order, centres = page.mids()
    chars = page.chars
    result = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        found = sorted(order[i] for i in range(bisect_left(values, top), bisect_left(values, bottom)))
        row_chars = [i for i in found if x0 <= centres[i][0] < x1]
        cells = []
        for cell in row.cells:
            if cell is None:
                cells.append(None)
                continue
            c0, ctop, c1, cbottom = cell
            inside = [chars[i] for i in row_chars if c0 <= centres[i][0] < c1 and ctop <= centres[i][1] < cbottom]
            cells.append(extract_text(inside) if inside else "")
        result.append(cells)
    return result


# -- pages read with pdfium ----------------------------------------------------------------

class Fonts:
    """Each font's descent as pdfminer computes it (Descent of its descriptor, negative, per unit
    of font size; the AFM's for a standard font), by the font's name as pdfium gives it. None for a
    font pdfminer would place otherwise (Type 3, vertical writing) or a name with two descents.

    Most PDFs store their font descriptors as plain objects: those are read from the file's bytes
    (a standard font by its AFM, as pdfminer does). A name they do not settle, or a file that keeps
    its objects compressed, is looked up through pdfminer's own object layer, font by font."""

    def __init__(self, data: bytes):
        self.data = data
        self._plain: dict[str, set] | None | bool = False   # False until read; None: the bytes cannot tell
        self._table: dict[str, set] | None = None

    def descent(self, name: str) -> float | None:
        from pdfminer.fontmetrics import FONT_METRICS

        if self._plain is False:
            self._plain = _plain_descriptors(self.data)
        if self._plain is not None:
            found = self._plain.get(name)
            if found is None and name in FONT_METRICS:
                return _afm_descent(name)   # a standard font, not embedded: pdfminer reads its AFM
            if found is not None and len(found) == 1 and None not in found and name not in FONT_METRICS:
                return next(iter(found))
        if self._table is None:
            self._table = self._read()
        found = self._table.get(name)
        return next(iter(found)) if found is not None and len(found) == 1 and None not in found else None

    def _read(self) -> dict[str, set]:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser
        from pdfminer.pdftypes import resolve1

        table: dict[str, set] = defaultdict(set)
        try:
            document = PDFDocument(PDFParser(io.BytesIO(self.data)))
            seen: set = set()
            for page in PDFPage.create_pages(document):
                self._resources(resolve1(page.resources), table, seen, 0)
        except Exception:  # noqa: BLE001 - what pdfminer cannot read, the page fallback (pdfplumber) reports
            return {}
        return table

    def _resources(self, resources, table: dict, seen: set, depth: int) -> None:
        from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

        if not isinstance(resources, dict) or depth > 16:
            return
        fonts = resolve1(resources.get("Font"))
        for reference in (fonts.values() if isinstance(fonts, dict) else ()):
            key = reference.objid if isinstance(reference, PDFObjRef) else id(reference)
            if key in seen:
                continue
            seen.add(key)
            spec = resolve1(reference)
            if isinstance(spec, dict):
                for name, descent in _descents(spec):
                    table[name].add(descent)
                    # pdfium names a subset without its tag (ABCDEF+Name → Name)
                    table[_SUBSET.sub("", name)].add(descent)
        objects = resolve1(resources.get("XObject"))
        for reference in (objects.values() if isinstance(objects, dict) else ()):
            key = ("x", reference.objid) if isinstance(reference, PDFObjRef) else id(reference)
            if key in seen:
                continue
            seen.add(key)
            stream = resolve1(reference)
            if isinstance(stream, PDFStream) and _name(stream.attrs.get("Subtype")) == "Form":
                self._resources(resolve1(stream.attrs.get("Resources")), table, seen, depth + 1)


_DESCRIPTOR = re.compile(rb"/Type\s*/FontDescriptor\b")
_FONT_NAME = re.compile(rb"/FontName\s*/([^\s/<>\[\]()%{}]+)")
_DESCENT = re.compile(rb"/Descent\s+(-?\d*\.?\d+)(\s+\d+\s+R)?")
_FONT_WORDS = re.compile(rb"/Subtype\s*/(Type3|Type0)\b|/Encoding\s*/[\w-]+-V\b|/ObjStm\b")


def _plain_descriptors(data: bytes) -> dict[str, set] | None:
    """{FontName (and without its subset tag): {descent}} from the font descriptors stored as plain
    objects; None when the file has Type 0 or Type 3 fonts, vertical writing or compressed objects
    (those are pdfminer's to read)."""
    if _FONT_WORDS.search(data):
        return None
    table: dict[str, set] = defaultdict(set)
    for match in _DESCRIPTOR.finditer(data):
        start = data.rfind(b" obj", 0, match.start())
        end = data.find(b"endobj", match.end())
        body = data[start if start >= 0 else match.start():end if end >= 0 else len(data)]
        name, descent = _FONT_NAME.search(body), _DESCENT.search(body)
        if name is None:
            continue
        value: float | None = 0.0
        if descent is not None:
            value = None if descent.group(2) else float(descent.group(1))
        if value is not None:
            value = (-value if value > 0 else value) * 0.001
        font = name.group(1).decode("latin-1")
        table[font].add(value)
        table[_SUBSET.sub("", font)].add(value)
    return table


def _afm_descent(name: str) -> float:
    from pdfminer.fontmetrics import FONT_METRICS

    descent = FONT_METRICS[name][0].get("Descent", 0)
    return (-descent if descent > 0 else descent) * 0.001


def _name(value) -> str:
    from pdfminer.psparser import PSLiteral
    from pdfminer.pdftypes import resolve1

    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value if isinstance(value, str) else ""


def _descents(spec: dict) -> list[tuple[str, float | None]]:
    """(name, descent) for the font and, for a composite font, its descendant (pdfium may name
    either), as pdfminer's font classes compute the descent."""
    from pdfminer.fontmetrics import FONT_METRICS
    from pdfminer.pdftypes import PDFStream, resolve1

    subtype = _name(spec.get("Subtype")) or "Type1"
    name = _name(spec.get("BaseFont"))
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts"))
        child = resolve1(descendants[0]) if isinstance(descendants, list) and descendants else None
        encoding = resolve1(spec.get("Encoding"))
        vertical = (_name(encoding).endswith("-V") if not isinstance(encoding, PDFStream)
                    else resolve1(encoding.attrs.get("WMode")) == 1)
        if not isinstance(child, dict):
            return [(name, None)]
        found = [(n, None if vertical else d) for n, d in _descents(child)]
        return [(name, found[0][1])] + found
    if subtype == "Type3":
        return [(name, None)]
    if subtype in ("CIDFontType0", "CIDFontType2"):
        descriptor = resolve1(spec.get("FontDescriptor")) or {}
    elif name in FONT_METRICS:
        descriptor = FONT_METRICS[name][0]
    else:
        descriptor = resolve1(spec.get("FontDescriptor")) or {}
    if not isinstance(descriptor, dict):
        return [(name, None)]
    descent = resolve1(descriptor.get("Descent", 0))
    if not isinstance(descent, (int, float)):
        return [(name, None)]
    descent = -descent if descent > 0 else descent
    return [(name, descent * 0.001)]


def pdfium_page(page, fonts: Fonts, budget: Budget) -> Page | None:
    """The page from pdfium, or None where it would not read exactly as pdfplumber did."""
    import pypdfium2.raw as pdfium_c

    raw = page.raw
    if pdfium_c.FPDFPage_GetRotation(raw) != 0:
        return None
    left, bottom, right, top = page.get_mediabox()
    if left != 0 or bottom != 0 or right <= 0 or top <= 0:
        return None
    text_objects: set[int] = set()
    edges = _edges(raw, top, text_objects, budget)
    chars = _chars(raw, top, fonts, text_objects, budget)
    if chars is None:
        return None
    return Page(right, top, chars, edges)



def _chars(raw, height: float, fonts: Fonts, text_objects: set[int], budget: Budget) -> list[dict] | None:
    import pypdfium2.raw as c

    textpage = c.FPDFText_LoadPage(raw)
    if not textpage:
        return None
    try:
        count = c.FPDFText_CountChars(textpage)
        if count < 0:
            return None
        budget.spend_characters(count)
        buffer = (ctypes.c_ushort * (count + 1))()
        if count:
            c.FPDFText_GetText(textpage, 0, count, buffer)
        text = bytes(buffer)[:2 * count].decode("utf-16-le", errors="surrogatepass")
        if len(text) != count:
            return None
        matrix = c.FS_MATRIX()
        box = c.FS_RECTF()
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        left, right, bottom, top = (ctypes.c_double() for _ in range(4))
        widths: dict[tuple[int, str], float] = {}
        object_of = _text_object()
        page_address = ctypes.cast(textpage, ctypes.c_void_p)
        descents: dict[int, float | None] = {}
        styles: dict[int, tuple | None] = {}
        chars = []
        for index, char in enumerate(text):
            if char in " \r\n\x02" and c.FPDFText_IsGenerated(textpage, index):
                continue
            code = ord(char)
            if code == 0 or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF):
                return None
            key = object_of(page_address, index) or 0
            style = styles.get(key, False)
            if style is False:
                handle = ctypes.cast(key, c.FPDF_PAGEOBJECT)
                # A text object's characters share its matrix (but for their origin), font and size.
                c.FPDFText_GetMatrix(textpage, index, matrix)
                style = styles[key] = _style(c, handle, matrix, c.FPDFText_GetFontSize(textpage, index), fonts,
                                             descents)
            if style is None:
                return None
            d, size, descent, _ = style
            c.FPDFText_GetCharOrigin(textpage, index, origin_x, origin_y)
            c.FPDFText_GetLooseCharBox(textpage, index, box)
            x0, x1 = origin_x.value, box.right
            # The loose box ends at the advance (pdfminer's x1) unless the glyph's outline reaches
            # further ('A', '/', '%'): then the advance is the font's width for the character, if
            # that fits inside the box.
            c.FPDFText_GetCharBox(textpage, index, left, right, bottom, top)
            if right.value >= x1 - _EPSILON:
                width = widths.get((key, char))
                if width is None:
                    width = widths[(key, char)] = _width(c, key, char, size) * style[3]
                if width and x0 + width <= x1 + _EPSILON:
                    x1 = x0 + width
            chars.append(_char(char, x0, x1, origin_y.value + d * descent, d * size, height))
        for key in text_objects - styles.keys():
            blank = _blank(c, key, height, chars, fonts, descents)
            if blank is None:
                return None
            chars.append(blank)
        return chars
    finally:
        c.FPDFText_ClosePage(textpage)


_TEXT_OBJECT = None


def _text_object():
    """FPDFText_GetTextObject answering the object's address (an int, to key a dict by) rather
    than a ctypes pointer that must be cast for every character."""
    global _TEXT_OBJECT
    if _TEXT_OBJECT is None:
        import pypdfium2.raw as c

        function = ctypes.cast(c.FPDFText_GetTextObject, ctypes.c_void_p).value
        # pdfium's calling convention: stdcall on Windows, the C one elsewhere.
        factory = getattr(ctypes, "WINFUNCTYPE", ctypes.CFUNCTYPE)
        prototype = factory(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
        _TEXT_OBJECT = prototype(function)
    return _TEXT_OBJECT


_EPSILON = 0.001


def _width(c, key: int, char: str, size: float) -> float:
    """The font's advance for the character at this size (in text space), 0 when pdfium has none."""
    font = c.FPDFTextObj_GetFont(ctypes.cast(key, c.FPDF_PAGEOBJECT))
    width = ctypes.c_float()
    if not font or not c.FPDFFont_GetGlyphWidth(font, ord(char), size, width):
        return 0.0
    return width.value


def _char(text: str, x0: float, x1: float, y0: float, size: float, height: float) -> dict:
    """A character as pdfplumber describes it (pdfminer's box: from the baseline's descent up by the
    font size)."""
    y1 = y0 + size
    top = height - y1
    return {"text": text, "x0": x0, "x1": x1, "top": top, "bottom": height - y0, "doctop": top,
            "upright": True, "width": x1 - x0, "height": size, "size": size}


def _blank(c, key: int, height: float, chars: list[dict], fonts: Fonts, descents: dict) -> dict | None:
    """The space of a text object pdfium left out of the page's text, as pdfplumber has it; None
    when it cannot be placed exactly. pdfium drops text objects that draw nothing (blanks: no glyph
    outline, so zero extent); pdfminer keeps their spaces, and a space splits the words around it.
    Anything else left out (an object drawn again over itself to look bold, which pdfium also
    drops) is read by pdfplumber."""
    handle = ctypes.cast(key, c.FPDF_PAGEOBJECT)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not c.FPDFPageObj_GetBounds(handle, left, bottom, right, top):
        return None
    if right.value - left.value > 0.01 or top.value - bottom.value > 0.01:
        return None
    size = ctypes.c_float()
    matrix = c.FS_MATRIX()
    if not c.FPDFTextObj_GetFontSize(handle, size) or not c.FPDFPageObj_GetMatrix(handle, matrix):
        return None
    style = _style(c, handle, matrix, size.value, fonts, descents)
    if style is None:
        return None
    d, font_size, descent, _ = style
    width = ctypes.c_float()
    if not c.FPDFFont_GetGlyphWidth(c.FPDFTextObj_GetFont(handle), 32, font_size, width):
        return None
    x0 = left.value
    blank = _char(" ", x0, x0 + matrix.a * width.value, bottom.value + d * descent, d * font_size, height)
    # Where another character starts at the same place, their order would decide the words.
    if any(char["x0"] == x0 and abs(char["top"] - blank["top"]) <= _TOLERANCE + 1 for char in chars):
        return None
    return blank


def _style(c, handle, matrix, size: float, fonts: Fonts, descents: dict) -> tuple | None:
    """(d, font size, descent × size) of a text object's characters, or None when its text is not
    upright and axis-aligned or its font's descent is not known exactly."""
    if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
        return None
    font = c.FPDFTextObj_GetFont(handle)
    if not font:
        return None
    font_key = ctypes.cast(font, ctypes.c_void_p).value or 0
    if font_key not in descents:
        name = ctypes.create_string_buffer(256)
        length = c.FPDFFont_GetBaseFontName(font, name, len(name))
        descents[font_key] = fonts.descent(name.value.decode("latin-1")) if 0 < length <= len(name) else None
    descent = descents[font_key]
    if descent is None:
        return None
    return matrix.d, size, descent * size, matrix.a


def _edges(raw, height: float, text_objects: set[int], budget: Budget) -> list[dict]:
    """The page's ruling edges as pdfplumber's `page.edges` (lines', rectangles', curves')."""
    import pypdfium2.raw as c

    lines: list[dict] = []
    rects: list[dict] = []
    curves: list[dict] = []
    point = (ctypes.c_float(), ctypes.c_float())
    matrix = c.FS_MATRIX()
    fill, stroke = ctypes.c_int(), ctypes.c_int()

    def visit(count: int, get, parent: tuple, depth: int) -> None:
        for i in range(count):
            obj = get(i)
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_TEXT:
                text_objects.add(ctypes.cast(obj, ctypes.c_void_p).value or 0)
                continue
            if kind not in (c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_FORM):
                continue
            c.FPDFPageObj_GetMatrix(obj, matrix)
            own = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), parent)
            if kind == c.FPDF_PAGEOBJ_FORM:
                if depth < 16:
                    visit(c.FPDFFormObj_CountObjects(obj), lambda j, o=obj: c.FPDFFormObj_GetObject(o, j), own,
                          depth + 1)
                continue
            c.FPDFPath_GetDrawMode(obj, fill, stroke)
            if not fill.value and not stroke.value:
                continue
            budget.spend_cells()
            path = []
            curve_points: list[tuple[float, float]] = []
            for s in range(c.FPDFPath_CountSegments(obj)):
                segment = c.FPDFPath_GetPathSegment(obj, s)
                c.FPDFPathSegment_GetPoint(segment, point[0], point[1])
                x, y = point[0].value, point[1].value
                at = (own[0] * x + own[2] * y + own[4], own[1] * x + own[3] * y + own[5])
                kind_of = c.FPDFPathSegment_GetType(segment)
                if kind_of == c.FPDF_SEGMENT_MOVETO:
                    path.append(("m", at))
                elif kind_of == c.FPDF_SEGMENT_LINETO:
                    path.append(("l", at))
                elif kind_of == c.FPDF_SEGMENT_BEZIERTO:
                    curve_points.append(at)
                    if len(curve_points) == 3:
                        path.append(("c", curve_points[-1]))
                        curve_points = []
                if c.FPDFPathSegment_GetClose(segment):
                    path.append(("h", None))
            _paint(path, height, lines, rects, curves)

    c_page_count = c.FPDFPage_CountObjects(raw)
    visit(c_page_count, lambda i: c.FPDFPage_GetObject(raw, i), (1, 0, 0, 1, 0, 0), 0)
    from pdfplumber import utils

    return [utils.line_to_edge(line) for line in lines] + [e for r in rects for e in utils.rect_to_edges(r)] + [
        e for curve in curves for e in utils.curve_to_edges(curve)]


def _multiply(m1: tuple, m0: tuple) -> tuple:
    """pdfminer's mult_matrix: m1, then m0."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def _paint(path: list, height: float, lines: list, rects: list, curves: list) -> None:
    """pdfminer's `paint_path`: each subpath a line, a rectangle or a curve (in page points)."""
    shape = "".join(op for op, _ in path)
    if shape[:1] != "m":
        return
    if shape.count("m") > 1:
        start = 0
        for index in range(1, len(path) + 1):
            if index == len(path) or path[index][0] == "m":
                if index - start > 1:  # as pdfminer's `m[^m]+`: a lone moveto paints nothing
                    _paint(path[start:index], height, lines, rects, curves)
                start = index
        return
    pts = [at if op != "h" else path[0][1] for op, at in path]
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts.pop()
    if shape in ("mlh", "ml"):
        lines.append(_object("line", pts[:2], height))
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        closed = pts[0] == pts[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if closed and square:
            (ax, ay), (bx, by) = pts[0], pts[2]
            rects.append(_object("rect", [(ax, ay), (bx, ay), (bx, by), (ax, by)], height))
        else:
            curves.append(_object("curve", pts, height))
    else:
        curves.append(_object("curve", pts, height))


def _object(kind: str, pts: list[tuple[float, float]], height: float) -> dict:
    xs = [x for x, _ in pts]
    ys = [y for _, y in pts]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    top = height - y1
    return {"object_type": kind, "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
            "top": top, "bottom": height - y0, "doctop": top, "pts": [(x, height - y) for x, y in pts]}


__all__ = ["Fonts", "Page", "extract", "find_tables", "pdfium_page", "plumber_page", "text_within"]
