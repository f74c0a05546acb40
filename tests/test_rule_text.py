"""评分细则 → RuleSpec, one test per cell of the seed's three 评价报告 tables, each asserting
the exact spec, the parse problem, and the score the rule gives for the seed's own target
and actual (from the 自评表; 园区日常维护's cost row from its report: 9%).

The seed's own scores often differ (人员及时到岗 基本及时 → the seed gave 2, the rule says 5);
these tests pin what the stated rule gives, which is what the audit compares against.
"""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao import rules
from jixiao.model import Indicator, RuleSpec
from jixiao.numbers import parse_value
from jixiao.profile import get_profile
from jixiao.rules.base import Context
from jixiao.rules.text import PATTERNS, parse_rule_text

CTX = Context(get_profile("national"))

# (report, indicator, target, actual, weight, 评分细则,
#  kind, params, parse problem, score, derivation, full_marks_at, outcome problem)
SEED_CELLS = [
    ('行政', '部门维持在职人员完成率', '100%', '100%', '4', '部门维持在职人员完成率 100%以上，得满分；80%≥完成率≤90%，得满分；≤80%，不得分',
     'bands', {'bands': [['100%', '', '满分'], ['', '80%', '满分'], ['', '80%', '0']], 'measure': '实际'}, '评分细则区间“80%≥完成率≤90%”自相矛盾：两个边界都是上限，按原文读作完成率≤80%（可能应为80%≤完成率≤90%）',
     '4.00', '实际100%落在≥100%档，得满分4分', None, None),
    ('行政', '订阅报刊杂志数', '≥100 份', '128份', '4', '标准分值 4 分，实际得分=实际订阅数/计划订阅数*标准分值',
     'formula', {'expression': '实际/目标*分值'}, None,
     '4.00', '128份/100份×4=5.12，超过分值，封顶4', None, None),
    ('行政', '车辆运行维护完成率', '100%', '100%', '4', '车辆运行维护完成率 100%得满分；否则不得分。',
     'threshold', {'threshold': '≥100%'}, None,
     '4.00', '实际100%，达到≥100%，得满分4分', None, None),
    ('行政', '审计咨询完成率', '100%', '100%', '4', '标准分值 4 分，实际得分=审计咨询完成率*标准分值',
     'formula', {'expression': '实际*分值'}, None,
     '4.00', '100%×4=4.00', None, None),
    ('行政', '公务接待人次', '≧200 人次', '76%', '4', '标准分值 4 分，实际得分=实际接待人次/计划接待人次*标准分值',
     'formula', {'expression': '实际/目标*分值'}, None,
     None, '无法计分：目标与实际单位不一致：目标200人次，实际76%', None, '目标与实际单位不一致：目标200人次，实际76%'),
    ('行政', '(日常办公场所、展厅及食堂)正常运转天数', '2019 年工作日天数', '248', '4', '标准分值 4 分，实际得分=实际正常运转天数/计划运转天数*标准分值',
     'formula', {'expression': '实际/目标*分值'}, None,
     None, '无法计分：目标“2019 年工作日天数”无法识别（无法识别的数值：2019 年工作日天数）', None, '目标“2019 年工作日天数”无法识别（无法识别的数值：2019 年工作日天数）'),
    ('行政', '物业服务人员数量', '17 人', '17人', '4', '标准分值 4 分，实际得分=实际物业服务人员数量/计划数量*标准分值',
     'formula', {'expression': '实际/目标*分值'}, None,
     '4.00', '17人/17人×4=4.00', None, None),
    ('行政', '水电网供给率', '100%', '100%', '4', '标准分值 4 分，实际得分=水电网供给率*标准分值',
     'formula', {'expression': '实际*分值'}, None,
     '4.00', '100%×4=4.00', None, None),
    ('行政', '租赁用房空间利用率', '100%', '90%', '2', '标准分值 2 分，实际得分=租赁利用率*标准分值',
     'formula', {'expression': '实际*分值'}, None,
     '1.80', '90%×2=1.80', '≥100%', None),
    ('行政', '固定资产利用率', '100%', '100%', '2', '标准分值 2 分，实际得分=固定资产利用率*标准分值',
     'formula', {'expression': '实际*分值'}, None,
     '2.00', '100%×2=2.00', None, None),
    ('行政', '目标完成质量达标率', '100%', '90%', '2', '标准分值 2 分，实际得分=目标完成质量达标率*标准分值',
     'formula', {'expression': '实际*分值'}, None,
     '1.80', '90%×2=1.80', '≥100%', None),
    ('行政', '公文督办回复及时性', '及时', '及时', '2', '在督办时间内完成得满分，否则，不得分。',
     'yesno', {}, None,
     '2.00', '实际“及时”，符合“及时”，得满分2分', None, None),
    ('行政', '报销及支付及时性', '及时', '基本及时', '2', '销凭证在费用发生三个月内交至财务室，满分；超过三个月，不得分。',
     'yesno', {}, None,
     '0.00', '实际“基本及时”，不符合“及时”，得0分', '及时', None),
    ('行政', '设备购置及时率', '及时', '及时', '2', '设备采购在需求时间内完成得满分，否则，不得分。',
     'yesno', {}, None,
     '2.00', '实际“及时”，符合“及时”，得满分2分', None, None),
    ('行政', '达标项目成本控制偏差率', '≤5%', '8%', '2', '偏差率≤5%，得满分；5%≤偏差率≤20%，得 1 分；否则，不得分。',
     'bands', {'bands': [['', '5%', '满分'], ['5%', '20%', '1']], 'measure': '偏差率'}, None,
     '1.00', '偏差率8%落在5%–20%档，得1分', '≤5%', None),
    ('行政', '三公经费成本控制率', '≤70%', '41%', '2', '偏差率≤70%，得满分；否则，不得分。',
     'threshold', {'threshold': '≤70%'}, '评分细则的条件写“偏差率”，与本指标“三公经费成本控制率”不一致',
     '2.00', '实际41%，达到≤70%，得满分2分', None, None),
    ('行政', '服务人员劳务成本控制', '≤150元/人/天', '143.42元/人/天', '2', '成本控制≤150元/人/天；否则，不得分。',
     'threshold', {'threshold': '≤150元/人/天'}, None,
     '2.00', '实际143.42元/人/天，达到≤150元/人/天，得满分2分', None, None),
    ('行政', '部门工作正常开展率', '100%', '100%', '15', '部门工作正常开展得满分；否则，不得分。',
     'yesno', {}, None,
     '15.00', '实际100%，达到目标≥100%，得满分15分（目标未写比较符，按≥理解）', None, None),
    ('行政', '项目可持续性', '具有', '具有', '15', '满足维持正常办公运转得满分；否则，不得分。',
     'yesno', {}, None,
     '15.00', '实际“具有”，符合“具有”，得满分15分', None, None),
    ('行政', '办公环境质量满意度', '≥85%', '95%', '5', '办公环境质量满意度≥85%，得满分；否则，不得分。',
     'threshold', {'threshold': '≥85%'}, None,
     '5.00', '实际95%，达到≥85%，得满分5分', None, None),
    ('行政', '职工食堂服务满意度', '≥85%', '86%', '5', '职工食堂服务满意度≥85%，得满分；否则，不得分。',
     'threshold', {'threshold': '≥85%'}, None,
     '5.00', '实际86%，达到≥85%，得满分5分', None, None),
    ('维护', '路灯照明完成率', '100%', '100%', '7', '标准分值 7 分，实际得分=路灯照明完成率*标准分值，满分 7 分',
     'formula', {'expression': '实际*分值'}, None,
     '7.00', '100%×7=7.00', None, None),
    ('维护', '道路清扫保洁完成率', '100%', '100%', '7', '标准分值 7 分，实际得分=道路清扫保洁完成率*标准分值，满分 7 分',
     'formula', {'expression': '实际*分值'}, None,
     '7.00', '100%×7=7.00', None, None),
    ('维护', '园区道路清扫保洁度', '≥90%', '94%', '7', '标准分值 7 分，实际得分=园区道路清扫保洁度*标准分值，满分 7 分',
     'formula', {'expression': '实际*分值'}, None,
     '6.58', '94%×7=6.58（实际94%已达到目标≥90%，按评分细则公式只得6.58分）', '≥100%', '实际94%已达到目标≥90%，按评分细则公式只得6.58分'),
    ('维护', '一二期绿化养护保质率', '≥90%', '92%', '7', '标准分值 7 分，实际得分=一二期绿化养护保质率*标准分值，满分 7 分',
     'formula', {'expression': '实际*分值'}, None,
     '6.44', '92%×7=6.44（实际92%已达到目标≥90%，按评分细则公式只得6.44分）', '≥100%', '实际92%已达到目标≥90%，按评分细则公式只得6.44分'),
    ('维护', '垃圾清运的及时性', '及时', '及时', '7', '垃圾清运及时，得满分；基本及时 5 分；不太及时，2；否则不得分。',
     'graded', {'grades': [['及时', '满分'], ['基本及时', '5'], ['不太及时', '2']]}, None,
     '7.00', '实际“及时”→满分7分', None, None),
    ('维护', '人员及时到岗情况', '及时', '基本及时', '7', '人员到岗及时，得满分；基本及时 5 分；不太及时，2；否则不得分。',
     'graded', {'grades': [['及时', '满分'], ['基本及时', '5'], ['不太及时', '2']]}, None,
     '5.00', '实际“基本及时”→5分', '及时', None),
    ('维护', '达标项目成本控制偏差率', '≤5%', '9%', '8', '偏差率≤5%，得满分；按照 5%等差依次减 1 分；否则，不得分。',
     'steps', {'free': '5%', 'penalty': '1', 'step': '5%'}, None,
     '7.00', '偏差率9%超出5%共4%，每超5%扣1分，计1档：8−1×1=7.00', '≤5%', None),
    ('维护', '提升园区企业工作生活质量', '100%', '100%', '10', '标准分值 10 分，实际得分提升园区企业工作生活质量*标准分值，满分 10 分',
     'formula', {'expression': '实际*分值'}, None,
     '10.00', '100%×10=10.00', None, None),
    ('维护', '垃圾清运对环境改善的预期效果', '达成', '达成', '10', '达成，得满分；否则，不得分。',
     'yesno', {'expected': '达成'}, None,
     '10.00', '实际“达成”，符合“达成”，得满分10分', None, None),
    ('维护', '项目可持续性', '具有', '具有', '10', '项目具有可持续性，满分；否则，不得分。',
     'yesno', {'expected': '具有'}, None,
     '10.00', '实际“具有”，符合“具有”，得满分10分', None, None),
    ('维护', '服务对象满意度', '≥85%', '95%', '10', '标准分值 10 分，实际得分=服务对象满意度*标准分值，满分 10 分',
     'formula', {'expression': '实际*分值'}, None,
     '9.50', '95%×10=9.50（实际95%已达到目标≥85%，按评分细则公式只得9.50分）', '≥100%', '实际95%已达到目标≥85%，按评分细则公式只得9.50分'),
    ('招商', '招商手册制作完成数', '30份', '30份', '3', '招商手册制作完成30份，得满分；20份，得2分；10份，得1分；否则不得分。',
     'bands', {'bands': [['30份', '', '满分'], ['20份', '', '2'], ['10份', '', '1']], 'measure': '实际'}, None,
     '3.00', '实际30份落在≥30份档，得满分3分（同时落在3个档内，按所列顺序取第一个）', None, None),
    ('招商', '制作综保区宣传片', '一部', '无', '3', '完成宣传片制作得满分；否则，不得分。',
     'yesno', {}, None,
     '0.00', '实际“无”，未达到目标一部，得0分', '一部', None),
    ('招商', '国内招商拜访企业数量（次数）', '≥35次', '36次', '3', '标准分值3分，实际得分=实际拜访数/计划拜访数*标准分值，满分3分',
     'formula', {'expression': '实际/目标*分值'}, None,
     '3.00', '36次/35次×3=3.09，超过分值，封顶3', None, None),
    ('招商', '项目签约金额完成率', '100%', '23%', '3', '标准分值3分，实际得分=项目签约金额完成率*标准分值，满分3分',
     'formula', {'expression': '实际*分值'}, None,
     '0.69', '23%×3=0.69', '≥100%', None),
    ('招商', '工业企业“小进规”企业数量', '2家', '3家', '3', '标准分值3分，实际得分=实际企业数/计划企业数*标准分值，满分3分',
     'formula', {'expression': '实际/目标*分值'}, None,
     '3.00', '3家/2家×3=4.50，超过分值，封顶3', None, None),
    ('招商', '新认定高新技术企业家数', '8家', '9家', '3', '标准分值3分，实际得分=实际企业数/计划企业数*标准分值，满分3分',
     'formula', {'expression': '实际/目标*分值'}, None,
     '3.00', '9家/8家×3=3.38，超过分值，封顶3', None, None),
    ('招商', '完成商务接待数', '≥50次', '96次', '3', '标准分值3分，实际得分=实际接待次数/计划接待次数*标准分值，满分3分',
     'formula', {'expression': '实际/目标*分值'}, None,
     '3.00', '96次/50次×3=5.76，超过分值，封顶3', None, None),
    ('招商', '培训次数', '2次', '2次', '3', '标准分值3分，实际得分=实际培训次数/计划培训次数*标准分值，满分3分',
     'formula', {'expression': '实际/目标*分值'}, None,
     '3.00', '2次/2次×3=3.00', None, None),
    ('招商', '大型招商推介活动完成率', '100%', '50%', '3', '标准分值3分，实际得分=实际活动次数/计划活动次数*标准分值，满分3分',
     'formula', {'expression': '实际/目标*分值'}, None,
     '1.50', '50%/100%×3=1.50', '≥100%', None),
    ('招商', '审计咨询完成率', '100%', '100%', '3', '标准分值3分，实际得分=审计咨询完成率*标准分值，满分3分',
     'formula', {'expression': '实际*分值'}, None,
     '3.00', '100%×3=3.00', None, None),
    ('招商', '招商政策兑现及评审报告通过率', '100%', '100%', '4', '标准分值4分，实际得分=审计报告*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, None,
     '4.00', '100%×4=4.00', None, None),
    ('招商', '目标完成质量达标率', '100%', '78%', '4', '标准分值4分，实际得分=目标完成质量达标率*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, None,
     '3.12', '78%×4=3.12', '≥100%', None),
    ('招商', '计划工作完成及时性', '及时', '基本及时', '4', '工作完成及时，得满分；基本及时3分；不太及时，2分；否则不得分。',
     'graded', {'grades': [['及时', '满分'], ['基本及时', '3'], ['不太及时', '2']]}, None,
     '3.00', '实际“基本及时”→3分', '及时', None),
    ('招商', '重大活动完成及时率', '及时', '不太及时', '4', '活动完成及时，得满分；基本及时3分；不太及时，2分；否则不得分。',
     'graded', {'grades': [['及时', '满分'], ['基本及时', '3'], ['不太及时', '2']]}, None,
     '2.00', '实际“不太及时”→2分', '及时', None),
    ('招商', '达标项目成本控制偏差率', '≤5%', '47%', '4', '偏差率≤5%，得满分；5%≤偏差率≤20%，得3分；20%≤偏差率≤35%，得2分；35%≤偏差率≤50%，得1分；否则，不得分。',
     'bands', {'bands': [['', '5%', '满分'], ['5%', '20%', '3'], ['20%', '35%', '2'], ['35%', '50%', '1']], 'measure': '偏差率'}, None,
     '1.00', '偏差率47%落在35%–50%档，得1分', '≤5%', None),
    ('招商', '工业投资总额完成率', '100%', '101%', '4', '标准分值4分，实际得分=工业投资总额完成率*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, None,
     '4.00', '101%×4=4.04，超过分值，封顶4', None, None),
    ('招商', '规模以上工业总产值完成率', '100%', '55%', '4', '标准分值4分，实际得分=规模以上工业总产值完成率*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, None,
     '2.20', '55%×4=2.20', '≥100%', None),
    ('招商', '招商引资总额完成率', '100%', '102%', '4', '标准分值4分，实际得分=招商引资总额完成率*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, None,
     '4.00', '102%×4=4.08，超过分值，封顶4', None, None),
    ('招商', '外贸进出口总额完成率', '100%', '75%', '4', '标准分值4分，实际得分=外贸进出口总额完成率*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, None,
     '3.00', '75%×4=3.00', '≥100%', None),
    ('招商', '其他营利性服务业营收增幅', '≥45%', '24.90%', '4', '标准分值4分，实际得分=其他营利性服务业营收增幅*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, None,
     '1.00', '24.90%×4=1.00', '≥100%', None),
    ('招商', '纳税百万以上企业税收收入增长率', '≥14%', '37.07%', '4', '标准分值4分，实际得分=纳税百万以上企业税收收入增长率*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, None,
     '1.48', '37.07%×4=1.48（实际37.07%已达到目标≥14%，按评分细则公式只得1.48分）', '≥100%', '实际37.07%已达到目标≥14%，按评分细则公式只得1.48分'),
    ('招商', '认知度提高率', '≥85%', '90%', '3', '标准分值3分，实际得分=其他营利性服务业营收增幅*标准分值，满分4分',
     'formula', {'expression': '实际*分值'}, '评分细则公式引用“其他营利性服务业营收增幅”，与本指标“认知度提高率”不一致；评分细则写满分4分，但本指标分值为3分',
     '2.70', '90%×3=2.70（实际90%已达到目标≥85%，按评分细则公式只得2.70分）', '≥100%', '实际90%已达到目标≥85%，按评分细则公式只得2.70分'),
    ('招商', '项目可持续性', '具有', '具有', '3', '项目具有可持续性，满分；否则，不得分。',
     'yesno', {'expected': '具有'}, None,
     '3.00', '实际“具有”，符合“具有”，得满分3分', None, None),
    ('招商', '服务对象满意度', '≥85%', '93%', '10', '标准分值10分，实际得分=服务对象满意度*标准分值，满分10分',
     'formula', {'expression': '实际*分值'}, None,
     '9.30', '93%×10=9.30（实际93%已达到目标≥85%，按评分细则公式只得9.30分）', '≥100%', '实际93%已达到目标≥85%，按评分细则公式只得9.30分'),
]


