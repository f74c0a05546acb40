"""Upload any report (.txt/.xlsx/.docx/.pdf) and see what the audit finds in it."""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import Blueprint, render_template, request

from ..security import login_required
from ..uploads import accept

bp = Blueprint("audit", __name__)

AUDITABLE = {".txt", ".xlsx", ".docx", ".pdf", ".yaml", ".yml"}


def audit_upload(upload) -> list:
    from ... import audit

    with tempfile.TemporaryDirectory(prefix="jixiao-audit-") as tmp:
        path = Path(tmp) / Path(upload.name).name
        path.write_bytes(upload.data)
        return list(audit.audit_paths([path]))


@bp.get("/audit")
@login_required
def form():
    return render_template("audit.html", findings=None)


@bp.post("/audit")
@login_required
def run():
    upload = accept(request.files.get("file"), AUDITABLE)
    from ...render.finding_rows import finding_rows

    rows = finding_rows(audit_upload(upload))
    return render_template("audit.html", findings=rows, name=upload.name)
