"""The start page: the user's units and years, with each project's status and score."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request
from sqlalchemy import func, select

from ...store import access
from ...store import models as m
from ..scoring import score_project
from ..security import login_required

bp = Blueprint("home", __name__)


def visible_years(db, user: m.User) -> list[int]:
    ids = access.unit_ids(user)
    query = select(m.Project.year).distinct()
    if ids is not None:
        query = query.where(m.Project.unit_id.in_(ids))
    years = set(db.scalars(query)) | set(db.scalars(select(m.Year.year)))
    return sorted(years, reverse=True)


def selected_year(years: list[int]) -> int | None:
    raw = request.args.get("year", "")
    if raw.isdigit() and int(raw) in years:
        return int(raw)
    return years[0] if years else None


@bp.get("/")
@login_required
def index():
    years = visible_years(g.db, g.user)
    year = selected_year(years)
    units = list(g.db.scalars(access.units_query(g.user)))
    query = access.projects_query(g.user)
    if year is not None:
        query = query.where(m.Project.year == year)
    rows = []
    for project in g.db.scalars(query):
        scored = score_project(project)
        rows.append((project, scored))
    by_unit = {unit.id: [row for row in rows if row[0].unit_id == unit.id] for unit in units}
    open_year = access.year_is_open(g.db, year) if year is not None else False
    setup = None
    if g.user.role_enum is m.Role.ADMIN:
        setup = {"units": bool(units), "users": g.db.scalar(select(func.count(m.User.id))) > 1,
                 "years": bool(access.open_years(g.db))}
    return render_template(
        "index.html", years=years, year=year, units=units, by_unit=by_unit, open_year=open_year,
        queue=access.review_queue(g.db, g.user), open_years=access.open_years(g.db), setup=setup,
    )
