"""Real published 自评表 of other provinces (tests/forms/<family>/*.form.yaml, each citing its
source), read from .xlsx, .docx and .pdf as a reviewer receives them: every file read
completely, the recomputed execution score and total exactly as worked out by hand in the
transcription, exactly the findings listed there (code and cell) — and, for each planted
error, exactly those findings plus the planted ones."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao import api
from _records import without_locations

from .build import forms, load

FORMATS = ("xlsx", "docx", "pdf")


def _column(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cases():
    for path in forms():
        form = load(path)
        variants = [("", form.data.get("expected", {}).get("findings", []))]
        variants += [(f".planted-{n}", form.data["expected"].get("findings", []) + change.get("findings", []))
                     for n, change in enumerate(form.data.get("planted", []), start=1)]
        for suffix, findings in variants:
            for kind in FORMATS:
                document = path.parent / f"{form.slug}{suffix}.{kind}"
                yield pytest.param(form, document, findings, id=f"{path.parent.name}/{document.name}")


def _where(form, kind: str, cell: list[int]) -> tuple:
    """A grid cell as each format's reader locates it."""
    row, col = cell
    if kind == "xlsx":
        return ("cell", f"{_column(col)}{row + len(form.title)}")
    return ("row-column", row, col)


def _found_where(kind: str, location) -> tuple:
    if kind == "xlsx":
        return ("cell", location.cell)
    return ("row-column", location.row, location.column)


@pytest.mark.parametrize("form, document, findings", list(_cases()))
def test_the_form_is_read_completely_and_audited_exactly(form, document: Path, findings):
    if not document.exists():
        pytest.skip(f"{document.name} not built (LibreOffice was not installed when the forms were built)")
    kind = document.suffix[1:]
    expected = form.data["expected"]
    report = api.audit([document])
    tables = [d for d in report.documents if d.kind.endswith("table")]
    assert len(tables) == 1, [d.project for d in report.documents]
    (evaluation,) = api.read(document).evaluations
    result = api.score(evaluation)
    assert result.profile.name == expected.get("profile", "national")
    assert str(result.execution.score) == expected["execution"]
    assert str(result.total) == expected["total"]
    got = sorted((f.code, *_found_where(kind, f.location)) for f in report.findings)
    want = sorted((f["code"], *_where(form, kind, f["cell"])) for f in findings)
    assert got == want
    for item in findings:
        if "expected" in item:
            match = next(f for f in report.findings
                         if f.code == item["code"] and _found_where(kind, f.location) == _where(form, kind, item["cell"]))
            assert match.expected == item["expected"]


def test_every_form_cites_its_source():
    for path in forms():
        source = load(path).data["source"]
        assert source.get("url") or source.get("file"), path.name
        assert source.get("transcribed"), path.name


def test_expected_figures_are_decimals():
    for path in forms():
        expected = load(path).data["expected"]
        Decimal(expected["total"])
        Decimal(expected["execution"])



@pytest.mark.parametrize("path", forms(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_three_formats_read_to_the_same_evaluation(path: Path):
    """The same form as .xlsx, .docx and .pdf is one evaluation: every name, target, actual,
    weight and score the same (a PDF row broken by the page is joined again)."""
    form = load(path)
    read = {}
    for kind in FORMATS:
        document = path.parent / f"{form.slug}.{kind}"
        if document.exists():
            (evaluation,) = api.read(document).evaluations
            read[kind] = without_locations(evaluation)
    assert "xlsx" in read
    for kind, evaluation in read.items():
        assert evaluation.indicators == read["xlsx"].indicators, kind
        assert evaluation.funds == read["xlsx"].funds, kind
