"""The 自评报告 as PDF: the Word report converted by LibreOffice headless, so the PDF and
the .docx are the same document (fonts: the CJK fonts installed with the project)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..engine.result import EvaluationResult
from .docx_report import write_docx
from .soffice import convert


def docx_to_pdf(docx: str | Path, pdf: str | Path) -> Path:
    pdf = Path(pdf)
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as out:
        written = convert(docx, "pdf", out)
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(written), pdf)
    return pdf


def write_pdf(results: Sequence[EvaluationResult], path: str | Path,
              findings: Iterable[object] | None = None, docx: str | Path | None = None) -> Path:
    """Write the PDF; reuse `docx` when the Word report was just written, else make one."""
    if docx is not None:
        return docx_to_pdf(docx, path)
    with tempfile.TemporaryDirectory(prefix="jixiao-docx-") as tmp:
        source = write_docx(results, Path(tmp) / (Path(path).stem + ".docx"), findings)
        return docx_to_pdf(source, path)
