"""The benchmark harness's arithmetic and the one line `make bench` promises."""

from __future__ import annotations

from bench.measure import Figure, Report
from bench.memory import _slope
from bench.web import _as_loaded, percentile


def test_scoring_figure_prints_in_the_promised_form(capsys):
    report = Report()
    report.add("scoring", "scoring", 123456, "indicators/s", "")
    assert capsys.readouterr().out == "scoring: 123456 indicators/s\n"


def test_figures_round_large_values_and_keep_notes():
    assert Figure("x", "yaml load", 111.4, "files/s", "100个文件").line() == "yaml load: 111 files/s  (100个文件)"
    assert Figure("x", "ratio", 2.1934, "×").line() == "ratio: 2.19 ×"


def test_slope_is_bytes_per_indicator_without_the_fixed_cost():
    points = [{"indicators": n, "held": 5000 + 900 * n} for n in (1000, 10_000, 100_000)]
    assert _slope(points, "held") == 900


def test_percentiles_of_latencies():
    values = [i / 1000 for i in range(1, 101)]
    assert percentile(values, 0.5) == 0.051
    assert percentile(values, 0.95) == 0.096


def test_store_documents_become_text_as_the_yaml_round_trip_makes_them():
    assert _as_loaded({"year": 2019, "goal": None, "lines": [{"x": True}]}) == {
        "year": "2019", "goal": "null", "lines": [{"x": "true"}]
    }
