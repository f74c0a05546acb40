"""Scoring many tables at once in integer columns (engine/vector.py) gives exactly what
engine.score gives: every row's score, the execution score, the total and the grade, for the
examples and the generator's tables under every profile, for random tables, and for the figures
a reviewer would check by hand; tables it does not take are scored whole by the engine."""

from dataclasses import replace
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import api
from jixiao.engine import vector
from jixiao.model import Evaluation, FundLine, Funds, FundSource, Indicator, Kind, RuleSpec
from jixiao.numbers import parse_value
from jixiao.profile import PROFILES, get_profile
from test_fast_rules import NAMES, SPECS, value_text


def _agree(evaluations, profile=None) -> vector.Tables:
    tables = vector.compile_tables(evaluations, profile)
    scores = tables.score()
    assert len(scores) == len(evaluations)
    for index, evaluation in enumerate(evaluations):
        result = api.score(evaluation, profile)
        where = (index, evaluation.project)
        assert scores.indicator_scores(index) == tuple(row.counted for row in result.indicators), where
        assert [str(value) for value in scores.indicator_scores(index)] == [str(row.counted) for row in result.indicators]
        assert scores.execution(index) == result.execution.score, where
        assert scores.total(index) == result.total and str(scores.total(index)) == str(result.total), where
        assert scores.grade(index) == result.grade, where
    return tables


@pytest.mark.parametrize("profile", [None, *sorted(PROFILES)])
def test_the_examples_agree_under_every_profile(profile):
    evaluations = [api.load_evaluation(path) for path in api.example_paths()]
    tables = _agree(evaluations, get_profile(profile) if profile else None)
    assert len(tables.placed) == len(evaluations)


@pytest.mark.parametrize("profile", [None, "ratio-reverse", "sichuan", "initial-budget", "hubei-old", "ningxia"])
def test_the_generator_s_tables_agree_and_most_take_the_columns(profile):
    from bench.synth import generate

    evaluations = [project.evaluation for project in generate(400, seed=11)]
    tables = _agree(evaluations, get_profile(profile) if profile else None)
    assert len(tables.placed) == len(evaluations)


def _table(rows, funds=((FundSource.TOTAL, "100", "95"),), profile="national") -> Evaluation:
    indicators = tuple(
        Indicator("产出指标", "数量指标", name, parse_value(target), parse_value(actual), D(weight), rule=rule)
        for name, target, actual, weight, rule in rows)
    lines = tuple(FundLine(source, budget=D(budget), executed=D(spent)) for source, budget, spent in funds)
    return Evaluation(Kind.PROJECT, "测试项目", funds=Funds(lines=lines), indicators=indicators, profile=profile)


def test_the_figures_a_reviewer_checks():
    evaluation = _table([
        ("订阅数", "≥108份", "58.9份", "1.5", None),  # 58.9/108×1.5 = 0.818… → 0.82
        ("成本控制偏差率", "≤6%", "10.75%", "3", None),  # (2×6−10.75)×3/6 = 0.625 → 0.63 (half up)
        ("办结及时性", "及时", "及时", "4", None),
        ("安全事故", "0起", "2起", "2", None),
        ("税收收入", "131亿元", "92.23亿元", "10", None),  # 92.23/131×10 = 7.0404… → 7.04
    ])
    tables = vector.compile_tables([evaluation])
    assert tables.placed == [0]
    scores = tables.score()
    assert scores.indicator_scores(0) == (D("0.82"), D("0.63"), D("4.00"), D("0.00"), D("7.04"))
    assert scores.execution(0) == D("9.50")
    assert scores.total(0) == D("21.99")
    assert scores.grade(0) == "差"
    assert scores.result(0).total == D("21.99")


def test_execution_split_by_source_caps_each_source_at_its_budget():
    # 当年 60 spent 70 cannot make up for 结转 40 spent 20: (60 + 20)/100 × 10 = 8.00, not 9.00.
    funds = ((FundSource.TOTAL, "100", "90"), (FundSource.CURRENT, "60", "70"), (FundSource.CARRYOVER, "40", "20"))
    evaluation = _table([("订阅数", "≥100份", "100份", "90", None)], funds)
    tables = _agree([evaluation])
    assert tables.score().execution(0) == D("8.00")
    sichuan = _agree([evaluation], get_profile("sichuan"))  # Sichuan scores the total line only
    assert sichuan.score().execution(0) == D("9.00")


