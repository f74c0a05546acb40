"""A target the last monitoring table of the year called certain (确定能) that the year-end
self-evaluation in the same package shows missed."""

from __future__ import annotations

from ...monitor.carry import certain_but_missed
from ...targets.history import same_project
from ..context import AuditContext
from ..registry import check
from .targets_changes import row_locations


@check("monitoring-outcome", "certain-but-missed")
def monitoring_outcome(context: AuditContext):
    tables = [d for d in context.documents if d.monitoring is not None]
    for table in context.tables:
        evaluation = table.evaluation
        mine = [d.monitoring for d in tables if d.monitoring.year == evaluation.year and same_project(
            d.monitoring.unit, d.monitoring.project, evaluation.unit or table.unit, evaluation.project)]
        if mine:
            last = max(mine, key=lambda m: m.as_of)
            yield from certain_but_missed(last, evaluation, row_locations(table))
