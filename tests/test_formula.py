"""The safe formula evaluator: what it computes, and everything it refuses."""

from decimal import Decimal as D
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.decimals import round2
from jixiao.formula import FormulaError, evaluate, names_in, render, to_decimal

NAMES = {"实际": D("1.28"), "目标": D("1"), "分值": D("4"), "偏差率": D("0.09")}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("实际/目标*分值", D("5.12")),
        ("min(实际/目标*分值, 分值)", D("4")),
        ("实际/目标×分值", D("5.12")),
        ("实际÷目标*分值", D("5.12")),
        ("(1−(9%−5%)/5%)×3", D("0.60")),
        ("5%/9%*3", D("1.666666666666666666666666666666666666667")),  # exact rational, 40 digits
        ("max(0, 分值 - 1)", D("3")),
        ("abs(目标 - 实际)", D("0.28")),
        ("round(2/3, 2)", D("0.67")),
        ("round(0.125, 2)", D("0.13")),
        ("-分值 + +5", D("1")),
        ("１２．５％*分值", D("0.5")),
        ("偏差率*100", D("9")),
        ("2 + 3 * 4", D("14")),
        ("(2 + 3) * 4", D("20")),
        ("10 / 4 / 5", D("0.5")),
        ("10 - 4 - 5", D("1")),
    ],
)
def test_evaluates(expression, expected):
    assert evaluate(expression, NAMES) == expected


def test_percent_literal_is_exact_decimal():
    assert evaluate("85%", {}) == D("0.85")
    assert isinstance(evaluate("85%", {}), D)


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ('__import__("os")', "公式错误：第12个字符处不允许的字符“\"”"),
        ("__import__(1)", "公式错误：第1个字符处不允许的函数“__import__”（可用：min、max、abs、round）"),
        ("实际.real", "公式错误：第3个字符处不允许的字符“.”"),
        ("1;2", "公式错误：第2个字符处不允许的字符“;”"),
        ("2**99999", "公式错误：第3个字符处此处应为数字、名称或“(”，却是“*”"),
        ("9" * 31, "公式错误：第1个字符处数字“999999999999…”位数过多"),
        ("1e999", "公式错误：第1个字符处无法识别的数字写法“1e”"),
        ("x + 1", "公式错误：第1个字符处未知的名称“x”（可用：实际、目标、分值、偏差率）"),
        ("1/(实际-实际)", "公式错误：第2个字符处除数为0"),
        ("abs(1, 2)", "公式错误：第1个字符处函数“abs”需要1个参数，给了2个"),
        ("round(1, 100)", "公式错误：第1个字符处round 的小数位数须为0到10的整数"),
        ("round(1, 0.5)", "公式错误：第1个字符处round 的小数位数须为0到10的整数"),
        ("(1 + 2", "公式错误：第7个字符处此处应为“)”，却是公式结尾"),
        ("1 2", "公式错误：第3个字符处多余的“2”"),
        ("min", "公式错误：第4个字符处函数“min”后应有“(”"),
        ("", "公式错误：公式为空"),
        ("实际得分=实际", "公式错误：第5个字符处不允许的字符“=”"),
        ("lambda: 1", "公式错误：第7个字符处不允许的字符“:”"),
    ],
)
def test_rejects(expression, message):
    with pytest.raises(FormulaError) as error:
        evaluate(expression, NAMES)
    assert str(error.value) == message


def test_rejects_deep_nesting():
    with pytest.raises(FormulaError, match="嵌套过深（上限20层）"):
        evaluate("(" * 21 + "1" + ")" * 21, {})
    assert evaluate("(" * 20 + "1" + ")" * 20, {}) == 1


def test_rejects_deep_unary_and_function_nesting():
    with pytest.raises(FormulaError, match="嵌套过深"):
        evaluate("-" * 21 + "1", {})
    with pytest.raises(FormulaError, match="嵌套过深"):
        evaluate("abs(" * 21 + "1" + ")" * 21, {})


def test_rejects_long_expressions():
    with pytest.raises(FormulaError, match="公式过长（501个字符，上限500）"):
        evaluate("1+" * 250 + "1", {})


def test_rejects_huge_results():
    huge = "*".join(["999999999"] * 3)
    with pytest.raises(FormulaError, match="计算结果过大"):
        evaluate(huge, {})


def test_names_in_and_render():
    assert names_in("min(实际/目标*分值, 分值)") == {"实际", "目标", "分值"}
    assert render("min(实际/目标*分值, 分值)", {"实际": "128份", "目标": "100份", "分值": "4"}) == (
        "min(128份/100份×4, 4)"
    )
    assert render("(1-(实际-目标)/目标)*分值", {"实际": "9%", "目标": "5%", "分值": "3"}) == (
        "(1−(9%−5%)/5%)×3"
    )


decimals = st.decimals(min_value=D("0.01"), max_value=D("100000"), places=2, allow_nan=False)


@given(a=decimals, b=decimals, w=decimals)
def test_matches_exact_rational_computation(a, b, w):
    """Whatever the order of × and /, the result is the exact value (to 40 digits)."""
    A, B, W = Fraction(a), Fraction(b), Fraction(w)
    names = {"实际": a, "目标": b, "分值": w}
    assert evaluate("实际/目标*分值", names) == to_decimal(A / B * W) == evaluate("实际*分值/目标", names)
    assert evaluate("min(实际/目标*分值, 分值)", names) == to_decimal(min(A / B * W, W))
    assert evaluate("(1-(实际-目标)/目标)*分值", names) == to_decimal((1 - (A - B) / B) * W)
    assert evaluate("目标/实际×分值", names) == to_decimal(B / A * W)


def test_a_score_exactly_on_a_half_cent_rounds_up():
    # (1−(215−120)/120)×3 = 0.625 exactly; dividing first in 28 digits gave 0.62499…, i.e. 0.62.
    value = evaluate("(1-(实际-目标)/目标)*分值", {"实际": D("215"), "目标": D("120"), "分值": D("3")})
    assert value == D("0.625")
    assert round2(value) == D("0.63")