"""Findings are listed in document order, cells by row then column (H9 before H25)."""

from jixiao.findings import Finding
from jixiao.model import Location


def finding(code: str, severity: str, **where) -> Finding:
    return Finding(code=code, severity=severity, project="p", indicator=None,
                   location=Location(file="a.xlsx", **where), reported=None, expected=None,
                   derivation="", message="")


def test_cells_sort_by_row_then_column_within_a_sheet():
    found = [
        finding("score-mismatch", "error", sheet="表1", cell="H25"),
        finding("total-mismatch", "error", sheet="表1", cell="H9"),
        finding("missing-deviation-reason", "warning", sheet="表1", cell="A25"),
        finding("score-mismatch", "error", sheet="表0", cell="Z99"),
    ]
    ordered = sorted(found, key=Finding.sort_key)
    assert [(f.location.sheet, f.location.cell) for f in ordered] == [
        ("表0", "Z99"), ("表1", "H9"), ("表1", "A25"), ("表1", "H25")]


def test_lines_sort_numerically():
    found = [finding("level-inferred", "info", line=100), finding("total-mismatch", "error", line=9)]
    assert [f.location.line for f in sorted(found, key=Finding.sort_key)] == [9, 100]
