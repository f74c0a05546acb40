"""The prose of a report in Word or PDF — a 部门整体支出绩效自评报告 or a 项目支出绩效自评报告, as
jixiao writes them or a unit types them — read as report documents, beside the forms the Word
and PDF readers find, so `jixiao audit report.docx` (or .pdf) checks what the report's sentences
state (scores, the department's figures, shares and rates) against its own forms.

The body is taken in order up to the first 自评表 (a form table, the 附表 heading before it, or a
form's title): a Word file's paragraphs as lines and its tables' rows as tab-separated cells, a
PDF's text lines page by page — the extracted text the text reader knows. What it reads is then
placed back in the document's own terms (第N段, 表N 第N行, 第N页 第N行), never at a line of a
text the user never saw."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from ..document import DocKind, Document, Package
from ..findings import InputError
from ..model import Location
from .office_grid import Grid, GridCell
from .source import Source

MAX_LINES = 20000
INDENT = 12   # points: a first-line indent, or a line ending this far before the margin
_APPENDIX = re.compile(r"^附表\s*\d+")


def _report_titles() -> tuple[str, ...]:
    from .text import layout

    return tuple(title for title, kind in layout.DOCUMENT_TITLES.items() if kind not in ("table", "department-table"))


def _has_report_title(text: str) -> bool:
    plain = re.sub(r"\s+", "", text)
    return any(title in plain for title in _report_titles())


def _docx_has_report(source: Source) -> bool:
    """A cheap look before parsing the document twice: does its text name a report at all?
    (A form-only file is most of what the Word reader sees.)"""
    import zipfile

    with zipfile.ZipFile(source.stream()) as archive:
        xml = archive.read("word/document.xml")
    return _has_report_title(re.sub(rb"<[^>]+>", b"", xml).decode("utf-8", "ignore"))


def _body_lines(source: Source) -> list[tuple[str, Location]]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    from .docx import is_form

    document = docx.Document(source.stream())
    lines: list[tuple[str, Location]] = []
    paragraph_number = table_number = 0
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph_number += 1
            text = Paragraph(element, document).text.strip()
            if _APPENDIX.match(text):
                break
            lines += [(text, Location(file=source.name, paragraph=paragraph_number)), ("", Location())]
        elif tag == "tbl":
            table_number += 1
            rows: list[tuple[str, Location]] = []
            grid_rows: list[list[GridCell]] = []
            for r, row in enumerate(Table(element, document).rows, start=1):
                cells, seen = [], set()
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell.text.replace("\n", "").strip())
                location = Location(file=source.name, table=table_number, row=r)
                grid_rows.append([GridCell(text, location) for text in cells])
                rows.append(("\t".join(cells), location))
            if is_form(Grid(grid_rows)):
                break
            lines += rows + [("", Location())]
        if len(lines) > MAX_LINES:
            break
    return lines


def _pdf_lines(source: Source) -> list[tuple[str, Location]]:
    from .pdf import forget_pages

    try:
        return _pdf_report_lines(source)
    finally:
        forget_pages()   # the forms reader read this PDF first: its pages are no longer needed


def _pdf_report_lines(source: Source) -> list[tuple[str, Location]]:
    from .pdf import text_pages
    from .text import layout
    from .text.cells import squeeze

    lines: list[tuple[str, Location]] = []
    blank = ("", Location())
    with text_pages(source) as pages:
        if not len(pages) or not _has_report_title(pages[0].extract_text() or ""):
            return []   # a report names itself on its first page; a form-only PDF is left to the form reader
        for page_number, page in enumerate(pages, start=1):
            rows = page.extract_text_lines()
            if not rows:
                continue
            # A PDF has no blank lines between paragraphs: a line that stops short of the right
            # margin ends one, an indented line starts one (as the extracted seed text's blanks do).
            left, right = min(r["x0"] for r in rows), max(r["x1"] for r in rows)
            for line_number, row in enumerate(rows, start=1):
                text = row["text"]
                plain = squeeze(text).replace(" ", "")
                if _APPENDIX.match(text.strip()) or layout.DOCUMENT_TITLES.get(plain) in ("table", "department-table"):
                    return lines
                if row["x0"] > left + INDENT and lines and lines[-1] != blank:
                    lines.append(blank)
                lines.append((text, Location(file=source.name, page=page_number, line=line_number)))
                if row["x1"] < right - INDENT:
                    lines.append(blank)
                if len(lines) > MAX_LINES:
                    return lines
    return lines


def _relocate(value, places: dict[int, Location], name: str):
    """Every Location a text reader made (file + line) moved to the docx's own place."""
    if isinstance(value, Location):
        if value.file == name and value.line is not None and value.line in places:
            return dataclasses.replace(places[value.line], field=value.field)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _relocate(getattr(value, f.name), places, name) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_relocate(item, places, name) for item in value)
    return value


def report_documents(source: Source, tables: list[Document], kind: str = "docx") -> list[Document]:
    """The report documents the file's prose holds, located in the file; none for a file that
    has only forms."""
    from .text import read_text

    if kind == "docx" and not _docx_has_report(source):
        return []
    if kind == "pdf" and any(table.location.page == 1 for table in tables):
        return []   # a form on the first page: no report before it (and reading its text costs a reread)
    lines = _body_lines(source) if kind == "docx" else _pdf_lines(source)
    if not any(text for text, _ in lines):
        return []
    places = {number: location for number, (_, location) in enumerate(lines, start=1)}
    try:
        documents = read_text("\n".join(text for text, _ in lines), source.name)
    except InputError:
        return []
    documents = [d for d in documents if d.evaluation is None]
    department = [t for t in tables if t.kind is DocKind.DEPARTMENT_TABLE]
    result = []
    for document in documents:
        if document.kind is DocKind.DEPARTMENT_REPORT and len(department) == 1:
            document = dataclasses.replace(document, project=department[0].project)
        result.append(_relocate(document, places, source.name))
    return result


def with_report_text(read: Callable[[Source, str | None], Package],
                     kind: str = "docx") -> Callable[[Source, str | None], Package]:
    """The Word (or PDF) reader, with the report's prose read too."""
    def read_document(source: Source, layout: str | None) -> Package:
        package = read(source, layout)
        reports = report_documents(source, list(package.documents), kind)
        if not reports:
            return package
        return dataclasses.replace(package, documents=(*reports, *package.documents))

    return read_document


__all__ = ["report_documents", "with_report_text"]
