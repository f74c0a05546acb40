"""目标审核: a unit's target declarations (绩效目标申报表) — upload, or fill in and edit field by
field (blank, or carried over from last year's declaration or self-evaluation; read by the same
reader as an upload, store/declaration_form.py), review grade and findings with their sources,
the history of each indicator beside it with suggestions, download as .xlsx/YAML, and the year's
self-evaluation started from the approved declaration."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, abort, flash, g, redirect, render_template, request, url_for

from ... import api
from ...findings import InputError
from ...store import access
from ...store import models as m
from ...store.convert import StoreError
from ...store.declaration_form import (ADJUSTMENT, BASES, FUNDS_UNITS, GRADE_WORDS, HEADER, INDICATOR, MAX_ROWS,
                                       DeclarationConflict, DeclarationForm, FormRefused, blank_form, blank_row,
                                       carried_from_declaration, carried_from_evaluation, form_of, may_edit, reading,
                                       said, save_file, save_form, started_project, version_of)
from ...store.plans import (can_write, declaration_document, declaration_of, declarations_query, earlier_documents,
                            get_declaration, project_evaluation, project_history, same_project_rows,
                            start_evaluation)
from ...store.structure import LEVEL1, LEVEL2
from .. import logs
from ..errors import Forbidden, NotFound
from ..security import login_required
from ..trend_chart import spark
from ..uploads import accept, read_upload

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
    return render_template("targets.html", **_listing(), problems=[])


def _listing() -> dict:
    """What the 目标审核 page lists: the stored declarations, the projects with a history, and
    what a new declaration can start from (the user's own unit's declarations and evaluations)."""
    stored = list(g.db.scalars(declarations_query(g.user)))
    writer = g.user.role_enum is not m.Role.REVIEWER
    own = [p for p in g.db.scalars(access.projects_query(g.user)) if can_write(g.user, p.unit_id)] if writer else []
    sources = [(f"declaration-{d.id}", f"沿用{d.year}年度申报表：{d.name}") for d in stored
               if writer and can_write(g.user, d.unit_id)]
    sources += [(f"project-{p.id}", f"沿用{p.year}年度自评表：{p.name}") for p in own]
    return {"stored": stored, "projects": _projects(g.user), "can_upload": writer, "sources": sources,
            "names": sorted({p.name for p in own}), "years": access.open_years(g.db) if writer else [],
            "editable": {d.id for d in stored if may_edit(g.db, g.user, d)}}


@bp.post("/targets")
@login_required
def upload():
    """Check a declaration (.xlsx or YAML); with `save`, keep it under the user's unit."""
    file = accept(request.files.get("file"), READABLE)
    try:
        package = read_upload(file.data, file.name)
    except InputError as error:
        return _refused([str(f) for f in error.findings], 422)
    documents = [d for d in package.documents if d.declaration is not None]
    if not documents:
        return _refused([f"“{file.name}”中没有绩效目标申报表（应有“项目支出绩效目标申报表”标题或 kind: declaration）"], 422)
    if request.form.get("save"):
        saved = []
        try:
            for document in documents:
                saved.append(save_file(g.db, g.user, document.declaration))
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
    return render_template("targets.html", **_listing(), problems=problems), status


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
                           and access.year_is_open(g.db, stored.year),
                           can_edit=may_edit(g.db, g.user, stored))


@bp.get("/targets/<int:declaration_id>/history")
@login_required
def history(declaration_id: int):
    stored = load(declaration_id)
    return render_template("history.html", name=stored.name, changes=stored.history,
                           heading=f"{stored.year} 年度申报表 · {stored.name}（{stored.unit.name}）",
                           back=url_for("targets.show", declaration_id=stored.id), back_text="返回目标审核")


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


# -- filled in and edited in the browser ----------------------------------------------------


def _column(name: str, count: int) -> list[str]:
    values = request.form.getlist(name)[:MAX_ROWS]
    return values + [""] * (count - len(values))