def _id(row):
    return f"{row[0]}-{row[1]}"


@pytest.mark.parametrize("row", SEED_CELLS, ids=[_id(row) for row in SEED_CELLS])
def test_seed_cell(row):
    (_, name, target, actual, weight, text, kind, params, parse_problem,
     score, derivation, full_marks_at, problem) = row
    spec, reason = parse_rule_text(text, D(weight), name)
    assert spec == RuleSpec.of(kind, text=text, **params)
    assert reason == parse_problem
    indicator = Indicator("产出指标", "数量指标", name, parse_value(target), parse_value(actual), D(weight), spec)
    outcome = rules.apply(indicator, CTX)
    assert outcome.score == (D(score) if score is not None else None)
    assert outcome.derivation == derivation
    assert outcome.full_marks_at == full_marks_at
    assert (outcome.problem.message if outcome.problem else None) == problem
    assert outcome.rule.endswith("（评分细则）")
    # What the parser reads is what the rule declares: a spec from text passes the loader's check.
    assert rules.RULES.get(spec.kind).param_problems(dict(spec.params)) == []


def test_every_seed_report_row_is_covered():
    # 21 + 11 + 24 rows in the three 评分细则 tables (seed lines ~1165, ~1466, ~1721).
    counts = {}
    for row in SEED_CELLS:
        counts[row[0]] = counts.get(row[0], 0) + 1
    assert counts == {"行政": 21, "维护": 11, "招商": 24}


