"""A project's table: staff fill in actuals and reasons and see scores recomputed as they
type (HTMX preview); reviewers enter 审核得分 and comments, return or approve."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from ...store import access, workflow
from ...store import models as m
from ...store.convert import ConflictError, StoreError
from ...store.edits import Edit, parse_amount, save_edits
from .. import logs
from ..errors import Forbidden, NotFound
from ..exports import EXPORTERS
from ..scoring import review_total, score_project
from ..security import login_required

bp = Blueprint("project", __name__, url_prefix="/projects")


def load(project_id: int) -> m.Project:
    project = access.get_project(g.db, g.user, project_id)
    if project is None:
        raise NotFound()
    return project


def form_version() -> int:
    raw = request.form.get("version", "")
    if not raw.isdigit():
        abort(400)
    return int(raw)


def unit_edits(project: m.Project) -> list[Edit]:
    form, edits = request.form, []
    for ind in project.indicators:
        if f"actual-{ind.id}" in form:
            edits.append(Edit(ind.id, "actual", form[f"actual-{ind.id}"]))
        if f"reason-{ind.id}" in form:
            edits.append(Edit(ind.id, "deviation_reason", form[f"reason-{ind.id}"]))
    for line in project.fund_lines:
        if f"executed-{line.id}" in form:
            edits.append(Edit(line.id, "executed", form[f"executed-{line.id}"]))
    return edits


def review_edits(project: m.Project) -> list[Edit]:
    form, edits = request.form, []
    for ind in project.indicators:
        if f"rscore-{ind.id}" in form:
            edits.append(Edit(ind.id, "review_score", form[f"rscore-{ind.id}"]))
        if f"rcomment-{ind.id}" in form:
            edits.append(Edit(ind.id, "review_comment", form[f"rcomment-{ind.id}"]))
    return edits


def render_project(project: m.Project, *, message: str = "", status: int = 200, typed: list[Edit] | None = None):
    scored = score_project(project)
    return (
        render_template(
            "project.html",
            project=project,
            scored=scored,
            review_total=review_total(project, scored),
            can_edit=access.can_edit(g.db, g.user, project),
            can_review=access.can_review(g.user, project),
            year_open=access.year_is_open(g.db, project.year),
            message=message,
            typed=typed or [],
            exporters=EXPORTERS,
        ),
        status,
    )


@bp.get("/<int:project_id>")
@login_required
def show(project_id: int):
    return render_project(load(project_id))


@bp.post("/<int:project_id>/preview")
@login_required
def preview(project_id: int):
    """Score the values as typed, without saving: only the score cells come back (HTMX)."""
    project = load(project_id)
    overrides: dict[int, dict] = {}
    executed: dict[int, Decimal] = {}
    message = "以下得分按当前输入重算，尚未保存。"
    for edit in unit_edits(project):
        if edit.field == "executed":
            try:
                value = parse_amount(edit.value, "全年执行数")
            except StoreError as error:
                message = f"{error}，按已保存的数值计算。"
                continue
            if value is not None:
                executed[edit.row] = value
        else:
            overrides.setdefault(edit.row, {})[edit.field] = edit.value[:4000]
    scored = score_project(project, overrides, executed)
    return render_template("_scores.html", project=project, scored=scored, message=message,
                           review_total=review_total(project, scored))


@bp.post("/<int:project_id>/save")
@login_required
def save(project_id: int):
    project = load(project_id)
    if not access.can_edit(g.db, g.user, project):
        raise Forbidden("该项目当前不能由您修改（已提交、已审核通过、年度已关闭或不属于您的单位）。")
    edits = unit_edits(project)
    action = request.form.get("action", "save")
    try:
        changes = save_edits(g.db, project, g.user, form_version(), edits)
        if action == "submit":
            workflow.submit(g.db, project, g.user, project.version)
        g.db.commit()
    except ConflictError as error:
        g.db.rollback()
        logs.event("conflict", project=project_id)
        return render_project(load(project_id), message=str(error), status=409, typed=edits)
    except StoreError as error:
        g.db.rollback()
        return render_project(load(project_id), message=str(error), status=400, typed=edits)
    logs.event("save", project=project_id, changes=len(changes), action=action)
    flash("已提交审核。" if action == "submit" else f"已保存，共修改 {len(changes)} 处。", "success")
    return redirect(url_for("project.show", project_id=project_id))


@bp.post("/<int:project_id>/review")
@login_required
def review(project_id: int):
    project = load(project_id)
    if not access.can_review(g.user, project):
        raise Forbidden("只有负责该单位的审核人员可以审核已提交的项目。")
    action = request.form.get("action", "save")
    note = request.form.get("note", "")[:2000]
    edits = review_edits(project)
    try:
        save_edits(g.db, project, g.user, form_version(), edits, review=True)
        if action == "return":
            workflow.send_back(g.db, project, g.user, project.version, note)
        elif action == "approve":
            workflow.approve(g.db, project, g.user, project.version, note)
        g.db.commit()
    except ConflictError as error:
        g.db.rollback()
        return render_project(load(project_id), message=str(error), status=409, typed=edits)
    except StoreError as error:
        g.db.rollback()
        return render_project(load(project_id), message=str(error), status=400, typed=edits)
    logs.event("review", project=project_id, action=action)
    flash({"return": "已退回单位修改。", "approve": "已审核通过。"}.get(action, "审核意见已保存。"), "success")
    return redirect(url_for("project.show", project_id=project_id))


@bp.get("/<int:project_id>/history")
@login_required
def history(project_id: int):
    project = load(project_id)
    return render_template("history.html", project=project, changes=project.history)
