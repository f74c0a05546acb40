"""Warnings on monitoring tables (绩效运行监控, 双监控): one check per rule of
monitor/warnings.py, each with its catalog code; sources in targets/sources.py."""

from __future__ import annotations

from ...monitor import warnings as rules
from ..context import AuditContext
from ..registry import check


def _over_tables(rule):
    def run(context: AuditContext):
        for document in context.documents:
            if document.monitoring is not None:
                yield from rule(document.monitoring)

    return run


for _name, _rule, _code in (
    ("monitoring-schedule", rules.behind_schedule, "spending-behind-schedule"),
    ("monitoring-gap", rules.gap, "progress-gap"),
    ("monitoring-certain", rules.certain_but_impossible, "certain-but-impossible"),
    ("monitoring-forecast", rules.forecast_missing, "forecast-missing"),
    ("monitoring-shortfall", rules.shortfall_unexplained, "shortfall-unexplained"),
    ("monitoring-trend", rules.above_trend, "forecast-above-trend"),
):
    check(_name, _code)(_over_tables(_rule))
