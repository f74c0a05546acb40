"""Bytes to text, refusing what is not text: empty, binary, not UTF-8/GB18030, or enormous.

Only MAX_BYTES + 1 bytes are ever read, so memory stays bounded whatever the file's size;
a file cut inside a multi-byte character (a truncated download or copy) is refused.
"""

from __future__ import annotations

from pathlib import Path

from ...problems import InputError, Problem

# The largest real package seen is about 0.2 MB of text; 8 MB leaves room for hundreds.
MAX_BYTES = 8 * 1024 * 1024
# A text with more control characters than this share is binary.
_CONTROL_SHARE = 0.01


def _fail(name: str, message: str) -> InputError:
    # The message names the file; a location would print it twice.
    return InputError(Problem("unreadable-input", f"无法读取“{name}”：{message}"))


def read_source(path: str | Path) -> str:
    """The file's text, or InputError saying in Chinese why it is not readable text."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise _fail(name, "这是一个目录，不是文件") from None
    except FileNotFoundError:
        raise _fail(name, "文件不存在") from None
    except OSError as error:
        raise _fail(name, f"读取失败（{error.strerror or error}）") from None
    return decode(data, name)


def decode(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise _fail(name, f"文件超过 {MAX_BYTES // (1024 * 1024)} MB 的上限，不像一份自评材料的文本")
    if not data.strip():
        raise _fail(name, "文件为空")
    if b"\x00" in data[:65536]:
        raise _fail(name, "这是二进制文件（含空字节），请提供从 PDF 提取的文本，或用对应格式的读取器")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start >= len(data) - 3 and error.reason == "unexpected end of data":
            raise _fail(name, f"文件在第 {error.start} 字节处被截断（最后一个字符不完整），内容不完整，请重新提取或下载") from None
        else:
            try:
                text = data.decode("gb18030")
            except UnicodeDecodeError:
                raise _fail(name, f"不是 UTF-8 或 GB18030 编码的文本（第 {error.start} 字节无法解码）") from None
    controls = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    if controls > max(8, len(text) * _CONTROL_SHARE):
        raise _fail(name, "含大量控制字符，不是文本文件")
    return text
