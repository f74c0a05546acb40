"""Reading files and folders into documents for the target, history and monitoring commands:
through the one reader registry, a folder searched recursively."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..document import Document
from ..findings import Finding, InputError, make
from ..ingest import Source
from ..ingest import read as read_source
from ..ingest.readers import suffixes
from ..model import Location

MAX_FILES = 5000


# -- reading ------------------------------------------------------------------------------


def files_in(paths: Iterable[str | Path]) -> tuple[list[Path], list[Finding]]:
    """The readable files among `paths` (folders searched recursively, in name order); files of
    other kinds are skipped silently in a folder and refused when named."""
    known = set(suffixes())
    found: list[Path] = []
    notes: list[Finding] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in known)
        elif path.exists():
            found.append(path)
        else:
            raise InputError(Finding("file-not-found", f"文件或目录不存在：{path}", Location(file=str(path))))
    if len(found) > MAX_FILES:
        raise InputError(Finding("too-many-files", f"文件过多（{len(found)}个，上限{MAX_FILES}个）"))
    return found, notes


def read_documents(paths: Iterable[str | Path], strict: bool = True) -> tuple[list[Document], list[Finding]]:
    """Every document in the files. `strict`: a file that cannot be read stops everything (a
    file the user named); else it becomes a note and the others go on (a folder of years)."""
    files, notes = files_in(paths)
    documents: list[Document] = []
    for path in files:
        try:
            package = read_source(Source.from_path(path))
        except InputError as error:
            if strict:
                raise
            notes += [make("file-unreadable", location=Location(file=str(path)), derivation=str(f.message))
                      for f in error.findings[:1]]
            continue
        documents += package.documents
        notes += package.all_findings()
    return documents, notes


__all__ = ["MAX_FILES", "files_in", "read_documents"]
