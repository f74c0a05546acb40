"""历年对比: one stored project across years — each indicator's target and actual year by year
with a small chart beside it, the findings that need several years, suggestions for the next
year's target, and the manual link that carries an indicator across a change of name."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from ...store import access
from ...store.convert import StoreError
from ...store.plans import add_link, can_write, links_for, project_history
from .. import logs
from ..errors import NotFound
from ..security import login_required
from .targets import chart_of

bp = Blueprint("trends", __name__)


def load(project_id: int):
    project = access.get_project(g.db, g.user, project_id)
    if project is None:
        raise NotFound()
    return project


@bp.get("/projects/<int:project_id>/trend")
@login_required
def show(project_id: int):
    project = load(project_id)
    report = project_history(g.db, g.user, project.unit_id, project.name)
    rows = []
    if report is not None:
        for series in report.history.series:
            rows.append({"series": series, "points": [series.points[y] for y in series.years()],
                         "chart": chart_of(series) if len(series.points) > 1 else None,
                         "suggestions": report.suggestions.get(series.key, []),
                         "findings": [f for f in report.findings if f.indicator == series.name]})
    overall = [f for f in report.findings if not f.indicator] if report is not None else []
    return render_template("trend.html", project=project, report=report, rows=rows, overall=overall,
                           links=links_for(g.db, project.unit_id, project.name),
                           can_link=can_write(g.user, project.unit_id))


@bp.post("/projects/<int:project_id>/trend/link")
@login_required
def link(project_id: int):
    project = load(project_id)
    try:
        add_link(g.db, g.user, project.unit_id, project.name, request.form.get("old", ""), request.form.get("new", ""))
    except StoreError as error:
        g.db.rollback()
        flash(str(error), "error")
        return redirect(url_for("trends.show", project_id=project_id))
    g.db.commit()
    logs.event("indicator-linked", project=project_id)
    flash("已关联：旧名称的历年数据并入新名称。", "ok")
    return redirect(url_for("trends.show", project_id=project_id))
