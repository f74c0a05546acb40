"""绩效运行监控 (双监控): a unit fills in its monitoring table in the browser (or uploads one),
sees its warnings and the year-end score it is heading for, downloads the table, and starts the
year-end self-evaluation from it; the finance bureau's dashboard lists every project at a date,
the worst first, with filters and the list as .xlsx for its 纠偏 letters."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for

from ... import api
from ...findings import InputError
from ...store import access
from ...store import models as m
from ...store.convert import StoreError
from ...store.plans import (can_write, carry_forward, get_monitoring, latest_tables, monitoring_of, monitoring_query,
                            project_evaluation, save_monitoring, year_end_evaluation)
from .. import logs
from ..errors import NotFound
from ..security import login_required, roles_required
from ..uploads import accept, read_upload

bp = Blueprint("monitor", __name__)

READABLE = {".yaml", ".yml", ".xlsx"}
FIELDS = ("to_date", "forecast", "likelihood", "cause", "explanation", "measure")


def _date(text: str | None, default: date | None = None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip())
    except ValueError:
        return default


def _projects() -> list[m.Project]:
    return [p for p in g.db.scalars(access.projects_query(g.user)) if can_write(g.user, p.unit_id)]


@bp.get("/monitor")
@login_required
def index():
    stored = list(g.db.scalars(monitoring_query(g.user)))
    return render_template("monitor.html", stored=stored, projects=_projects(), today=date.today().isoformat(),
                           problems=[])


def _refused(problems: list[str], status: int):
    stored = list(g.db.scalars(monitoring_query(g.user)))
    return render_template("monitor.html", stored=stored, projects=_projects(), today=date.today().isoformat(),
                           problems=problems), status


@bp.post("/monitor")
@login_required
def upload():
    file = accept(request.files.get("file"), READABLE)
    try:
        package = read_upload(file.data, file.name)
    except InputError as error:
        return _refused([str(f) for f in error.findings], 422)
    tables = [d.monitoring for d in package.documents if d.monitoring is not None]
    if not tables:
        return _refused([f"“{file.name}”中没有绩效目标执行监控表"], 422)
    try:
        saved = [save_monitoring(g.db, g.user, table) for table in tables]
    except StoreError as error:
        g.db.rollback()
        return _refused([str(error)], 403)
    g.db.commit()
    logs.event("monitoring-saved", file=file.name, count=len(saved))
    flash(f"已保存{len(saved)}张监控表。", "ok")
    return redirect(url_for("monitor.show", table_id=saved[0].id))


@bp.get("/monitor/new")
@login_required
def new():
    """A blank table for one of the user's projects as of a date: the project's tree, targets,
    weights and budget; nothing reached yet."""
    raw = request.args.get("project", "")
    project = access.get_project(g.db, g.user, int(raw)) if raw.isdigit() else None
    if project is None or not can_write(g.user, project.unit_id):
        raise NotFound()
    as_of = _date(request.args.get("as_of"), date(project.year, 7, 31))
    table = api.blank_monitoring(project_evaluation(project), as_of)
    return _form(table, None, [], {})


def _form(table, stored, problems: list[str], typed: dict, status: int = 200):
    report = None
    if table is not None and not problems:
        evaluation = year_end_evaluation(g.db, g.user, stored) if stored is not None else None
        [report] = api.monitor_tables([table], [evaluation] if evaluation is not None else [])
    editable = stored is None or can_write(g.user, stored.unit_id)
    return render_template("monitor_form.html", table=table, stored=stored, report=report, problems=problems,
                           typed=typed, editable=editable, schedules=api.schedules(),
                           sources={f.code: api.cite(f.code) for f in (report.findings if report else [])}), status


def _header_and_rows(form) -> tuple[dict, list[dict]]:
    header = {key: form.get(key, "") for key in ("project", "unit", "department", "year", "as_of", "funds_unit",
                                                  "budget", "executed", "profile", "schedule", "gap", "method",
                                                  "note")}
    rows = []
    count = int(form.get("count", "0")) if form.get("count", "0").isdigit() else 0
    for i in range(min(count, 500)):
        row = {key: form.get(f"{key}-{i}", "") for key in ("level1", "level2", "name", "target", "weight", *FIELDS)}
        rows.append(row)
    return header, rows


@bp.post("/monitor/save")
@login_required
def save():
    header, rows = _header_and_rows(request.form)
    name = f"{header['project'] or '监控表'}（截至{header['as_of']}）"
    try:
        table = api.monitoring_from_fields(header, rows, name)
    except InputError as error:
        return _form(None, None, [_field_message(f) for f in error.findings], {"header": header, "rows": rows}, 422)
    try:
        stored = save_monitoring(g.db, g.user, table)
    except StoreError as error:
        g.db.rollback()
        return _form(table, None, [str(error)], {}, 403)
    g.db.commit()
    logs.event("monitoring-saved", table=stored.id)
    flash("监控表已保存。", "ok")
    return redirect(url_for("monitor.show", table_id=stored.id))


def _field_message(finding) -> str:
    """A reader's message said in the form's terms: 第3个指标, never a YAML line."""
    field = finding.location.field or ""
    if field.startswith("indicators["):
        index = int(field[len("indicators["):].split("]", 1)[0])
        return f"第{index + 1}个指标：{finding.message}"
    return finding.message


def load(table_id: int):
    stored = get_monitoring(g.db, g.user, table_id)
    if stored is None:
        raise NotFound()
    return stored


@bp.get("/monitor/<int:table_id>")
@login_required
def show(table_id: int):
    stored = load(table_id)
    return _form(monitoring_of(stored), stored, [], {})


@bp.get("/monitor/<int:table_id>/download.xlsx")
@login_required
def download(table_id: int):
    stored = load(table_id)
    with tempfile.TemporaryDirectory() as folder:
        data = api.write_monitoring_xlsx([monitoring_of(stored)], Path(folder) / "m.xlsx").read_bytes()
    name = f"{stored.name}绩效监控表（截至{stored.as_of.isoformat()}）"
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}.xlsx"})


@bp.post("/monitor/<int:table_id>/start")
@login_required
def start(table_id: int):
    """The year-end self-evaluation from this table: created when absent, else the reasons for
    the shortfalls monitoring explained are carried into its empty 偏差原因 fields."""
    stored = load(table_id)
    try:
        project, carried = carry_forward(g.db, g.user, stored)
    except StoreError as error:
        g.db.rollback()
        flash(str(error), "error")
        return redirect(url_for("monitor.show", table_id=table_id))
    g.db.commit()
    logs.event("monitoring-carried", table=table_id, project=project.id, reasons=carried)
    flash(f"已由监控表开始年终自评：沿用{carried}项偏差原因（可修改）。", "ok")
    return redirect(url_for("project.show", project_id=project.id))


# -- the bureau's dashboard ------------------------------------------------------------------


def _reports(as_of: date, unit_id: int | None):
    stored = latest_tables(g.db, g.user, as_of, unit_id)
    if not stored:
        return []
    reports = api.monitor_tables([monitoring_of(s) for s in stored])
    by_name = {(s.unit.name, s.name): s for s in stored}
    return [(by_name.get((r.table.unit, r.table.project)), r) for r in api.sort_reports(reports)]


def grouped(report) -> list[dict]:
    """A report's warnings by kind, worst first: the title, how many, on which indicators."""
    groups: dict[str, dict] = {}
    for finding in report.findings:
        if finding.severity == "info":
            continue
        group = groups.setdefault(finding.code, {"code": finding.code, "title": finding.title,
                                                 "severity": finding.severity, "indicators": []})
        if finding.severity == "error":
            group["severity"] = "error"
        if finding.indicator:
            group["indicators"].append(finding.indicator)
    order = {"error": 0, "warning": 1}
    return sorted(groups.values(), key=lambda g: order[g["severity"]])