def _rows(prefix: str, columns: tuple[str, ...], anchor: str) -> list[dict[str, str]]:
    """Parallel row columns (one value per row for each) as one dict per row; `anchor` is the
    column every row has, which counts the rows."""
    count = min(len(request.form.getlist(f"{prefix}_{anchor}")), MAX_ROWS)
    values = {column: [value[:4000] for value in _column(f"{prefix}_{column}", count)] for column in columns}
    return [{column: values[column][i] for column in columns} for i in range(count)]


def posted() -> DeclarationForm:
    """The form as typed."""
    form = request.form
    return DeclarationForm(
        header={name: form.get(name, "")[:4000] for name in HEADER},
        goals=[goal[:4000] for goal in form.getlist("goal")[:MAX_ROWS]],
        weights=_rows("dw", ("key", "value"), "key"),
        indicators=_rows("ind", INDICATOR, "name"),
        adjustments=_rows("adj", ADJUSTMENT, "indicator"),
        change_approval=form.get("change_approval", "")[:200])


def apply(form: DeclarationForm, op: str) -> str:
    """Add, remove or move a row of the form (nothing is saved); returns what was done."""
    # Imported here: routes.structure imports routes.project, which (through web.held) imports this module.
    from .structure import act_on_row

    if op == "add-ind":
        last = form.indicators[-1] if form.indicators else blank_row()
        form.indicators.append(blank_row(last["level1"], last["level2"], last["goal"]))
        return "已添加一行指标"
    if op == "add-goal":
        form.goals.append("")
        return "已添加一个年度目标"
    if op == "add-dw":
        form.weights.append({"key": "", "value": ""})
        return "已添加一行声明分值"
    if op == "add-adj":
        form.adjustments.append(dict.fromkeys(ADJUSTMENT, ""))
        return "已添加一项调整批复"
    kind, _, number = op.rpartition("-")
    table, _, action = kind.partition("-")
    rows = {"ind": form.indicators, "goal": form.goals, "dw": form.weights, "adj": form.adjustments}.get(table)
    index = int(number) if number.isdigit() else -1
    if rows is None or not 0 <= index < len(rows):
        abort(400)
    if action in ("up", "down", "del") and table == "goal":
        _renumber_goals(form, index, action)
    return act_on_row(rows, index, action)


def _renumber_goals(form: DeclarationForm, index: int, action: str) -> None:
    """Indicators and declared weights keep their goal when goals move: 目标N follows the goal
    it named. Deleting a goal leaves its indicators without one (the review asks for it) and
    drops the weights declared for it."""
    moved = {"up": index - 1, "down": index + 1}.get(action)
    if moved is not None and not 0 <= moved < len(form.goals):
        return

    def renumbered(number: int) -> int | None:
        """The goal's new 0-based position, None when deleted."""
        if action == "del":
            return None if number == index else number - 1 if number > index else number
        return moved if number == index else index if number == moved else number

    for row in form.indicators:
        goal = row["goal"].strip()
        if goal.isdigit() and int(goal) >= 1:
            after = renumbered(int(goal) - 1)
            row["goal"] = "" if after is None else str(after + 1)
    kept = []
    for row in form.weights:
        head, slash, rest = row["key"].strip().partition("/")
        if head.startswith("目标") and head[2:].isdigit() and int(head[2:]) >= 1:
            after = renumbered(int(head[2:]) - 1)
            if after is None:
                continue
            row["key"] = f"目标{after + 1}{slash}{rest}"
        kept.append(row)
    form.weights[:] = kept


def _form_page(form: DeclarationForm, stored, *, problems: list[tuple[str, str]] | None = None, message: str = "",
               version: str = "", status: int = 200):
    problems = problems or []
    project = started_project(g.db, stored) if stored is not None else None
    errors: dict[str, list[str]] = {}
    for key, text in problems:
        errors.setdefault(key, []).append(text)
    return render_template(
        "declaration_form.html", f=form, stored=stored, started=project, errors=errors,
        summary=[said(form, key, text) for key, text in problems], message=message, version=version,
        readings=[reading(row["target"]) for row in form.indicators], bases=BASES, grade_words=GRADE_WORDS,
        funds_units=FUNDS_UNITS, level1=LEVEL1, level2=LEVEL2,
        unit_fixed=stored is not None or g.user.role_enum is m.Role.UNIT), status


