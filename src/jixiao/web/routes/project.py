"""A project's table: staff fill in actuals, claimed scores and reasons and see scores
recomputed as they type (HTMX preview); reviewers enter 审核得分 and comments, mark findings,
return or approve."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from ... import api
from ...store import access, claims, workflow
from ...store import models as m
from ...store.convert import ConflictError, StoreError
from ...store.edits import Edit, save_edits
from .. import logs
from ..errors import Forbidden, NotFound
from ..exports import EXPORTERS
from ..filters import when
from ..findings import marks_by_key
from ..held import held
from ..scoring import Scored, score_document, score_project
from ..security import login_required
from ..sheet import Typed, claimed_view, edit_labels, input_name, review_total, typed_claims, unit_edits

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


def review_edits(project: m.Project) -> list[Edit]:
    form, edits = request.form, []
    for ind in project.indicators:
        if f"rscore-{ind.id}" in form:
            edits.append(Edit(ind.id, "review_score", form[f"rscore-{ind.id}"]))
        if f"rcomment-{ind.id}" in form:
            edits.append(Edit(ind.id, "review_comment", form[f"rcomment-{ind.id}"]))
    return edits


def can_mark(project: m.Project) -> bool:
    """Reviewers of the unit and admins mark findings, at any stage of the review."""
    role = g.user.role_enum
    return role is m.Role.ADMIN or (role is m.Role.REVIEWER and any(u.id == project.unit_id for u in g.user.reviewed_units))


def render_project(project: m.Project, *, message: str = "", status: int = 200, typed: list[Edit] | None = None,
                   keep: bool = False, warning: list | None = None, scored: Scored | None = None):
    """The page. `typed` are the fields the user sent: after a conflict they are listed with
    their indicator's names; with `keep` (a refused value) the inputs show them as typed."""
    scored = scored or score_project(project)
    typed = typed or []
    return (
        render_template(
            "project.html",
            project=project,
            scored=scored,
            claimed=claimed_view(project),
            review_total=review_total(project, scored),
            can_edit=access.can_edit(g.db, g.user, project),
            can_review=access.can_review(g.user, project),
            can_mark=can_mark(project),
            can_restructure=access.can_edit(g.db, g.user, project),
            marks=marks_by_key(project),
            year_open=access.year_is_open(g.db, project.year),
            message=message,
            typed=edit_labels(project, typed),
            kept={input_name(edit): edit.value for edit in typed} if keep else {},
            warning=warning,
            exporters=EXPORTERS,
            common=api.common_indicators(scored.evaluation)
            if project.kind == "department" and scored.evaluation is not None else (),
            held=held(project, scored.evaluation),
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
    """Score the values as typed, without saving: only the computed cells come back (HTMX)."""
    project = load(project_id)
    typed: Typed = typed_claims(project, unit_edits(project, request.form))
    scored = score_document(typed.document, project.name)
    message = "；".join(typed.problems) or "以下得分按当前输入重算，尚未保存。"
    return render_template("_scores.html", project=project, scored=scored, message=message,
                           claimed=typed.claimed, review_total=review_total(project, scored),
                           marks=marks_by_key(project), can_mark=can_mark(project))


@bp.post("/<int:project_id>/review-preview")
@login_required
def review_preview(project_id: int):
    """审核总分 as the reviewer types 审核得分 (HTMX); nothing is saved."""
    project = load(project_id)
    if not access.can_review(g.user, project):
        raise Forbidden("只有负责该单位的审核人员可以审核已提交的项目。")
    typed: dict[int, Decimal | None] = {}
    problems = []
    for edit in review_edits(project):
        if edit.field != "review_score":
            continue
        try:
            typed[edit.row] = claims.parse_score(edit.value, "审核得分")
        except StoreError as error:
            problems.append(f"{error}，按已保存的审核得分计算")
    scored = score_project(project)
    total = review_total(project, scored, typed)
    return render_template("_review_total.html", review_total=total, message="；".join(problems))


def _error_findings(project: m.Project) -> list:
    return [flag for flag in score_project(project).findings.flags if flag.severity == "error"]


@bp.post("/<int:project_id>/save")
@login_required
def save(project_id: int):
    project = load(project_id)
    if not access.can_edit(g.db, g.user, project):
        raise Forbidden("该项目当前不能由您修改（已提交、已审核通过、年度已关闭或不属于您的单位）。")
    edits = unit_edits(project, request.form)
    action = request.form.get("action", "save")
    reason = request.form.get("submit_reason", "").strip()[:2000]
    warning = None
    try:
        changes = save_edits(g.db, project, g.user, form_version(), edits)
        if any(change.field.endswith("·自评得分") for change in changes):
            claims.settle_total(g.db, project, g.user)
        if action == "submit":
            errors = _error_findings(project)
            if errors and not reason:
                warning = errors  # saved, not submitted: the unit sees the errors first
            else:
                workflow.submit(g.db, project, g.user, project.version, reason if errors else "")
        g.db.commit()
    except ConflictError as error:
        g.db.rollback()
        logs.event("conflict", project=project_id)
        return render_project(load(project_id), message=error.describe(when), status=409, typed=edits)
    except StoreError as error:
        g.db.rollback()
        return render_project(load(project_id), message=str(error), status=400, typed=edits, keep=True)
    logs.event("save", project=project_id, changes=len(changes), action=action)
    if warning is not None:
        return render_project(load(project_id), warning=warning)
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
        return render_project(load(project_id), message=error.describe(when), status=409, typed=edits)
    except StoreError as error:
        g.db.rollback()
        return render_project(load(project_id), message=str(error), status=400, typed=edits, keep=True)
    logs.event("review", project=project_id, action=action)
    flash({"return": "已退回单位修改。", "approve": "已审核通过。"}.get(action, "审核意见已保存。"), "success")
    return redirect(url_for("project.show", project_id=project_id))


@bp.get("/<int:project_id>/history")
@login_required
def history(project_id: int):
    project = load(project_id)
    return render_template("history.html", name=project.name, changes=project.history,
                           heading=f"{project.name}（{project.unit.name}，{project.year} 年度）",
                           back=url_for("project.show", project_id=project.id), back_text="返回自评表")
