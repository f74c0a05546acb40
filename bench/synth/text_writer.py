"""Write synthetic evaluations as extracted report text, in the seed's layout.

The seed (../shared/seed/*.txt) is text pulled from a PDF: each table row is one line of
tab-separated cells, merged cells come out empty, 一级/二级 are printed only where they change.
A package is one unit's report: a short narrative, each project's 项目支出绩效自评表 and, for
projects with stated 评分细则, the 评价报告's 绩效评价指标体系 table.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from jixiao.model import Evaluation, FundLine, FundSource, Indicator

from .draw import round2
from .values import number_text

TAB = "\t"
SOURCE_LABELS = {
    FundSource.TOTAL: "年度资金总额",
    FundSource.CURRENT: "其中：当年财政拨款",
    FundSource.CARRYOVER: "上年结转资金",
    FundSource.OTHER: "其他资金",
}


def _row(*cells: str) -> str:
    return TAB.join(cells)


def _amount(value: Decimal | None) -> str:
    return "" if value is None else f"{round2(value):,.2f}"


def _num(value: Decimal | None) -> str:
    return "" if value is None else number_text(value)


def _fund_row(source: FundSource, line: FundLine | None) -> str:
    label = SOURCE_LABELS[source]
    if line is None:
        return _row("", label, "", "", "", "—", "", "—", "")
    rate = "" if line.reported_rate is None else f"{round2(line.reported_rate * 100)}%"
    return _row(
        "",
        label,
        _amount(line.initial_budget),
        _amount(line.budget),
        _amount(line.executed),
        _num(line.reported_weight),
        rate,
        _num(line.reported_score),
        "",
    )


def _level1_label(evaluation: Evaluation, level1: str) -> str:
    weight = evaluation.declared_weight(level1)
    return f"{level1} ({number_text(weight)}分)" if weight is not None else level1


def _indicator_rows(evaluation: Evaluation) -> Iterable[str]:
    previous: Indicator | None = None
    for indicator in evaluation.indicators:
        new_level1 = previous is None or previous.level1 != indicator.level1
        new_level2 = new_level1 or previous.level2 != indicator.level2
        yield _row(
            "",
            _level1_label(evaluation, indicator.level1) if new_level1 else "",
            indicator.level2 if new_level2 else "",
            indicator.name,
            indicator.target.text,
            indicator.actual.text,
            _num(indicator.weight),
            _num(indicator.reported_score),
            indicator.deviation_reason,
        )
        previous = indicator


def table_lines(evaluation: Evaluation) -> list[str]:
    """The 项目支出绩效自评表 of one project, line by line."""
    funds = evaluation.funds
    lines = [
        "项目支出绩效自评表",
        "",
        f"({evaluation.year}年度)",
        "",
        _row("项目名称", "", evaluation.project, "", "", "", "", "", ""),
        _row("主管部门", "", evaluation.department, "实施单位", "", evaluation.unit, "", "", ""),
        _row(f"项目资金 ({funds.unit.text})", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分", ""),
    ]
    lines += [_fund_row(source, funds.line(source)) for source in SOURCE_LABELS]
    lines.append(_row("年度总体目标", "预期目标", "", "", "实际完成情况", "", "", "", ""))
    for goal in evaluation.goals:
        lines.append(_row("", goal.expected, "", "", goal.actual, "", "", "", ""))
    lines.append(
        _row("绩效目标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    )
    lines += _indicator_rows(evaluation)
    total = _num(evaluation.reported_total)
    lines.append(_row("总分", "", "", "", "", "", "100", total, ""))
    return lines


def rules_table_lines(evaluation: Evaluation) -> list[str]:
    """The 评价报告's 绩效评价指标体系 table: the stated 评分细则 of each indicator."""
    lines = [
        "项目支出绩效评价报告",
        "",
        f"({evaluation.year} 年度)",
        "",
        f"项目名称： {evaluation.project}",
        "",
        f"项目单位： {evaluation.unit}",
        "",
        f"主管部门： {evaluation.department}",
        "",
        "一、基本情况",
        "",
        f"{evaluation.project}为常年性项目，资金均为财政拨款。",
        "",
        "二、绩效评价工作开展情况",
        "",
        "1.绩效评价指标体系",
        "",
        (
            "项目的绩效评价体系框架包括一级指标、二级指标、三级指标、年度指标值、评分细则，总分为 90 分，"
            "另项目资金执行率为 10 分，总体绩效评价体系为 100 分。绩效评价指标体系详见下表："
        ),
        "",
        _row("一级指标", "二级指标", "三级指标", "年度指标值", "分值", "评分细则"),
    ]
    previous: Indicator | None = None
    for indicator in evaluation.indicators:
        new_level1 = previous is None or previous.level1 != indicator.level1
        new_level2 = new_level1 or previous.level2 != indicator.level2
        lines.append(
            _row(
                _level1_label(evaluation, indicator.level1) if new_level1 else "",
                indicator.level2 if new_level2 else "",
                indicator.name,
                indicator.target.text,
                _num(indicator.weight),
                indicator.rule.text if indicator.rule is not None else "",
            )
        )
        previous = indicator
    return lines


def package_text(unit: str, year: int | None, evaluations: list[Evaluation]) -> str:
    """One unit's report package: narrative, every 自评表, then the 评价报告 of projects with 评分细则."""
    lines = [
        f"{unit}{year}年度部门决算项目支出绩效自评报告",
        "",
        "一、部门基本情况",
        "",
        f"{unit}主要负责辖区内日常综合管理、安全生产、招商引资和公共服务等工作。",
        "",
        "二、项目支出绩效自评情况",
        "",
        f"本年度共对{len(evaluations)}个项目开展绩效自评，自评表如下。",
        "",
    ]
    for evaluation in evaluations:
        lines += table_lines(evaluation) + [""]
    for evaluation in evaluations:
        if any(i.rule is not None and i.rule.text for i in evaluation.indicators):
            lines += rules_table_lines(evaluation) + [""]
    return "\n".join(lines) + "\n"
