"""The year-end score a monitoring table is heading for, under the project's profile.

Each indicator's year-end value is projected by the table's method — the unit's own forecast
(`unit`, when given; checked against the linear one by the warnings) or linear by time
elapsed (`linear`) — a word target by the unit's forecast word, else by its likelihood
(确定能 → the target word; 有可能 → the partial word; 完全不可能 → the negative word).
Spending is projected linearly. The projected evaluation is scored by the engine, so the
score comes with the engine's derivations."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..decimals import percent, plain, round2
from ..engine import score
from ..engine.result import EvaluationResult
from ..model import Evaluation, FundLine, Funds, FundSource, Indicator, Kind, Location, Value
from ..monitoring import MonitoredIndicator, MonitoringTable
from ..numbers import parse_value
from .progress import CUMULATIVE, RATE, linear_derivation, progress
from .schedule import elapsed

PARTIAL = {"及时": "基本及时", "达成": "部分达成", "完成": "基本完成", "满意": "基本满意"}
NEGATIVE = {"及时": "不及时", "达成": "未达成", "完成": "未完成", "具有": "不具有", "满意": "不满意", "是": "否",
            "有": "无"}


@dataclass(frozen=True)
class ProjectedIndicator:
    name: str
    target: str
    to_date: str
    projected: str                 # the year-end value used, '' when none could be projected
    method: str                    # how, in Chinese


@dataclass(frozen=True)
class Projection:
    table: MonitoringTable
    evaluation: Evaluation
    result: EvaluationResult
    indicators: tuple[ProjectedIndicator, ...]
    spending: str                  # how the year's spending was projected

    @property
    def total(self) -> Decimal:
        return self.result.total

    @property
    def grade(self) -> str:
        return self.result.grade


def _word(indicator: MonitoredIndicator) -> tuple[str, str]:
    if indicator.forecast.word is not None:
        return indicator.forecast.text, "单位填报的全年预计"
    target = indicator.target.word or ""
    if indicator.likelihood == "确定能":
        return indicator.target.text, "完成目标可能性为“确定能”，按达到目标计"
    if indicator.likelihood == "有可能":
        return PARTIAL.get(target, indicator.target.text), "完成目标可能性为“有可能”，按部分达到计"
    if indicator.likelihood == "完全不可能":
        return NEGATIVE.get(target, "未达成"), "完成目标可能性为“完全不可能”，按未达到计"
    if indicator.to_date.word is not None:
        return indicator.to_date.text, "未填全年预计与可能性，按目前情况计"
    return "", "未填全年预计、可能性或目前情况，无法推算"


def project_indicator(indicator: MonitoredIndicator, table: MonitoringTable) -> ProjectedIndicator:
    p = progress(indicator, table.as_of)
    if p.kind in (CUMULATIVE, RATE) and p.linear is not None:
        linear = p.shown(p.linear)
        if table.method == "unit" and not indicator.forecast.is_empty:
            value, method = indicator.forecast.text, f"单位填报的全年预计（线性推算为{linear}）"
        else:
            value, method = linear, linear_derivation(p, table.as_of)
    elif not indicator.forecast.is_empty:
        value, method = indicator.forecast.text, "单位填报的全年预计"
    else:
        value, method = _word(indicator)
    return ProjectedIndicator(indicator.name, indicator.target.text, indicator.to_date.text, value, method)


def projected_spending(table: MonitoringTable) -> tuple[Decimal | None, str]:
    if table.executed is None or table.budget is None:
        return None, "未填全年预算数或预算执行数，执行率无法推算"
    share = elapsed(table.as_of)
    value = round2(table.executed / share)
    return value, (f"{plain(table.executed)}{table.funds_unit.text}÷时间进度{percent(share)}"
                   f"={plain(value)}{table.funds_unit.text}（按时间进度线性推算）")


def project(table: MonitoringTable) -> Projection:
    indicators = tuple(project_indicator(i, table) for i in table.indicators)
    executed, how = projected_spending(table)
    lines = ()
    if table.budget is not None:
        lines = (FundLine(FundSource.TOTAL, initial_budget=table.budget, budget=table.budget, executed=executed,
                          location=table.budget_location),)
    evaluation = Evaluation(
        kind=Kind.PROJECT, project=table.project, unit=table.unit, department=table.department, year=table.year,
        funds=Funds(table.funds_unit, lines),
        indicators=tuple(
            Indicator(level1=i.level1, level2=i.level2, name=i.name, target=i.target,
                      actual=parse_value(projected.projected) if projected.projected else Value(""),
                      weight=i.weight if i.weight is not None else Decimal(0), weight_given=i.weight is not None,
                      location=i.location)
            for i, projected in zip(table.indicators, indicators)),
        profile=table.profile, location=table.location or Location())
    return Projection(table, evaluation, score(evaluation), indicators, how)


__all__ = ["NEGATIVE", "PARTIAL", "ProjectedIndicator", "Projection", "project", "project_indicator",
           "projected_spending"]
