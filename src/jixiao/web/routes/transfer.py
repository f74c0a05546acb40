"""Import (.yaml/.xlsx), export, and a unit's backup/restore."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for

from ... import api
from ...model import Evaluation
from ...findings import Finding, InputError
from ...store import access
from ...store import models as m
from ...store.backup import BackupRefused, backup_json, read_backup, restore_backup
from ...store.convert import ImportRefused, StoreError, import_evaluation
from .. import logs
from ..errors import Forbidden, NotFound
from ..exports import EXPORTERS
from ..security import login_required
from ..uploads import accept, read_upload
from .project import load

bp = Blueprint("transfer", __name__)

IMPORTABLE = {".yaml", ".yml", ".xlsx", ".docx", ".pdf", ".txt", ".xls", ".et", ".doc", ".wps"}


def read_evaluations(upload) -> tuple[list[Evaluation], list[Finding]]:
    """Every evaluation in the upload (any format jixiao reads), and what reading it found."""
    try:
        return api.evaluations_of([read_upload(upload.data, upload.name)])
    except InputError as error:
        return [], list(error.findings)


def writable_unit(unit_id: str | None) -> m.Unit | None:
    """Unit staff import into their own unit; admins into the chosen unit, or the one the
    file names (None); reviewers do not import."""
    role = g.user.role_enum
    if role is m.Role.UNIT:
        return g.user.unit
    if role is m.Role.ADMIN:
        if unit_id and unit_id.isdigit():
            unit = access.get_unit(g.db, g.user, int(unit_id))
            if unit is None:
                raise NotFound()
            return unit
        return None
    raise Forbidden("审核人员不能导入自评表。")


def import_page(status: int = 200, **context):
    units = list(g.db.scalars(access.units_query(g.user)))
    return render_template("import.html", units=units, years=access.open_years(g.db),
                           chosen=request.values.get("year", ""), **{"problems": [], **context}), status


def with_year(evaluations: list[Evaluation]) -> tuple[list[Evaluation], int | None]:
    """A form that does not say its year takes the open year chosen on the import page (the
    page says so); without one it is refused by the import, never stored as year 0."""
    raw = request.form.get("year", "")
    chosen = int(raw) if raw.isdigit() and int(raw) in access.open_years(g.db) else None
    if chosen is None or all(e.year for e in evaluations):
        return evaluations, None
    return [e if e.year else replace(e, year=chosen) for e in evaluations], chosen


@bp.get("/import")
@login_required
def import_form():
    return import_page()


@bp.post("/import")
@login_required
def import_file():
    unit = writable_unit(request.form.get("unit_id"))
    upload = accept(request.files.get("file"), IMPORTABLE)
    evaluations, problems = read_evaluations(upload)
    if not evaluations:
        return import_page(422, problems=problems, failed=upload.name)
    evaluations, year = with_year(evaluations)
    overwrite = request.form.get("replace") == "on"
    try:
        projects = [import_evaluation(g.db, e, unit=unit, user=g.user, replace=overwrite) for e in evaluations]
        g.db.commit()
    except StoreError as error:
        g.db.rollback()
        return import_page(403 if isinstance(error, ImportRefused) else 409, problems=problems, failed=upload.name,
                           error=f"“{upload.name}”未导入：{error}。")
    logs.event("import", file=upload.name, projects=[p.id for p in projects])
    note = f"文件未写明年度，已按所选的 {year} 年度导入" if year else ""
    flash(f"已导入“{upload.name}”：{len(projects)} 张自评表" + (f"，另有 {len(problems)} 条提示" if problems else "")
          + (f"；{note}" if note else "") + "。", "success")
    return redirect(url_for("project.show", project_id=projects[0].id))


@bp.get("/projects/<int:project_id>/export/<fmt>")
@login_required
def export(project_id: int, fmt: str):
    project = load(project_id)
    if fmt not in EXPORTERS:
        raise NotFound(f"不支持导出为“{fmt}”。")
    data, mimetype = EXPORTERS[fmt][1](project)
    name = f"{project.year}-{project.name}.{fmt}"
    logs.event("export", project=project_id, format=fmt)
    return Response(data, mimetype=mimetype, headers={
        "Content-Disposition": f"attachment; filename=\"export.{fmt}\"; filename*=UTF-8''{quote(name)}"})


def backup_unit_or_404(unit_id: int) -> m.Unit:
    unit = access.get_unit(g.db, g.user, unit_id)
    if unit is None:
        raise NotFound()
    if g.user.role_enum is m.Role.REVIEWER:
        raise Forbidden("审核人员不能备份或恢复单位数据。")
    return unit


@bp.get("/units/<int:unit_id>/backup")
@login_required
def backup(unit_id: int):
    unit = backup_unit_or_404(unit_id)
    text = backup_json(g.db, unit)
    logs.event("backup", unit=unit_id)
    name = f"{unit.name}-备份.json"
    return Response(text.encode("utf-8"), mimetype="application/json; charset=utf-8", headers={
        "Content-Disposition": f"attachment; filename=\"backup.json\"; filename*=UTF-8''{quote(name)}"})


def restorable_unit(unit_id: int) -> m.Unit:
    # A backup carries statuses and review scores: only an admin may put them back,
    # or a unit could restore its own project as 审核通过.
    unit = backup_unit_or_404(unit_id)
    if g.user.role_enum is not m.Role.ADMIN:
        raise Forbidden("只有管理员可以从备份恢复单位数据。")
    return unit


@bp.get("/units/<int:unit_id>/restore")
@login_required
def restore_form(unit_id: int):
    return render_template("restore.html", unit=restorable_unit(unit_id))


@bp.post("/units/<int:unit_id>/restore")
@login_required
def restore(unit_id: int):
    unit = restorable_unit(unit_id)
    upload = accept(request.files.get("file"), {".json"})
    try:
        # The whole file is checked before anything changes (store/backup.py).
        restored = restore_backup(g.db, read_backup(upload.data, upload.name), unit, g.user)
        g.db.commit()
    except BackupRefused as error:
        g.db.rollback()
        return render_template("restore.html", unit=unit, problems=error.problems, more=error.more), 400
    except StoreError as error:
        g.db.rollback()
        return render_template("restore.html", unit=unit, error=str(error)), 400
    logs.event("restore", unit=unit_id, projects=len(restored.projects))
    flash(f"已从备份恢复 {restored.summary()}。", "success")
    return redirect(url_for("home.index"))
