"""A target with no comparator that names a point in time (`2019年`, `12月`) is a deadline
(鄂州市财政局 2019, 完成时限 2019年 done in 2020年): done by then is full marks; done later is
not met and has no ratio to the target, so the self-score stands below the 达成 band (0–80%)
and a higher one is held to 80%. Durations (`3年`, `12个月`) and other years are not points."""

from decimal import Decimal as D

import pytest

from jixiao import rules
from jixiao.model import Indicator
from jixiao.numbers import parse_value
from jixiao.profile import get_profile
from jixiao.rules._common import calendar_point
from jixiao.rules.base import Context

NATIONAL = Context(get_profile("national"))


def outcome(target, actual, reported, weight="20"):
    row = Indicator("产出指标", "时效指标", "完成时限", parse_value(target), parse_value(actual), D(weight), None,
                    None if reported is None else D(reported))
    return rules.apply(row, NATIONAL)


@pytest.mark.parametrize("text, point", [
    ("2019年", True), ("12月", True), ("1月", True), ("3年", False), ("12个月", False), ("13月", False),
    ("≥2019年", False), ("2019.5年", False), ("100%", False), ("30天", False),
])
def test_a_calendar_point_is_a_deadline(text, point):
    assert calendar_point(parse_value(text)) is point


def test_done_by_the_deadline_is_full_marks():
    assert outcome("2019年", "2019年", "20").score == D("20.00")
    assert outcome("10月", "9月", "20").score == D("20.00")


def test_done_late_keeps_a_self_score_below_the_achieved_band():
    late = outcome("2019年", "2020年", "10")
    assert late.score == D("10.00") and late.problem is None
    assert "未按期达成" in late.derivation


def test_done_late_with_full_marks_is_held_to_80_percent():
    late = outcome("2019年", "2020年", "20")
    assert late.score == D("16.00")
    assert late.problem.code == "score-outside-band"


def test_a_duration_is_still_a_quantity():
    # 3年 is not a point in time: 2 of 3 years, read as ≥, is 2/3 of the weight.
    assert outcome("3年", "2年", "20", weight="15").score == D("10.00")
