"""The multi-year generator and its answer key: every planted target problem is found by the
registered checks, and nothing else is reported, on every kind of problem."""

from __future__ import annotations

import collections

from bench import targets
from bench.synth.years import PROBLEMS, generate, project


def test_every_planted_problem_is_found_and_nothing_else():
    projects = list(generate(80))
    found = [targets.check(p) for p in projects]
    result = targets.accuracy(projects, found)
    assert result["missed"] == []
    assert sum(result["false"].values()) == 0
    assert sum(result["matched"].values()) == sum(result["planted"].values()) > 50


def test_each_kind_of_problem_once():
    by_kind = {}
    index = 0
    while len(by_kind) < len(PROBLEMS):
        candidate = project(20190, index, share=1.0)
        by_kind.setdefault(candidate.problem, candidate)
        index += 1
    for kind, planted in by_kind.items():
        expected = collections.Counter((p.code, p.project, p.indicator, p.year) for p in planted.planted)
        assert collections.Counter(targets.check(planted)) == expected, kind


def test_a_clean_project_has_no_target_finding():
    clean = next(p for p in generate(40) if p.problem is None)
    assert targets.check(clean) == []
    assert [e.year for e in clean.evaluations] == [2018, 2019, 2020]
    assert [d.year for d in clean.declarations] == [2020, 2021]
