"""The reviewer's queue: submitted projects of the units assigned to them, oldest first, with
the audit findings of each and the most frequent ones over the queue."""

from __future__ import annotations

from flask import Blueprint, g, render_template

from ...store import access
from ...store import models as m
from ..findings import most_frequent
from ..scoring import score_project
from ..security import roles_required

bp = Blueprint("review", __name__)


@bp.get("/queue")
@roles_required(m.Role.REVIEWER, m.Role.ADMIN)
def queue():
    rows = [(project, score_project(project)) for project in access.review_queue(g.db, g.user)]
    return render_template("queue.html", rows=rows, frequent=most_frequent(s.findings for _, s in rows))
