"""Refuse office files that would crash a reader or exhaust memory, before opening them.

.xlsx and .docx are zip archives: a few kilobytes can declare gigabytes (a zip bomb), so
the members' declared sizes are checked first (zipfile never inflates past a member's
declared size, which makes the check binding). A password-protected OOXML file is not a
zip at all but an OLE container holding an 'EncryptedPackage' stream; so is an old
.xls/.doc file, which is told apart by that stream."""

from __future__ import annotations

import zipfile

from ..findings import refuse
from .budget import MAX_INFLATED_BYTES
from .source import MAX_BYTES, Source

MAX_FILE_BYTES = MAX_BYTES
MAX_UNCOMPRESSED_BYTES = MAX_INFLATED_BYTES   # every part, as declared (the readers count what they read)
MAX_MEMBER_RATIO = 200  # deflate tops out near 1000:1 on junk; real XML stays far below 200:1
MAX_MEMBERS = 5000
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
OLD_SUFFIX = {"Excel": ".xls", "Word": ".doc"}


def is_ole(source: Source) -> bool:
    return source.data[:8] == OLE_MAGIC


def is_encrypted_ole(source: Source) -> bool:
    return is_ole(source) and ENCRYPTED_MARK in source.data


def check_office_zip(source: Source, kind: str) -> None:
    """Raise InputError (in Chinese) unless `source` is a sane OOXML zip; `kind` is 'Excel'
    or 'Word', for the messages."""
    source.check_size(MAX_FILE_BYTES)
    where = source.location
    if is_ole(source):
        if is_encrypted_ole(source):
            raise refuse("file-encrypted", f"{kind} 文件受密码保护，请先取消密码再导入", where)
        old = OLD_SUFFIX[kind]
        raise refuse("file-old-format", f"这是旧版 {kind} 97-2003（{old}）文件，请另存为 {old}x 后再导入", where)
    stream = source.stream()
    if not zipfile.is_zipfile(stream):
        raise refuse("file-malformed", f"不是有效的 {kind} 文件（文件已损坏或格式不符）", where)
    try:
        with zipfile.ZipFile(stream) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise refuse("file-malformed", f"不是有效的 {kind} 文件（压缩结构已损坏）", where) from None
    if len(members) > MAX_MEMBERS:
        raise refuse("file-zip-bomb", f"{kind} 文件包含的部件过多（{len(members)}个），拒绝读取", where)
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > 1024 * 1024 and member.file_size > MAX_MEMBER_RATIO * max(member.compress_size, 1):
            raise refuse("file-zip-bomb", f"{kind} 文件中的“{member.filename}”压缩比异常（疑似压缩炸弹），拒绝读取", where)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise refuse("file-zip-bomb", f"{kind} 文件解压后过大（{total / 1048576:.0f} MB），拒绝读取", where)


__all__ = ["MAX_FILE_BYTES", "check_office_zip", "is_encrypted_ole", "is_ole"]
