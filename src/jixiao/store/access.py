"""Rights: every query the web app makes goes through these scoped helpers.

unit staff see their own unit; reviewers the units assigned to them; admins all.
A project outside a user's rights is reported as absent (404), never as forbidden,
so ids cannot be probed.
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from . import models as m


def unit_ids(user: m.User) -> list[int] | None:
    """The units a user may read; None means all (admin)."""
    role = user.role_enum
    if role is m.Role.ADMIN:
        return None
    if role is m.Role.REVIEWER:
        return [unit.id for unit in user.reviewed_units]
    return [user.unit_id] if user.unit_id is not None else []


def units_query(user: m.User) -> Select:
    query = select(m.Unit).order_by(m.Unit.name)
    ids = unit_ids(user)
    return query if ids is None else query.where(m.Unit.id.in_(ids))


def projects_query(user: m.User) -> Select:
    query = select(m.Project).order_by(m.Project.year.desc(), m.Project.kind, m.Project.name)
    ids = unit_ids(user)
    return query if ids is None else query.where(m.Project.unit_id.in_(ids))


def get_unit(session: Session, user: m.User, unit_id: int) -> m.Unit | None:
    return session.scalar(units_query(user).where(m.Unit.id == unit_id))


def get_project(session: Session, user: m.User, project_id: int) -> m.Project | None:
    return session.scalar(projects_query(user).where(m.Project.id == project_id))


def year_is_open(session: Session, year: int | None) -> bool:
    """Only a year an administrator opened: a year never opened is closed."""
    row = session.get(m.Year, year) if year else None
    return row is not None and row.open


def open_years(session: Session) -> list[int]:
    return list(session.scalars(select(m.Year.year).where(m.Year.open.is_(True)).order_by(m.Year.year.desc())))


def can_edit(session: Session, user: m.User, project: m.Project) -> bool:
    """Staff of the project's unit (or an admin) while it is with the unit and the year is open."""
    role = user.role_enum
    owns = role is m.Role.ADMIN or (role is m.Role.UNIT and user.unit_id == project.unit_id)
    with_unit = project.status in (m.Status.DRAFT.value, m.Status.RETURNED.value)
    return owns and with_unit and year_is_open(session, project.year)


def can_review(user: m.User, project: m.Project) -> bool:
    role = user.role_enum
    assigned = role is m.Role.ADMIN or (
        role is m.Role.REVIEWER and any(unit.id == project.unit_id for unit in user.reviewed_units)
    )
    return assigned and project.status == m.Status.SUBMITTED.value


def review_queue(session: Session, user: m.User) -> list[m.Project]:
    if user.role_enum is m.Role.UNIT:
        return []
    query = projects_query(user).where(m.Project.status == m.Status.SUBMITTED.value)
    return list(session.scalars(query.order_by(None).order_by(m.Project.updated_at)))
