"""A 自评表 workbook printed to PDF (Excel or WPS 'print to PDF', here LibreOffice Calc): the
form runs over several pages, with its title repeated on every page and merged labels running
over the page break. The PDF reads to the same evaluation as the workbook and audits with the
same findings — the pages after the first are not a new, headless table."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao import api
from jixiao.render.soffice import convert

from .samples import needs_soffice, without_locations

EXAMPLES = {path.stem: path for path in api.example_paths()}


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("printed")
    files = {}
    for stem in ("proj-01-xingzheng", "dept-2019-zongbaoban"):
        workbook = out / f"{stem}.xlsx"
        api.write_xlsx([api.score(api.load_evaluation(EXAMPLES[stem]))], workbook)
        files[stem] = (workbook, convert(workbook, "pdf", out))
    return files


@needs_soffice
@pytest.mark.parametrize("stem", ["proj-01-xingzheng", "dept-2019-zongbaoban"])
def test_a_printed_workbook_reads_as_the_workbook(printed, stem):
    import pdfplumber

    workbook, pdf = printed[stem]
    with pdfplumber.open(str(pdf)) as document:
        assert len(document.pages) > 1   # the form runs over the page break
    (from_pdf,) = api.read(pdf).evaluations
    (from_xlsx,) = api.read(workbook).evaluations
    assert without_locations(from_pdf.indicators) == without_locations(from_xlsx.indicators)
    assert without_locations(from_pdf.funds) == without_locations(from_xlsx.funds)
    assert from_pdf.reported_total == from_xlsx.reported_total


@needs_soffice
def test_a_printed_workbook_audits_as_the_workbook(printed):
    workbook, pdf = printed["proj-01-xingzheng"]
    codes = lambda path: sorted((f.code, f.indicator) for f in api.audit([path]).findings)  # noqa: E731
    assert codes(pdf) == codes(workbook)
    assert ("table-incomplete", None) not in codes(pdf)
