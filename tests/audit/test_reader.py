"""The text reader on small documents written the way extracted PDFs print them."""

from __future__ import annotations

from decimal import Decimal

from jixiao.document import DocKind
from jixiao.ingest.text import read_text
from jixiao.model import Comparator, FundSource

TABLE = "\n".join([
    "项目支出绩效自评表",
    "(2019年度)",
    "项目名称\t\t测试专项\t\t\t\t",
    "主管部门\t\t某管理委员会\t实施单位\t\t某办公室\t",
    "项目资金 (万元)\t\t年初预算数\t全年 预算数\t全年 执行数\t分值\t执行率\t得分\t",
    "\t年度资金 总额\t100.00\t100.00\t90.00\t10\t90.00%\t9\t",
    "\t其中： 当年财政 拨款\t100.00\t100.00\t90.00\t10\t90.00%\t9\t",
    "\t上年结转 资金\t\t\t\t—\t\t—\t",
    "年度总 体目标\t预期目标\t\t\t实际完成情况\t\t\t\t",
    "\t做好某项工作。\t\t\t已做好。\t\t\t\t",
    "绩效目 标\t一级指标\t二级指标\t三级指标\t年度 指标值\t实际 完成值\t分 值\t得分\t偏差原因分析及改进措施",
    "\t产出指标 (50分)\t数量指标\t培训 次数\t≥4次\t\t4次\t25\t25\t",   # a cell left empty by a lost merge
    "\t\t\t检查企业数\t10家\t12家\t15\t15\t",
    "\t\t质量指标\t合格率\t100%\t90%\t10\t9\t少数不合格",
    "\t效益指标 (30分)\t社会效益 指标\t覆盖率\t≥80%\t85%\t30\t30\t",
    "满意度指 标 (10分)\t服务对象 满意度指 标\t满意度\t≥85%\t90%\t10\t10\t",
    "总分\t\t\t\t\t100\t98\t",
])


def test_table_is_read_into_an_evaluation_with_lines():
    (document,) = read_text(TABLE, "t.txt")
    assert (document.kind, document.project, document.location.line) == (DocKind.PROJECT_TABLE, "测试专项", 1)
    evaluation = document.evaluation
    assert (evaluation.department, evaluation.unit) == ("某管理委员会", "某办公室")
    assert evaluation.declared_weights == (("产出指标", Decimal(50)), ("效益指标", Decimal(30)), ("满意度指标", Decimal(10)))
    total = evaluation.funds.line(FundSource.TOTAL)
    assert (total.budget, total.executed, total.reported_rate, total.reported_score, total.location.line) == (
        Decimal("100.00"), Decimal("90.00"), Decimal("0.9"), Decimal(9), 6)
    assert evaluation.funds.line(FundSource.CARRYOVER).budget is None
    assert [(g.expected, g.actual) for g in evaluation.goals] == [("做好某项工作。", "已做好。")]
    rows = [(i.level1, i.level2, i.name, i.target.text, i.actual.text, i.weight, i.reported_score, i.location.line)
            for i in evaluation.indicators]
    assert rows == [
        ("产出指标", "数量指标", "培训次数", "≥4次", "4次", Decimal(25), Decimal(25), 12),
        ("产出指标", "数量指标", "检查企业数", "10家", "12家", Decimal(15), Decimal(15), 13),
        ("产出指标", "质量指标", "合格率", "100%", "90%", Decimal(10), Decimal(9), 14),
        ("效益指标", "社会效益指标", "覆盖率", "≥80%", "85%", Decimal(30), Decimal(30), 15),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥85%", "90%", Decimal(10), Decimal(10), 16),
    ]
    assert evaluation.indicators[2].deviation_reason == "少数不合格"
    assert evaluation.indicators[0].target.comparator is Comparator.GE
    assert (document.total.text, document.total.location.line) == ("98", 17)
    assert document.findings == ()


def test_repeated_level_label_over_a_full_block_is_moved_and_reported():
    text = TABLE.replace("\t效益指标 (30分)\t社会效益 指标\t覆盖率", "\t产出指标 (50分)\t数量指标\t覆盖率")
    (document,) = read_text(text, "t.txt")
    assert document.evaluation.indicators[3].level1 == "效益指标"
    assert [(p.code, p.location.line) for p in document.findings] == [("level-inferred", 15)]


def test_missing_total_row_is_a_problem():
    text = TABLE.replace("总分\t\t\t\t\t100\t98\t", "")
    (document,) = read_text(text, "t.txt")
    assert [(p.code, p.message) for p in document.findings] == [("table-incomplete", "表格不完整：未找到“总分”行。")]


