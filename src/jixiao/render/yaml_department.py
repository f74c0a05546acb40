"""The `department_figures:` and `report_text:` blocks of the YAML evaluation file, written
from the model as ingest/department_yaml.py reads them: every number as the text it was
written with, a stated decrease negative, so loading the result gives back equal records."""

from __future__ import annotations

from typing import Any

from ..department import DepartmentFigures, Figure, Item, StaffTotal, Stated
from ..prose import SECTIONS, Prose


def _figure(figure: Figure | None) -> str | None:
    if figure is None:
        return None
    return figure.text or format(figure.value, "f")


def _stated(stated: Stated) -> str:
    text = stated.text or format(abs(stated.value) * (100 if stated.percent else 1), "f")
    if stated.percent and not text.endswith("%"):
        text += "%"
    return ("-" if stated.value < 0 else "") + text


def _item(item: Item, with_name: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {"name": item.name} if with_name else {}
    for key in ("initial_budget", "budget", "actual", "last_year"):
        value = _figure(getattr(item, key))
        if value is not None:
            data[key] = value
    for key in ("year", "times", "people"):
        value = getattr(item, key)
        if value is not None:
            data[key] = str(value)
    if item.stated:
        data["reported"] = {s.measure: _stated(s) for s in item.stated}
    if item.note:
        data["note"] = item.note
    return data


def _staff_total(total: StaffTotal) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if total.total is not None:
        data["total"] = str(total.total)
    if total.kinds:
        data["kinds"] = [{"kind": k.kind, "count": str(k.count), **({"within": k.within} if k.within else {})}
                         for k in total.kinds]
    return data


def department_data(figures: DepartmentFigures) -> dict[str, Any]:
    data: dict[str, Any] = {"unit": figures.unit.text}
    if figures.framework != "national":
        data["framework"] = figures.framework
    if figures.overview:
        data["overview"] = figures.overview
    if figures.functions:
        data["functions"] = list(figures.functions)
    if figures.institutions:
        data["institutions"] = list(figures.institutions)
    if figures.staff is not None:
        staff: dict[str, Any] = {"establishment": _staff_total(figures.staff.establishment),
                                 "actual": _staff_total(figures.staff.actual)}
        if figures.staff.retired is not None:
            staff["retired"] = str(figures.staff.retired)
        data["staff"] = staff
    if figures.spending_total is not None:
        data["spending_total"] = _figure(figures.spending_total)
    for key in ("basic", "projects", "functional"):
        items = getattr(figures, key)
        if items:
            data[key] = [_item(item) for item in items]
    three: dict[str, Any] = {}
    if figures.three_public_total is not None:
        three["total"] = _item(figures.three_public_total)
    if figures.three_public:
        three["items"] = [_item(item) for item in figures.three_public]
    if three:
        data["three_public"] = three
    if figures.activities:
        data["activities"] = [_item(item) for item in figures.activities]
    for key in ("procurement", "carryover"):
        item = getattr(figures, key)
        if item is not None:
            data[key] = _item(item)
    if figures.key_projects:
        data["key_projects"] = list(figures.key_projects)
    if figures.inputs:
        data["inputs"] = {name: figure.text for name, figure in figures.inputs}
    return data


def prose_data(prose: Prose) -> dict[str, str]:
    return {key: prose.get(key) for key in SECTIONS if prose.get(key)}


def department_blocks(evaluation) -> dict[str, Any]:
    """The two blocks an evaluation has (none for a project without report text)."""
    data: dict[str, Any] = {}
    if evaluation.department_figures is not None:
        data["department_figures"] = department_data(evaluation.department_figures)
    if evaluation.prose is not None and not evaluation.prose.is_empty:
        data["report_text"] = prose_data(evaluation.prose)
    return data


__all__ = ["department_blocks", "department_data", "prose_data"]
