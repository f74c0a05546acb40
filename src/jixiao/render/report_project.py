"""A project's 项目支出绩效自评报告 in the structure real ones use (the seed's 评价报告):
一、基本情况（项目概况, 项目绩效目标）; 二、工作开展情况; 三、综合评价情况及评价结论;
四、绩效指标分析（by 一级指标）; 五、主要经验及做法、存在的问题及原因分析; 六、改进措施和有关建议.

Every number and every sentence that states one is made from the evaluation and its recomputed
result (the same figures the appended 自评表 prints), so the report agrees with itself and
with its form. What only the unit can write (概况, 工作开展情况, 经验, 问题, 改进措施, 建议,
each indicator's 偏差原因) is the unit's own text; a section it has not written is shown empty
with a prompt naming the data it should discuss."""

from __future__ import annotations

from decimal import Decimal

from ..engine.result import EvaluationResult, IndicatorResult
from ..prose import Prose
from .official_text import clause, ended, money, numbered, official, points, rate, sentence, total
from .report_blocks import (
    Block,
    Chart,
    Heading,
    Paragraph,
    Table,
    execution_row,
    funds_rows,
    lost_points,
    prompt,
)

# The 综合评分结果 labels and analysis headings the seed's reports use, by 一级指标.
RESULT_LABELS = {"产出指标": "项目产出", "效益指标": "项目效益", "满意度指标": "项目满意度"}
SECTION_TITLES = {"产出指标": "项目产出情况", "效益指标": "项目效益情况", "满意度指标": "项目满意度情况"}


def levels(result: EvaluationResult) -> list[str]:
    """一级指标 in the order the table lists them."""
    names: list[str] = []
    for item in result.indicators:
        if item.indicator.level1 not in names:
            names.append(item.indicator.level1)
    return names


def shortfall_hints(result: EvaluationResult, unit: str) -> list[str]:
    """The data a 存在的问题 section should discuss: execution below its budget, indicators
    that lost points."""
    hints = []
    total = result.execution.lines[0].line if result.execution.lines else None
    if result.execution.rate is not None and result.execution.rate < 1 and total is not None \
            and total.budget is not None and total.executed is not None:
        hints.append(f"预算执行率{rate(result.execution.rate)}，未执行{money(total.budget - total.executed, unit)}")
    lost = [f"{clause(i.indicator.name)}（得{points(i.counted)}分，分值{points(i.indicator.weight)}分）"
            for i in result.indicators if lost_points(i)]
    if lost:
        hints.append("失分指标：" + "、".join(lost))
    return hints


def indicator_statement(item: IndicatorResult) -> str:
    ind = item.indicator
    return sentence(f"指标目标值{clause(ind.target.text) or '未填写'}", f"设定分值{points(ind.weight)}分",
                    f"实际完成值{clause(ind.actual.text) or '未填写'}", f"得{points(item.counted)}分")