@pytest.mark.parametrize(
    ("text", "weight", "kind", "params"),
    [
        ("偏差率$\\leq 5\\%$，得满分；每超5%扣1分，扣完为止", "10", "steps",
         {"free": "5%", "step": "5%", "penalty": "1"}),
        ("偏差率≤5%，得满分；5%<偏差率<20%，得3分；否则，不得分", "4", "bands",
         {"bands": [["", "5%", "满分"], [">5%", "<20%", "3"]], "measure": "偏差率"}),
        ("满意度≧85％，得满分；否则不得分", "5", "threshold", {"threshold": "≥85%"}),
        ("故障次数<3次，得满分；否则，不得分", "5", "threshold", {"threshold": "<3次"}),
        ("完成率90%以下，不得分；90%以上，得满分", "5", "bands",
         {"bands": [["", "90%", "0"], ["90%", "", "满分"]], "measure": "实际"}),
        ("按完成比例得分", "5", "ratio", {}),
        ("达成年度指标得分值的80%-100%；部分达成得60%-80%；未达成得0-60%", "15", "qualitative", {}),
        ("满意得满分；基本满意3分；不满意不得分", "5", "graded",
         {"grades": [["满意", "满分"], ["基本满意", "3"], ["不满意", "0"]]}),
        ("实际得分=min(实际完成数/计划完成数*标准分值, 标准分值)", "4", "formula",
         {"expression": "min(实际/目标*分值,分值)"}),
        ("是，得满分；否则，不得分", "2", "yesno", {"expected": "是"}),
    ],
)
def test_other_phrasings(text, weight, kind, params):
    spec, reason = parse_rule_text(text, D(weight), "")
    assert spec == RuleSpec.of(kind, text=text, **params)
    assert reason is None


