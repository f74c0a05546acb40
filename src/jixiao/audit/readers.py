"""Readers by file suffix: a reader turns a path into documents. The text reader is built in;
office formats register theirs with `register_reader('.xlsx', read_xlsx)`."""

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


for _suffix in (".txt", ".text", ".md"):
    register_reader(_suffix, _read_text)


def reader_for(path: Path) -> Reader | None:
    return READERS.get(path.suffix.lower())
