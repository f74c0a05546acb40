"""The reviewers' dashboard for one year: totals and grades, execution rates, the
distribution of scores and the most frequent audit findings, over the units they may see."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from flask import Blueprint, g, render_template

from ...decimals import round2
from ...store import access
from ...store import models as m
from ..charts import columns, hbars
from ..findings import most_frequent
from ..scoring import score_project
from ..security import roles_required
from .home import selected_year, visible_years

bp = Blueprint("dashboard", __name__)

BANDS = ((Decimal(0), Decimal(60), "<60"), (Decimal(60), Decimal(70), "60–70"), (Decimal(70), Decimal(80), "70–80"),
         (Decimal(80), Decimal(90), "80–90"), (Decimal(90), Decimal(101), "≥90"))


def distribution(totals: list[Decimal]) -> list[tuple[str, int]]:
    return [(label, sum(1 for t in totals if low <= t < high)) for low, high, label in BANDS]


def average(values: list[Decimal]) -> Decimal | None:
    return round2(sum(values, Decimal(0)) / len(values)) if values else None


@bp.get("/dashboard")
@roles_required(m.Role.REVIEWER, m.Role.ADMIN)
def show():
    years = visible_years(g.db, g.user)
    year = selected_year(years)
    projects = list(g.db.scalars(access.projects_query(g.user).where(m.Project.year == year))) if year else []
    rows = [(p, score_project(p)) for p in projects]
    scored = [(p, s.result) for p, s in rows if s.result is not None]
    totals = [r.total for _, r in scored]
    grades = Counter(r.grade for _, r in scored)
    statuses = Counter(p.status_enum.title for p in projects)
    units = []
    for unit in g.db.scalars(access.units_query(g.user)):
        mine = [(p, r) for p, r in scored if p.unit_id == unit.id]
        if mine:
            rates = [r.execution.rate for _, r in mine if r.execution.rate is not None]
            units.append({
                "name": unit.name,
                "count": len(mine),
                "average": average([r.total for _, r in mine]),
                "lowest": min(r.total for _, r in mine),
                "rate": average([rate * 100 for rate in rates]),
            })
    by_total = sorted(scored, key=lambda item: item[1].total, reverse=True)
    return render_template(
        "dashboard.html",
        years=years, year=year, rows=rows, units=units, grades=grades, statuses=statuses,
        average=average(totals), count=len(projects),
        frequent=most_frequent(s.findings for _, s in rows),
        totals_chart=hbars([(p.name, r.total, r.grade) for p, r in by_total], Decimal(100), "分", "各项目重算总分"),
        rates_chart=hbars([(p.name, round2((r.execution.rate or Decimal(0)) * 100), "") for p, r in by_total],
                          Decimal(100), "%", "预算执行率"),
        distribution_chart=columns(distribution(totals), "得分分布"),
    )
