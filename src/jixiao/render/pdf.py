"""The 自评报告 as PDF: the Word report converted by LibreOffice headless, so the PDF and
the .docx are the same document. LibreOffice draws the Chinese text with the machine's fonts
(found through fontconfig): without one the PDF would be all boxes, so it is refused instead."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..engine.result import EvaluationResult
from ..findings import Finding, InputError
from .docx_report import write_docx
from .soffice import INSTALL_COMMAND, convert, soffice_binary


def chinese_font_missing() -> bool:
    """True when fontconfig, which LibreOffice draws with, knows no Chinese font. Asked anew on
    every call (fontconfig rescans font folders that changed), so a font installed a minute ago
    counts without clearing any cache; where `fc-list` itself is missing, nothing is claimed."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    try:
        listed = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return listed.returncode == 0 and not listed.stdout.strip()


def docx_to_pdf(docx: str | Path, pdf: str | Path) -> Path:
    pdf = Path(pdf)
    if soffice_binary() is not None and chinese_font_missing():
        raise InputError(Finding("font-missing",
                                 f"未找到中文字体，LibreOffice 生成的 PDF 中文会显示为方框；请安装：{INSTALL_COMMAND}"))
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as out:
        written = convert(docx, "pdf", out)
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(written), pdf)
    return pdf


def write_pdf(results: Sequence[EvaluationResult], path: str | Path,
              findings: Iterable[object] | None = None, docx: str | Path | None = None,
              review: bool = True) -> Path:
    """Write the PDF; reuse `docx` when the Word report was just written, else make one."""
    if docx is not None:
        return docx_to_pdf(docx, path)
    with tempfile.TemporaryDirectory(prefix="jixiao-docx-") as tmp:
        source = write_docx(results, Path(tmp) / (Path(path).stem + ".docx"), findings, review)
        return docx_to_pdf(source, path)
