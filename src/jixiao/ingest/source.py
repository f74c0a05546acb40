"""A file to read: its bytes and the name the user knows it by.

Every reader starts from a `Source`, whether the file came from a path on the command line,
an upload in the web app or a stored document, so every message names the file as the user
named it (never a temporary path) and every reader has the same guards. Only `limit + 1`
bytes are ever read from a path, so memory stays bounded whatever the file's size.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path, PurePath

from ..findings import InputError, refuse
from ..model import Location

MB = 1024 * 1024
# The largest file any reader accepts (an office file); each reader applies its own limit.
MAX_BYTES = 20 * MB
# A text with more control characters than this share is binary.
_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Source:
    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix.lower()

    @property
    def location(self) -> Location:
        return Location(file=self.name)

    @classmethod
    def from_path(cls, path: str | Path, name: str | None = None, limit: int | None = None) -> "Source":
        """The file at `path`, shown as `name` (default: the path as given)."""
        limit = MAX_BYTES if limit is None else limit
        path = Path(path)
        name = name or str(path)
        where = Location(file=name)
        if path.is_dir():
            raise refuse("not-a-file", f"“{name}”是一个目录，不是文件", where)
        try:
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
        except FileNotFoundError:
            raise refuse("file-not-found", f"文件不存在：{name}", where) from None
        except OSError as error:
            raise refuse("file-unreadable", f"无法读取文件：{name}（{error.strerror or error}）", where) from None
        source = cls(name, data)
        source.check_size(limit)
        return source

    def check_size(self, limit: int) -> None:
        if not self.data:
            raise refuse("file-empty", "文件为空", self.location)
        if len(self.data) > limit:
            raise refuse("file-too-large", f"文件过大（超过 {_size_text(limit)} 的上限）", self.location)

    def stream(self) -> io.BytesIO:
        return io.BytesIO(self.data)

    def text(self, limit: int) -> str:
        """The file as text: UTF-8 (with or without BOM), else GB18030 (what Chinese Windows
        saves); refused when it is binary, cut inside a character, or over `limit` bytes."""
        self.check_size(limit)
        data = self.data
        if not data.strip():
            raise refuse("file-empty", "文件为空", self.location)
        if b"\x00" in data[:65536]:
            raise refuse("file-binary", "这是二进制文件（含空字节），不是文本；请提供对应格式的文件", self.location)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
                raise refuse("file-encoding", f"文件在第 {error.start} 字节处被截断（最后一个字符不完整），"
                                              "内容不完整，请重新提取或下载", Location(file=self.name, line=line)) from None
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise refuse("file-encoding", f"不是 UTF-8 或 GB18030 编码的文本：有无法解码的字节"
                                              f" 0x{data[error.start]:02X}，请另存为 UTF-8",
                             Location(file=self.name, line=line)) from None
        controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
        if controls > max(8, len(text) * _CONTROL_SHARE):
            raise refuse("file-binary", "含大量控制字符，不是文本文件", self.location)
        return text


def _size_text(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{max(size // 1024, 1)} KB"


__all__ = ["MAX_BYTES", "InputError", "Source"]
