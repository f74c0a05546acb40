"""The review of a target declaration (目标审核): each rule on a declaration written for it, the
grade, and the seed's own 2019 targets (examples/history/declaration-2019-xingzheng.yaml)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao import api
from jixiao.declaration import Declaration, DeclaredIndicator
from jixiao.model import Location
from jixiao.numbers import parse_value
from jixiao.targets import review as rules

HISTORY = api.EXAMPLES_DIR / "history"
FULL = dict(basis="计划标准", data_source="台账", method="年末统计")


def ind(name, target, weight="10", level1="产出指标", level2="数量指标", line=None, **extra):
    fields = {**FULL, **extra}
    return DeclaredIndicator(level1, level2, name, parse_value(target), Decimal(weight) if weight else None,
                             location=Location(file="d.yaml", line=line), **fields)


def declaration(*indicators, **extra):
    return Declaration(project="测试项目", year=2020, indicators=indicators, location=Location(file="d.yaml", line=1),
                       **extra)


def codes(findings):
    return [(f.code, f.indicator) for f in findings]


def test_output_needs_both_quantity_and_quality_indicators():
    d = declaration(ind("培训次数", "≥2次", line=5), ind("培训及时性", "及时", level2="时效指标", line=9))
    [finding] = rules.output_quantity_quality(d)
    assert finding.code == "output-quantity-quality-missing"
    assert finding.location.line == 5
    assert "没有质量指标" in finding.message and "现有二级指标：数量指标、时效指标" in finding.message


def test_a_target_needs_number_unit_and_comparator_or_three_grades():
    d = declaration(
        ind("培训次数", "≥2次"),                       # measurable
        ind("完成率", "100%"),                         # no comparator
        ind("运转天数", "≥248"),                        # no unit
        ind("工作日", "2019年工作日天数"),               # prose, no grades
        ind("阵地建设", "高标准建成", grades=(("达成", "通过验收"), ("部分达成", "基本建成"), ("未达成", "未建成"))),
        ind("及时性", "及时"),                          # a word: judged by its grades instead
        ind("空白", ""),
    )
    found = {f.indicator: f.message for f in rules.measurable(d)}
    assert set(found) == {"完成率", "运转天数", "工作日", "空白"}
    assert found["完成率"].endswith("不可衡量：缺少比较符（≥、≤、=）。")
    assert found["运转天数"].endswith("不可衡量：缺少计量单位。")
    assert "既不是带计量单位和比较符的数值" in found["工作日"]
    assert found["空白"].endswith("未填写指标值。")


def test_a_qualitative_target_describes_its_three_grades():
    d = declaration(ind("及时性", "及时", grades=(("达成", "按期"),)),
                    ind("可持续性", "具有", grades=(("达成", "a"), ("部分达成", "b"), ("未达成", "c"))))
    [finding] = rules.qualitative_grades(d)
    assert (finding.indicator, finding.code) == ("及时性", "qualitative-grades-missing")
    assert "未说明部分达成、未达成的具体标准" in finding.message


def test_a_cost_target_above_its_budget_standard():
    d = declaration(ind("劳务成本", "≤155元/人/天", level2="成本指标", standard=parse_value("≤150元/人/天")),
                    ind("办公成本", "≤1.4万元", level2="成本指标", standard=parse_value("≤14000元")),
                    ind("接待人次", "≥200人次", level2="成本指标", standard=parse_value("≤150人次")))
    [finding] = rules.cost_standard(d)
    assert finding.indicator == "劳务成本"
    assert finding.message == ("“测试项目”成本指标“劳务成本”的指标值为≤155元/人/天，高于预算支出标准≤150元/人/天"
                               "（155元/人/天>150元/人/天）。")


def test_a_satisfaction_indicator_says_how_it_is_surveyed():
    d = declaration(ind("服务对象满意度", "≥85%", level1="满意度指标", level2="服务对象满意度指标",
                        data_source="服务对象", method="年末统计"),
                    ind("食堂满意度", "≥85%", level1="满意度指标", level2="服务对象满意度指标",
                        data_source="问卷调查", method="满意份数/有效问卷"))
    assert codes(rules.satisfaction_survey(d)) == [("satisfaction-survey-missing", "服务对象满意度")]


def test_weights_add_up_to_100_with_execution_and_to_each_declared_level():
    d = declaration(ind("a", "≥1次", weight="50"), ind("b", "≥1次", weight="30", level1="效益指标"),
                    ind("c", "≥85%", weight="5", level1="满意度指标"),
                    declared_weights=(("产出指标", Decimal(50)), ("效益指标", Decimal(30)), ("满意度指标", Decimal(10))))
    found = [f.message for f in rules.weights(d)]
    assert found == ["“测试项目”一级指标“满意度指标”的分值合计为5，应为10（5=5，声明为10）。",
                     "“测试项目”全部指标与预算执行率的分值合计为95，应为100（指标分值85+预算执行率10=95）。"]


def test_duplicate_and_near_duplicate_names_within_a_level():
    d = declaration(ind("新增海关备案注册企业数", "≥50家"), ind("新增海关备案注册企业数量", "≥50家"),
                    ind("培训次数", "≥2次"), ind("培训次数", "≥2次", level1="效益指标"))
    [finding] = rules.duplicates(d)
    assert finding.indicator == "新增海关备案注册企业数量"
    assert "与“新增海关备案注册企业数”名称相近（字符相似度0.95），指标值同为“≥50家”" in finding.message


def test_required_fields_are_named_together():
    d = declaration(ind("a", "≥1次", weight=None, basis="", data_source="", method="年末统计"),
                    ind("b", "≤5元", basis="预算支出标准"))
    assert [(f.indicator, f.reported) for f in rules.required_fields(d)] == [
        ("a", "分值、指标值设定依据、数据来源"), ("b", "预算支出标准的数值")]


@pytest.mark.parametrize("findings, count, expected", [
    ([], 3, "优"),
    (["satisfaction-survey-missing"], 3, "良"),
    (["declared-target-vague"], 3, "中"),
    (["declared-target-vague", "declared-target-vague"], 4, "差"),
    ([], 0, "差"),
])
def test_grade_follows_88_hao_consequences(findings, count, expected):
    from jixiao.findings import make

    made = [make(code, indicator=f"指标{i}", reported="x", expected="y", field="z", missing="质量", other="o")
            for i, code in enumerate(findings)]
    assert rules.grade(made, count).grade == expected


def test_the_seeds_2019_targets_grade_poor():
    [review] = api.review_targets([HISTORY / "declaration-2019-xingzheng.yaml"])
    assert review.grade.grade == "差"
    assert review.grade.reasons == (
        "13/21个指标存在错误，达到一半以上：申报的指标值不可衡量9项、定性指标未说明分档标准4项。",
        "需协商完善的问题3项：申报表未填必填项2项、满意度指标未说明调查方式1项。")
    assert review.grade.consequence.endswith("审核结果为“差”的，不得进入下一步预算安排流程。")
    vague = [f for f in review.findings if f.code == "declared-target-vague"]
    assert [f.indicator for f in vague][:2] == ["部门维持在职人员完成率", "车辆运行维护完成率"]
    assert vague[0].location.describe() == f"{HISTORY / 'declaration-2019-xingzheng.yaml'} 第19行（indicators[0]）"


def test_the_seeds_2019_table_changed_a_declared_target():
    """The seed's report declares 公务接待人次 ≥200人次 (seed:1108) and evaluates ≤200人次
    (seed:777): one finding, located at the table's row; 物业人员服务人员数量 (declared) and
    物业服务人员数量 (table) are the same indicator, with the same target."""
    [review] = api.review_targets([HISTORY / "declaration-2019-xingzheng.yaml", api.EXAMPLES_DIR / "proj-01-xingzheng.yaml"])
    changes = [f for f in review.findings if f.code in ("target-changed", "weight-changed", "indicator-not-declared",
                                                         "declared-indicator-missing")]
    assert [(f.code, f.indicator, f.expected, f.reported) for f in changes] == [
        ("target-changed", "公务接待人次", "≥200人次", "≤200人次")]
    assert changes[0].location.file.endswith("proj-01-xingzheng.yaml")


def test_a_revised_declaration_with_history_grades_fair():
    [review] = api.review_targets([HISTORY / "declaration-2020-xingzheng.yaml"], history=[HISTORY])
    assert review.grade.grade == "中"
    assert [(f.code, f.indicator) for f in review.findings] == [
        ("target-changed", "公务接待人次"),
        ("target-below-last-actual", "订阅报刊杂志数"),
        ("target-equals-last-actual", "物业服务人员数量"),
        ("target-lowered-after-miss", "目标完成质量达标率"),
        ("target-below-last-actual", "三公经费成本控制率"),
        ("cost-above-standard", "服务人员劳务成本控制"),
        ("target-below-last-actual", "服务人员劳务成本控制"),
        ("satisfaction-survey-missing", "办公环境质量满意度"),
        ("target-below-last-actual", "办公环境质量满意度"),
    ]
    # 租赁用房空间利用率 was changed from ≥100% to ≥95% with an approval: no finding.
    assert not any(f.indicator == "租赁用房空间利用率" for f in review.findings)


def test_a_self_evaluation_started_from_a_declaration_keeps_its_targets_and_weights():
    [document] = api.read(HISTORY / "declaration-2020-xingzheng.yaml").documents
    evaluation = api.evaluation_from_declaration(document.declaration)
    assert [(i.name, i.target.text, i.weight, i.actual.text) for i in evaluation.indicators][:2] == [
        ("部门维持在职人员完成率", "=100%", Decimal(4), ""), ("订阅报刊杂志数", "≥100份", Decimal(4), "")]
    assert evaluation.funds.total.budget == Decimal("620.00") and evaluation.year == 2020
    from jixiao.targets.changes import changes

    assert changes(document.declaration, evaluation) == []
