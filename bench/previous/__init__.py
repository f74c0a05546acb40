"""Today's readers against the libraries they replaced (issue 14 §2): the previous .xlsx, .docx
and .pdf readers' use of openpyxl, python-docx and pdfplumber (on every page), kept in this
package, and the means to check, document by document, that the current readers give the same
result. The readers' logic around the libraries is shared (others keep improving it).

Two levels are compared. The grids (every cell's text, number, percent flag, merged flag and
location; the context lines and the text kept under a PDF form): what each reader produces.
And the whole path: the evaluations read and the audit's findings (code, severity, message,
location, reported, expected, derivation), with the previous reader put in place of the
current one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from jixiao.ingest.layout import key
from jixiao.ingest.source import Source

from . import docx as previous_docx
from . import pdf as previous_pdf
from . import xlsx as previous_xlsx

ROOT = Path(__file__).resolve().parents[2]
FORMS = ROOT / "tests" / "forms"
PREVIOUS = {".xlsx": previous_xlsx, ".docx": previous_docx, ".pdf": previous_pdf}


def kept_documents() -> list[Path]:
    """Every office document kept under tests/ (the provincial forms, as built)."""
    return sorted(p for p in (ROOT / "tests").rglob("*") if p.suffix in PREVIOUS and p.is_file())


def write_documents(folder: Path, synthetic: int = 6, pdf_examples: int = 3) -> list[Path]:
    """The documents jixiao writes, as a user would audit them: every bundled example and
    `synthetic` generated projects, each as .xlsx and .docx, and (with LibreOffice) the first
    `pdf_examples` examples and the generated projects as .pdf."""
    import shutil

    from jixiao import api
    from jixiao.render.docx_report import write_docx
    from jixiao.render.xlsx_book import write_xlsx

    from ..synth import generate

    folder.mkdir(parents=True, exist_ok=True)
    results = [api.score(api.load_evaluation(p)) for p in sorted(api.EXAMPLES_DIR.glob("*.yaml"))]
    results += [api.score(p.evaluation) for p in generate(synthetic, seed=77)]
    paths = []
    pdf = shutil.which("soffice") is not None
    for index, result in enumerate(results):
        for suffix, writer in ((".xlsx", write_xlsx), (".docx", write_docx)):
            path = folder / f"{index:03d}{suffix}"
            writer([result], path)
            paths.append(path)
    if pdf:
        from jixiao.render.pdf import write_pdf

        # One PDF per bundled example would take LibreOffice a minute: the first few and the
        # generated ones (the department table, long tables broken across pages).
        for index, result in enumerate(results):
            if pdf_examples <= index < len(results) - synthetic:
                continue
            path = folder / f"{index:03d}.pdf"
            write_pdf([result], path)
            paths.append(path)
    return paths


@contextmanager
def previous_readers() -> Iterator[None]:
    """The previous libraries in place of the current ones: the current readers' logic, with
    openpyxl, python-docx and pdfplumber (on every page) under it, as before issue 14."""
    from jixiao.ingest import docx, pdf, xlsx

    swaps = [
        (xlsx, "open_workbook", previous_xlsx.open_workbook), (xlsx, "sheet_grid", previous_xlsx.sheet_grid),
        (xlsx, "read_meta", previous_xlsx.read_meta),
        (docx, "_open", previous_docx._open), (docx, "docx_grids", previous_docx.docx_grids),
        (docx, "_keywords", lambda document: document.core_properties.keywords),
        (pdf, "pdf_grids", previous_pdf.pdf_grids),
    ]
    saved = [(module, name, getattr(module, name)) for module, name, _ in swaps]
    for module, name, value in swaps:
        setattr(module, name, value)
    try:
        yield
    finally:
        for module, name, value in saved:
            setattr(module, name, value)


def _cells(grid) -> list:
    return [[(c.text, c.location, None if c.number is None else str(c.number), c.percent, c.spanned) for c in row]
            for row in grid.rows]


def grids(path: Path, current: bool) -> list[tuple]:
    """What the reader makes of the file, cell by cell: one entry per grid (per sheet for a
    workbook, per form table for Word and PDF), and the PDF's stamped keywords."""
    from jixiao.ingest import docx, pdf, xlsx

    source = Source.from_path(path)
    with (nullcontext() if current else previous_readers()):
        if path.suffix == ".xlsx":
            return [(g.name, g.location, _cells(g)) for g in xlsx._form_grids(xlsx.open_workbook(source), source.name)[0]]
        if path.suffix == ".docx":
            return [(g.name, g.location, _cells(g)) for g in docx.docx_grids(source, docx._open(source))]
        found, keywords = pdf.pdf_grids(source)
    # Only the notes' keys are ever read (layout detection joins `key(text)` of each line).
    return [(g.name, g.location, _cells(g), [key(n) for n in g.notes]) for g in found] + [keywords]


def outcome(path: Path) -> tuple:
    """The evaluations read from the file and its audit's findings, as plain data."""
    from jixiao import api
    from jixiao.findings import InputError

    try:
        package = api.read(path)
    except InputError as error:
        return ("refused", [f.as_dict() for f in error.findings])
    report = api.audit_read(package)
    return (repr(package.evaluations), [f.as_dict() for f in report.findings])


def differences(paths: list[Path]) -> list[str]:
    """The documents whose grids or whose audit differ between the previous and the current
    readers, each with what differs first; empty when every one is identical."""
    found = []
    for path in paths:
        new, old = grids(path, True), grids(path, False)
        if new != old:
            found.append(f"{path}: grids differ: {_first_difference(old, new)}")
            continue
        now = outcome(path)
        with previous_readers():
            before = outcome(path)
        if now != before:
            found.append(f"{path}: audit differs: {_first_difference(before, now)}")
    return found


def _first_difference(old, new, where: str = "") -> str:
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        for index, (a, b) in enumerate(zip(old, new)):
            if a != b:
                return _first_difference(a, b, f"{where}[{index}]")
        return f"{where}: length {len(old)} → {len(new)}"
    return f"{where}: {old!r} → {new!r}"
