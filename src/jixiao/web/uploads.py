"""Upload checks: an allow-listed extension, a size limit, and content that matches the
extension (zip container for .xlsx/.docx, %PDF for .pdf, UTF-8 text without NULs). What reading
an accepted file may cost (cells, characters, inflated bytes, pages, seconds) is the readers' own
budget (ingest/budget.py), the same as on the command line; on top of it every upload is read in
a process of its own under a hard memory and time limit (web/isolated.py, `read_upload`)."""

from __future__ import annotations

import ctypes
import gc
from dataclasses import dataclass
from pathlib import PurePath

from flask import current_app
from werkzeug.datastructures import FileStorage

from .. import api
from ..document import Package
from .errors import BadUpload, TooLarge
from .isolated import Limits, limits_from_environment, parse_limits, read_isolated

MB = 1024 * 1024
DEFAULT_LIMIT = 5 * MB

# Legacy Office and WPS files are OLE2 compound files (opened with LibreOffice by the reader).
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIGNATURES = {".xlsx": b"PK\x03\x04", ".docx": b"PK\x03\x04", ".pdf": b"%PDF-", ".xls": OLE, ".et": OLE, ".doc": OLE,
              ".wps": OLE}
NAMES = {".xlsx": "Excel 工作簿", ".docx": "Word 文档", ".pdf": "PDF", ".yaml": "YAML", ".yml": "YAML",
         ".txt": "文本", ".json": "JSON", ".xls": "Excel 97-2003 工作簿", ".et": "WPS 表格",
         ".doc": "Word 97-2003 文档", ".wps": "WPS 文字"}


@dataclass(frozen=True)
class Upload:
    name: str
    suffix: str
    data: bytes


def size_text(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{max(size // 1024, 1)} KB"


def limit() -> int:
    return int(current_app.config.get("UPLOAD_LIMIT", DEFAULT_LIMIT))


def accept(file: FileStorage | None, allowed: set[str]) -> Upload:
    if file is None or not file.filename:
        raise BadUpload("请选择要上传的文件。")
    name = PurePath(file.filename.replace("\\", "/")).name[:200]
    suffix = PurePath(name).suffix.lower()
    kinds = "、".join(sorted({NAMES[s] + f"（{s}）" for s in allowed}))
    if suffix not in allowed:
        raise BadUpload(f"不支持的文件类型“{suffix or name}”，只接受：{kinds}。")
    most = limit()
    data = file.stream.read(most + 1)
    if len(data) > most:
        raise TooLarge(f"文件“{name}”超过 {size_text(most)} 的上限。")
    if not data:
        raise BadUpload(f"文件“{name}”是空的。")
    # A password-protected .xlsx or .docx is an OLE container, not a zip (so is a legacy file saved
    # under the new name): the reader says which, as on the command line ("受密码保护", …).
    protected = suffix in (".xlsx", ".docx") and data.startswith(OLE)
    if suffix in SIGNATURES and not data.startswith(SIGNATURES[suffix]) and not protected:
        raise BadUpload(f"文件“{name}”的内容不是{NAMES[suffix]}，与扩展名不符。")
    # Text encodings (UTF-8, GB18030) are judged by the reader, as on the command line.
    return Upload(name, suffix, data)


def upload_limits(config) -> Limits:
    """The limits of reading one upload: the app's UPLOAD_MEMORY_MB / UPLOAD_SECONDS, else
    JIXIAO_UPLOAD_MEMORY_MB / JIXIAO_UPLOAD_SECONDS, else 1024 MB and 60 seconds. Raises
    ValueError (checked when the app is built, so a bad setting stops `jixiao serve`)."""
    environment = limits_from_environment()
    return parse_limits(config.get("UPLOAD_MEMORY_MB", environment.memory_mb),
                        config.get("UPLOAD_SECONDS", environment.seconds))


def read_upload(data: bytes, name: str, suffix: str | None = None) -> Package:
    """`api.read_bytes` for an upload: read in a child process under the upload limits (the
    server never holds what a hostile file inflates to), unless the app is configured with
    UPLOAD_ISOLATED=False (tests that do not exercise the isolation may read in-process)."""
    config = current_app.config
    if not config.get("UPLOAD_ISOLATED", True):
        return api.read_bytes(data, name, suffix=suffix)
    return read_isolated(data, name, suffix=suffix, limits=upload_limits(config))


# An upload larger than this is followed by giving its memory back to the system.
RELEASE_AFTER = 256 * 1024
_trim = None


def release_memory() -> None:
    """Hand the memory a large upload used back to the system where the allocator allows: freed
    objects go back to Python's and glibc's pools, which keep them otherwise. What stays is
    bounded (tests/hardening/test_server_memory.py measures it). A no-op where glibc's
    malloc_trim is not available."""
    global _trim
    if _trim is None:
        try:
            _trim = ctypes.CDLL("libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _trim = False
    gc.collect()
    if _trim:
        _trim(0)
