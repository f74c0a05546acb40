"""numbers.py: every value form seen in the seed report and on real 自评表, read exactly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jixiao.model import Comparator, Part, Quantity, Unit, Value
from jixiao.numbers import (
    MAX_TEXT,
    is_blank,
    normalize,
    parse_decimal,
    parse_quantity,
    parse_unit,
    parse_value,
    to_common,
)

GE, LE, GT, EQ = Comparator.GE, Comparator.LE, Comparator.GT, Comparator.EQ
D = Decimal
W, Y = D(10**4), D(10**8)
PCT = D("0.01")

# text, comparator, value, unit text, scale, base, quantity text
QUANTITIES = [
    ("4.996万单", None, "4.996", "万单", W, "单", "4.996万单"),
    ("4.996万", None, "4.996", "万", W, "", "4.996万"),
    ("2.42亿美元", None, "2.42", "亿美元", Y, "美元", "2.42亿美元"),
    ("108亿元", None, "108", "亿元", Y, "元", "108亿元"),
    ("≥85%", GE, "85", "%", PCT, "%", "85%"),
    ("≤150元/人/天", LE, "150", "元/人/天", 1, "元/人/天", "150元/人/天"),
    ("≥ 11万票", GE, "11", "万票", W, "票", "11万票"),
    ("≥11万票", GE, "11", "万票", W, "票", "11万票"),
    ("59.5万TEU", None, "59.5", "万TEU", W, "TEU", "59.5万TEU"),
    ("≥50万TEU", GE, "50", "万TEU", W, "TEU", "50万TEU"),
    ("28亿", None, "28", "亿", Y, "", "28亿"),
    ("29.4亿", None, "29.4", "亿", Y, "", "29.4亿"),
    ("一部", None, "1", "部", 1, "部", "一部"),
    ("两宗", None, "2", "宗", 1, "宗", "两宗"),
    ("12名", None, "12", "名", 1, "名", "12名"),
    (r"$\leq 5\%$", LE, "5", "%", PCT, "%", "5%"),
    (r"$\leq 5.0\%$", LE, "5.0", "%", PCT, "%", "5.0%"),
    (r"$\geq 85\%$", GE, "85", "%", PCT, "%", "85%"),
    ("≧200 人次", GE, "200", "人次", 1, "人次", "200人次"),
    ("═100%", EQ, "100", "%", PCT, "%", "100%"),
    ("﹦72890元", EQ, "72890", "元", 1, "元", "72890元"),
    (r"\geq 100 份", GE, "100", "份", 1, "份", "100份"),
    ("≥100 份", GE, "100", "份", 1, "份", "100份"),
    ("3,744.00", None, "3744.00", "", 1, "", "3,744.00"),
    ("91.66%", None, "91.66", "%", PCT, "%", "91.66%"),
    ("0", None, "0", "", 1, "", "0"),
    ("0%", None, "0", "%", PCT, "%", "0%"),
    ("故障次数 ≤ 3次/月", LE, "3", "次/月", 1, "次/月", "3次/月"),
    ("计划入党积极分子人数≥2", GE, "2", "", 1, "", "2"),
    ("改革创新项目≥2个", GE, "2", "个", 1, "个", "2个"),
    ("≥8次", GE, "8", "次", 1, "次", "8次"),
    ("≥2人", GE, "2", "人", 1, "人", "2人"),
    ("100%以上", GE, "100", "%", PCT, "%", "100%"),
    ("不低于90%", GE, "90", "%", PCT, "%", "90%"),
    ("超过8万单", GT, "8", "万单", W, "单", "8万单"),
    ("计划海关报关单总量超过8万单", GT, "8", "万单", W, "单", "8万单"),
    ("48.42亿元。", None, "48.42", "亿元", Y, "元", "48.42亿元"),
    ("47.39%。", None, "47.39", "%", PCT, "%", "47.39%"),
    ("5%。", None, "5", "%", PCT, "%", "5%"),
    ("37.07%。", None, "37.07", "%", PCT, "%", "37.07%"),
    ("15.09亿元", None, "15.09", "亿元", Y, "元", "15.09亿元"),
    ("143.42元/人/天", None, "143.42", "元/人/天", 1, "元/人/天", "143.42元/人/天"),
    ("76%", None, "76", "%", PCT, "%", "76%"),
    ("11.86万票", None, "11.86", "万票", W, "票", "11.86万票"),
    ("≤200人次", LE, "200", "人次", 1, "人次", "200人次"),
    ("≤70%", LE, "70", "%", PCT, "%", "70%"),
    ("24.90%", None, "24.90", "%", PCT, "%", "24.90%"),
    ("7.10%", None, "7.10", "%", PCT, "%", "7.10%"),
    ("800万吨", None, "800", "万吨", W, "吨", "800万吨"),
    ("248", None, "248", "", 1, "", "248"),
    ("264.00万元", None, "264.00", "万元", W, "元", "264.00万元"),
    ("服务对象对综保区园区建设工作的满意程度≥85%", GE, "85", "%", PCT, "%", "85%"),
    ("一二期绿化养护保质率≥90%", GE, "90", "%", PCT, "%", "90%"),
    ("亿元以上项目及时落地开工9个", None, "9", "个", 1, "个", "9个"),
    ("超额完成预算目标，确定入党积极分子12名。", None, "12", "名", 1, "名", "12名"),
    ("圆满完成预算目标。税收收入增长率为40%。", None, "40", "%", PCT, "%", "40%"),
    # Comparator spellings of the contract.
    ("＞5%", GT, "5", "%", PCT, "%", "5%"),
    ("＜5%", Comparator.LT, "5", "%", PCT, "%", "5%"),
    ("≦5%", LE, "5", "%", PCT, "%", "5%"),
    (">=90%", GE, "90", "%", PCT, "%", "90%"),
    ("<=5%", LE, "5", "%", PCT, "%", "5%"),
    ("=0", EQ, "0", "", 1, "", "0"),
    ("不少于30份", GE, "30", "份", 1, "份", "30份"),
    ("不高于5%", LE, "5", "%", PCT, "%", "5%"),
    ("不超过150元/人/天", LE, "150", "元/人/天", 1, "元/人/天", "150元/人/天"),
    ("5%以下", LE, "5", "%", PCT, "%", "5%"),
    ("5%以内", LE, "5", "%", PCT, "%", "5%"),
    ("控制在5%以内", LE, "5", "%", PCT, "%", "5%"),
    ("低于3次", Comparator.LT, "3", "次", 1, "次", "3次"),
    # A deadline (金寨县 2023: 9月前, actual 7月): 前 after a unit of time is ≤.
    ("9月前", LE, "9", "月", 1, "月", "9月"),
    ("10月以前", LE, "10", "月", 1, "月", "10月"),
    # Full-width digits and units.
    ("１２份", None, "12", "份", 1, "份", "12份"),
    ("８５％", None, "85", "%", PCT, "%", "85%"),
    # Chinese numerals for small counts.
    ("十二个", None, "12", "个", 1, "个", "十二个"),
    ("一百零五人", None, "105", "人", 1, "人", "一百零五人"),
    ("二十家", None, "20", "家", 1, "家", "二十家"),
    ("不少于两个", GE, "2", "个", 1, "个", "两个"),
    ("两宗以上", GE, "2", "宗", 1, "宗", "两宗"),
    # Scales and units.
    ("3千元", None, "3", "千元", D(1000), "元", "3千元"),
    ("2百万元", None, "2", "百万元", D(10**6), "元", "2百万元"),
    ("5千克", None, "5", "千克", 1, "千克", "5千克"),
    ("351亿元人民币", None, "351", "亿元人民币", Y, "元", "351亿元人民币"),
    ("2个百分点", None, "2", "个百分点", 1, "个百分点", "2个百分点"),
    ("3‰", None, "3", "‰", D("0.001"), "%", "3‰"),
    ("-5%", None, "-5", "%", PCT, "%", "-5%"),
    ("3年", None, "3", "年", 1, "年", "3年"),
]


@pytest.mark.parametrize(("text", "comparator", "value", "unit", "scale", "base", "qtext"), QUANTITIES)
def test_quantities(text, comparator, value, unit, scale, base, qtext):
    parsed = parse_value(text)
    assert parsed.problem is None
    assert parsed.text == text
    assert parsed.comparator is comparator
    assert parsed.word is None and parsed.parts == ()
    q = parsed.quantity
    assert q is not None
    assert str(q.value) == value  # exact digits as written, not just equal
    assert q.unit == Unit(unit, D(scale), base)
    assert q.text == qtext


# text → normalised word
WORDS = [
    ("及时", "及时"),
    ("基本及时", "基本及时"),
    ("基本及 时", "基本及时"),  # PDF extraction splits cells
    ("不太及时", "不太及时"),
    ("不及时", "不及时"),
    ("达成", "达成"),
    ("部分达成", "部分达成"),
    ("未达成", "未达成"),
    ("已达成", "达成"),
    ("具有", "具有"),
    ("不具有", "不具有"),
    ("具备", "具有"),
    ("完成", "完成"),
    ("已完成", "完成"),
    ("基本完成", "基本完成"),
    ("未完成", "未完成"),
    ("是", "是"),
    ("否", "否"),
    ("有", "有"),
    ("无", "无"),
    ("满意", "满意"),
    ("基本满意", "基本满意"),
    ("不满意", "不满意"),
    ("定时", "定时"),
    ("定期", "定期"),
    ("优良", "优良"),
    ("及时。", "及时"),
    (" 达成 ", "达成"),
]


@pytest.mark.parametrize(("text", "word"), WORDS)
def test_words(text, word):
    assert parse_value(text) == Value(text, word=word)


def _part(label: str, value: str, unit: str) -> Part:
    return Part(label, Quantity(D(value), parse_unit(unit), value + unit))


PARTS = [
    ("工业1个/服务业2个", None, (_part("工业", "1", "个"), _part("服务业", "2", "个"))),
    ("工业4个/服务业4个", None, (_part("工业", "4", "个"), _part("服务业", "4", "个"))),
    ("工业4个、服务业4个", None, (_part("工业", "4", "个"), _part("服务业", "4", "个"))),
    ("工业≥1个/服务业≥2个", GE, (_part("工业", "1", "个"), _part("服务业", "2", "个"))),
]


@pytest.mark.parametrize(("text", "comparator", "parts"), PARTS)
def test_parts(text, comparator, parts):
    assert parse_value(text) == Value(text, comparator=comparator, parts=parts)


PROBLEMS = [
    # Described targets: the number in them is not the target; never invented.
    ("2019年工作日天数", "无法识别的数值：2019年工作日天数"),
    ("计划增长2019年税收", "无法识别的数值：计划增长2019年税收"),
    ("完成四个改革创新项目", "无法识别的数值：完成四个改革创新项目"),
    ("项目具有可持续性", "无法识别的数值：项目具有可持续性"),
    ("查获率指标优良", "无法识别的数值：查获率指标优良"),
    ("1-30亿元", "无法识别的数值：1-30亿元"),
    ("实际支出成本563.27，预算金额614万元", "无法识别的数值：实际支出成本563.27，预算金额614万元"),
    ("80%≥完成率≤90%", "无法识别的数值：80%≥完成率≤90%"),
    ("3 744", "无法识别的数值：3 744"),
    ("12,3", "无法识别的数值：12,3"),
    ("一百五人", "无法识别的数值：一百五人"),  # 150 colloquially, 105 literally: ambiguous
    ("万元/人", "无法识别的数值：万元/人"),
    ("≥约85%", "无法识别的数值：≥约85%"),
    ("NaN", "无法识别的数值：NaN"),
    ("1e5", "无法识别的数值：1e5"),
    ("。", "无法识别的数值：。"),
    ("≥5%以下", "比较符前后矛盾：≥5%以下"),
    ("100前", "无法识别的数值：100前"),   # 前 alone only after a unit of time
    ("12月底前", "无法识别的数值：12月底前"),
    ("-", "未填写（“-”）"),
    ("—", "未填写（“—”）"),
    ("——", "未填写（“——”）"),
    ("1" * 30 + "元", "数字位数过多：" + "1" * 30 + "元"),
]


@pytest.mark.parametrize(("text", "problem"), PROBLEMS)
def test_problems(text, problem):
    assert parse_value(text) == Value(text, problem=problem)


def test_blank_is_empty_not_a_problem():
    assert parse_value("") == Value("")
    assert parse_value("  ").is_empty
    assert parse_value("  ").problem is None
    assert parse_value(None) == Value("")


def test_overlong_text_is_a_problem_not_work():
    text = "很" * (MAX_TEXT + 1)
    assert parse_value(text).problem == f"数值文本过长（{MAX_TEXT + 1}字），无法识别"


def test_long_problem_text_is_shortened():
    text = "加快闲置土地清理处置工作，" * 5
    assert parse_value(text).problem == "无法识别的数值：" + text[:40] + "…"


UNITS = [
    ("万单", "万单", W, "单"),
    ("亿美元", "亿美元", Y, "美元"),
    ("%", "%", PCT, "%"),
    ("％", "%", PCT, "%"),
    ("元/人/天", "元/人/天", 1, "元/人/天"),
    ("万元", "万元", W, "元"),
    ("元", "元", 1, "元"),
    ("亿元", "亿元", Y, "元"),
    ("千元", "千元", D(1000), "元"),
    ("百万", "百万", D(10**6), ""),
    ("万", "万", W, ""),
    ("", "", 1, ""),
    ("千米", "千米", 1, "千米"),
    ("万人次", "万人次", W, "人次"),
    ("次/月", "次/月", 1, "次/月"),
    ("万元/人", "万元/人", W, "元/人"),
    # Lenient: a funds block's unit is a unit even when unknown; kept whole, scale 1.
    ("株树", "株树", 1, "株树"),
]


@pytest.mark.parametrize(("text", "unit_text", "scale", "base"), UNITS)
def test_parse_unit(text, unit_text, scale, base):
    assert parse_unit(text) == Unit(unit_text, D(scale), base)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3,744.00", "3744.00"), ("１２", "12"), (" -5.5 ", "-5.5"), ("0", "0"), ("614.00", "614.00"), (".5", "0.5")],
)
def test_parse_decimal(text, expected):
    assert str(parse_decimal(text)) == expected


@pytest.mark.parametrize("text", ["", "-", "—", "91.74%", "NaN", "Infinity", "1e5", "12,3", "三", "1 2", "abc"])
def test_parse_decimal_rejects(text):
    with pytest.raises(ValueError, match="不是有效的数字"):
        parse_decimal(text)


def test_parse_quantity_is_one_number_and_its_unit_only():
    assert parse_quantity("4.996万单") == Quantity(D("4.996"), Unit("万单", W, "单"), "4.996万单")
    assert parse_quantity("一部") == Quantity(D(1), Unit("部", D(1), "部"), "一部")
    assert parse_quantity(" 5%。") == Quantity(D(5), Unit("%", PCT, "%"), "5%")
    assert parse_quantity("≥85%") is None
    assert parse_quantity("计划入党积极分子人数2") is None
    assert parse_quantity("及时") is None
    assert parse_quantity("2019年工作日天数") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (r"$\leq 5.0\%$", "≤5.0%"),
        (r"$\geq 85\%$", "≥85%"),
        (r"\geq 100 份", "≥100份"),
        ("≧200 人次", "≥200人次"),
        ("故障次数 ≤ 3次/月", "故障次数≤3次/月"),
        ("基本及 时", "基本及时"),
        ("１２％", "12%"),
        (">= 90 %", "≥90%"),
        ("DHL 智能制造", "DHL智能制造"),
        ("DHL smart", "DHL smart"),
        (r"$\text{满意度} \geqslant 85\%$", "满意度≥85%"),
    ],
)
def test_normalize(text, expected):
    assert normalize(text) == expected


def test_is_blank():
    assert [is_blank(t) for t in ["", " ", None, "-", "—", "／"]] == [True] * 6
    assert [is_blank(t) for t in ["0", "无", "一"]] == [False] * 3


def _q(text: str) -> Quantity:
    quantity = parse_value(text).quantity
    assert quantity is not None
    return quantity


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # Seed 驻区海关专项: target ≥8万单, actual 4.996万 (the scale word takes 单).
        ("4.996万", "8万单", ("49960.000", "80000")),
        ("4.996万单", "8万单", ("49960.000", "80000")),
        ("58.9亿元", "108亿元", ("5890000000.0", "10800000000")),
        ("563.27万元", "614万元", ("5632700.00", "6140000")),
        ("28887.98元", "7万元", ("28887.98", "70000")),
        ("12", "2人", ("12", "2")),
        ("29.4亿", "28亿", ("2940000000.0", "2800000000")),
        ("11.86万票", "11万票", ("118600.00", "110000")),
        # A bare number against a percentage is read as a fraction: 0.85 = 85%.
        ("0.85", "85%", ("0.85", "0.85")),
        ("95%", "85%", ("0.95", "0.85")),
        ("3‰", "5%", ("0.003", "0.05")),
    ],
)
def test_to_common(a, b, expected):
    pair = to_common(_q(a), _q(b))
    assert pair is not None
    assert (str(pair[0]), str(pair[1])) == expected
    assert pair[0] == D(expected[0]) and pair[1] == D(expected[1])


@pytest.mark.parametrize(
    ("a", "b"),
    [("151元", "200人次"), ("1.21亿美元", "2.42亿元"), ("5%", "2个百分点"), ("59.5万TEU", "800万吨"), ("3次/月", "3次")],
)
def test_to_common_refuses_different_units(a, b):
    assert to_common(_q(a), _q(b)) is None
    assert to_common(_q(b), _q(a)) is None


# ---- properties -------------------------------------------------------------

UNIT_TEXTS = ["", "%", "万", "亿", "万单", "亿元", "万元", "元", "份", "人次", "元/人/天", "次/月", "万TEU", "家", "‰"]
COMPARATOR_TEXTS = {
    "": None,
    "≥": GE,
    "≤": LE,
    "≧": GE,
    "≦": LE,
    ">": GT,
    "<": Comparator.LT,
    "=": EQ,
    ">=": GE,
    "<=": LE,
    "不低于": GE,
    "不少于": GE,
    "不高于": LE,
    "不超过": LE,
    "超过": GT,
    r"$\geq ": GE,
    r"\leq ": LE,
}
decimals = st.decimals(
    min_value=D("-1e9"), max_value=D("1e12"), allow_nan=False, allow_infinity=False, places=4
)


@settings(max_examples=300)
@given(
    number=decimals,
    unit=st.sampled_from(UNIT_TEXTS),
    comparator=st.sampled_from(sorted(COMPARATOR_TEXTS)),
    label=st.sampled_from(["", "订阅报刊杂志数", "计划入党积极分子人数"]),
    grouped=st.booleans(),
)
def test_round_trip(number, unit, comparator, label, grouped):
    written = f"{number:,f}" if grouped else f"{number:f}"
    closing = "$" if comparator.startswith("$") else ""
    unit_written = unit.replace("%", r"\%") if closing else unit
    text = f"{label}{comparator}{written}{unit_written}{closing}"
    parsed = parse_value(text)
    assert parsed.problem is None, text
    assert parsed.comparator is COMPARATOR_TEXTS[comparator]
    assert parsed.quantity is not None
    assert parsed.quantity.value == number
    assert str(parsed.quantity.value) == written.replace(",", "")
    assert parsed.quantity.unit == parse_unit(unit)
    assert parsed.quantity.text == written + unit


quantities = st.builds(
    lambda number, unit: Quantity(number, parse_unit(unit), f"{number:f}{unit}"),
    decimals,
    st.sampled_from(UNIT_TEXTS),
)


@given(a=quantities, b=quantities)
def test_to_common_symmetric_and_scaled(a, b):
    forward, backward = to_common(a, b), to_common(b, a)
    if forward is None:
        assert backward is None
        assert a.unit.base and b.unit.base and a.unit.base != b.unit.base
        return
    assert backward == (forward[1], forward[0])
    assert forward == (a.value * a.unit.scale, b.value * b.unit.scale)
    assert forward[0] == a.base_value
    # Same number in the same unit written at another scale compares equal.
    if a.unit.base == "元":
        same = Quantity(a.base_value / D(10**4), parse_unit("万元"))
        assert to_common(a, same) == (a.base_value, a.base_value)


@settings(max_examples=500)
@given(st.text(max_size=60))
@example("≥≥5%")
@example(r"$\leq$")
@example("十十十")
@example("零")
@example("〇五")
@example("/")
@example("、")
@example("1/2")
@example("a/b1个")
def test_parse_value_never_raises(text):
    parsed = parse_value(text)
    assert parsed.text == text
    read = [parsed.quantity is not None, bool(parsed.parts), parsed.word is not None]
    # Exactly one reading, or a problem, or a blank cell.
    assert sum(read) == 1 or parsed.problem or not text.strip()
    if parsed.problem:
        assert sum(read) == 0


ALPHABET = "0123456789.,%万亿千百元单个人次/、≥≤<>=以上下超过不低于一二两三十零$\\geq leq 计划 —-。"


@settings(max_examples=500)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_parse_value_never_raises_on_number_like_text(text):
    parsed = parse_value(text)
    if parsed.quantity is not None:
        assert parsed.problem is None
        assert parsed.quantity.unit.scale > 0
    assert parse_quantity(text) in (None, parsed.quantity)
