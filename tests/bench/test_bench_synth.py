"""The synthetic generator: deterministic by seed, correct where it claims to be, and wrong
exactly where it says it planted an error."""

from __future__ import annotations

import collections
from decimal import Decimal

import pytest

from bench.synth import CODES, DEFAULT_SEED, generate, package
from bench.synth.build import project
from bench.synth.yaml_writer import to_yaml
from jixiao.api import score
from jixiao.model import Comparator, FundSource

HUNDRED = Decimal(100)
ZERO = Decimal(0)


def printed_total(evaluation) -> Decimal:
    execution = evaluation.funds.total.reported_score
    return execution + sum((i.reported_score for i in evaluation.indicators), ZERO)


def test_same_seed_same_packages_other_seed_other_packages():
    first = [to_yaml(p.evaluation) for p in generate(15, seed=7)]
    again = [to_yaml(p.evaluation) for p in generate(15, seed=7)]
    other = [to_yaml(p.evaluation) for p in generate(15, seed=8)]
    assert first == again
    assert sum(a != b for a, b in zip(first, other)) == 15


def test_a_project_regenerated_alone_equals_the_same_project_in_a_run():
    run = list(generate(12, seed=3))
    assert package(9, seed=3) == run[9]
    assert list(generate(3, seed=3, start=9)) == run[9:]


def test_first_default_package_is_pinned():
    # String seeds hash with SHA-512 in CPython: the same package on every machine and run.
    first = package(0)
    assert first.name == "园区行政管理事务类专项-000001"
    assert first.evaluation.unit == "东湖综合保税区建设管理办公室（00001）"
    assert len(first.evaluation.indicators) == 22
    assert first.total == Decimal("84.15")
    assert first.evaluation.reported_total == Decimal("85.17")
    (planted,) = first.planted
    assert (planted.code, planted.indicator, planted.reported, planted.expected) == (
        "score-mismatch", "部门工作正常开展率", "6", "4.98"
    )


def test_project_names_in_a_unit_differ_by_more_than_their_number():
    names = [p.name.rsplit("-", 1)[0] for p in generate(10)]
    assert len(set(names)) == 10


def test_tables_have_the_seed_shape():
    packages = list(generate(300))
    sizes = [len(p.evaluation.indicators) for p in packages]
    assert min(sizes) == 15 and max(sizes) == 30
    for p in packages:
        weights = collections.defaultdict(Decimal)
        for indicator in p.project.evaluation.indicators:
            weights[indicator.level1] += indicator.weight
            assert indicator.weight > 0
        assert dict(weights) == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
        assert p.project.evaluation.indicators[-1].level1 == "满意度指标"
        assert any(i.name == "达标项目成本控制偏差率" for i in p.evaluation.indicators)
    stated = sum(p.project.stated for p in packages)
    assert 60 <= stated <= 120  # about 3 in 10, as in the seed


def test_the_engine_agrees_with_every_correct_figure():
    for p in generate(400, seed=11):
        result = score(p.project.evaluation)
        assert [r.outcome.score for r in result.indicators] == list(p.scores), p.name
        assert result.execution.score == p.project.execution_score
        assert result.total == p.total
        assert result.problems == ()


def test_unplanted_tables_are_consistent_as_printed():
    clean = [p for p in generate(300, seed=5) if not p.planted]
    assert len(clean) > 150
    for p in clean:
        evaluation = p.evaluation
        assert evaluation == p.project.evaluation
        assert [i.reported_score for i in evaluation.indicators] == list(p.scores)
        assert evaluation.reported_total == printed_total(evaluation) == p.total
        total = evaluation.funds.total
        assert total.reported_rate == (total.executed / total.budget * HUNDRED).quantize(Decimal("0.01")) / HUNDRED
        for indicator, correct, over in zip(evaluation.indicators, p.scores, p.project.over):
            if correct < indicator.weight or over:
                assert indicator.deviation_reason, indicator.name


