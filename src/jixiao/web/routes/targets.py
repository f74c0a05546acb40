"""目标审核: a unit's target declarations (绩效目标申报表) — upload, review grade and findings
with their sources, the history of each indicator beside it with suggestions, download as
.xlsx/YAML, and the year's self-evaluation started from the approved declaration."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for

from ... import api
from ...findings import InputError
from ...store import access
from ...store import models as m
from ...store.convert import StoreError
from ...store.plans import (can_write, declaration_document, declaration_of, declarations_query, earlier_documents,
                            get_declaration, project_history, same_project_rows, save_declaration, start_evaluation)
from .. import logs
from ..errors import NotFound
from ..security import login_required
from ..trend_chart import spark
from ..uploads import accept

bp = Blueprint("targets", __name__)

READABLE = {".yaml", ".yml", ".xlsx"}


def _projects(user: m.User) -> list[m.Project]:
    """The latest year of each project the user may see (their history pages)."""
    latest: dict[tuple[int, str], m.Project] = {}
    for project in g.db.scalars(access.projects_query(user)):
        key = (project.unit_id, project.name)
        if key not in latest or project.year > latest[key].year:
            latest[key] = project
    return sorted(latest.values(), key=lambda p: (p.unit.name, p.name))


@bp.get("/targets")
@login_required
def index():
    stored = list(g.db.scalars(declarations_query(g.user)))
    return render_template("targets.html", stored=stored, projects=_projects(g.user),
                           can_upload=g.user.role_enum is not m.Role.REVIEWER, problems=[])


@bp.post("/targets")
@login_required
def upload():
    """Check a declaration (.xlsx or YAML); with `save`, keep it under the user's unit."""
    file = accept(request.files.get("file"), READABLE)
    try:
        package = api.read_bytes(file.data, file.name)
    except InputError as error:
        return _refused([str(f) for f in error.findings], 422)
    documents = [d for d in package.documents if d.declaration is not None]
    if not documents:
        return _refused([f"“{file.name}”中没有绩效目标申报表（应有“项目支出绩效目标申报表”标题或 kind: declaration）"], 422)
    if request.form.get("save"):
        saved = []
        try:
            for document in documents:
                saved.append(save_declaration(g.db, g.user, document.declaration))
        except StoreError as error:
            g.db.rollback()
            return _refused([str(error)], 403)
        g.db.commit()
        logs.event("declaration-saved", file=file.name, count=len(saved))
        flash(f"已保存{len(saved)}张申报表。", "ok")
        return redirect(url_for("targets.show", declaration_id=saved[0].id))
    reviews = api.review_documents(documents)
    return render_template("target_review.html", reviews=[_view(r, None) for r in reviews], stored=None,
                           name=file.name, can_start=False)


def _refused(problems: list[str], status: int):
    stored = list(g.db.scalars(declarations_query(g.user)))
    return render_template("targets.html", stored=stored, projects=_projects(g.user), problems=problems,
                           can_upload=g.user.role_enum is not m.Role.REVIEWER), status


def load(declaration_id: int):
    stored = get_declaration(g.db, g.user, declaration_id)
    if stored is None:
        raise NotFound()
    return stored


@bp.get("/targets/<int:declaration_id>")
@login_required
def show(declaration_id: int):
    stored = load(declaration_id)
    [review] = api.review_documents([declaration_document(stored)], earlier_documents(g.db, g.user, stored))
    history = project_history(g.db, g.user, stored.unit_id, stored.name, until=stored.year - 1)
    started = any(p.year == stored.year for p in same_project_rows(g.db, g.user, stored.unit_id, stored.name))
    return render_template("target_review.html", reviews=[_view(review, history)], stored=stored, name=None,
                           can_start=can_write(g.user, stored.unit_id) and not started
                           and access.year_is_open(g.db, stored.year))


def _view(review, history):
    """What the page shows per indicator: its findings, its history chart and suggestions."""
    declaration = review.declaration
    rows = []
    for indicator in declaration.indicators:
        mine = [f for f in review.findings if f.indicator == indicator.name
                and f.location.file == (declaration.location.file if declaration.location else None)]
        chart, suggestions = None, []
        if history is not None:
            series = history.history.find(indicator.name)
            if series is not None and len(series.points) > 1:
                chart = chart_of(series)
                suggestions = history.suggestions.get(series.key, [])
        rows.append({"indicator": indicator, "findings": mine, "chart": chart, "suggestions": suggestions})
    sources = {f.code: api.cite(f.code) for f in review.findings}
    return {"review": review, "rows": rows, "sources": sources}


def chart_of(series, compact: bool = False):
    points = api.chart_points(series)
    if all(t is None and a is None and met is None for _, t, a, met, _, _ in points):
        return None
    return spark(points, f"{series.name}历年目标与实际", compact=compact)


@bp.post("/targets/<int:declaration_id>/start")
@login_required
def start(declaration_id: int):
    stored = load(declaration_id)
    try:
        project = start_evaluation(g.db, g.user, stored)
    except StoreError as error:
        g.db.rollback()
        flash(str(error), "error")
        return redirect(url_for("targets.show", declaration_id=declaration_id))
    g.db.commit()
    logs.event("evaluation-started", declaration=declaration_id, project=project.id)
    flash("已由申报表新建自评表：目标与分值沿用批复数，请填写实际完成值。", "ok")
    return redirect(url_for("project.show", project_id=project.id))


@bp.get("/targets/<int:declaration_id>/download.<kind>")
@login_required
def download(declaration_id: int, kind: str):
    stored = load(declaration_id)
    declaration = declaration_of(stored)
    name = f"{stored.year}年{stored.name}绩效目标申报表"
    if kind == "yaml":
        data, mime = api.declaration_yaml(declaration).encode("utf-8"), "application/x-yaml; charset=utf-8"
    elif kind == "xlsx":
        with tempfile.TemporaryDirectory() as folder:
            path = api.write_declaration_xlsx(declaration, Path(folder) / "d.xlsx")
            data = path.read_bytes()
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise NotFound()
    return Response(data, mimetype=mime, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}.{kind}"})
