"""The one reader registry: a file (its bytes and display name) → a `Package` of documents.

`jixiao score`, `jixiao audit`, `jixiao render`, the web import and the web audit all read
through `read`, so every command accepts every format and every reader has the same guards
and locations. A reader is registered by suffix; a file whose suffix no reader knows is
recognised by its content (a PDF, a workbook, a Word file, YAML or extracted text).

Each reader imports its heavy library (openpyxl, python-docx, pdfplumber) only when used."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from ..document import Package
from ..findings import refuse
from ..registry import Registry
from .layout import get_layout
from .legacy import legacy_suffix
from .office_guard import is_ole
from .report_prose import with_report_text
from .source import Source


@dataclass(frozen=True)
class Reader:
    """`read(source, layout)`: `layout` names the form layout to read by (None: detect it)."""

    name: str
    title: str                          # in Chinese, for messages
    suffixes: tuple[str, ...]
    read: Callable[[Source, str | None], Package]


READERS: Registry[Reader] = Registry("读取器")     # by suffix


def register(name: str, title: str, *suffixes: str):
    def decorate(read: Callable[[Source, str | None], Package]) -> Callable[[Source, str | None], Package]:
        reader = Reader(name, title, suffixes, read)
        for suffix in suffixes:
            READERS.add(suffix, reader)
        return read

    return decorate


@register("yaml", "YAML 评价文件", ".yaml", ".yml")
def _yaml(source: Source, layout: str | None) -> Package:
    from .plan_yaml import plan_package
    from .yaml_loader import read_package

    # A YAML file states its own kind and profile; it has no layout.
    return plan_package(source) or read_package(source)


@register("text", "从 PDF 提取的报告文本", ".txt")
def _text(source: Source, layout: str | None) -> Package:
    from .text import read_package

    return read_package(source, layout)


def _office(module: str) -> Callable[[Source, str | None], Package]:
    def read(source: Source, layout: str | None) -> Package:
        from importlib import import_module

        from .forms import forms_package

        reads, skipped = import_module(f"{__package__}.{module}").read_forms(source, layout)
        return forms_package(source, reads, skipped)

    return read


def _with_plans(read: Callable[[Source, str | None], Package]) -> Callable[[Source, str | None], Package]:
    """A workbook titled 绩效目标申报表 or 绩效目标执行监控表 is read as one; any other as 自评表."""
    def read_workbook(source: Source, layout: str | None) -> Package:
        from .plan_xlsx import plan_package

        return plan_package(source) or read(source, layout)

    return read_workbook


register("xlsx", "Excel 工作簿", ".xlsx")(_with_plans(_office("xlsx")))
register("docx", "Word 文档", ".docx")(with_report_text(_office("docx")))
register("pdf", "PDF 文件", ".pdf")(with_report_text(_office("pdf"), "pdf"))


def _legacy(suffix: str) -> Callable[[Source, str | None], Package]:
    def read(source: Source, layout: str | None) -> Package:
        from .legacy import LEGACY, converted

        return READERS.get(LEGACY[suffix].suffix).read(converted(source, suffix), layout)

    return read


for _suffix, _title in ((".xls", "Excel 97-2003 工作簿"), (".et", "WPS 表格"), (".doc", "Word 97-2003 文档"),
                        (".wps", "WPS 文字")):
    register(_suffix[1:], _title, _suffix)(_legacy(_suffix))


def suffixes() -> list[str]:
    return sorted(READERS)


def sniff(source: Source) -> str | None:
    """The suffix a file's content says it has, for a file named without a known one."""
    data = source.data
    if data.startswith(b"%PDF-"):
        return ".pdf"
    if is_ole(source):
        # A legacy Office or WPS file; an encrypted OOXML file is an OLE container too, and the
        # .xlsx reader says it is password-protected.
        return legacy_suffix(source) or ".xlsx"
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(source.stream()) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        if "xl/workbook.xml" in names:
            return ".xlsx"
        if "word/document.xml" in names:
            return ".docx"
        return None
    if b"\x00" in data[:4096]:
        return None
    head = data[:65536].decode("utf-8", errors="ignore")
    if "\nindicators:" in head or head.startswith("indicators:"):
        return ".yaml"
    return ".txt"


def reader_for(source: Source, suffix: str | None = None) -> Reader:
    named = suffix or source.suffix
    old_format = legacy_suffix(source) if named in (".xlsx", ".docx") else None
    if old_format is not None:
        # An .xls saved under an .xlsx name (WPS does this): read it as what it is.
        return READERS.get(old_format)
    reader = READERS.find(named)
    if reader is None:
        sniffed = sniff(source)
        reader = READERS.find(sniffed) if sniffed else None
    if reader is None:
        known = "、".join(suffixes())
        raise refuse("file-unsupported", f"无法识别“{source.name}”的文件类型（支持：{known}）", source.location)
    return reader


def read(source: Source, suffix: str | None = None, layout: str | None = None) -> Package:
    """Every document in the file (read as `suffix` says, else as its name or content says; its
    forms by `layout`, else by the layout their own words point to); InputError, with the
    reason in Chinese, when none can be read."""
    if layout is not None:
        get_layout(layout)  # an unknown name is refused before the file is read
    return reader_for(source, suffix).read(source, layout)


__all__ = ["READERS", "Reader", "read", "reader_for", "register", "sniff", "suffixes"]
