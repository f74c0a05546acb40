"""The readers moved from openpyxl, python-docx and pdfplumber-on-every-page to lxml and pdfium
(issue 14 §2): on every test document (the provincial forms of tests/forms, as built) and on
what jixiao writes, they give the same grids — every cell's text, number, merge and location,
the lines around a PDF form — and the same audit, finding for finding, as the previous libraries
under the same reading logic (bench/previous keeps those)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jixiao import api
from jixiao.render.docx_report import write_docx
from jixiao.render.xlsx_book import write_xlsx

from .samples import needs_soffice

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.previous import differences, grids, kept_documents  # noqa: E402

FORMS = kept_documents()


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
def test_every_test_form_reads_as_with_the_previous_libraries(suffix):
    documents = [path for path in FORMS if path.suffix == suffix]
    assert len(documents) >= 38
    assert differences(documents) == []


def test_what_jixiao_writes_reads_as_with_the_previous_libraries(tmp_path):
    paths = []
    for index, example in enumerate(sorted(api.EXAMPLES_DIR.glob("*.yaml"))):
        result = api.score(api.load_evaluation(example))
        for suffix, writer in ((".xlsx", write_xlsx), (".docx", write_docx)):
            paths.append(tmp_path / f"{index}{suffix}")
            writer([result], paths[-1])
    assert differences(paths) == []


@needs_soffice
def test_a_long_report_pdf_reads_as_with_pdfplumber(tmp_path):
    from jixiao.render.pdf import write_pdf

    result = api.score(api.load_evaluation(api.EXAMPLES_DIR / "dept-2019-zongbaoban.yaml"))
    path = tmp_path / "报告.pdf"
    write_pdf([result], path)
    assert len(grids(path, True)) >= 2   # the department form, and the keywords
    assert differences([path]) == []


def test_a_sheet_of_thousands_of_cells_reads_as_openpyxl_read_it(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "明细"
    for row in range(1, 2001):
        sheet.append([f"第{row}行", row * 1.25, f"{row}%", None, row])
    sheet.merge_cells("D1:D40")
    sheet["B3"].number_format = "0.00%"
    path = tmp_path / "大表.xlsx"
    workbook.save(path)
    now, before = grids(path, True), grids(path, False)
    assert len(now[0][2]) == 2000 and now == before


def test_pdf_pages_give_pdfplumbers_text_and_lines():
    """For readers of a report's prose: ingest.pdf.text_pages gives, page by page, what
    pdfplumber's extract_text() and extract_text_lines() give (positions to float precision)."""
    import pdfplumber

    from jixiao.ingest.pdf import text_pages
    from jixiao.ingest.source import Source

    for path in [p for p in FORMS if p.suffix == ".pdf"]:
        with text_pages(Source.from_path(path)) as pages, pdfplumber.open(path) as pdf:
            assert len(pages) == len(pdf.pages)
            for mine, theirs in zip(pages, pdf.pages):
                assert mine.extract_text() == theirs.extract_text()
                ours, expected = mine.extract_text_lines(), theirs.extract_text_lines()
                assert [line["text"] for line in ours] == [line["text"] for line in expected]
                for line, want in zip(ours, expected):
                    assert all(abs(line[k] - want[k]) < 1e-3 for k in ("x0", "x1", "top", "bottom")), path