def _filters():
    as_of = _date(request.args.get("as_of"), date.today())
    raw = request.args.get("unit", "")
    unit_id = int(raw) if raw.isdigit() else None
    if unit_id is not None and access.get_unit(g.db, g.user, unit_id) is None:
        raise NotFound()
    code = request.args.get("code", "").strip()
    light = request.args.get("light", "").strip()
    return as_of, unit_id, code, light


def _filtered(as_of, unit_id, code, light):
    rows = _reports(as_of, unit_id)
    if code:
        rows = [(s, r) for s, r in rows if any(f.code == code for f in r.findings)]
    if light in ("red", "yellow", "green"):
        rows = [(s, r) for s, r in rows if r.light == light]
    return rows


@bp.get("/monitor/dashboard")
@roles_required(m.Role.REVIEWER, m.Role.ADMIN)
def dashboard():
    as_of, unit_id, code, light = _filters()
    rows = _filtered(as_of, unit_id, code, light)
    everything = _reports(as_of, unit_id) if (code or light) else rows
    counts = {key: sum(1 for _, r in everything if r.light == key) for key in ("red", "yellow", "green")}
    codes = sorted({(f.code, f.title) for _, r in everything for f in r.findings if f.severity != "info"})
    units = list(g.db.scalars(access.units_query(g.user)))
    return render_template("monitor_dashboard.html", rows=[(s, r, grouped(r)) for s, r in rows], as_of=as_of,
                           unit_id=unit_id, code=code, light=light, counts=counts, codes=codes, units=units,
                           titles=api.LIGHT_TITLES)


@bp.get("/monitor/dashboard.xlsx")
@roles_required(m.Role.REVIEWER, m.Role.ADMIN)
def dashboard_export():
    as_of, unit_id, code, light = _filters()
    rows = _filtered(as_of, unit_id, code, light)
    with tempfile.TemporaryDirectory() as folder:
        data = api.write_monitoring_list([r for _, r in rows], Path(folder) / "list.xlsx").read_bytes()
    name = f"绩效运行监控预警清单（截至{as_of.isoformat()}）"
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}.xlsx"})
