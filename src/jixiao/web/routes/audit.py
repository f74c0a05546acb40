"""Upload any report (.txt/.xlsx/.docx/.pdf) and see, beside each table found in it, the
reported and recomputed totals and every finding of `jixiao.audit`."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from flask import Blueprint, render_template, request

from ... import api
from ...document import DocKind
from ...problems import InputError
from .. import logs
from ..security import login_required
from ..uploads import accept

bp = Blueprint("audit", __name__)

AUDITABLE = {".txt", ".xlsx", ".docx", ".pdf"}


def audit_upload(upload):
    """(documents, finding rows, problems) with locations naming the uploaded file."""
    from ...render.finding_rows import finding_rows

    with tempfile.TemporaryDirectory(prefix="jixiao-audit-") as tmp:
        path = Path(tmp) / ("upload" + upload.suffix)
        path.write_bytes(upload.data)
        try:
            report = api.audit_paths([path])
        except InputError as error:
            problems = [str(p).replace(str(path), upload.name) for p in error.problems]
            return [], [], problems
    rows = [replace(row, location=row.location.replace(str(path), upload.name)) for row in finding_rows(report.findings)]
    return list(report.documents), rows, []


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
