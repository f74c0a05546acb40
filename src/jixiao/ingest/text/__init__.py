"""Reader for report text extracted from PDF (the form published packages come in).

`read_package(source)` → the package's documents. The file is split at document titles
(layout.DOCUMENT_TITLES); each part goes to the reader for its kind. Unreadable input
(empty, binary, enormous, or text with no recognisable document) raises InputError.
"""

from __future__ import annotations

from dataclasses import replace

from ...document import DocKind, Document, Package
from ...findings import refuse
from ...model import Location
from ..layout import detect
from ..source import Source
from . import layout
from .cells import squeeze
from .narrative import read_narrative
from .report import read_report
from .table import read_table

# The largest real package seen is about 0.2 MB of text; 8 MB leaves room for hundreds.
MAX_BYTES = 8 * 1024 * 1024


def _title_kind(line: str) -> str | None:
    return layout.DOCUMENT_TITLES.get(squeeze(line).replace(" ", ""))


def read_text(text: str, source: str) -> list[Document]:
    lines = list(enumerate(text.splitlines(), start=1))
    starts: list[tuple[int, str]] = []
    for index, (number, line) in enumerate(lines):
        kind = _title_kind(line)
        if kind:
            starts.append((index, kind))
    documents: list[Document] = []
    for position, (index, kind) in enumerate(starts):
        end = starts[position + 1][0] if position + 1 < len(starts) else len(lines)
        part = lines[index:end]
        if kind == "department-report":
            documents.append(read_narrative(part, source))
        elif kind in ("table", "department-table"):
            documents.append(read_table(part, source, kind))
        else:
            documents.append(read_report(part, source))
    if not documents:
        raise refuse("form-not-found", "未找到任何自评表、自评报告或评价报告（需要“项目支出绩效自评表”等标题行）",
                     Location(file=source))
    _pair_department(documents)
    return documents


def _pair_department(documents: list[Document]) -> None:
    """A department report is about the department table's 'project' (整体支出)."""
    from dataclasses import replace

    tables = [d for d in documents if d.kind is DocKind.DEPARTMENT_TABLE]
    if len(tables) != 1:
        return
    for index, document in enumerate(documents):
        if document.kind is DocKind.DEPARTMENT_REPORT:
            documents[index] = replace(document, project=tables[0].project)


def read_package(source: Source, layout: str | None = None) -> Package:
    """The package's documents; their tables take the profile of the layout named, else of
    the layout the text's words point to."""
    text = source.text(MAX_BYTES)
    detection = detect(text.splitlines()[:400], layout)
    documents = read_text(text, source.name)
    if detection.layout.profile != "national":
        documents = [replace(d, evaluation=replace(d.evaluation, profile=detection.layout.profile))
                     if d.evaluation is not None else d for d in documents]
    return Package(source.name, tuple(replace(d, layout=detection.explain()) for d in documents))
