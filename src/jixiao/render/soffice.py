"""LibreOffice for the documents jixiao writes: the report printed as PDF, a workbook
recalculated (jixiao.soffice runs it)."""

from __future__ import annotations

from pathlib import Path

from ..soffice import convert as _convert
from ..soffice import soffice_binary

# What a PDF needs beyond Python, on Debian/Ubuntu: LibreOffice without its desktop, and Chinese fonts.
INSTALL_COMMAND = "sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk"


def convert(source: str | Path, target_format: str, out_dir: str | Path) -> Path:
    return _convert(source, target_format, out_dir,
                    f"未找到 LibreOffice（soffice），无法生成 PDF；请安装：{INSTALL_COMMAND}")


__all__ = ["INSTALL_COMMAND", "convert", "soffice_binary"]
