"""The parts of an Office Open XML package (.xlsx, .docx) as the readers need them: which part
is the workbook or the document (the package's relationships and content types, as openpyxl
and python-docx find them), each part's relationships, and its XML parsed safely.

Parsing is lxml's (libxml2): no entity is expanded and nothing is fetched from the network, and
elements nest at most 256 deep. Large parts are streamed (`iterparse`), never built as a whole
tree, so what a reader holds is bounded by what it keeps. A part that is missing, a reference
that leads nowhere, or XML that does not parse raises `Malformed`, which each reader turns into
its file's refusal (`file-malformed`): a damaged file is never a traceback."""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from typing import IO

from lxml import etree

RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
# What libxml2 may do with a part: nothing beyond the part itself.
SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False}


class Malformed(Exception):
    """A package part that is missing or cannot be parsed; the message says which (in English, for
    the record: the user sees the reader's Chinese refusal)."""


# What a damaged package raises while it is read: a part missing or unparsable, a member whose
# inflated data is corrupt, truncated or larger than declared, compressed or encrypted in a
# way zipfile does not support.
DAMAGED = (Malformed, etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
           NotImplementedError, RuntimeError)


def parser(**options) -> etree.XMLParser:
    return etree.XMLParser(**SAFE, **options)


class Package:
    """An OOXML zip: its parts by name, relationships, content types."""

    def __init__(self, archive: zipfile.ZipFile):
        self.archive = archive
        self.names = set(archive.namelist())
        self._types: tuple[dict[str, str], dict[str, str]] | None = None

    def read(self, name: str) -> bytes:
        if name not in self.names:
            raise Malformed(f"missing part {name}")
        return self.archive.read(name)

    def open(self, name: str) -> IO[bytes]:
        if name not in self.names:
            raise Malformed(f"missing part {name}")
        return self.archive.open(name)

    def parse(self, name: str, **options) -> etree._Element:
        try:
            return etree.fromstring(self.read(name), parser(**options))
        except etree.XMLSyntaxError as error:
            raise Malformed(f"{name}: {error}") from None

    def relationships(self, part: str = "") -> list[tuple[str, str, str, str]]:
        """(id, type, target part name, target mode) of each relationship of `part` (the package's
        own for ''), targets resolved against the part's folder."""
        folder, name = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", name + ".rels")
        if rels not in self.names:
            return []
        found = []
        for element in self.parse(rels):
            if element.tag != RELS + "Relationship":
                continue
            target = element.get("Target") or ""
            mode = element.get("TargetMode") or "Internal"
            if mode == "Internal":
                target = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found.append((element.get("Id") or "", element.get("Type") or "", target, mode))
        return found

    def related(self, kind: str, part: str = "") -> str | None:
        """The part `part` relates to by a relationship of this type (the first), or None."""
        return next((target for _, type_, target, mode in self.relationships(part)
                     if type_ == kind and mode == "Internal"), None)

    def content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        """(defaults by lower-case extension, overrides by lower-case part name with its '/')."""
        if self._types is None:
            defaults: dict[str, str] = {}
            overrides: dict[str, str] = {}
            for element in self.parse("[Content_Types].xml"):
                if element.tag == TYPES + "Default":
                    defaults[(element.get("Extension") or "").lower()] = element.get("ContentType") or ""
                elif element.tag == TYPES + "Override":
                    overrides[(element.get("PartName") or "").lower()] = element.get("ContentType") or ""
            self._types = defaults, overrides
        return self._types

    def content_type(self, part: str) -> str | None:
        defaults, overrides = self.content_types()
        found = overrides.get("/" + part.lower())
        if found is None:
            found = defaults.get(posixpath.splitext(part)[1][1:].lower())
        return found


def iterparse(stream: IO[bytes], events: tuple[str, ...], tags: tuple[str, ...], **options):
    """lxml's streaming parser, safe, reporting only `events` of `tags`."""
    return etree.iterparse(stream, events=events, tag=tags, **SAFE, **options)


def local(tag: object) -> str:
    """An element's name without its namespace ('' for a comment or processing instruction)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def drop(element: etree._Element) -> None:
    """Free an element already read, and what came before it under the same parent: a streamed
    part then holds one element at a time, however long it is."""
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


__all__ = ["CORE_PROPERTIES", "DAMAGED", "Malformed", "OFFICE_DOCUMENT", "Package", "drop", "iterparse", "local", "parser"]