REPORT = "\n".join([
    "项目支出绩效评价报告",
    "项目名称： 测试专项",
    "本项目总预算为100.00万元,实际支出90.00万元,其中甲经费支出50.00万元,乙经费支出40.00万元。",
    "项目\t调整预算数\t实际支出数\t差异\t执行率",
    "甲经费\t55\t50.00\t5.00\t90.91%",
    "乙经费\t45\t40.00\t5.00\t88.89%",
    "合计\t100\t90.00\t10.00\t90.00%",
    "",
    "2.年度目标:",
    "",
    "培训次数 ≥ 4 次",
    "",
    "二、绩效评价工作开展情况",
    "一级指标\t二级指标\t三级指标\t年度指标值\t分值\t评分细则",
    "产出指标 (50分)\t数量指标\t培训次数\t≥4次\t25\t标准分值25分，实际得分=实际次数/计划次数*标准分值，满分25分",
    "评价指标\t评级分值\t项目得分\t得分率\t评价等级",
    "项目执行\t10\t9\t90.00%\t优",
    "综合绩效\t100\t98\t98.00%\t优",
    "（一）项目产出情况",
    "本项指标总分值 50 分，综合得分 49 分，得分率 98%，评价等级为“优”。",
    "（1）培训次数",
    "指标目标值培训 4 次，设定分值 25 分，实际培训",
    "",
    "4 次，得 25 分，指标偏差率为 0%。",
])


def test_report_is_read_with_its_tables_statements_and_claims():
    (document,) = read_text(REPORT, "r.txt")
    assert (document.kind, document.project) == (DocKind.EVALUATION_REPORT, "测试专项")
    (funds,) = document.funds_tables
    assert [(r.name, r.budget.text, r.executed.text, r.difference.text, r.rate.text, r.is_total) for r in funds.rows] == [
        ("甲经费", "55", "50.00", "5.00", "90.91%", False),
        ("乙经费", "45", "40.00", "5.00", "88.89%", False),
        ("合计", "100", "90.00", "10.00", "90.00%", True),
    ]
    (rule,) = document.rule_rows
    assert (rule.level1, rule.level2, rule.name, rule.target_text, rule.weight.text, rule.location.line) == (
        "产出指标", "数量指标", "培训次数", "≥4次", "25", 15)
    assert [(s.key, s.score.text, s.rate.text if s.rate else None, s.grade, s.location.line)
            for s in document.level_scores] == [
        (("execution",), "9", "90.00%", "优", 17),
        (("total",), "98", "98.00%", "优", 18),
        (("产出指标",), "49", "98%", "优", 20),
    ]
    plan, result = document.statements
    assert (plan.section, plan.name, plan.target_text, plan.location.line) == ("plan", "培训次数", "≥ 4 次", 11)
    # the sentence continues across a page break; the score is on line 24
    assert (result.name, result.weight.text, result.score.text, result.actual_text, result.location.line) == (
        "培训次数", "25", "25", "实际培训4 次", 24)
    (claim,) = document.claims
    assert (claim.kind, claim.stated.text, [p.text for p in claim.inputs], claim.location.line) == (
        "parts", "90.00", ["50.00", "40.00"], 3)


NARRATIVE = "\n".join([
    "整体支出绩效自评报告",
    "单位名称：某办公室",
    "综保办根据实际工作情况,调整后绩效目标如下:",
    "1、完成某项工作。",
    "(1) 产出指标",
    "①数量指标",
    "A 培训 4 次,本指标值 3.5 分。",
    "1、完成某项工作。",
    "(1) 产出指标",
    "A 培训 4 次",
    "实际完成值：培训 4 次。",
    "本指标值 3.5 分，评分得 3.5 分。",
    "部门整体预算支出资金100.00万元, 实际支出资金90.00万元, 资金执行率为90.0%。",
    "自评分为88.09分。",
])


def test_narrative_statements_goals_and_totals():
    (document,) = read_text(NARRATIVE, "n.txt")
    assert document.kind is DocKind.DEPARTMENT_REPORT and document.project == "某办公室"
    assert [(s.section, s.goal, s.level1, s.name, s.weight.text, s.score.text if s.score else None, s.location.line)
            for s in document.statements] == [
        ("plan", 1, "产出指标", "培训4次", "3.5", None, 7),
        ("result", 1, "产出指标", "培训4次", "3.5", "3.5", 12),
    ]
    assert [(n.code, n.location.line) for n in document.notices] == [("adjusted-targets", 3)]
    assert [(c.kind, c.stated.text) for c in document.claims] == [("ratio", "90.0%")]
    assert [(s.key, s.score.text, s.location.line) for s in document.level_scores] == [(("total",), "88.09", 14)]


def test_page_break_inside_a_numbered_sentence_is_joined_and_headings_are_not():
    from jixiao.ingest.text.paragraphs import paragraphs

    lines = list(enumerate([
        "(1) 某专项预算安排 614 万元,实际资金到",     # a numbered sentence the page break cut
        "",
        "位及支出为 563.27 万元，实际与预算差异为 50.73 万元；",
        "",
        "(二) 主要经验, 存在的问题和改进措施",         # a heading, followed by another heading
        "",
        "1. 主要经验",
        "实际使用经费 138.90 万元。招商经费项目成本控制偏差率",
        "47.39%。",                                  # a number at the start of a line, not item 47
    ], start=1))
    assert [(p.lines, p.text) for p in paragraphs(lines)] == [
        ((1, 3), "(1) 某专项预算安排 614 万元,实际资金到位及支出为 563.27 万元，实际与预算差异为 50.73 万元；"),
        ((5,), "(二) 主要经验, 存在的问题和改进措施"),
        ((7,), "1. 主要经验"),
        ((8, 9), "实际使用经费 138.90 万元。招商经费项目成本控制偏差率47.39%。"),
    ]
