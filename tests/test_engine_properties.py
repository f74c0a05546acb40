"""Properties every scored evaluation has, whatever the values: scores stay in [0, 分值],
the total is execution plus the counted scores, subtotals add up, and nothing raises."""

from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import api
from jixiao.model import Evaluation, FundLine, Funds, FundSource, Indicator, Kind
from jixiao.numbers import parse_value

COMPARATORS = ["", "≥", "≤", "=", ">", "<"]
UNITS = ["", "%", "个", "万元", "亿元", "人次", "份"]
WORDS = ["及时", "基本及时", "不太及时", "达成", "部分达成", "未达成", "具有", "是", "否", "无", "完成"]

amounts = st.decimals(min_value=D("0"), max_value=D("100000"), places=2, allow_nan=False, allow_infinity=False)
numbers = st.decimals(min_value=D("-50"), max_value=D("1000"), places=2, allow_nan=False, allow_infinity=False)


@st.composite
def values(draw):
    if draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(WORDS))
    return f"{draw(st.sampled_from(COMPARATORS))}{draw(numbers)}{draw(st.sampled_from(UNITS))}"


@st.composite
def evaluations(draw):
    count = draw(st.integers(1, 8))
    indicators = tuple(
        Indicator("产出指标" if i % 2 else "效益指标", "数量指标", f"指标{i}", parse_value(draw(values())),
                  parse_value(draw(values())), draw(st.decimals(min_value=D("0.5"), max_value=D("20"), places=1)),
                  reported_score=draw(st.one_of(st.none(), st.decimals(min_value=D(0), max_value=D(20), places=2))))
        for i in range(count)
    )
    budget, executed = draw(amounts), draw(amounts)
    funds = Funds(lines=(FundLine(FundSource.TOTAL, None, budget, executed),))
    return Evaluation(Kind.PROJECT, "性质测试", funds=funds, indicators=indicators)


@settings(max_examples=150, deadline=None)
@given(evaluations())
def test_scores_stay_in_range_and_totals_add_up(evaluation):
    result = api.score(evaluation)
    assert D(0) <= result.execution.score <= result.execution.weight
    for item in result.indicators:
        if item.score is not None:
            assert D(0) <= item.score <= item.indicator.weight
            assert item.counted == item.score
            assert item.outcome.derivation
        else:
            assert item.outcome.problem
    assert result.total == result.execution.score + sum((i.counted for i in result.indicators), D(0))
    for level1 in {i.indicator.level1 for i in result.indicators}:
        expected = sum((i.counted for i in result.indicators if i.indicator.level1 == level1), D(0))
        assert result.subtotal(level1).score == expected
    assert result.grade == api.grade(result.total)
    assert api.result_to_dict(result)["total"] == format(result.total, "f")
