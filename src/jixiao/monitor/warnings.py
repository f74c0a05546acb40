"""The warnings a monitoring table earns, one function per catalog code. Each says what would
have to happen for the year's target to be met: the monthly spending or output still needed.

Severity follows the light: a red light is an error, a yellow one a warning."""

from __future__ import annotations

from decimal import Decimal

from ..catalog import ERROR, WARNING
from ..decimals import percent, plain, round2, short
from ..findings import Finding, make
from ..model import Location
from ..monitoring import MonitoringTable
from ..numbers import to_common
from ..targets.history import amount, reverse
from .progress import CUMULATIVE, OPTIMISM, linear_derivation, needed, progress, spending, spending_needed, \
    target_progress
from .schedule import due, get_schedule

HUNDRED = Decimal(100)
SHORTFALL = ("有可能", "完全不可能")


def _as_of(table: MonitoringTable) -> str:
    return f"{table.as_of.year}年{table.as_of.month}月{table.as_of.day}日"


def _spending_location(table: MonitoringTable) -> Location:
    return table.executed_location or table.location or Location()


def behind_schedule(table: MonitoringTable) -> list[Finding]:
    figures = spending(table)
    if figures is None:
        return []
    rate, share = figures
    schedule = get_schedule(table.schedule)
    if schedule.kind == "ratio":
        value = rate / share * HUNDRED
        if value >= schedule.yellow:
            return []
        light, severity = ("红灯", ERROR) if value < schedule.red else ("黄灯", WARNING)
        expected = f"时间进度为{percent(share)}，执行进度只及时间进度的{short(round2(value))}%（{light}）"
        derivation = (f"{plain(table.executed)}/{plain(table.budget)}{table.funds_unit.text}={percent(rate)}，"
                      f"{percent(rate)}÷{percent(share)}×100={short(round2(value))}，"
                      f"低于{short(schedule.red if severity == ERROR else schedule.yellow)}为{light}；{schedule.title}")
    else:
        line = due(schedule, table.as_of)
        if line is None or rate >= line[1]:
            return []
        when, required = line
        severity = ERROR
        expected = f"低于{when.month}月末应达到的{percent(required)}（红灯）"
        derivation = (f"{plain(table.executed)}/{plain(table.budget)}{table.funds_unit.text}={percent(rate)}"
                      f"<{percent(required)}；{schedule.title}")
    return [make("spending-behind-schedule", project=table.project, location=_spending_location(table),
                 severity=severity, as_of=_as_of(table), reported=percent(rate), expected=expected,
                 derivation=derivation, needed=spending_needed(table))]


def gap(table: MonitoringTable) -> list[Finding]:
    figures, targets = spending(table), target_progress(table)
    if figures is None or targets is None:
        return []
    rate = figures[0]
    value, how = targets
    points = (value - rate) * HUNDRED
    if abs(points) <= table.gap:
        return []
    ahead = "目标进度快于支出进度" if points > 0 else "支出进度快于目标进度"
    return [make("progress-gap", project=table.project, location=_spending_location(table), as_of=_as_of(table),
                 reported=percent(value), expected=percent(rate), gap=short(round2(abs(points))),
                 limit=short(table.gap), derivation=f"{how}；预算执行率{percent(rate)}；{ahead}")]


def certain_but_impossible(table: MonitoringTable) -> list[Finding]:
    found = []
    for indicator in table.indicators:
        if indicator.likelihood != "确定能":
            continue
        p = progress(indicator, table.as_of)
        if p.kind != CUMULATIVE or p.met_linear is not False:
            continue
        found.append(make("certain-but-impossible", project=table.project, indicator=indicator.name,
                          location=indicator.location or Location(), as_of=_as_of(table),
                          reported=indicator.to_date.text, expected=p.shown(p.linear),
                          derivation=f"{linear_derivation(p, table.as_of)}，目标{indicator.target.text}",
                          needed=needed(p, table.as_of)))
    return found


def forecast_missing(table: MonitoringTable) -> list[Finding]:
    found = []
    for indicator in table.indicators:
        missing = []
        if indicator.forecast.is_empty:
            missing.append("全年预计完成值")
        if not indicator.likelihood:
            missing.append("完成目标可能性")
        if missing:
            found.append(make("forecast-missing", project=table.project, indicator=indicator.name,
                              location=indicator.location or Location(), field="和".join(missing),
                              reported="、".join(missing)))
    return found


def _forecast_short(indicator) -> str | None:
    """Why the unit's own forecast says the target will be missed, or None."""
    target, forecast = amount(indicator.target), amount(indicator.forecast)
    if target is not None and forecast is not None:
        pair = to_common(forecast, target)
        if pair is not None and (pair[0] > pair[1] if reverse(indicator.target) else pair[0] < pair[1]):
            return f"全年预计{indicator.forecast.text}，目标{indicator.target.text}"
    if indicator.likelihood in SHORTFALL:
        return f"完成目标可能性为“{indicator.likelihood}”"
    return None


def shortfall_unexplained(table: MonitoringTable) -> list[Finding]:
    found = []
    for indicator in table.indicators:
        why = _forecast_short(indicator)
        if why is None:
            continue
        missing = [label for label, value in (("偏差原因类型", indicator.cause), ("原因说明", indicator.explanation),
                                              ("纠偏措施", indicator.measure)) if not value.strip()]
        if missing:
            found.append(make("shortfall-unexplained", project=table.project, indicator=indicator.name,
                              location=indicator.location or Location(), derivation=why, field="、".join(missing),
                              reported="、".join(missing)))
    return found


def above_trend(table: MonitoringTable) -> list[Finding]:
    found = []
    for indicator in table.indicators:
        p = progress(indicator, table.as_of)
        forecast = amount(indicator.forecast)
        if p.kind != CUMULATIVE or forecast is None or p.linear is None or reverse(indicator.target):
            continue
        pair = to_common(forecast, p.like)
        if pair is None or pair[0] <= p.linear * OPTIMISM:
            continue
        above = f"预计值超过推算值{percent(pair[0] / p.linear - 1)}" if p.linear > 0 else "目前尚无完成量"
        found.append(make("forecast-above-trend", project=table.project, indicator=indicator.name,
                          location=indicator.location or Location(), reported=indicator.forecast.text,
                          expected=p.shown(p.linear), derivation=f"{linear_derivation(p, table.as_of)}；{above}"))
    return found


WARNINGS = (behind_schedule, gap, certain_but_impossible, forecast_missing, shortfall_unexplained, above_trend)
MONITORING_CODES = ("spending-behind-schedule", "progress-gap", "certain-but-impossible", "forecast-missing",
                    "shortfall-unexplained", "forecast-above-trend")


def warnings(table: MonitoringTable) -> list[Finding]:
    return [finding for rule in WARNINGS for finding in rule(table)]


__all__ = ["MONITORING_CODES", "WARNINGS", "warnings"]
