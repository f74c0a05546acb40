"""The fast path (rules/fast.py) gives exactly what the full rules give: the same score, rule,
band, problem, and, worked out on first reading, the same derivation and full_marks_at, for
every indicator of the examples, of the generator's tables and of random values."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import api, rules
from jixiao.engine.metrics import derive_metrics
from jixiao.model import Indicator, RuleSpec
from jixiao.numbers import parse_value
from jixiao.profile import PROFILES, get_profile
from jixiao.rules.base import Context, Outcome
from jixiao.rules.fast import quick


def _fields(outcome: Outcome) -> tuple:
    return (outcome.score, str(outcome.score), outcome.rule, outcome.band, outcome.problem,
            outcome.derivation, outcome.full_marks_at)


def _same(indicator: Indicator, ctx: Context) -> bool:
    """True when the fast path took the indicator (and agreed), False when it left it."""
    fast = quick(indicator, ctx)
    if fast is None:
        return False
    full = rules.explain(indicator, ctx)
    assert fast.score == full.score and str(fast.score) == str(full.score), indicator
    assert (fast.rule, fast.band, fast.problem) == (full.rule, full.band, full.problem), indicator
    assert fast.derivation == full.derivation and fast.full_marks_at == full.full_marks_at, indicator
    assert fast == full and hash(fast) == hash(full)
    return True


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_every_example_indicator_agrees(profile):
    taken = 0
    for path in api.example_paths():
        evaluation = api.load_evaluation(path)
        ctx = Context(get_profile(profile), derive_metrics(evaluation.funds))
        taken += sum(_same(indicator, ctx) for indicator in evaluation.indicators)
    if not PROFILES[profile].execution_in_tree:
        assert taken >= 40  # the path is taken, not skipped


def test_the_generator_s_tables_agree_and_most_rows_take_the_fast_path():
    from bench.synth import generate

    total = taken = 0
    for project in generate(60, seed=7):
        evaluation = project.evaluation
        ctx = Context(get_profile(evaluation.profile), derive_metrics(evaluation.funds))
        for indicator in evaluation.indicators:
            total += 1
            taken += _same(indicator, ctx)
    assert taken / total > 0.75


UNITS = ["", "%", "‰", "个", "万元", "亿元", "元", "人次", "万人次", "份"]
COMPARATORS = ["", "≥", "≤", "=", ">", "<", "不低于", "以内"]
WORDS = ["及时", "基本及时", "不及时", "达成", "未达成", "具有", "不具有", "是", "否", "有", "无", "完成", "优秀"]
NAMES = ["订阅数", "成本控制偏差率", "事故率", "满意度", "投诉次数"]
numbers = st.decimals(min_value=D("-5"), max_value=D("500"), places=3, allow_nan=False, allow_infinity=False)


@st.composite
def value_text(draw, comparator: bool):
    if draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(WORDS))
    prefix = draw(st.sampled_from(COMPARATORS)) if comparator else ""
    number = draw(numbers)
    text = f"{prefix}{number}{draw(st.sampled_from(UNITS))}"
    return text.replace("以内", "") + ("以内" if prefix == "以内" else "")


SPECS = [None, RuleSpec.of("ratio", "实际/目标×分值"), RuleSpec.of("ratio"), RuleSpec.of("reverse"),
         RuleSpec.of("reverse", "反向", formula="ratio"), RuleSpec.of("reverse", formula="linear"),
         RuleSpec.of("reverse", formula="quadratic"), RuleSpec.of("threshold", "达标得满分"),
         RuleSpec.of("threshold", "满意度≥85%得满分", threshold="≥85%"), RuleSpec.of("threshold", threshold="及时"),
         RuleSpec.of("threshold", threshold=""), RuleSpec.of("zero", "发生即不得分"), RuleSpec.of("zero"),
         RuleSpec.of("graded", "及时得满分", grades=[["及时", "满分"]]),
         RuleSpec.of("formula", "实际得分=实际完成值/年度指标值*标准分值", expression="实际/目标*分值"),
         RuleSpec.of("formula", expression="实际/目标*分值"), RuleSpec.of("formula", expression="实际*分值")]


@settings(max_examples=1500, deadline=None)
@given(value_text(True), value_text(False), st.sampled_from([D("4"), D("1.5"), D("10.00"), D("0"), D("0.25")]),
       st.sampled_from(NAMES), st.sampled_from(sorted(PROFILES)),
       st.one_of(st.none(), st.decimals(min_value=D(0), max_value=D(10), places=2)), st.sampled_from(SPECS))
def test_random_values_agree(target, actual, weight, name, profile, reported, spec):
    indicator = Indicator("产出指标", "数量指标", name, parse_value(target), parse_value(actual), weight, rule=spec,
                          reported_score=reported)
    _same(indicator, Context(get_profile(profile), {"cost_deviation_rate": D("0.05")}))


def test_a_lazy_outcome_survives_pickling_with_its_text():
    import pickle

    indicator = Indicator("产出指标", "数量指标", "订阅数", parse_value("≥100份"), parse_value("90份"), D(4))
    fast = quick(indicator, Context(get_profile("national")))
    copy = pickle.loads(pickle.dumps(fast))
    assert (copy.score, copy.derivation, copy.full_marks_at) == (D("3.60"), "90份/100份×4=3.60", "≥100份")


def test_a_zero_weight_over_a_negative_ratio_scores_zero_not_minus_zero():
    # (2×5 − 20) × 0 / 5 is −0 in Decimal: a report must not print "-0.00".
    indicator = Indicator("产出指标", "数量指标", "投诉次数", parse_value("≤5次"), parse_value("20次"), D(0))
    ctx = Context(get_profile("national"))
    assert str(quick(indicator, ctx).score) == str(rules.explain(indicator, ctx).score) == "0.00"
