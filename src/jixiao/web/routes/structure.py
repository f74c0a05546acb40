"""The structure of a self-evaluation, edited while it is with the unit: indicators (add,
remove, move; targets, weights, 评分细则, goals), goals and funds lines. Moving, adding and
removing rows re-shows the form as typed; only 保存 writes, as one version."""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from ...profile import PROFILES
from ...store import access
from ...store import models as m
from ...store.convert import ConflictError, StoreError
from ...store.plans import target_lock
from ...store.structure import (FUND_SOURCES, FUNDS_UNITS, LEVEL1, LEVEL2, FundRow, GoalRow, IndicatorRow, Structure,
                                StructureRefused, save_structure, structure_of)
from .. import logs
from ..errors import Forbidden
from ..filters import when
from ..security import login_required
from .project import form_version, load

bp = Blueprint("structure", __name__, url_prefix="/projects")

MAX_ROWS = 300


def editable(project_id: int) -> m.Project:
    project = load(project_id)
    if not access.can_edit(g.db, g.user, project):
        raise Forbidden("该项目当前不能由您修改（已提交、已审核通过、年度已关闭或不属于您的单位）。")
    return project


def _ids(values: list[str]) -> list[int | None]:
    return [int(v) if v.isdigit() else None for v in values]


def _column(name: str, count: int) -> list[str]:
    values = request.form.getlist(name)[:MAX_ROWS]
    return values + [""] * (count - len(values))


def posted() -> Structure:
    """The form as typed; rows are parallel lists (one value per row for every column)."""
    form = request.form
    ind_ids = _ids(form.getlist("ind_id")[:MAX_ROWS])
    n = len(ind_ids)
    columns = {name: _column(f"ind_{name}", n) for name in
               ("level1", "level2", "name", "target", "weight", "rule_text", "goal")}
    indicators = [IndicatorRow(ind_ids[i], **{name: values[i] for name, values in columns.items()}) for i in range(n)]
    goal_ids = _ids(form.getlist("goal_id")[:MAX_ROWS])
    expected = _column("goal_expected", len(goal_ids))
    goals = [GoalRow(goal_ids[i], expected[i]) for i in range(len(goal_ids))]
    fund_ids = _ids(form.getlist("fund_id")[:20])
    sources, initial, budget = (_column(name, len(fund_ids)) for name in ("fund_source", "fund_initial", "fund_budget"))
    funds = [FundRow(fund_ids[i], sources[i], initial[i], budget[i]) for i in range(len(fund_ids))]
    return Structure(form.get("name", ""), form.get("department", ""), form.get("profile", "national"),
                     form.get("funds_unit", "万元"), goals, funds, indicators, form.get("approval", "")[:200])


def move_row(rows: list, index: int, step: int) -> None:
    other = index + step
    if 0 <= index < len(rows) and 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]


_ROW_ACTIONS = {"up": "已上移", "down": "已下移", "del": "已删除"}


def act_on_row(rows: list, index: int, action: str) -> str:
    """Move row `index` up or down or delete it (the forms' ↑ ↓ 删除 buttons); what was done.
    An unknown action or a row that is not there is a tampered form: 400."""
    if action not in _ROW_ACTIONS or not 0 <= index < len(rows):
        abort(400)
    if action == "del":
        del rows[index]
    else:
        move_row(rows, index, -1 if action == "up" else 1)
    return _ROW_ACTIONS[action]


def apply(structure: Structure, op: str) -> str:
    """Add, remove or move a row of the form (nothing is saved); returns what was done."""
    kind, _, number = op.rpartition("-")
    index = int(number) if number.isdigit() else -1
    rows = {"ind": structure.indicators, "goal": structure.goals, "fund": structure.funds}
    if op == "add-ind":
        last = structure.indicators[-1] if structure.indicators else IndicatorRow(level1=LEVEL1[0], level2=LEVEL2[0])
        structure.indicators.append(IndicatorRow(level1=last.level1, level2=last.level2, goal=last.goal))
        return "已添加一行指标"
    if op == "add-goal":
        structure.goals.append(GoalRow())
        return "已添加一个年度目标"
    if op == "add-fund":
        used = {row.source for row in structure.funds}
        structure.funds.append(FundRow(source=next((s for s in FUND_SOURCES if s not in used), "")))
        return "已添加一行资金"
    table, _, action = kind.partition("-")
    if table not in rows:
        abort(400)
    return act_on_row(rows[table], index, action)


def page(project: m.Project, structure: Structure, *, problems: list[str] | None = None, message: str = "",
         status: int = 200, version: int | None = None, unlocked: bool = False):
    """The form; after a POST it keeps the version the user opened, so a save over someone
    else's newer one is still refused. Targets and weights held to the year's declaration are
    shown locked (disabled) until the user asks to adjust them with an approval reference."""
    lock = target_lock(g.db, project)
    locked = {ind.id for ind in project.indicators if lock is not None and lock.declared(ind.name) is not None}
    weights = Decimal(0)
    for row in structure.indicators:
        try:
            weights += Decimal(row.weight.strip() or "0")
        except ArithmeticError:
            pass
    return render_template("structure.html", project=project, s=structure, problems=problems or [],
                           message=message, level1=LEVEL1, level2=LEVEL2, sources=FUND_SOURCES,
                           units=FUNDS_UNITS, profiles=PROFILES, weights=weights,
                           version=project.version if version is None else version,
                           lock=lock, locked=locked, unlocked=unlocked), status


@bp.get("/<int:project_id>/structure")
@login_required
def edit(project_id: int):
    project = editable(project_id)
    return page(project, structure_of(project))


@bp.post("/<int:project_id>/structure")
@login_required
def save(project_id: int):
    project = editable(project_id)
    structure = posted()
    version = form_version()
    op = request.form.get("op", "save")
    unlocked = request.form.get("unlocked") == "1"
    if op == "unlock":
        return page(project, structure, version=version, unlocked=True,
                    message="已解除锁定：修改年度指标值或分值须填写调整批复文号，保存后记入修改记录和申报表的调整批复。")
    if op != "save":
        return page(project, structure, message=apply(structure, op) + "，尚未保存。", version=version,
                    unlocked=unlocked)
    try:
        changes = save_structure(g.db, project, g.user, version, structure)
        g.db.commit()
    except StructureRefused as error:
        g.db.rollback()
        return page(load(project_id), structure, problems=error.problems, status=400, version=version,
                    unlocked=unlocked)
    except ConflictError as error:
        g.db.rollback()
        return page(load(project_id), structure, problems=[error.describe(when)], status=409, version=version,
                    unlocked=unlocked)
    except StoreError as error:
        g.db.rollback()
        return page(load(project_id), structure, problems=[str(error)], status=400, version=version,
                    unlocked=unlocked)
    logs.event("structure", project=project_id, changes=len(changes))
    flash(f"指标与目标已保存，共修改 {len(changes)} 处。", "success")
    return redirect(url_for("project.show", project_id=project_id))