def test_every_planted_error_is_where_it_is_said_to_be():
    packages = list(generate(1000, seed=DEFAULT_SEED))
    seen = collections.Counter()
    for p in packages:
        evaluation, correct = p.evaluation, p.project.evaluation
        for planted in p.planted:
            seen[planted.code] += 1
            assert planted.project == evaluation.project
            index = next(
                (n for n, i in enumerate(evaluation.indicators) if i.name == planted.indicator), None
            )
            indicator = evaluation.indicators[index] if index is not None else None
            if planted.code in ("score-mismatch", "score-over-weight"):
                assert indicator.reported_score == Decimal(planted.reported) != p.scores[index]
                assert Decimal(planted.expected) == p.scores[index]
                if planted.code == "score-over-weight":
                    assert indicator.reported_score > indicator.weight
            elif planted.code == "total-mismatch":
                assert evaluation.reported_total == Decimal(planted.reported)
                assert printed_total(evaluation) == Decimal(planted.expected) != evaluation.reported_total
            elif planted.code == "execution-rate-mismatch":
                line = evaluation.funds.total
                assert f"{(line.reported_rate * HUNDRED).quantize(Decimal('0.01'))}%" == planted.reported
                assert line.executed == correct.funds.total.executed
                assert line.reported_rate != correct.funds.total.reported_rate
            elif planted.code == "execution-score-mismatch":
                line = evaluation.funds.total
                assert line.reported_score == Decimal(planted.reported) != p.project.execution_score
            elif planted.code == "deviation-reason-missing":
                assert indicator.deviation_reason == ""
                assert p.scores[index] < indicator.weight
            elif planted.code == "overcompletion-unexplained":
                assert indicator.deviation_reason == ""
                assert indicator.actual.quantity.value >= indicator.target.quantity.value * 2
                assert indicator.target.comparator in (None, Comparator.GE)
            elif planted.code == "weight-sum-mismatch":
                declared = evaluation.declared_weight(planted.indicator)
                actual = sum((i.weight for i in evaluation.indicators if i.level1 == planted.indicator), ZERO)
                assert declared == Decimal(planted.reported) != actual == Decimal(planted.expected)
        # Apart from a planted total error, the printed 总分 is the sum of the printed scores.
        if not any(x.code == "total-mismatch" for x in p.planted):
            assert evaluation.reported_total == printed_total(evaluation)
    assert set(seen) == set(CODES)
    assert 250 <= sum(seen.values()) <= 420


def test_planted_errors_change_what_the_engine_recomputes_only_where_planted():
    for p in generate(300, seed=9):
        codes = {x.code for x in p.planted}
        result = score(p.evaluation)
        recomputed = [r.outcome.score for r in result.indicators]
        changed = [i.name for i, a, b in zip(p.evaluation.indicators, recomputed, p.scores) if a != b]
        # Only over-completion edits an actual, and the score stays full marks.
        assert changed == []
        # (Two planted errors may cancel out in the total, as real ones do.)
        if len(codes) == 1 and codes & {"score-mismatch", "score-over-weight", "execution-score-mismatch"}:
            assert result.total != p.evaluation.reported_total
        if not codes:
            assert result.total == p.evaluation.reported_total


def test_split_funds_give_each_source_its_budget_share():
    split = next(p for p in generate(200) if p.evaluation.funds.line(FundSource.CARRYOVER) is not None)
    funds = split.project.evaluation.funds
    total, current, carry = (funds.line(s) for s in (FundSource.TOTAL, FundSource.CURRENT, FundSource.CARRYOVER))
    assert current.budget + carry.budget == total.budget
    assert current.executed + carry.executed == total.executed
    result = score(split.project.evaluation)
    by_source = {line.line.source: line for line in result.execution.lines}
    assert by_source[FundSource.CURRENT].score == current.reported_score
    assert by_source[FundSource.CARRYOVER].score == carry.reported_score
    assert by_source[FundSource.CARRYOVER].weight == carry.reported_weight


@pytest.mark.parametrize("index", range(40))
def test_generated_values_read_as_jixiao_reads_their_text(index):
    numbers = pytest.importorskip("jixiao.numbers")
    for indicator in project(DEFAULT_SEED, index).evaluation.indicators:
        for value in (indicator.target, indicator.actual):
            parsed = numbers.parse_value(value.text)
            assert parsed.comparator == value.comparator, value.text
            assert parsed.word == value.word, value.text
            if value.quantity is None:
                assert parsed.quantity is None
            else:
                assert parsed.quantity.base_value == value.quantity.base_value, value.text
                assert parsed.quantity.unit.base == value.quantity.unit.base, value.text


def test_a_reverse_score_exactly_on_the_half_cent_rounds_up():
    """(1−(215−120)/120)×3 is exactly 0.625: 0.63 by ROUND_HALF_UP, as LibreOffice gives."""
    from bench.synth.values import quantity
    from jixiao.model import Comparator, Evaluation, Indicator, Kind

    indicator = Indicator(
        "产出指标", "数量指标", "公务接待人次",
        quantity(Decimal(120), "人次", Comparator.LE), quantity(Decimal(215), "人次"), Decimal(3),
    )
    result = score(Evaluation(Kind.PROJECT, "半分", indicators=(indicator,)))
    assert result.indicators[0].outcome.score == Decimal("0.63")
