"""Each rule kind on met / not met / edge cases, with the exact score, derivation, the
target that would have earned full marks, and the problem a reviewer would see."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import rules
from jixiao.model import Indicator, RuleSpec
from jixiao.numbers import parse_value
from jixiao.profile import get_profile
from jixiao.rules.base import RULES, Context

NATIONAL = Context(get_profile("national"))
STATED = "评分细则"


def indicator(target, actual, weight, rule=None, reported=None, name="指标"):
    return Indicator(
        "产出指标", "数量指标", name, parse_value(target), parse_value(actual), D(weight), rule,
        None if reported is None else D(reported),
    )


def stated(kind, **params):
    """A spec as read from a 评分细则 cell (its text marks the rule as stated)."""
    return RuleSpec.of(kind, text="（评分细则原文）", **params)


def score(target, actual, weight, rule=None, ctx=NATIONAL, reported=None, name="指标"):
    outcome = rules.apply(indicator(target, actual, weight, rule, reported, name), ctx)
    return outcome


def check(outcome, score_, derivation, full_marks_at=None, problem=None):
    assert outcome.score == (D(score_) if score_ is not None else None)
    assert outcome.derivation == derivation
    assert outcome.full_marks_at == full_marks_at
    assert (outcome.problem.message if outcome.problem else None) == problem


def test_registry_has_every_kind():
    assert sorted(RULES) == [
        "bands", "default", "execution", "formula", "graded", "qualitative", "ratio", "reported", "reverse",
        "steps", "threshold", "yesno", "zero",
    ]


# --- ratio -----------------------------------------------------------------------------

def test_ratio_seed_example_not_met():
    outcome = score("≥108亿元", "58.9亿元", "1.5", RuleSpec.of("ratio"))
    check(outcome, "0.82", "58.9亿元/108亿元×1.5=0.82", "≥108亿元")
    assert outcome.rule == "正向指标按比例（指定规则）"


def test_ratio_met_and_exactly_at_target():
    check(score("≥100份", "128份", "4", RuleSpec.of("ratio")), "4.00", "实际128份，达到目标≥100份，得满分4分")
    check(score("≥100份", "100份", "4", RuleSpec.of("ratio")), "4.00", "实际100份，达到目标≥100份，得满分4分")
    # A strict comparator's boundary: not met, yet the ratio is full; said in the derivation,
    # and full_marks_at stays empty because no point was lost.
    check(score(">100份", "100份", "4", RuleSpec.of("ratio")), "4.00",
          "100份/100份×4=4.00（严格比较“>”未达到，但按比例计分已达满分）")


def test_equal_target_loses_points_either_way():
    check(score("=100", "150", "10", RuleSpec.of("ratio")), "5.00", "(1−|150−100|/100)×10=5.00", "=100")
    check(score("=100", "90", "10", RuleSpec.of("ratio")), "9.00", "(1−|90−100|/100)×10=9.00", "=100")


def test_negative_targets_are_not_scored_as_ratios():
    outcome = score("≥-5%", "-10%", "10")
    assert outcome.score is None
    assert outcome.problem.message == "目标为-5%，无法按“实际/目标”比例计分，请在评分细则中写明计分方法"
    check(score("≤-5%", "-1%", "10"), "0.00", "目标≤-5%，实际-1%超出，得0分（线性反向，财预〔2020〕10号）", "≤-5%")
    check(score("≤-5%", "-6%", "10"), "10.00", "实际-6%，达到目标≤-5%，得满分10分")


def test_bare_number_against_a_percentage_is_a_unit_mismatch():
    outcome = score("≥90", "95%", "10")
    assert outcome.score is None
    assert outcome.problem.message == "目标与实际单位不一致：目标90，实际95%"
    # A bare fraction is a rate: 0 against ≤5% is 0%.
    check(score("≤5%", "0", "2.5"), "2.50", "实际0，达到目标≤5%，得满分2.5分")


def test_nothing_happened_is_met_by_fou_or_wu():
    check(score("否", "无", "15"), "15.00", "实际“无”，与目标“否”一致，得满分15分")


def test_ratio_implied_comparator_is_named():
    check(score("100%", "55%", "4", RuleSpec.of("ratio")), "2.20", "55%/100%×4=2.20（目标未写比较符，按≥理解）", "≥100%")


def test_ratio_scale_words_compare_in_a_common_unit():
    check(score("≥8万单", "4.996万", "5", RuleSpec.of("ratio")), "3.12", "4.996万/8万单×5=3.12", "≥8万单")


def test_ratio_parts_compare_by_sum_and_say_so():
    check(
        score("工业1个/服务业2个", "2个", "3", RuleSpec.of("ratio")),
        "2.00",
        "2个/3个×3=2.00（目标未写比较符，按≥理解）（目标按分项合计：工业1个/服务业2个合计3个）",
        "≥3个",
    )
    # Parts on both sides are compared part by part (see below), not summed.
    check(
        score("工业1个/服务业2个", "工业2个/服务业2个", "3", RuleSpec.of("ratio")),
        "3.00",
        "各分项均达到目标（工业2个/1个，服务业2个/2个），得满分3分（目标未写比较符，按≥理解）",
    )


def test_ratio_zero_target_cannot_be_a_ratio():
    check(
        score("=0个", "2个", "3", RuleSpec.of("ratio")),
        None,
        "无法计分：目标为0个，无法按“实际/目标”比例计分，请在评分细则中写明计分方法",
        problem="目标为0个，无法按“实际/目标”比例计分，请在评分细则中写明计分方法",
    )


def test_ratio_unit_mismatch_and_unparsed():
    check(
        score("≤200人次", "76%", "4", RuleSpec.of("ratio")),
        None,
        "无法计分：目标与实际单位不一致：目标200人次，实际76%",
        problem="目标与实际单位不一致：目标200人次，实际76%",
    )
    check(
        score("2019年工作日天数", "248", "4", RuleSpec.of("ratio")),
        None,
        "无法计分：目标“2019年工作日天数”无法识别（无法识别的数值：2019年工作日天数）",
        problem="目标“2019年工作日天数”无法识别（无法识别的数值：2019年工作日天数）",
    )
    check(score("≥100份", "", "4", RuleSpec.of("ratio")), None, "无法计分：实际为空", problem="实际为空")


# --- reverse ---------------------------------------------------------------------------

def test_reverse_seed_example_linear_national():
    outcome = score("≤5%", "9%", "3")
    check(outcome, "0.60", "(1−(9%−5%)/5%)×3=0.60（线性反向，财预〔2020〕10号）", "≤5%")
    assert outcome.rule == "反向指标·线性反向（全国默认）"


def test_reverse_seed_example_ratio_by_profile_and_by_spec():
    ratio_profile = Context(get_profile("ratio-reverse"))
    check(score("≤5%", "9%", "3", ctx=ratio_profile), "1.67", "5%/9%×3=1.67（比例反向，用户选定的比例反向评分方案）", "≤5%")
    check(
        score("≤5%", "9%", "3", RuleSpec.of("reverse", formula="ratio")),
        "1.67", "5%/9%×3=1.67（比例反向，规则指定）", "≤5%",
    )
    check(
        score("≤5%", "9%", "3", RuleSpec.of("reverse", formula="linear"), ctx=ratio_profile),
        "0.60", "(1−(9%−5%)/5%)×3=0.60（线性反向，规则指定）", "≤5%",
    )


def test_reverse_met_at_target_and_zero_at_twice_target():
    check(score("≤5%", "5%", "3"), "3.00", "实际5%，达到目标≤5%，得满分3分")
    check(score("≤5%", "10%", "3"), "0.00", "(1−(10%−5%)/5%)×3=0.00（线性反向，财预〔2020〕10号）", "≤5%")
    check(
        score("≤5%", "12%", "3"), "0.00",
        "(1−(12%−5%)/5%)×3=-1.20，实际已超过目标2倍，按0分计（线性反向，财预〔2020〕10号）", "≤5%",
    )


def test_reverse_costs_with_compound_units():
    check(
        score("≤150元/人/天", "165元/人/天", "2"),
        "1.80",
        "(1−(165元/人/天−150元/人/天)/150元/人/天)×2=1.80（线性反向，财预〔2020〕10号）",
        "≤150元/人/天",
    )


def test_reverse_zero_target_and_bad_formula():
    check(
        score("≤0次", "1次", "5", RuleSpec.of("reverse")), "0.00",
        "目标≤0次，实际1次超出，得0分（线性反向，财预〔2020〕10号）", "≤0次",
    )
    check(
        score("≤5%", "9%", "3", RuleSpec.of("reverse", formula="square")), None,
        "无法计分：未知的反向计分公式“square”，可用：linear、ratio",
        problem="未知的反向计分公式“square”，可用：linear、ratio",
    )


# --- zero ------------------------------------------------------------------------------

def test_zero():
    check(score("0次", "0次", "5"), "5.00", "实际0次≤0，达到目标0次，得满分5分")
    check(score("0次", "2次", "5"), "0.00", "实际2次>0，未达到目标0次，得0分", "0次")
    check(score("0%", "无", "10", RuleSpec.of("zero")), "10.00", "实际“无”（视为0）≤0，达到目标0%，得满分10分")
    check(
        score("0%", "偶有发生", "10", RuleSpec.of("zero")), None,
        "无法计分：实际“偶有发生”无法识别（无法识别的数值：偶有发生）",
        problem="实际“偶有发生”无法识别（无法识别的数值：偶有发生）",
    )
    assert score("0次", "2次", "5").rule == "零目标（全国默认）"


# --- threshold -------------------------------------------------------------------------

def test_threshold_met_exact_and_missed():
    rule = stated("threshold", threshold="≥85%")
    check(score("≥85%", "95%", "5", rule), "5.00", "实际95%，达到≥85%，得满分5分")
    check(score("≥85%", "85%", "5", rule), "5.00", "实际85%，达到≥85%，得满分5分")
    check(score("≥85%", "84.9%", "5", rule), "0.00", "实际84.9%，未达到≥85%，得0分", "≥85%")
    assert score("≥85%", "95%", "5", rule).rule == "达标得满分（评分细则）"


def test_threshold_defaults_to_target_and_reads_words():
    check(score("≤150元/人/天", "143.42元/人/天", "2", stated("threshold")), "2.00",
          "实际143.42元/人/天，达到≤150元/人/天，得满分2分")
    check(score("及时", "基本及时", "2", stated("threshold")), "0.00", "实际“基本及时”，未达到“及时”，得0分", "及时")


def test_threshold_unit_mismatch():
    check(
        score("≥85%", "17人", "5", stated("threshold", threshold="≥85%")), None,
        "无法计分：达标条件与实际单位不一致：达标条件85%，实际17人",
        problem="达标条件与实际单位不一致：达标条件85%，实际17人",
    )


# --- bands -----------------------------------------------------------------------------

COST_BANDS = stated(
    "bands", measure="偏差率",
    bands=[["", "5%", "满分"], ["5%", "20%", "3"], ["20%", "35%", "2"], ["35%", "50%", "1"]],
)


def test_bands_seed_example_and_overlap():
    check(score("≤5%", "47%", "4", COST_BANDS), "1.00", "偏差率47%落在35%–50%档，得1分", "≤5%")
    check(score("≤5%", "5%", "4", COST_BANDS), "4.00",
          "偏差率5%落在≤5%档，得满分4分（同时落在2个档内，按所列顺序取第一个）")
    check(score("≤5%", "20%", "4", COST_BANDS), "3.00",
          "偏差率20%落在5%–20%档，得3分（同时落在2个档内，按所列顺序取第一个）", "≤5%")
    check(score("≤5%", "60%", "4", COST_BANDS), "0.00", "偏差率60%不在任何档内，得0分", "≤5%")


def test_bands_use_the_funds_deviation_rate_only_when_the_actual_is_missing():
    ctx = Context(get_profile("national"), {"cost_deviation_rate": D("125.10") / D("264")})
    check(
        score("≤5%", "", "4", COST_BANDS, ctx=ctx), "1.00",
        "偏差率47.39%落在35%–50%档，得1分（实际未填，偏差率按资金计算：|全年预算数−全年执行数|/全年预算数）", "≤5%",
    )
    check(score("≤5%", "8%", "4", COST_BANDS, ctx=ctx), "3.00", "偏差率8%落在5%–20%档，得3分", "≤5%")


def test_bands_unit_mismatch_and_bad_params():
    check(score("≤5%", "3人", "4", COST_BANDS), None, "无法计分：偏差率3人与分档“≤5%”单位不一致",
          problem="偏差率3人与分档“≤5%”单位不一致")
    bad = RuleSpec.of("bands", bands=[["", "五成", "1"]])
    check(score("≤5%", "3%", "4", bad), None, "无法计分：分档的上限“五成”无法识别", problem="分档的上限“五成”无法识别")


# --- steps -----------------------------------------------------------------------------

STEPS = stated("steps", free="5%", step="5%", penalty="1")


@pytest.mark.parametrize(
    ("actual", "expected", "derivation", "full_at"),
    [
        ("9%", "7.00", "偏差率9%超出5%共4%，每超5%扣1分，计1档：8−1×1=7.00", "≤5%"),
        ("5%", "8.00", "偏差率5%≤5%，得满分8分", None),
        ("10%", "7.00", "偏差率10%超出5%共5%，每超5%扣1分，计1档：8−1×1=7.00", "≤5%"),
        ("10.01%", "6.00", "偏差率10.01%超出5%共5.01%，每超5%扣1分，计2档：8−2×1=6.00", "≤5%"),
        ("50%", "0.00", "偏差率50%超出5%共45%，每超5%扣1分，计9档：8−9×1=-1.00，低于0，按0分计", "≤5%"),
    ],
)
def test_steps(actual, expected, derivation, full_at):
    check(score("≤5%", actual, "8", STEPS), expected, derivation, full_at)


# --- graded ----------------------------------------------------------------------------

GRADES = stated("graded", grades=[["及时", "满分"], ["基本及时", "5"], ["不太及时", "2"]])


def test_graded():
    check(score("及时", "基本及时", "7", GRADES), "5.00", "实际“基本及时”→5分", "及时")
    check(score("及时", "及时", "7", GRADES), "7.00", "实际“及时”→满分7分")
    check(score("及时", "不太及时", "7", GRADES), "2.00", "实际“不太及时”→2分", "及时")
    check(score("及时", "不及时", "7", GRADES), "0.00", "实际“不及时”不在所列等级（及时、基本及时、不太及时）中，得0分", "及时")
    check(score("及时", "", "7", GRADES), None, "无法计分：实际为空", problem="实际为空")
    check(score("及时", "95%", "7", GRADES), None, "无法计分：实际“95%”是数值，不是等级词",
          problem="实际“95%”是数值，不是等级词")


# --- yesno -----------------------------------------------------------------------------

def test_yesno_words():
    check(score("具有", "具有", "3", stated("yesno", expected="具有")), "3.00", "实际“具有”，符合“具有”，得满分3分")
    check(score("具有", "不具有", "3", stated("yesno", expected="具有")), "0.00", "实际“不具有”，不符合“具有”，得0分", "具有")
    check(score("及时", "基本及时", "2", stated("yesno")), "0.00", "实际“基本及时”，不符合“及时”，得0分", "及时")


def test_yesno_numeric_target():
    check(score("100%", "100%", "15", stated("yesno")), "15.00",
          "实际100%，达到目标≥100%，得满分15分（目标未写比较符，按≥理解）")
    check(score("100%", "90%", "15", stated("yesno")), "0.00",
          "实际90%，未达到目标≥100%，得0分（目标未写比较符，按≥理解）", "≥100%")
    check(score("一部", "无", "3", stated("yesno")), "0.00", "实际“无”，未达到目标一部，得0分", "一部")
    check(score("一部", "完成", "3", stated("yesno")), "3.00", "实际“完成”，视为达到目标一部，得满分3分")


def test_yesno_free_text_target():
    text = "安全生产意识与技能明显提升"
    check(score(text, text, "15", stated("yesno")), "15.00", f"实际与目标表述一致（“{text}”），得满分15分")
    check(score(text, "有所提升", "15", stated("yesno")), None,
          f"无法计分：目标“{text}”不是可判断的是/否标准，实际为“有所提升”",
          problem=f"目标“{text}”不是可判断的是/否标准，实际为“有所提升”")


# --- qualitative -----------------------------------------------------------------------

def test_qualitative_reported_score_inside_band_is_kept():
    check(score("达成", "达成", "15", stated("qualitative"), reported="13"), "13.00",
          "实际“达成”属达成档（分值的80%–100%，即12–15分），自评得分13在区间内，取13", "达成")


def test_qualitative_reported_score_outside_band_is_a_problem():
    check(score("达成", "达成", "15", stated("qualitative"), reported="10"), "15.00",
          "实际“达成”属达成档（分值的80%–100%，即12–15分），取上限15（自评得分10不在达成档区间12–15分内）",
          problem="自评得分10不在达成档区间12–15分内")


def test_qualitative_partial_and_missed_bands():
    check(score("达成", "部分达成", "15", stated("qualitative")), "12.00",
          "实际“部分达成”属部分达成档（分值的60%–80%，即9–12分），取上限12", "达成")
    check(score("达成", "未达成", "15", stated("qualitative"), reported="0"), "0.00",
          "实际“未达成”属未达成档（分值的0%–60%，即0–9分），自评得分0在区间内，取0", "达成")
    check(score("≥85%", "90%", "10", stated("qualitative")), "10.00",
          "实际90%达到目标≥85%属达成档（分值的80%–100%，即8–10分），取上限10")


# --- formula ---------------------------------------------------------------------------

def test_formula_capped_and_proportional():
    rule = stated("formula", expression="实际/目标*分值")
    check(score("≥100份", "128份", "4", rule), "4.00", "128份/100份×4=5.12，超过分值，封顶4")
    check(score("≥100份", "90份", "4", rule), "3.60", "90份/100份×4=3.60", "≥100份")
    assert score("≥100份", "90份", "4", rule).rule == "公式计分（评分细则）"


def test_formula_that_ignores_the_target_is_flagged_when_a_met_target_loses_points():
    rule = stated("formula", expression="实际*分值")
    check(score("≥14%", "37.07%", "4", rule), "1.48",
          "37.07%×4=1.48（实际37.07%已达到目标≥14%，按评分细则公式只得1.48分）", "≥100%",
          "实际37.07%已达到目标≥14%，按评分细则公式只得1.48分")


def test_formula_over_the_deviation_rate_metric():
    ctx = Context(get_profile("national"), {"cost_deviation_rate": D("0.09")})
    rule = stated("formula", expression="max(0, 分值 - (偏差率 - 5%)/5%)")
    check(score("≤5%", "9%", "8", rule, ctx=ctx), "7.20", "max(0, 8−(9%−5%)/5%)=7.20")


def test_formula_errors_become_problems():
    check(score("≥100份", "90份", "4", stated("formula", expression="实际**2")), None,
          "无法计分：公式错误：第4个字符处此处应为数字、名称或“(”，却是“*”",
          problem="公式错误：第4个字符处此处应为数字、名称或“(”，却是“*”")
    check(score("≥100份", "90份", "4", stated("formula", expression="实际/0")), None,
          "无法计分：公式错误：第3个字符处除数为0", problem="公式错误：第3个字符处除数为0")
    check(score("≥100份", "90份", "4", stated("formula")), None,
          "无法计分：公式规则缺少公式（expression）", problem="公式规则缺少公式（expression）")


# --- default ---------------------------------------------------------------------------

def test_default_picks_by_target_type():
    assert score("≥108亿元", "58.9亿元", "1.5").rule == "正向指标按比例（全国默认）"
    assert score("≤5%", "9%", "3").rule == "反向指标·线性反向（全国默认）"
    assert score("0次", "0次", "5").rule == "零目标（全国默认）"
    assert score("及时", "及时", "2").rule == "文字目标（全国默认）"


@pytest.mark.parametrize(
    ("target", "actual", "expected", "derivation", "full_at"),
    [
        ("及时", "及时", "2.00", "实际“及时”，与目标“及时”一致，得满分2分", None),
        ("达成", "完成", "2.00", "实际“完成”，视为达到目标“达成”，得满分2分", None),
        ("及时", "不及时", "0.00", "实际“不及时”，未达到目标“及时”，得0分", "及时"),
        ("否", "否", "2.00", "实际“否”，与目标“否”一致，得满分2分", None),
        ("无", "有", "0.00", "实际“有”，不符合目标“无”，得0分", "无"),
        ("定期", "定期", "2.00", "实际“定期”，与目标“定期”一致，得满分2分", None),
    ],
)
def test_default_word_targets(target, actual, expected, derivation, full_at):
    check(score(target, actual, "2"), expected, derivation, full_at)


def test_default_partial_word_uses_the_qualitative_band():
    outcome = score("及时", "基本及时", "2", reported="1")
    check(outcome, "1.60", "实际“基本及时”属部分达成档（分值的60%–80%，即1.2–1.6分），取上限1.6"
          "（自评得分1不在部分达成档区间1.2–1.6分内）", "达成", "自评得分1不在部分达成档区间1.2–1.6分内")
    assert outcome.rule == "定性分档（全国默认）"


def test_default_unscorable():
    check(score("及时", "100%", "2"), None, "无法计分：实际“100%”无法与目标“及时”比较",
          problem="实际“100%”无法与目标“及时”比较")
    check(score("", "100%", "2"), None, "无法计分：目标为空", problem="目标为空")


def test_default_goal_restated_as_achieved_is_the_qualitative_top_band():
    text = "安全生产意识与技能明显提升"
    outcome = score(text, text, "15")
    check(outcome, "15.00", "实际与目标表述一致属达成档（分值的80%–100%，即12–15分），取上限15")
    assert outcome.rule == "定性分档（全国默认）"
    # The seed's 安全生产 row: 12 of 15 is inside the 达成 band, so it stands.
    check(score(text, text, "15", reported="12"), "12.00",
          "实际与目标表述一致属达成档（分值的80%–100%，即12–15分），自评得分12在区间内，取12", "达成")


# --- apply -----------------------------------------------------------------------------

def test_apply_unknown_kind_is_a_problem_not_a_crash():
    outcome = score("≥100份", "90份", "4", RuleSpec.of("magic"))
    assert outcome.score is None
    assert outcome.problem.message.startswith("未知的评分规则“magic”，可用：bands、default、execution、formula")


def test_scores_are_always_within_zero_and_weight():
    rule = stated("bands", bands=[["", "5%", "10"]])
    check(score("≤5%", "3%", "4", rule), "4.00", "实际3%落在≤5%档，得10分，超过分值，封顶4")


def test_formula_deviation_rate_falls_back_to_the_funds_only_when_blank():
    rule = stated("formula", expression="max(0, 分值 - (偏差率 - 5%)/5%)")
    ctx = Context(get_profile("national"), {"cost_deviation_rate": D("50.73") / D("614")})
    check(score("≤5%", "", "8", rule, ctx=ctx), "7.35", "max(0, 8−(8.26%−5%)/5%)=7.35")
    check(score("≤5%", "", "8", rule), None, "无法计分：公式用到偏差率，但实际为空，资金数据也无法算出偏差率",
          problem="公式用到偏差率，但实际为空，资金数据也无法算出偏差率")


values = st.one_of(
    st.sampled_from(["≥100份", "≤5%", "0次", "及时", "基本及时", "无", "达成", "工业1个/服务业2个", "一部",
                     "100%", "", "2019年工作日天数", "≥8万单", "4.996万", "≤150元/人/天", "$\\leq 5\\%$"]),
    st.text(max_size=20),
)
specs = st.sampled_from([
    None, RuleSpec.of("ratio"), RuleSpec.of("reverse"), RuleSpec.of("zero"), stated("threshold"),
    COST_BANDS, STEPS, GRADES, stated("yesno"), stated("qualitative"),
    stated("formula", expression="实际/目标*分值"), stated("formula", expression="实际*分值"),
])


@given(target=values, actual=values, weight=st.sampled_from(["0", "1.5", "4", "15"]), spec=specs,
       reported=st.sampled_from([None, "0", "3", "20"]))
@settings(max_examples=300, deadline=None)
def test_any_input_gives_an_outcome_within_weight(target, actual, weight, spec, reported):
    ctx = Context(get_profile("national"), {"cost_deviation_rate": D("0.0826")})
    outcome = score(target, actual, weight, spec, ctx=ctx, reported=reported)
    if outcome.score is None:
        assert outcome.problem
    else:
        assert D(0) <= outcome.score <= D(weight)
        assert outcome.score == outcome.score.quantize(D("0.01"))
    assert outcome.derivation and outcome.rule


def test_apply_an_unreadable_stated_rule_is_a_problem_not_the_default():
    spec = RuleSpec("unparsed", text="看情况打分")
    check(score("≥100份", "90份", "4", spec), None, "无法计分：评分细则无法识别：看情况打分",
          problem="评分细则无法识别：看情况打分")


def test_default_word_against_a_number_is_not_scored():
    # The seed's 花山港 row: 服务对象满意度 ≥85%, actual “达成” for a survey that was never run.
    check(score("≥85%", "达成", "10", reported="5"), None, "无法计分：实际“达成”不是数值", problem="实际“达成”不是数值")


@pytest.mark.parametrize(
    ("target", "actual", "reported", "expected", "derivation"),
    [
        ("即查即改到位", "达成", "5", "5.00",
         "实际“达成”属达成档（分值的80%–100%，即4–5分），自评得分5在区间内，取5"),
        ("项目具有可持续性", "具有", None, "5.00", "实际“具有”属达成档（分值的80%–100%，即4–5分），取上限5"),
        ("优化园区建设", "基本完成", "3.5", "3.50",
         "实际“基本完成”属部分达成档（分值的60%–80%，即3–4分），自评得分3.5在区间内，取3.5"),
        ("及时完成优选班子工作。", "不及时", None, "3.00",
         "实际“不及时”属未达成档（分值的0%–60%，即0–3分），取上限3"),
    ],
)
def test_default_free_text_goal_assessed_in_words_uses_the_qualitative_bands(
    target, actual, reported, expected, derivation
):
    outcome = score(target, actual, "5", reported=reported)
    check(outcome, expected, derivation, None if expected == "5.00" else "达成")
    assert outcome.rule == "定性分档（全国默认）"


def test_default_free_text_actual_against_free_text_target_is_not_guessed():
    check(score("加快闲置土地清理处置工作", "共处理闲置用地两宗", "3"), None,
          "无法计分：实际完成情况“共处理闲置用地两宗”为文字描述，未写明达成程度，且无有效的自评得分可沿用",
          problem="实际完成情况“共处理闲置用地两宗”为文字描述，未写明达成程度，且无有效的自评得分可沿用")


def test_default_free_text_with_a_self_score_keeps_it_and_says_so():
    check(score("加快闲置土地清理处置工作", "共处理闲置用地两宗", "3", reported="3"), "3",
          "定性指标：实际完成情况“共处理闲置用地两宗”为文字描述，未写明达成程度，无法重算，沿用自评得分3")


def test_default_free_text_with_a_judgement_phrase_uses_its_band():
    check(score("优化园区建设", "基本完成园区优化建设", "2", reported="2"), "1.60",
          "实际完成情况中写明“基本完成”属部分达成档（分值的60%–80%，即1.2–1.6分），取上限1.6"
          "（自评得分2不在部分达成档区间1.2–1.6分内）",
          full_marks_at="达成", problem="自评得分2不在部分达成档区间1.2–1.6分内")


def test_cost_deviation_target_without_comparator_is_read_as_a_ceiling():
    check(score("5%", "0", "2.5", name="海关经费项目成本控制偏差率"), "2.50",
          "实际0，达到目标≤5%，得满分2.5分（目标未写比较符，“偏差率”越低越好，按≤理解）")


def test_default_word_actual_against_a_number_is_not_scored():
    check(score("≥85%", "基本满意", "10", reported="7"), None, "无法计分：实际“基本满意”不是数值",
          problem="实际“基本满意”不是数值")


def test_parts_on_both_sides_are_compared_part_by_part():
    check(score("工业1个/服务业2个", "工业3个/服务业0个", "1.5"), "0.75",
          "逐项比较：(min(工业3个/1个,100%)+min(服务业0个/2个,100%))/2×1.5=0.75（目标未写比较符，按≥理解）",
          "≥工业1个/服务业2个")
    check(score("工业1个/服务业2个", "工业1个/服务业2个", "1.5"), "1.50",
          "各分项均达到目标（工业1个/1个，服务业2个/2个），得满分1.5分（目标未写比较符，按≥理解）")
    outcome = score("工业1个/服务业2个", "农业3个/服务业0个", "1.5")
    assert outcome.score is None
    assert outcome.problem.message == "目标“工业1个/服务业2个”与实际“农业3个/服务业0个”的分项不一致，无法逐项比较"


def test_rule_parameters_given_as_lists_are_held_immutable_and_the_result_is_hashable():
    from jixiao import api
    from jixiao.model import Evaluation, Kind

    spec = RuleSpec.of("graded", grades=[["及时", "4"], ["基本及时", "2"]])
    assert spec.param("grades") == (("及时", "4"), ("基本及时", "2"))
    assert spec == RuleSpec.of("graded", grades=(("及时", "4"), ("基本及时", "2")))
    # proj-01's 评分细则 reads into bands, ((下限, 上限, 得分), …): its result was unhashable.
    path = api.example_paths()[1]
    assert path.name == "proj-01-xingzheng.yaml"
    first, again = api.score(api.load_evaluation(path)), api.score(api.load_evaluation(path))
    assert first == again and hash(first) == hash(again)
    # Written back to YAML as the lists a user types.
    evaluation = Evaluation(Kind.PROJECT, "测试", indicators=(
        Indicator("产出指标", "时效指标", "办结及时性", parse_value("及时"), parse_value("基本及时"), D(4), rule=spec),))
    assert "grades:\n    - - 及时\n      - '4'\n    - - 基本及时\n      - '2'\n" in api.yaml_text(evaluation)
