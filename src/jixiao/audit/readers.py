"""Readers by file suffix: a reader turns a path into documents. Extracted text and the office
formats (.xlsx, .docx, .pdf) are built in; another format registers its reader with
`register_reader('.ods', read_ods)`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..document import Document

Reader = Callable[[Path], list[Document]]
READERS: dict[str, Reader] = {}


def register_reader(suffix: str, reader: Reader) -> None:
    READERS[suffix.lower()] = reader


def _read_text(path: Path) -> list[Document]:
    from ..ingest.text import read_text_file

    return read_text_file(path)


def _read_office(path: Path) -> list[Document]:
    # Imported on use: openpyxl, python-docx and pdfplumber are only loaded for office files.
    from ..ingest import office_documents

    reader = {".xlsx": office_documents.xlsx_documents, ".docx": office_documents.docx_documents,
              ".pdf": office_documents.pdf_documents}[path.suffix.lower()]
    return reader(path)


for _suffix in (".txt", ".text", ".md"):
    register_reader(_suffix, _read_text)
for _suffix in (".xlsx", ".docx", ".pdf"):
    register_reader(_suffix, _read_office)


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())
