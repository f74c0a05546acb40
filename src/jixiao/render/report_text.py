"""The 自评报告 as content blocks (headings, paragraphs, tables, charts), independent of
Word: the docx writer lays them out, tests read them directly.

The outline follows the seed's reports: 基本情况; 绩效目标; 资金执行; 指标完成情况 (per
goal, or per 一级指标); 自评结论 with the score table and grade; 存在的问题 and 改进措施.
Every sentence is assembled from the evaluation, the recomputed result and the audit's
findings; nothing is written that the data does not state. Where the data is silent the
report says so (“未填写偏差原因”) rather than filling the gap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from ..decimals import amount, percent, short
from ..engine.result import EvaluationResult, IndicatorResult
from ..model import FundSource, Kind
from .finding_rows import FindingRow, finding_rows

CN_NUMBERS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 title, 1 一、, 2 （一）


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: str = "body"  # body | center | note


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""
    widths: tuple[float, ...] = ()  # cm; empty = even


@dataclass(frozen=True)
class Chart:
    kind: str  # 'levels' (scores by level) | 'funds' (execution by source)
    caption: str
    data: tuple[tuple[str, Decimal, Decimal], ...] = field(default_factory=tuple)  # label, full, actual


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | Chart | PageBreak


def _n(value: Decimal | None) -> str:
    return "—" if value is None else short(value)


def _pct(value: Decimal | None) -> str:
    return "—" if value is None else percent(value)


def _section(index: int) -> str:
    return CN_NUMBERS[index - 1] if index <= len(CN_NUMBERS) else str(index)


def _levels(result: EvaluationResult) -> list[tuple[str, ...]]:
    """一级 keys in the order the table lists them (a department's per-goal keys excluded)."""
    keys: list[tuple[str, ...]] = []
    for item in result.indicators:
        key = (item.indicator.level1,)
        if key not in keys:
            keys.append(key)
    return keys


def _lost_points(item: IndicatorResult) -> bool:
    return item.counted < item.indicator.weight


class _Report:
    def __init__(self, result: EvaluationResult, findings: list[FindingRow]):
        self.result = result
        self.evaluation = result.evaluation
        self.findings = findings
        self.blocks: list[Block] = []
        self.unit = self.evaluation.funds.unit.text or "元"

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def build(self) -> list[Block]:
        ev = self.evaluation
        kind = "部门整体支出" if ev.kind == Kind.DEPARTMENT else "项目支出"
        self.add(Heading(f"{ev.project}", 0), Heading(f"{kind}绩效自评报告", 0))
        if ev.year:
            self.add(Paragraph(f"（{ev.year}年度）", "center"))
        for label, value in (("实施单位", ev.unit), ("主管部门", ev.department)):
            if value:
                self.add(Paragraph(f"{label}：{value}", "center"))
        self.basics(1)
        self.execution(2)
        self.indicators(3)
        self.conclusion(4)
        self.problems(5)
        return self.blocks

    # 一、基本情况 -----------------------------------------------------------------------
    def basics(self, n: int) -> None:
        ev = self.evaluation
        self.add(Heading(f"{_section(n)}、基本情况", 1), Heading("（一）项目概况", 2))
        who = [f"{ev.project}由{ev.unit}实施" if ev.unit else f"{ev.project}"]
        if ev.department:
            who.append(f"主管部门为{ev.department}")
        total = self.result.execution.lines[0].line if self.result.execution.lines else None
        if total is not None and total.budget is not None:
            who.append(f"{ev.year or '本'}年度全年预算数{amount(total.budget)}{self.unit}")
            if total.initial_budget is not None:
                who.append(f"年初预算数{amount(total.initial_budget)}{self.unit}")
        self.add(Paragraph("，".join(who) + "。"))
        self.add(Heading("（二）绩效目标", 2))
        if not ev.goals:
            self.add(Paragraph("自评表未填写年度总体目标。"))
        for number, goal in enumerate(ev.goals, start=1):
            prefix = f"目标{number}：" if len(ev.goals) > 1 else "年度总体目标："
            self.add(Paragraph(prefix + (goal.expected or "未填写")))
        if ev.indicators:
            self.add(Paragraph(f"年度绩效指标共{len(ev.indicators)}项，各项年度指标值见下表。"))
            self.add(Table(
                ("一级指标", "二级指标", "三级指标", "年度指标值", "分值"),
                tuple((i.level1, i.level2, i.name, i.target.text or "—", _n(i.weight)) for i in ev.indicators),
                caption="表1 年度绩效指标",
                widths=(2.4, 2.8, 4.4, 4.4, 1.6),
            ))

    # 二、资金执行 -----------------------------------------------------------------------
    def execution(self, n: int) -> None:
        execution = self.result.execution
        self.add(Heading(f"{_section(n)}、资金执行情况", 1))
        if not execution.lines:
            self.add(Paragraph(f"自评表未填写项目资金，预算执行率得{_n(execution.score)}分（分值{_n(execution.weight)}分）。"))
            return
        rows = []
        chart = []
        for line_result in execution.lines:
            line = line_result.line
            if line.budget is None and line.executed is None:
                continue
            rows.append((line.source.value, _amount(line.initial_budget), _amount(line.budget),
                         _amount(line.executed), _pct(line_result.rate), _n(line_result.weight),
                         _n(line_result.score)))
            if line.source != FundSource.TOTAL and line.budget is not None:
                chart.append((line.source.value, line.budget, line.executed or Decimal(0)))
        total = execution.lines[0].line
        sentence = (f"全年预算数{_amount(total.budget)}{self.unit}，全年执行数{_amount(total.executed)}{self.unit}，"
                    f"预算执行率{_pct(execution.rate)}，得{_n(execution.score)}分（分值{_n(execution.weight)}分）。")
        self.add(Paragraph(sentence), Paragraph(f"计算过程：{execution.derivation}。", "note"))
        if total.budget is not None and total.executed is not None and total.executed < total.budget:
            self.add(Paragraph(f"未执行资金{amount(total.budget - total.executed)}{self.unit}。"))
        self.add(Table(("资金来源", "年初预算数", "全年预算数", "全年执行数", "执行率", "分值", "得分"),
                       tuple(rows), caption=f"表2 项目资金执行情况（单位：{self.unit}）",
                       widths=(3.2, 2.4, 2.4, 2.4, 2.0, 1.6, 1.6)))
        if not chart and total.budget is not None:
            chart.append((total.source.value, total.budget, total.executed or Decimal(0)))
        self.add(Chart("funds", "图1 各资金来源预算数与执行数", tuple(chart)))

    # 三、指标完成情况 -------------------------------------------------------------------
    def indicators(self, n: int) -> None:
        ev = self.evaluation
        self.add(Heading(f"{_section(n)}、绩效指标完成情况", 1))
        if not self.result.indicators:
            self.add(Paragraph("自评表未填写绩效指标。"))
            return
        if ev.kind == Kind.DEPARTMENT and ev.goals:
            for number, goal in enumerate(ev.goals, start=1):
                items = [i for i in self.result.indicators if i.indicator.goal == number]
                self.add(Heading(f"（{_section(number)}）目标{number}：{goal.expected}", 2))
                if goal.actual:
                    self.add(Paragraph(f"实际完成情况：{goal.actual}"))
                subtotal = self.result.subtotal(f"目标{number}")
                if subtotal is not None:
                    self.add(Paragraph(f"本目标指标分值{_n(subtotal.weight)}分，得{_n(subtotal.score)}分，"
                                       f"得分率{_pct(subtotal.rate)}。"))
                self.indicator_items(items)
            return
        if ev.goals and ev.goals[0].actual:
            self.add(Paragraph(f"年度总体目标实际完成情况：{ev.goals[0].actual}"))
        for index, key in enumerate(_levels(self.result), start=1):
            items = [i for i in self.result.indicators if (i.indicator.level1,) == key]
            subtotal = self.result.subtotal(*key)
            self.add(Heading(f"（{_section(index)}）{key[0]}", 2))
            if subtotal is not None:
                self.add(Paragraph(f"本项指标分值{_n(subtotal.weight)}分，得{_n(subtotal.score)}分，"
                                   f"得分率{_pct(subtotal.rate)}，评价等级为“{subtotal.grade}”。"))
            self.indicator_items(items)

    def indicator_items(self, items: Sequence[IndicatorResult]) -> None:
        for number, item in enumerate(items, start=1):
            ind, outcome = item.indicator, item.outcome
            text = (f"{number}. {ind.name}：年度指标值{ind.target.text or '未填写'}，"
                    f"实际完成值{ind.actual.text or '未填写'}，分值{_n(ind.weight)}分，得{_n(item.counted)}分。")
            self.add(Paragraph(text))
            if outcome.derivation:
                self.add(Paragraph(f"计算过程：{outcome.derivation}", "note"))
            if outcome.problem:
                self.add(Paragraph(f"说明：{outcome.problem.message}", "note"))
            if ind.reported_score is not None and ind.reported_score != item.counted:
                self.add(Paragraph(f"自评表填报得分{_n(ind.reported_score)}分，与重算得分{_n(item.counted)}分不一致。", "note"))
            if _lost_points(item):
                reason = ind.deviation_reason or "自评表未填写偏差原因。"
                self.add(Paragraph(f"偏差原因：{reason}", "note"))
        self.add(Table(
            ("二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"),
            tuple((i.indicator.level2, i.indicator.name, i.indicator.target.text or "—", i.indicator.actual.text or "—",
                   _n(i.indicator.weight), _n(i.counted), i.indicator.deviation_reason) for i in items),
            widths=(2.2, 3.2, 2.6, 2.6, 1.2, 1.2, 3.8),
        ))

    # 四、自评结论 -----------------------------------------------------------------------
    def conclusion(self, n: int) -> None:
        result, ev = self.result, self.evaluation
        self.add(Heading(f"{_section(n)}、自评结论", 1))
        rows = [("预算执行率", _n(result.execution.weight), _n(result.execution.score),
                 _pct(result.execution.score / result.execution.weight if result.execution.weight else None),
                 _grade_of(result.execution.score, result.execution.weight))]
        chart = [("预算执行率", result.execution.weight, result.execution.score)]
        if ev.kind == Kind.DEPARTMENT and ev.goals:
            keys = [(f"目标{i}", level) for i in range(1, len(ev.goals) + 1) for level in _level_names(result)]
        else:
            keys = _levels(result)
        for key in keys:
            subtotal = result.subtotal(*key)
            if subtotal is None:
                continue
            label = "".join(key) if len(key) == 1 else f"{key[0]}{key[1]}"
            rows.append((label, _n(subtotal.weight), _n(subtotal.score), _pct(subtotal.rate), subtotal.grade))
            chart.append((label, subtotal.weight, subtotal.score))
        weight = result.execution.weight + sum((i.indicator.weight for i in result.indicators), Decimal(0))
        rows.append(("综合绩效", _n(weight), _n(result.total), _pct(result.total / weight if weight else None),
                     result.grade))
        self.add(Paragraph(f"按评分规则（{result.profile.title}）重算，综合得分{_n(result.total)}分，"
                           f"评价等级为“{result.grade}”。"))
        if ev.reported_total is not None and ev.reported_total != result.total:
            self.add(Paragraph(f"自评表填报总分{_n(ev.reported_total)}分，与重算总分相差"
                               f"{_n(ev.reported_total - result.total)}分。"))
        elif ev.reported_total is not None:
            self.add(Paragraph(f"自评表填报总分{_n(ev.reported_total)}分，与重算总分一致。"))
        self.add(Table(("评价指标", "分值", "得分", "得分率", "评价等级"), tuple(rows), caption="表3 综合评分结果",
                       widths=(5.0, 2.4, 2.4, 2.4, 2.4)))
        self.add(Chart("levels", "图2 各级指标分值与得分", tuple(chart)))

    # 五、存在的问题和改进措施 -----------------------------------------------------------
    def problems(self, n: int) -> None:
        result = self.result
        self.add(Heading(f"{_section(n)}、存在的问题和改进措施", 1), Heading("（一）存在的问题", 2))
        issues: list[str] = []
        measures: list[str] = []
        execution = result.execution
        if execution.rate is not None and execution.rate < 1:
            issues.append(f"预算执行率{_pct(execution.rate)}，未全部执行，执行率得分{_n(execution.score)}分"
                          f"（分值{_n(execution.weight)}分）。")
        for item in result.indicators:
            if not _lost_points(item):
                continue
            ind = item.indicator
            issues.append(f"“{ind.name}”年度指标值{ind.target.text or '未填写'}，实际完成值{ind.actual.text or '未填写'}，"
                          f"得{_n(item.counted)}分（分值{_n(ind.weight)}分）。")
            if ind.deviation_reason:
                measures.append(f"{ind.name}：{ind.deviation_reason}")
            else:
                measures.append(f"补填“{ind.name}”的偏差原因分析及改进措施。")
        for row in self.findings:
            if row.project and row.project != self.evaluation.project:
                continue
            where = f"（{row.location}）" if row.location else ""
            issues.append(f"审核发现[{row.severity_name}]{row.message}{where}")
            measures.append(f"核对并更正：{row.message}")
        if not issues:
            self.add(Paragraph("各项指标均得满分，预算全部执行，审核未发现问题。"))
        for number, text in enumerate(issues, start=1):
            self.add(Paragraph(f"{number}. {text}"))
        self.add(Heading("（二）改进措施", 2))
        if not measures:
            self.add(Paragraph("自评表未列出需要改进的事项。"))
        for number, text in enumerate(measures, start=1):
            self.add(Paragraph(f"{number}. {text}"))


def _amount(value: Decimal | None) -> str:
    return "—" if value is None else amount(value)


def _grade_of(score: Decimal, weight: Decimal) -> str:
    from ..engine.grade import grade_rate

    return grade_rate(score / weight) if weight else "—"


def _level_names(result: EvaluationResult) -> list[str]:
    return [key[0] for key in _levels(result)]


def build_report(result: EvaluationResult, findings: Iterable[object] = ()) -> list[Block]:
    return _Report(result, finding_rows(findings)).build()


def build_reports(results: Sequence[EvaluationResult], findings: Iterable[object] = ()) -> list[Block]:
    """Several evaluations (a department's package) in one document, a page each."""
    rows = list(findings)
    blocks: list[Block] = []
    for index, result in enumerate(results):
        if index:
            blocks.append(PageBreak())
        blocks.extend(build_report(result, rows))
    return blocks