def test_other_phrasing_scores():
    spec, _ = parse_rule_text("偏差率≤5%，得满分；5%<偏差率<20%，得3分；否则，不得分", D(4))
    at_bound = Indicator("产出指标", "成本指标", "偏差率", parse_value("≤5%"), parse_value("20%"), D(4), spec)
    outcome = rules.apply(at_bound, CTX)
    assert (outcome.score, outcome.derivation) == (D("0.00"), "偏差率20%不在任何档内，得0分")
    inside = Indicator("产出指标", "成本指标", "偏差率", parse_value("≤5%"), parse_value("5.5%"), D(4), spec)
    outcome = rules.apply(inside, CTX)
    assert (outcome.score, outcome.derivation) == (D("3.00"), "偏差率5.5%落在>5%且<20%档，得3分")


def test_contradictory_lower_bounds_are_read_literally_and_reported():
    spec, reason = parse_rule_text("90%≤完成率≥80%，得满分；否则，不得分", D(4), "完成率")
    assert spec == RuleSpec.of(
        "bands", text="90%≤完成率≥80%，得满分；否则，不得分", bands=[["90%", "", "满分"]], measure="实际"
    )
    assert reason == "评分细则区间“90%≤完成率≥80%”自相矛盾：两个边界都是下限，按原文读作完成率≥90%（可能应为90%≥完成率≥80%）"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("看情况打分", "无法识别的评分细则：看情况打分"),
        ("成本控制≤150元/人/天", "无法识别的评分细则：成本控制≤150元/人/天"),
        ("实际得分=实际数/完成数*标准分值", "无法识别的评分细则：实际得分=实际数/完成数*标准分值"),
        ("实际得分=A/B*标准分值", "无法识别的评分细则：实际得分=A/B*标准分值"),
        ("实际得分=__import__(1)*标准分值", "无法识别的评分细则：实际得分=__import__(1)*标准分值"),
        ("", "评分细则为空"),
        ("   ", "评分细则为空"),
        ("得满分" * 400, "评分细则过长（1200字，上限1000字）"),
    ],
)
def test_unreadable_cells(text, reason):
    assert parse_rule_text(text, D(4), "指标") == (None, reason)


