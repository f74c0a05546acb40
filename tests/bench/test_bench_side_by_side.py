"""The LibreOffice comparison compares the same work: the formula workbook, recalculated by the
timed macro, gives jixiao's totals, and so does the arithmetic floor."""

from __future__ import annotations

import csv
import shutil
from decimal import Decimal

import pytest

from bench.alternatives import _floor, _floor_tables, formula_workbook, soffice_profile, soffice_recalc
from bench.synth import generate
from jixiao.api import score


def _plain(count: int) -> list:
    return [p.evaluation for p in generate(count * 2, seed=31) if not p.project.stated and not p.planted][:count]


def test_the_floor_computes_jixiaos_totals():
    evaluations = _plain(60)
    totals = _floor(_floor_tables(evaluations))
    assert totals == [score(e).total for e in evaluations]
    # Not trivially: the tables lose points, so the rounding at the cent is exercised.
    assert any(total != total.to_integral_value() for total in totals)


def test_the_floor_rounds_half_a_cent_up_on_the_exact_value():
    # (1 − (10.75 − 6)/6) × 3 = 0.625 exactly: 0.63, as jixiao and LibreOffice give.
    tables = [(Decimal(100), Decimal(100), Decimal(10), [(1, Decimal("10.75"), Decimal(6), Decimal(3))])]
    assert _floor(tables) == [Decimal("10.63")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_libreoffice_timed_recalculation_gives_jixiaos_totals(tmp_path):
    evaluations = _plain(12)
    path, csv_path = tmp_path / "recalc.xlsx", tmp_path / "recalc.csv"
    rows_of = formula_workbook(evaluations, path)
    timings = soffice_recalc(path, csv_path, soffice_profile(tmp_path), repeat=2)
    assert len(timings.calc) == 2 and timings.load >= 0 and timings.save >= 0
    rows = list(csv.reader(csv_path.open(encoding="utf-8")))
    theirs = [Decimal(rows[row - 1][3]).quantize(Decimal("0.01")) for row in rows_of.values()]
    assert theirs == [score(e).total for e in evaluations]
    grades = [rows[row - 1][4] for row in rows_of.values()]
    assert grades == [score(e).grade for e in evaluations]
