"""Targets changed after approval: a self-evaluation in the same package as its approved
declaration (same project, same year) gets one finding per change (财预〔2015〕88号 第二十八条)."""

from __future__ import annotations

from ...document import Document
from ...model import Location
from ...targets.changes import CHANGE_CODES, changes
from ...targets.history import same_project
from ..context import AuditContext
from ..registry import check


def row_locations(table: Document) -> list[Location | None]:
    """Where the table printed each of its indicators, by indicator index: the indicator's own
    place (a YAML item, a form row), else the row the reader recorded for it."""
    evaluation = table.evaluation
    spots: list[Location | None] = [i.location for i in evaluation.indicators]
    for row in table.rows:
        if 0 <= row.index < len(spots) and spots[row.index] is None:
            spots[row.index] = row.location
    return spots


@check("declaration-changes", *CHANGE_CODES)
def declaration_changes(context: AuditContext):
    for document in context.documents:
        declaration = document.declaration
        if declaration is None:
            continue
        for table in context.tables:
            evaluation = table.evaluation
            if evaluation.year == declaration.year and same_project(
                    evaluation.unit or table.unit, evaluation.project, declaration.unit, declaration.project):
                yield from changes(declaration, evaluation, row_locations(table))