def test_standard_weight_mismatch_is_reported():
    spec, reason = parse_rule_text("标准分值5分，实际得分=完成率*标准分值", D(4), "完成率")
    assert spec == RuleSpec.of("formula", text="标准分值5分，实际得分=完成率*标准分值", expression="实际*分值")
    assert reason == "评分细则写标准分值5分，但本指标分值为4分"


def test_a_new_phrasing_is_one_function(monkeypatch):
    from jixiao.rules import text as text_module
    from jixiao.rules.text import Parsed

    def zero_accidents(cell):
        return Parsed("zero", {}) if "零事故" in cell.clean else None

    monkeypatch.setattr(text_module, "PATTERNS", [zero_accidents, *PATTERNS])
    spec, reason = parse_rule_text("全年零事故得满分", D(5))
    assert (spec, reason) == (RuleSpec.of("zero", text="全年零事故得满分"), None)


@given(text=st.text(max_size=80) | st.sampled_from([row[5] for row in SEED_CELLS]).map(lambda t: t[: len(t) // 2]),
       weight=st.sampled_from(["2", "4", "7.5"]))
@settings(max_examples=300, deadline=None)
def test_any_text_parses_or_says_why(text, weight):
    spec, reason = parse_rule_text(text, D(weight), "指标")
    assert spec is not None or reason
    if spec is not None:
        assert spec.kind in rules.RULES


def test_else_clause_words_inside_names_do_not_split_clauses():
    text = "其他营利性服务业营收增幅≥45%，得满分；其他情况不得分"
    spec, reason = parse_rule_text(text, D(4), "其他营利性服务业营收增幅")
    assert (spec, reason) == (RuleSpec.of("threshold", text=text, threshold="≥45%"), None)


def test_steps_with_a_cutoff_clause_scores_zero_beyond_it():
    spec, problem = parse_rule_text("偏差率≤5%，得满分；每超5%扣1分；超过20%不得分", D(10))
    assert problem is None
    assert spec == RuleSpec.of("steps", text=spec.text, free="5%", step="5%", penalty="1", cutoff="20%")

    def scored(actual: str) -> tuple:
        indicator = Indicator("产出指标", "成本指标", "偏差率", parse_value("≤5%"), parse_value(actual), D(10), spec)
        outcome = rules.apply(indicator, Context(get_profile("national")))
        return outcome.score, outcome.derivation

    assert scored("25%") == (D("0.00"), "偏差率25%超过20%，不得分")
    assert scored("12%") == (D("8.00"), "偏差率12%超出5%共7%，每超5%扣1分，计2档：10−2×1=8.00")


def test_steps_with_a_clause_it_cannot_read_is_not_read_as_steps():
    spec, problem = parse_rule_text("偏差率≤5%，得满分；每超5%扣1分；另加2分", D(10))
    assert spec is None
    assert problem == "无法识别的评分细则：偏差率≤5%，得满分；每超5%扣1分；另加2分"
