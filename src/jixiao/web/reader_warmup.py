"""Imported by the upload forkserver only (isolated.PRELOAD), never by the server: reads one
small document of each kind, so that the work the readers do on first use (compiled patterns,
layout tables, pdfium's and lxml's set-up) is done once in the forkserver and inherited by every
reading child instead of repeated per upload. bench/uploads.py measures what it saves.

A warm-up that fails costs nothing but that saving: each child then does the work itself."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from .. import api
from ..findings import InputError
from .uploads import release_memory


def _blank_pdf() -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    out = io.BytesIO()
    document.save(out)
    document.close()
    return out.getvalue()


def warm() -> None:
    example = api.EXAMPLES_DIR / "proj-01-xingzheng.yaml"
    seed = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"
    samples = [(example.read_bytes(), example.name), (seed.read_bytes(), seed.name), (_blank_pdf(), "warm.pdf")]
    with tempfile.TemporaryDirectory(prefix="jixiao-warm-") as folder:
        results = [api.score(api.load_evaluation(example))]
        workbook, report = Path(folder) / "warm.xlsx", Path(folder) / "warm.docx"
        api.write_xlsx(results, workbook)
        api.write_docx(results, report)
        samples += [(workbook.read_bytes(), workbook.name), (report.read_bytes(), report.name)]
    for data, name in samples:
        try:
            api.read_bytes(data, name)
        except InputError:
            pass   # a blank page is no form: what mattered was opening it
    # What the reads freed goes back to the system: a child's memory limit is counted from the
    # address space it starts with, and free heap inherited from here would add to its budget.
    release_memory()


try:
    warm()
except Exception:  # noqa: BLE001 - see the module docstring
    pass
