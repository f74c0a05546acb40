"""Findings on the same project across years (targets/history.py), for a package that holds
several years of it: self-evaluations, and declarations for years not yet evaluated."""

from __future__ import annotations

from dataclasses import replace

from ...targets.history import HISTORY_CODES, build, findings
from ..context import AuditContext
from ..registry import check


@check("history", "history-duplicate-year", *HISTORY_CODES)
def history(context: AuditContext):
    years = {table.evaluation.year for table in context.tables}
    years |= {d.declaration.year for d in context.documents if d.declaration is not None}
    if len(years - {None}) < 2:
        return  # one year: no history to compare (the common case, at no cost)
    evaluations = []
    for table in context.tables:
        evaluation = table.evaluation
        if not evaluation.unit and table.unit:
            evaluation = replace(evaluation, unit=table.unit)
        evaluations.append((evaluation, context.result(table)))
    declarations = [d.declaration for d in context.documents if d.declaration is not None]
    for project in build(evaluations, declarations):
        yield from findings(project)
