"""From the last monitoring table to the year-end self-evaluation: the tree, targets and
weights carried over; a shortfall explained in monitoring carries its reason forward into
偏差原因分析及改进措施 (editable), and a target monitoring called certain that was missed
is a finding."""

from __future__ import annotations

from decimal import Decimal

from ..findings import Finding, make
from ..model import Evaluation, FundLine, Funds, FundSource, Indicator, Kind, Location, Value
from ..monitoring import MonitoredIndicator, MonitoringTable
from ..targets.history import compared, reverse
from ..targets.names import key


def carried_reason(indicator: MonitoredIndicator, table: MonitoringTable) -> str:
    """The reason a shortfall was given in monitoring, as the year-end table's starting text."""
    said = [part for part in (indicator.cause and f"原因类型：{indicator.cause}", indicator.explanation,
                              indicator.measure and f"纠偏措施：{indicator.measure}") if part]
    if not said:
        return ""
    return f"（{table.as_of.isoformat()}监控时说明）" + "；".join(said)


def evaluation_from_monitoring(table: MonitoringTable) -> Evaluation:
    lines = ()
    if table.budget is not None:
        lines = (FundLine(FundSource.TOTAL, initial_budget=table.budget, budget=table.budget),)
    return Evaluation(
        kind=Kind.PROJECT, project=table.project, unit=table.unit, department=table.department, year=table.year,
        funds=Funds(table.funds_unit, lines),
        indicators=tuple(
            Indicator(level1=i.level1, level2=i.level2, name=i.name, target=i.target, actual=Value(""),
                      weight=i.weight if i.weight is not None else Decimal(0), weight_given=i.weight is not None,
                      deviation_reason=carried_reason(i, table) if i.likelihood in ("有可能", "完全不可能") else "",
                      location=i.location)
            for i in table.indicators),
        profile=table.profile, location=table.location or Location())


def _missed(target: Value, actual: Value) -> bool | None:
    pair = compared(actual, target)
    if pair is not None:
        return pair[0] > pair[1] if reverse(target) else pair[0] < pair[1]
    if target.word is not None and actual.word is not None:
        return actual.word != target.word
    return None


def certain_but_missed(table: MonitoringTable, evaluation: Evaluation,
                       locations: list[Location | None] | None = None) -> list[Finding]:
    spots = locations or [i.location for i in evaluation.indicators]
    year_end = {key(i.name): (i, spot) for i, spot in zip(evaluation.indicators, spots)}
    found = []
    for monitored in table.indicators:
        if monitored.likelihood != "确定能":
            continue
        pair = year_end.get(key(monitored.name))
        if pair is None:
            continue
        indicator, spot = pair
        if _missed(indicator.target, indicator.actual):
            found.append(make("certain-but-missed", project=evaluation.project, indicator=indicator.name,
                              location=spot or Location(), as_of=table.as_of.isoformat(),
                              reported=indicator.actual.text, expected=indicator.target.text,
                              derivation=f"{table.as_of.isoformat()}监控表：截至目前{monitored.to_date.text or '未填'}，"
                                         f"全年预计{monitored.forecast.text or '未填'}，确定能完成"))
    return found


__all__ = ["carried_reason", "certain_but_missed", "evaluation_from_monitoring"]
