"""Refuse office files that would crash a reader or exhaust memory, before opening them.

.xlsx and .docx are zip archives: a few kilobytes can declare gigabytes (a zip bomb), so
the members' declared sizes are checked first (zipfile never inflates past a member's
declared size, which makes the check binding). A password-protected OOXML file is not a
zip at all but an OLE container holding an 'EncryptedPackage' stream."""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..model import Location
from ..problems import InputError, Problem

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 60 * 1024 * 1024
MAX_MEMBER_RATIO = 200  # deflate tops out near 1000:1 on junk; real XML stays far below 200:1
MAX_MEMBERS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")


def _fail(code: str, message: str, path: Path) -> InputError:
    return InputError(Problem(code, message, Location(file=path.name)))


def check_file_size(path: Path, limit: int = MAX_FILE_BYTES) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _fail("file-unreadable", f"无法读取文件：{error.strerror or error}", path) from None
    if size == 0:
        raise _fail("file-empty", "文件为空", path)
    if size > limit:
        raise _fail("file-too-large", f"文件过大（{size / 1048576:.1f} MB），上限为 {limit // 1048576} MB", path)


def check_office_zip(path: str | Path, kind: str) -> None:
    """Raise InputError (in Chinese) unless `path` is a sane OOXML zip; `kind` is 'Excel'
    or 'Word', for the messages."""
    path = Path(path)
    check_file_size(path)
    with open(path, "rb") as handle:
        head = handle.read(8)
        if head == OLE_MAGIC:
            handle.seek(0)
            if ENCRYPTED_MARK in handle.read(MAX_FILE_BYTES):
                raise _fail("file-encrypted", f"{kind} 文件受密码保护，请先取消密码再导入", path)
            old = ".xls" if kind == "Excel" else ".doc"
            raise _fail("file-old-format", f"这是旧版 {kind} 97-2003（{old}）文件，请另存为 {old}x 后再导入", path)
    if not zipfile.is_zipfile(path):
        raise _fail("file-malformed", f"不是有效的 {kind} 文件（文件已损坏或格式不符）", path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _fail("file-malformed", f"不是有效的 {kind} 文件（压缩结构已损坏）", path) from None
    if len(members) > MAX_MEMBERS:
        raise _fail("file-zip-bomb", f"{kind} 文件包含的部件过多（{len(members)}个），拒绝读取", path)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1024 * 1024 and member.file_size > MAX_MEMBER_RATIO * max(member.compress_size, 1):
            raise _fail("file-zip-bomb", f"{kind} 文件中的“{member.filename}”压缩比异常（疑似压缩炸弹），拒绝读取", path)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise _fail("file-zip-bomb", f"{kind} 文件解压后过大（{total / 1048576:.0f} MB），拒绝读取", path)