class ProjectReport:
    def __init__(self, result: EvaluationResult):
        self.result = result
        self.evaluation = result.evaluation
        self.prose = self.evaluation.prose or Prose()
        self.unit = self.evaluation.funds.unit.text or "元"
        self.blocks: list[Block] = []

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(block for block in blocks if not (isinstance(block, Paragraph) and not block.text))

    def own_text(self, key: str, title: str, hints: list[str] | None = None) -> None:
        paragraphs = self.prose.paragraphs(key)
        if not paragraphs:
            self.add(prompt(title, hints))
        for number, text in enumerate(paragraphs, start=1):
            self.add(Paragraph(f"{numbered(number)}{ended(text)}" if len(paragraphs) > 1 else ended(text)))

    def build(self) -> list[Block]:
        ev = self.evaluation
        self.add(Heading(official(ev.project), 0), Heading("项目支出绩效自评报告", 0))
        if ev.year:
            self.add(Paragraph(f"（{ev.year}年度）", "center"))
        for label, value in (("项目名称", ev.project), ("项目单位", ev.unit), ("主管部门", ev.department)):
            if value:
                self.add(Paragraph(f"{label}：{official(value)}", "center"))
        self.basics()
        self.work()
        self.conclusion()
        self.analysis()
        self.experience()
        self.suggestions()
        return self.blocks

    # 一、基本情况 -----------------------------------------------------------------------
    def basics(self) -> None:
        ev, result = self.evaluation, self.result
        self.add(Heading("一、基本情况", 1), Heading("（一）项目概况", 2))
        self.own_text("overview", "项目概况（项目的主要内容、资金用途、实施单位）")
        total = result.execution.lines[0].line if result.execution.lines else None
        if total is not None and total.budget is not None:
            # The budget the profile divides by is named last: a reader relates the spending (and
            # the 执行率) to the last budget a sentence names.
            budgets = [("全年预算数", total.budget)]
            if total.initial_budget is not None and total.initial_budget != total.budget:
                initial = ("年初预算数", total.initial_budget)
                by_initial = result.execution.lines[0].denominator == total.initial_budget
                budgets = budgets + [initial] if by_initial else [initial] + budgets
            parts = [f"{'本项目' if index == 0 else ''}{label}为{money(value, self.unit)}"
                     for index, (label, value) in enumerate(budgets)]
            if total.executed is not None:
                parts.append(f"实际支出为{money(total.executed, self.unit)}")
                parts.append(f"预算执行率为{rate(result.execution.rate)}")
            self.add(Paragraph(sentence(*parts)))
            rows, chart = funds_rows(result, "")
            self.add(Table(("资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率"), tuple(rows),
                           caption=f"表1 项目资金情况（单位：{self.unit}）", widths=(3.6, 2.8, 2.8, 2.8, 2.4)),
                     Chart("funds", "图1 各资金来源预算数与执行数", tuple(chart)))
        else:
            self.add(prompt("项目资金（全年预算数、全年执行数）"))
        self.add(Heading("（二）项目绩效目标", 2))
        goals = [goal for goal in ev.goals if goal.expected]
        if goals:
            self.add(Paragraph(f"1.年度总体目标：{ended(goals[0].expected)}"))
            for goal in goals[1:]:
                self.add(Paragraph(ended(goal.expected)))
        else:
            self.add(prompt("年度总体目标"))
        if ev.indicators:
            self.add(Paragraph(f"{2 if goals else 1}.年度目标"))
            for indicator in ev.indicators:
                self.add(Paragraph(f"{clause(indicator.name)}：{clause(indicator.target.text) or '未设定'}"))

    # 二、工作开展情况 -------------------------------------------------------------------
    def work(self) -> None:
        self.add(Heading("二、工作开展情况", 1))
        actual = [goal.actual for goal in self.evaluation.goals if goal.actual]
        if actual:
            self.add(Paragraph(sentence("年度总体目标完成情况：" + clause(actual[0]))))
        self.own_text("work", "工作开展情况（组织实施、资金管理、自评过程）")

    # 三、综合评价情况及评价结论 -----------------------------------------------------------
    def conclusion(self) -> None:
        result = self.result
        self.add(Heading("三、综合评价情况及评价结论", 1), Heading("（一）综合评分结果", 2))
        rows = [execution_row(result, "项目执行")]
        chart = [("项目执行", result.execution.weight, result.execution.score)]
        for level in levels(result):
            subtotal = result.subtotal(level)
            if subtotal is None:
                continue
            label = RESULT_LABELS.get(level, level)
            rows.append((label, points(subtotal.weight), points(subtotal.score), rate(subtotal.rate), subtotal.grade))
            chart.append((label, subtotal.weight, subtotal.score))
        weight = result.execution.weight + sum((i.indicator.weight for i in result.indicators), Decimal(0))
        rows.append(("综合绩效", points(weight), total(result.total), rate(result.total / weight if weight else None),
                     result.grade))
        self.add(Table(("评价指标", "评级分值", "项目得分", "得分率", "评价等级"), tuple(rows),
                       caption="表2 综合评分结果", widths=(4.4, 2.6, 2.6, 2.6, 2.6)),
                 Chart("levels", "图2 各级指标分值与得分", tuple(chart)))
        self.add(Heading("（二）综合评价结论", 2))
        self.add(Paragraph(f"本项目绩效自评综合评分为{total(result.total)}分，综合评价级别为“{result.grade}”。"
                           f"其中预算执行率{rate(result.execution.rate)}，得{points(result.execution.score)}分"
                           f"（分值{points(result.execution.weight)}分）。评分规则：{result.profile.title}。"))

    # 四、绩效指标分析 ------------------------------------------------------------------
    def analysis(self) -> None:
        result = self.result
        self.add(Heading("四、绩效指标分析", 1))
        for index, level in enumerate(levels(result), start=1):
            items = [i for i in result.indicators if i.indicator.level1 == level]
            subtotal = result.subtotal(level)
            self.add(Heading(f"{numbered(index, 'chinese-paren')}{SECTION_TITLES.get(level, level + '情况')}", 2))
            if subtotal is not None and level in SECTION_TITLES:
                self.add(Paragraph(f"本项指标总分值{points(subtotal.weight)}分，综合得分{points(subtotal.score)}分，"
                                   f"得分率{rate(subtotal.rate)}，评价等级为“{subtotal.grade}”。"))
            elif subtotal is not None:
                self.add(Paragraph(f"{official(level)}共{len(items)}项指标，合计{points(subtotal.weight)}分，"
                                   f"得{points(subtotal.score)}分，得分率{rate(subtotal.rate)}。"))
            for number, item in enumerate(items, start=1):
                self.add(Paragraph(f"{numbered(number, 'paren')}{clause(item.indicator.name)}"),
                         Paragraph(indicator_statement(item)))
                if lost_points(item):
                    reason = item.indicator.deviation_reason
                    if reason:
                        self.add(Paragraph(f"偏差原因：{ended(reason)}"))
                    else:
                        self.add(prompt(f"“{clause(item.indicator.name)}”的偏差原因及改进措施"))

    # 五、经验与问题 ---------------------------------------------------------------------
    def experience(self) -> None:
        self.add(Heading("五、主要经验及做法、存在的问题及原因分析", 1), Heading("（一）主要经验及做法", 2))
        self.own_text("experience", "主要经验及做法")
        self.add(Heading("（二）存在的问题及原因分析", 2))
        self.own_text("problems", "存在的问题及原因", shortfall_hints(self.result, self.unit))

    # 六、改进措施和建议 ------------------------------------------------------------------
    def suggestions(self) -> None:
        self.add(Heading("六、改进措施和有关建议", 1), Heading("（一）下一步改进措施", 2))
        self.own_text("measures", "下一步改进措施", shortfall_hints(self.result, self.unit))
        self.add(Heading("（二）有关建议", 2))
        self.own_text("suggestions", "有关建议")


def build_project_report(result: EvaluationResult) -> list[Block]:
    return ProjectReport(result).build()


__all__ = ["build_project_report", "indicator_statement", "levels", "shortfall_hints"]
