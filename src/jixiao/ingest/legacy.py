"""The legacy binary formats finance offices still save: Excel 97-2003 (.xls), Word 97-2003
(.doc) and WPS's own (.et spreadsheets, .wps documents). LibreOffice headless opens them and
saves .xlsx/.docx, which the one grid reader then reads like any other: one path from the
bytes to the findings. Locations keep the user's file name; the sheet names, rows and
columns are the original's (LibreOffice keeps them).

Without LibreOffice the file is refused with the command that installs it, never guessed at."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..findings import InputError, refuse
from ..soffice import convert
from .office_guard import is_encrypted_ole, is_ole
from .source import MAX_BYTES, Source


@dataclass(frozen=True)
class Legacy:
    kind: str            # 'Excel' or 'Word', for messages
    title: str           # what the user calls the format
    opened_as: str       # the suffix LibreOffice is handed (it knows .xls/.doc best by name)
    target: str          # --convert-to filter
    suffix: str          # the reader that reads the result
    install: str


_CALC = "sudo apt-get install libreoffice-calc-nogui"
_WRITER = "sudo apt-get install libreoffice-writer-nogui"
LEGACY = {
    ".xls": Legacy("Excel", "Excel 97-2003 工作簿（.xls）", ".xls", "xlsx:Calc MS Excel 2007 XML", ".xlsx", _CALC),
    ".et": Legacy("Excel", "WPS 表格（.et）", ".xls", "xlsx:Calc MS Excel 2007 XML", ".xlsx", _CALC),
    ".doc": Legacy("Word", "Word 97-2003 文档（.doc）", ".doc", "docx:MS Word 2007 XML", ".docx", _WRITER),
    ".wps": Legacy("Word", "WPS 文字（.wps）", ".doc", "docx:MS Word 2007 XML", ".docx", _WRITER),
}


# The stream an OLE2 container holds for each: Word's, and Excel's (BIFF8 'Workbook', BIFF5 'Book').
_WORD_STREAM = "WordDocument".encode("utf-16-le")
_EXCEL_STREAMS = ("Workbook".encode("utf-16-le"), "Book\x00".encode("utf-16-le"))


def legacy_suffix(source: Source) -> str | None:
    """'.xls' or '.doc' for an unencrypted OLE2 file holding a workbook or a Word document (a
    legacy Office or WPS file, whatever it is named), else None."""
    if not is_ole(source) or is_encrypted_ole(source):
        return None
    if _WORD_STREAM in source.data:
        return ".doc"
    if any(stream in source.data for stream in _EXCEL_STREAMS):
        return ".xls"
    return None


def converted(source: Source, suffix: str) -> Source:
    """`source` (a legacy file of format `suffix`) as .xlsx/.docx bytes, under its own name."""
    legacy = LEGACY[suffix]
    source.check_size(MAX_BYTES)
    if is_encrypted_ole(source):
        raise refuse("file-encrypted", f"{legacy.kind} 文件受密码保护，请先取消密码再导入", source.location)
    if legacy_suffix(source) != legacy.opened_as:
        raise refuse("file-malformed", f"不是有效的{legacy.title}文件（文件已损坏或格式不符）", source.location)
    missing = (f"读取{legacy.title}需要 LibreOffice，未找到 soffice；请安装：{legacy.install}，"
               f"或在 {legacy.kind}/WPS 中另存为 {legacy.suffix} 后再导入")
    with tempfile.TemporaryDirectory(prefix="jixiao-legacy-") as work:
        # Named after the user's file, so LibreOffice's own messages name it too.
        stem = re.sub(r"[^\w.-]", "_", Path(source.name).stem)[:100].lstrip(".") or "input"
        original = Path(work) / f"{stem}{legacy.opened_as}"
        original.write_bytes(source.data)
        try:
            written = convert(original, legacy.target, Path(work) / "out", missing)
        except InputError as error:
            raise InputError([f.located(source.location) for f in error.findings]) from None
        return Source(source.name, written.read_bytes())


__all__ = ["LEGACY", "converted", "legacy_suffix"]
