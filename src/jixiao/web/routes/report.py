"""报告数据: a department's own figures (部门整体数据) and the unit's own report text, section by
section beside the data each should discuss, edited while the project is with the unit (same
rights, CSRF, optimistic locking and history as every edit); read-only otherwise. Adding,
removing and moving rows re-shows the form as typed; only 保存 writes, as one version."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from ... import api
from ...prose import SECTIONS
from ...store import access
from ...store.convert import ConflictError, StoreError
from ...store.report_data import (FUNDS_UNITS, GROUPS, MAX_ROWS, STAFF_BASES, InputRow, ItemRow, ReportDataRefused,
                                  ReportForm, StaffRow, form_of, framework_names, save_report_data, section_hints,
                                  sections_of)
from ...department import MEASURES
from .. import logs
from ..errors import Forbidden
from ..filters import when
from ..scoring import score_project
from ..security import login_required
from .project import form_version, load
from .structure import act_on_row

bp = Blueprint("report", __name__, url_prefix="/projects")

ITEM_COLUMNS = ("group", "name", "year", "initial_budget", "budget", "actual", "last_year", "times", "people", "note",
                "reported")


def _column(name: str, count: int) -> list[str]:
    values = request.form.getlist(name)[:MAX_ROWS]
    return values + [""] * (count - len(values))


def posted(figures: bool) -> ReportForm:
    """The form as typed; table rows are parallel lists (one value per row for every column)."""
    form = request.form
    typed = ReportForm(figures=figures, sections={key: form.get(f"section-{key}", "") for key in SECTIONS})
    if not figures:
        return typed
    for name in ("unit", "framework", "overview", "functions", "institutions", "key_projects", "establishment_total",
                 "actual_total", "retired", "spending_total"):
        setattr(typed, name, form.get(name, ""))
    bases = form.getlist("staff_basis")[:MAX_ROWS]
    kinds, counts, within = (_column(f"staff_{n}", len(bases)) for n in ("kind", "count", "within"))
    typed.staff = [StaffRow(bases[i], kinds[i], counts[i], within[i]) for i in range(len(bases))]
    groups = form.getlist("item_group")[:MAX_ROWS]
    columns = {name: _column(f"item_{name}", len(groups)) for name in ITEM_COLUMNS[1:]}
    typed.items = [ItemRow(groups[i], **{name: values[i] for name, values in columns.items()}) for i in range(len(groups))]
    names = form.getlist("input_name")[:MAX_ROWS]
    values = _column("input_value", len(names))
    typed.inputs = [InputRow(names[i], values[i]) for i in range(len(names))]
    return typed


def apply(form: ReportForm, op: str) -> str:
    """Add, remove or move a row of the form (nothing is saved); returns what was done."""
    if op == "add-staff":
        form.staff.append(StaffRow(form.staff[-1].basis if form.staff else "establishment"))
        return "已添加一行人员"
    if op == "add-item":
        form.items.append(ItemRow(form.items[-1].group if form.items else "projects"))
        return "已添加一行支出"
    if op == "add-input":
        form.inputs.append(InputRow())
        return "已添加一项共性指标输入"
    table, _, rest = op.partition("-")
    action, _, number = rest.partition("-")
    rows = {"staff": form.staff, "item": form.items, "input": form.inputs}.get(table)
    if rows is None:
        abort(400)
    return act_on_row(rows, int(number) if number.isdigit() else -1, action)


def page(project, form: ReportForm, *, problems: list[str] | None = None, message: str = "", status: int = 200,
         version: int | None = None):
    """The form; after a POST it keeps the version the user opened, so a save over someone
    else's newer one is still refused. Hints and indicators are those of the saved project."""
    scored = score_project(project)
    indicators = api.common_indicators(scored.evaluation) \
        if project.kind == "department" and scored.evaluation is not None else ()
    return render_template(
        "report_data.html", project=project, f=form, problems=problems or [], message=message,
        can_edit=access.can_edit(g.db, g.user, project), year_open=access.year_is_open(g.db, project.year),
        version=project.version if version is None else version,
        sections=[(key, SECTIONS[key]) for key in sections_of(project, form)],
        hints=section_hints(project, scored.result), indicators=indicators, units=FUNDS_UNITS, groups=GROUPS,
        bases=STAFF_BASES, frameworks=framework_names(), measures=MEASURES), status


@bp.get("/<int:project_id>/report")
@login_required
def edit(project_id: int):
    project = load(project_id)
    return page(project, form_of(project))


@bp.post("/<int:project_id>/report")
@login_required
def save(project_id: int):
    project = load(project_id)
    if not access.can_edit(g.db, g.user, project):
        raise Forbidden("该项目当前不能由您修改（已提交、已审核通过、年度已关闭或不属于您的单位）。")
    form = posted(project.kind == "department")
    version = form_version()
    op = request.form.get("op", "save")
    if op != "save":
        return page(project, form, message=apply(form, op) + "，尚未保存。", version=version)
    try:
        changes = save_report_data(g.db, project, g.user, version, form)
        g.db.commit()
    except ReportDataRefused as error:
        g.db.rollback()
        return page(load(project_id), form, problems=error.problems, status=400, version=version)
    except ConflictError as error:
        g.db.rollback()
        return page(load(project_id), form, problems=[error.describe(when)], status=409, version=version)
    except StoreError as error:
        g.db.rollback()
        return page(load(project_id), form, problems=[str(error)], status=400, version=version)
    logs.event("report-data", project=project_id, changes=len(changes))
    what = "部门数据与报告文字" if project.kind == "department" else "报告文字"
    flash(f"{what}已保存，共修改 {len(changes)} 处。", "success")
    return redirect(url_for("report.edit", project_id=project_id))
