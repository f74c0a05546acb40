"""Upload any report (.txt/.xlsx/.docx/.pdf) and see, beside each table found in it, the
reported and recomputed totals and every finding of `jixiao.audit`."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from ... import api
from ...document import DocKind
from ...findings import InputError
from .. import logs
from ..security import login_required
from ..uploads import accept, read_upload

bp = Blueprint("audit", __name__)

AUDITABLE = {".txt", ".xlsx", ".docx", ".pdf", ".yaml", ".yml", ".xls", ".et", ".doc", ".wps"}


def audit_upload(upload):
    """(documents, finding rows, problems): the readers name the file as it was uploaded."""
    try:
        report = api.audit_read(read_upload(upload.data, upload.name))
    except InputError as error:
        return [], [], [str(finding) for finding in error.findings]
    return list(report.documents), list(report.findings), []


@bp.get("/audit")
@login_required
def form():
    return render_template("audit.html", findings=None)


@bp.post("/audit")
@login_required
def run():
    upload = accept(request.files.get("file"), AUDITABLE)
    documents, findings, problems = audit_upload(upload)
    logs.event("audit", file=upload.name, findings=len(findings))
    status = 422 if problems else 200
    kinds = {kind.value: kind.title for kind in DocKind}
    return render_template("audit.html", documents=documents, findings=findings, problems=problems,
                           name=upload.name, kinds=kinds), status
