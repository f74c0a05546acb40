"""What the project page shows of the project's other documents: the declaration its targets
and weights are held to (the lock, what differs from it, the approved adjustments), and each
indicator's history across the stored years as a small chart beside its name."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g
from markupsafe import Markup

from ..findings import Finding, InputError
from ..store import models as m
from ..store.plans import TargetLock, declaration_changes, project_history, target_lock
from .routes.targets import chart_of


@dataclass
class Held:
    lock: TargetLock | None = None
    locked: set[int] = field(default_factory=set)          # ids of the indicators held to it
    changes: list[Finding] = field(default_factory=list)   # what differs from it without approval
    charts: dict[int, Markup] = field(default_factory=dict)  # indicator id → its history chart


def held(project: m.Project, evaluation) -> Held:
    """`evaluation`: the project as scored (None when it could not be read)."""
    found = Held()
    found.lock = target_lock(g.db, project)
    if found.lock is not None:
        found.locked = {ind.id for ind in project.indicators if found.lock.declared(ind.name) is not None}
        if evaluation is not None:
            found.changes = declaration_changes(found.lock, evaluation)
    try:
        report = project_history(g.db, g.user, project.unit_id, project.name, until=project.year)
    except InputError:
        # A year that cannot be read (its problems are on its own page): no charts, the page still shows.
        return found
    if report is not None and len(report.years) > 1:
        for ind in project.indicators:
            series = report.history.find(ind.name)
            if series is not None and len(series.points) > 1:
                chart = chart_of(series, compact=True)
                if chart is not None:
                    found.charts[ind.id] = chart
    return found
