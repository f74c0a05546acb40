"""Units and users for the rights tests: two units, their staff, a reviewer of the first, an admin."""

from __future__ import annotations

from _samples import park_admin
from jixiao.store import models as m
from jixiao.store.convert import find_or_create_unit, import_evaluation
from jixiao.store.users import create_user

PASSWORD = "correct-horse-9"
OTHER_UNIT = "武汉东湖新技术开发区财政局"


def populate(session) -> dict:
    """Two projects (one per unit) and the four kinds of user; returns their ids by name."""
    ours = import_evaluation(session, park_admin())
    theirs = import_evaluation(session, park_admin(unit=OTHER_UNIT, name="财政信息化建设项目"))
    unit_a, unit_b = ours.unit, theirs.unit
    users = {
        "staff": create_user(session, "staff", PASSWORD, m.Role.UNIT, unit=unit_a, display_name="张会计"),
        "other": create_user(session, "other", PASSWORD, m.Role.UNIT, unit=unit_b, display_name="李出纳"),
        "reviewer": create_user(session, "reviewer", PASSWORD, m.Role.REVIEWER, reviewed=[unit_a], display_name="王审核"),
        "admin": create_user(session, "admin", PASSWORD, m.Role.ADMIN, display_name="管理员"),
    }
    session.flush()
    return {
        "ours": ours.id, "theirs": theirs.id, "unit_a": unit_a.id, "unit_b": unit_b.id,
        **{name: user.id for name, user in users.items()},
    }


__all__ = ["OTHER_UNIT", "PASSWORD", "find_or_create_unit", "populate"]