def test_rows_of_other_shapes_are_scored_by_their_rule_and_held_as_constants():
    graded = RuleSpec.of("graded", "及时得4分；基本及时得2分", grades=[["及时", "4"], ["基本及时", "2"]])
    evaluation = _table([
        ("订阅数", "≥100份", "90份", "4", None),
        ("办结及时性", "及时", "基本及时", "4", graded),
        ("税收收入", "100元", "1000000000000000元", "4", None),  # beyond the columns' bounds
        ("订阅数", "≥100份", "90份", "0.333", None),  # a weight with three decimals
    ])
    tables = _agree([evaluation])
    assert tables.placed == [0]
    assert tables.score().indicator_scores(0) == (D("3.60"), D("2.00"), D("4.00"), D("0.30"))
    assert tables.score().total(0) == D("19.40")


def test_a_table_the_columns_cannot_hold_is_scored_whole_by_the_engine():
    overspent = _table([("订阅数", "≥100份", "90份", "4", None)], ((FundSource.TOTAL, "100", "-5"),))
    tables = _agree([_table([("订阅数", "≥100份", "90份", "4", None)]), overspent])
    assert tables.placed == [0] and list(tables.scored_whole) == [1]
    assert (tables.score().execution(1), tables.score().total(1)) == (D("-0.50"), D("3.10"))
    # Execution scored inside the tree: every row by its full rule, the execution block weighing 0.
    ningxia = _agree([_table([("订阅数", "≥100份", "90份", "4", None)])], get_profile("ningxia"))
    assert ningxia.placed == [0] and ningxia.score().execution(0) == D("0.00")


def test_without_numpy_the_same_numbers(monkeypatch):
    from bench.synth import generate

    evaluations = [project.evaluation for project in generate(60, seed=3)]
    with_columns = vector.compile_tables(evaluations).score()
    monkeypatch.setattr(vector, "_numpy", lambda: None)
    without = _agree(evaluations).score()
    for index in range(len(evaluations)):
        assert without.total(index) == with_columns.total(index)
        assert without.indicator_scores(index) == with_columns.indicator_scores(index)


def test_an_index_outside_the_batch_is_refused():
    scores = vector.compile_tables([_table([("订阅数", "≥100份", "90份", "4", None)])]).score()
    with pytest.raises(IndexError):
        scores.total(1)
    with pytest.raises(IndexError):
        scores.total(-1)


FUNDS = st.tuples(st.decimals(min_value=D("0.01"), max_value=D("99999.99"), places=2),
                  st.decimals(min_value=D("0"), max_value=D("99999.99"), places=2))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(NAMES), value_text(True), value_text(False),
                          st.sampled_from(["4", "1.5", "10.00", "0", "0.25", "2.35"]), st.sampled_from(SPECS)),
                min_size=1, max_size=8),
       FUNDS, st.sampled_from(sorted(PROFILES)))
def test_random_tables_agree(rows, funds, profile):
    budget, spent = funds
    evaluation = _table(rows, ((FundSource.TOTAL, str(budget), str(spent)),), profile)
    _agree([evaluation])


def test_a_signed_zero_is_written_0_00_by_both_paths():
    # A −0 weight, a reported −0.001 on a row the rule cannot score, a −0 amount spent: the
    # engine wrote −0.00 in each (found by review); both paths now write 0.00.
    rows = [("订阅数", "≥100份", "100份", "-0", None)]
    blank = [("订阅数", "≥100份", "", "4", None)]
    evaluations = [_table(rows), _table([("订阅数", "≥100份", "90份", "4", None)], ((FundSource.TOTAL, "100", "-0"),))]
    unscored = _table(blank)
    unscored = replace(unscored, indicators=(replace(unscored.indicators[0], reported_score=D("-0.001")),))
    evaluations.append(unscored)
    scores = _agree(evaluations).score()
    assert [str(scores.indicator_scores(0)[0]), str(scores.execution(1)), str(scores.indicator_scores(2)[0])] == \
        ["0.00", "0.00", "0.00"]
