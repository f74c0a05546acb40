"""A reviewer works through a project's audit findings: marks one 已核实, 已更正 or 不采纳 with
a note (HTMX: the finding's item comes back), and exports them all, marks included, as .xlsx."""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import quote

from flask import Blueprint, Response, g, redirect, render_template, request, url_for

from ... import api
from ...store import models as m
from .. import logs
from ..errors import Forbidden, WebError
from ..filters import when
from ..findings import marks_by_key
from ..scoring import score_project
from ..security import login_required
from .project import can_mark, load

bp = Blueprint("findings", __name__, url_prefix="/projects")

HEADERS = ("序号", "严重程度", "问题", "代码", "位置", "说明", "应为", "推导", "核实结果", "核实说明", "核实人", "核实时间")
WIDTHS = (6, 8, 22, 22, 28, 60, 14, 36, 10, 30, 12, 18)


@bp.post("/<int:project_id>/findings/mark")
@login_required
def mark(project_id: int):
    project = load(project_id)
    if not can_mark(project):
        raise Forbidden("只有负责该单位的审核人员可以核实审核发现。")
    key = request.form.get("key", "")[:400]
    status = request.form.get("status", "")
    note = request.form.get("note", "").strip()[:1000]
    scored = score_project(project)
    flags = scored.findings.flags
    index = next((i for i, flag in enumerate(flags) if flag.key == key), None)
    if index is None:
        raise WebError("该审核发现已不存在（数据可能已被修改），请刷新页面。")
    marks = marks_by_key(project)
    existing = marks.get(key)
    if status == "":
        if existing is not None:
            g.db.delete(existing)
    elif status in {s.value for s in m.MarkStatus}:
        if existing is None:
            existing = m.FindingMark(project_id=project.id, key=key, code=flags[index].code)
            g.db.add(existing)
        existing.status, existing.note, existing.user_id, existing.at = status, note, g.user.id, m.utcnow()
    else:
        raise WebError("请选择核实结果：已核实、已更正或不采纳。")
    g.db.commit()
    g.db.refresh(project)
    logs.event("finding-marked", project=project_id, code=flags[index].code, status=status or "cleared")
    if not request.headers.get("HX-Request"):
        return redirect(url_for("project.show", project_id=project_id) + "#findings")
    return render_template("_finding.html", project=project, flag=flags[index], index=index,
                           marks=marks_by_key(project), can_mark=True)


@bp.get("/<int:project_id>/findings.xlsx")
@login_required
def export(project_id: int):
    project = load(project_id)
    scored = score_project(project)
    marks = marks_by_key(project)
    rows = []
    for number, flag in enumerate(scored.findings.flags, start=1):
        mark = marks.get(flag.key)
        rows.append((number, flag.severity_name, flag.title, flag.code, flag.where, flag.text, flag.expected or "",
                     flag.derivation, mark.status_enum.title if mark else "", mark.note if mark else "",
                     (mark.user.label if mark.user else "") if mark else "", when(mark.at) if mark else ""))
    with tempfile.TemporaryDirectory(prefix="jixiao-export-") as tmp:
        path = api.write_table_xlsx(Path(tmp) / "findings.xlsx", "审核发现", HEADERS, rows, WIDTHS)
        data = path.read_bytes()
    logs.event("export", project=project_id, format="findings-xlsx")
    name = f"{project.year}-{project.name}-审核发现.xlsx"
    return Response(data, mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", headers={
        "Content-Disposition": f"attachment; filename=\"findings.xlsx\"; filename*=UTF-8''{quote(name)}"})
