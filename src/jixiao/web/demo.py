"""`jixiao serve --demo`: a database seeded with the bundled examples and demo accounts."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from .. import api
from ..store import models as m
from ..store import workflow
from ..store.convert import StoreError, import_evaluation
from ..store.db import Store
from ..store.users import create_user

# A few tables go to the reviewer straight away, so the queue and the workflow can be shown.
SUBMITTED = 2


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: m.Role
    scope: str


def seed(store: Store) -> list[DemoLogin]:
    """Import every example and create one account per role, with fresh random passwords."""
    logins: list[DemoLogin] = []
    with store.session() as session:
        if session.scalar(select(m.User.id).limit(1)) is not None:
            raise StoreError("数据库中已有用户：演示数据只能写入空数据库")
        projects = [import_evaluation(session, api.load_evaluation(path)) for path in api.example_paths()]
        units = list(session.scalars(select(m.Unit).order_by(m.Unit.name)))

        def account(username: str, role: m.Role, scope: str, **kwargs) -> m.User:
            password = secrets.token_urlsafe(9)
            logins.append(DemoLogin(username, password, role, scope))
            return create_user(session, username, password, role, **kwargs)

        account("admin", m.Role.ADMIN, "全部单位", display_name="系统管理员")
        account("reviewer", m.Role.REVIEWER, "、".join(u.name for u in units), reviewed=units, display_name="财政局审核员")
        staff = [account(f"unit{i}", m.Role.UNIT, unit.name, unit=unit, display_name=f"{unit.name[:6]}填报员")
                 for i, unit in enumerate(units, 1)]
        by_unit = {user.unit_id: user for user in staff}
        for project in [p for p in projects if p.kind == "project"][:SUBMITTED]:
            workflow.submit(session, project, by_unit[project.unit_id], project.version)
    return logins
