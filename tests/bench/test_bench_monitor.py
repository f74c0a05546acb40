"""The mid-year generator and its answer key: every planted warning condition is found and no
other warning is raised, on every kind of condition."""

from __future__ import annotations

import collections

from bench import monitor
from bench.synth.midyear import CONDITIONS, generate, table


def test_every_planted_condition_is_found_and_nothing_else():
    tables = list(generate(120))
    result = monitor.accuracy(tables, [monitor.check(t) for t in tables])
    assert result["missed"] == [] and sum(result["false"].values()) == 0
    assert sum(result["matched"].values()) == sum(result["planted"].values()) > 60


def test_each_condition_once():
    by_kind, index = {}, 0
    while len(by_kind) < len(CONDITIONS):
        candidate = table(20190, index, share=1.0)
        by_kind.setdefault(candidate.condition, candidate)
        index += 1
    for kind, planted in by_kind.items():
        expected = collections.Counter((p.code, p.project, p.indicator) for p in planted.planted)
        assert collections.Counter(monitor.check(planted)) == expected, kind


def test_a_clean_table_is_green():
    clean = next(t for t in generate(30) if t.condition is None)
    assert monitor.check(clean) == []
