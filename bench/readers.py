"""Documents at library speed (issue 14 §2) and a package that grows (issue 15 §2).

Audits of .pdf, .xlsx and .docx on one core with today's readers (pdfium and lxml under the
readers' logic) and, in the same run, with the libraries they replaced (pdfplumber on every page,
openpyxl, python-docx): pages/s and files/s, and the ratio. The same run asserts that both give
identical grids and identical findings on every test document (tests/forms, as built) and on the
documents jixiao writes. Then the text package of the seed repeated 1×, 8× and 32× (a bureau's
batch in one file): time per document, which must stay flat as the package grows.

Rates are CPU time of this process (`time.process_time`): what one core does, less disturbed by
the machine's other load than wall time."""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from jixiao import api

from .measure import Report
from .previous import differences, previous_readers, kept_documents, write_documents

SECTION = "readers"
TARGETS = {".pdf": (100, "pages/s"), ".xlsx": (100, "files/s"), ".docx": (30, "files/s")}
SEED = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"


def _pages(paths: list[Path]) -> int:
    import pypdfium2

    total = 0
    for path in paths:
        document = pypdfium2.PdfDocument(str(path))
        total += len(document)
        document.close()
    return total


def cpu_seconds(paths: list[Path], repeat: int) -> float:
    """The least CPU time of `repeat` audits of every file (each file its own package)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for path in paths:
            api.audit([path])
        best = min(best, time.process_time() - start)
    return best


def _speed(report: Report, name: str, paths: list[Path], repeat: int) -> None:
    suffix = paths[0].suffix
    for path in paths[:2]:
        api.audit([path])   # imports and caches outside the timed loop
    now = cpu_seconds(paths, repeat)
    with previous_readers():
        api.audit([paths[0]])
        before = cpu_seconds(paths, 1)
    target, unit = TARGETS[suffix]
    files = len(paths) / now
    if suffix == ".pdf":
        pages = _pages(paths)
        rate, note = pages / now, f"{files:.1f} files/s，共{len(paths)}个文件{pages}页"
        old = pages / before
    else:
        rate, note, old = files, f"{len(paths)}个文件", len(paths) / before
    met = "达到" if rate >= target else "未达到"
    report.add(SECTION, f"audit {name} 1 core", rate, unit,
               f"{note}；原读取库 {old:.1f} {unit}，{rate / old:.1f}×；目标 ≥ {target} {unit}：{met}")


def _forms_reader(report: Report, paths: list[Path], repeat: int) -> None:
    """The PDF forms reader alone on the reports (the audit of a report also reads its prose)."""
    from jixiao.ingest.pdf import pdf_grids
    from jixiao.ingest.source import Source

    sources = [Source.from_path(path) for path in paths]
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for source in sources:
            pdf_grids(source)
        best = min(best, time.process_time() - start)
    with previous_readers():
        from jixiao.ingest import pdf

        start = time.process_time()
        for source in sources:
            pdf.pdf_grids(source)
        before = time.process_time() - start
    pages = _pages(paths)
    report.add(SECTION, "read pdf forms (reports jixiao writes) 1 core", pages / best, "pages/s",
               f"表格读取器单独计时（报告的审核还读取其正文）；原读取库 {pages / before:.1f} pages/s，{before / best:.1f}×")


def _scaling(report: Report, copies: tuple[int, ...]) -> None:
    data = SEED.read_bytes()
    per_document = {}
    for count in copies:
        text = b"\n".join([data] * count)
        start = time.process_time()
        package = api.read_bytes(text, f"种子×{count}.txt")
        audit = api.audit_read(package)
        seconds = time.process_time() - start
        per_document[count] = seconds / len(package.documents)
        report.add(SECTION, f"text package ×{count}", per_document[count] * 1000, "ms/document",
                   f"{len(package.documents)}份文档，{len(audit.findings)}条审核结果，共{seconds:.2f} s"
                   + (f"；每份文档为×1的{per_document[count] / per_document[copies[0]]:.2f}倍" if count != copies[0]
                      else ""))


def run(report: Report, quick: bool) -> None:
    report.section("readers: documents at library speed")
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-readers-"))
    try:
        written = write_documents(folder, synthetic=2 if quick else 6, pdf_examples=0 if quick else 3)
        documents = kept_documents() + written
        different = differences(documents)
        report.add(SECTION, "readers identical to the previous libraries",
                   f"{len(documents) - len(different)}/{len(documents)}", "documents",
                   "网格（每个单元格的文字、数值、合并、位置）与审核结果（代码、位置、内容）逐一相同；"
                   f"测试文档 {len(documents) - len(written)} 份（tests/forms），jixiao 写出的 {len(written)} 份")
        repeat = 2 if quick else 5
        reports = [p for p in written if p.suffix == ".pdf"]
        forms = [p for p in documents if p.suffix == ".pdf" and p not in reports]
        if reports:
            _speed(report, "pdf (reports jixiao writes)", reports, repeat)
            _forms_reader(report, reports, repeat)
        _speed(report, "pdf (one-table forms)", forms, repeat)
        _speed(report, "xlsx", [p for p in written if p.suffix == ".xlsx"], repeat)
        _speed(report, "docx", [p for p in written if p.suffix == ".docx"], repeat)
        _scaling(report, (1, 8, 32))
        if different:
            raise AssertionError("readers differ from the previous libraries on: " + "; ".join(different[:5]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