def _writer() -> None:
    if g.user.role_enum is m.Role.REVIEWER:
        raise Forbidden("审核人员只能查看申报表，不能新建或修改。")


def _source_form(raw: str, year: int | None) -> DeclarationForm | None:
    """A new declaration carried over from one of the user's unit's earlier declarations or
    self-evaluations (`declaration-ID`, `project-ID`); None for a blank one."""
    kind, _, number = raw.partition("-")
    if not raw or not number.isdigit():
        return None
    if kind == "declaration":
        source = get_declaration(g.db, g.user, int(number))
        if source is None or not can_write(g.user, source.unit_id):
            raise NotFound()
        return carried_from_declaration(declaration_of(source), year or source.year + 1)
    if kind == "project":
        source = access.get_project(g.db, g.user, int(number))
        if source is None or not can_write(g.user, source.unit_id):
            raise NotFound()
        return carried_from_evaluation(project_evaluation(source), year or source.year + 1)
    raise NotFound()


@bp.get("/targets/new")
@login_required
def new():
    """A new declaration: blank, or carried over from an earlier year of the same project."""
    _writer()
    raw_year = request.args.get("year", "").strip()
    year = int(raw_year) if raw_year.isdigit() and len(raw_year) == 4 else None
    form = _source_form(request.args.get("source", "").strip(), year)
    unit = g.db.get(m.Unit, g.user.unit_id) if g.user.unit_id is not None else None
    name = request.args.get("name", "").strip()[:300]
    message = ""
    if form is None:
        form = blank_form(unit, year, name)
    else:
        if name:
            form.header["project"] = name
        message = "已沿用往年的指标、目标值与分值（标“沿用，请复核”），请逐项复核后保存。"
    if unit is not None and g.user.role_enum is m.Role.UNIT:
        form.header["unit"] = unit.name
    return _form_page(form, None, message=message)


def _save(stored):
    form = posted()
    op = request.form.get("op", "save")
    version = request.form.get("version", "")[:40]
    if op != "save":
        return _form_page(form, stored, message=apply(form, op) + "，尚未保存。", version=version)
    try:
        saved = save_form(g.db, g.user, stored, form, version)
    except FormRefused as error:
        g.db.rollback()
        return _form_page(form, stored, problems=error.problems, version=version, status=422)
    except DeclarationConflict as error:
        g.db.rollback()
        return _form_page(form, stored, problems=[("", str(error))], version=version, status=409)
    except StoreError as error:
        g.db.rollback()
        raise Forbidden(str(error)) from error
    g.db.commit()
    logs.event("declaration-edited", declaration=saved.stored.id, changes=len(saved.notes), adjusted=saved.adjusted,
               fields=[name for name, _, _ in saved.notes][:100])
    flash(f"申报表已保存（{len(saved.notes)}处修改{f'，其中{saved.adjusted}项记入调整批复' if saved.adjusted else ''}）。",
          "ok")
    return redirect(url_for("targets.show", declaration_id=saved.stored.id))


@bp.post("/targets/new")
@login_required
def create():
    _writer()
    return _save(None)


def _editable(declaration_id: int):
    stored = load(declaration_id)
    _writer()
    if not may_edit(g.db, g.user, stored):
        raise Forbidden("该申报表当前不能由您修改（不属于您的单位，或所在年度已关闭）。")
    return stored


@bp.get("/targets/<int:declaration_id>/edit")
@login_required
def edit(declaration_id: int):
    stored = _editable(declaration_id)
    return _form_page(form_of(declaration_of(stored)), stored, version=version_of(stored))


@bp.post("/targets/<int:declaration_id>/edit")
@login_required
def save(declaration_id: int):
    return _save(_editable(declaration_id))
