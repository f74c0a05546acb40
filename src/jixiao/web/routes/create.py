"""新建: a self-evaluation started in the browser — blank (project or department), from the
same unit's evaluation of an earlier year (indicators, weights and targets carried over,
actuals blank), or from the unit's declared target table of that year (绩效目标申报表, see
目标审核) — and the blank form to fill in offline, for a year that is open."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for

from ... import api
from ...model import Kind
from ...store import access
from ...store import models as m
from ...store.convert import StoreError
from ...store.plans import declarations_query, get_declaration, start_evaluation
from ...store.structure import KINDS, carry_over_sources, new_project
from .. import logs
from ..errors import Forbidden, NotFound
from ..security import login_required

bp = Blueprint("create", __name__)


def creatable_units() -> list[m.Unit]:
    role = g.user.role_enum
    if role is m.Role.REVIEWER:
        raise Forbidden("审核人员不能新建自评表。")
    if role is m.Role.UNIT:
        return [g.user.unit] if g.user.unit else []
    return list(g.db.scalars(access.units_query(g.user)))


def _int(name: str) -> int | None:
    raw = request.values.get(name, "")
    return int(raw) if raw.isdigit() else None


def form_page(error: str = "", status: int = 200):
    units = creatable_units()
    years = access.open_years(g.db)
    values = request.values
    unit_id = _int("unit_id") or (units[0].id if units else None)
    year = _int("year") or (years[0] if years else None)
    unit = next((u for u in units if u.id == unit_id), None)
    sources = carry_over_sources(g.db, g.user, unit, year) if unit and year else []
    declarations = [d for d in g.db.scalars(declarations_query(g.user)) if unit and d.unit_id == unit.id and d.year == year]
    return render_template("new.html", units=units, years=years, unit_id=unit_id, year=year, sources=sources,
                           declarations=declarations, kinds=KINDS, values=values, error=error), status


@bp.get("/projects/new")
@login_required
def form():
    return form_page()


@bp.post("/projects/new")
@login_required
def create():
    units = {unit.id: unit for unit in creatable_units()}
    unit = units.get(_int("unit_id") or 0)
    year = _int("year")
    if unit is None:
        return form_page("请选择单位。", 400)
    if year is None:
        return form_page("请选择年度（只能选择已开放填报的年度）。", 400)
    if request.form.get("start") == "declaration":
        return from_declaration(unit, year)
    source = None
    source_id = _int("source_id")
    if request.form.get("start") == "previous":
        if source_id is None:
            return form_page("请选择要沿用的往年自评表。", 400)
        source = access.get_project(g.db, g.user, source_id)
        if source is None:
            raise NotFound()
    kind = source.kind if source is not None else request.form.get("kind", "project")
    name = request.form.get("name", "").strip() or (source.name if source is not None else "")
    try:
        project = new_project(g.db, g.user, unit, year, kind, name, request.form.get("department", ""), source)
        g.db.commit()
    except StoreError as error:
        g.db.rollback()
        return form_page(f"{error}。", 400)
    logs.event("project-created", project=project.id, source=source.id if source else None)
    if source is None:
        flash("已新建空白自评表：请先添加绩效指标与年度目标。", "success")
        return redirect(url_for("structure.edit", project_id=project.id))
    flash(f"已沿用{source.year}年度的指标、目标值与分值新建；实际完成值等待填写。", "success")
    return redirect(url_for("project.show", project_id=project.id))


def from_declaration(unit: m.Unit, year: int):
    """The year's evaluation from the unit's declaration of that year: its indicators, targets
    and weights as approved (issue 12's store.plans does the carrying over)."""
    declaration_id = _int("declaration_id")
    stored = get_declaration(g.db, g.user, declaration_id) if declaration_id is not None else None
    if stored is None or stored.unit_id != unit.id or stored.year != year:
        return form_page("请选择本单位该年度的绩效目标申报表（在“目标审核”中上传并保存）。", 400)
    try:
        project = start_evaluation(g.db, g.user, stored)
        g.db.commit()
    except StoreError as error:
        g.db.rollback()
        return form_page(f"{error}。", 400)
    logs.event("project-created", project=project.id, declaration=stored.id)
    flash(f"已由{stored.year}年度申报表“{stored.name}”新建：目标与分值沿用申报数，请填写实际完成值。", "success")
    return redirect(url_for("project.show", project_id=project.id))


@bp.get("/template.xlsx")
@login_required
def template():
    """The blank form with the year in it (an open year), to fill in offline and import."""
    years = access.open_years(g.db)
    year = _int("year")
    if year is None and years:
        year = years[0]
    if year not in years:
        raise NotFound("该年度未开放填报，不能下载其空白自评表。")
    kind = Kind.DEPARTMENT if request.args.get("kind") == "department" else Kind.PROJECT
    with tempfile.TemporaryDirectory(prefix="jixiao-template-") as tmp:
        data = api.write_template(Path(tmp) / "template.xlsx", kind=kind, year=year).read_bytes()
    logs.event("template", year=year, kind=kind.value)
    name = f"{year}年度{KINDS[kind.value]}绩效自评表（空白）.xlsx"
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", headers={
        "Content-Disposition": f"attachment; filename=\"template.xlsx\"; filename*=UTF-8''{quote(name)}"})
