"""Backup and restore of one unit's data as a JSON file: every project with its rows,
review and history, decimals as exact strings."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..decimals import plain
from . import models as m
from .access import year_is_open
from .convert import StoreError

FORMAT = "jixiao-unit-backup"
FORMAT_VERSION = 1

PROJECT_FIELDS = ("year", "kind", "name", "department", "profile", "funds_unit", "declared_weights",
                  "reported_total", "status", "version")
CHILDREN = {
    "goals": (m.Goal, ("position", "expected", "actual")),
    "fund_lines": (m.FundLine, ("position", "source", "initial_budget", "budget", "executed",
                                "reported_weight", "reported_rate", "reported_score")),
    "indicators": (m.Indicator, ("position", "level1", "level2", "name", "target", "actual", "weight",
                                 "rule_text", "rule_json", "reported_score", "deviation_reason", "goal",
                                 "review_score", "review_comment")),
}
DECIMALS = {"reported_total", "initial_budget", "budget", "executed", "reported_weight", "reported_rate",
            "reported_score", "weight", "review_score"}
INTEGERS = {"year", "version", "position", "goal"}


def _dump(value: object) -> object:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _row(obj: object, fields: tuple[str, ...]) -> dict:
    return {name: _dump(getattr(obj, name)) for name in fields}


def backup_unit(session: Session, unit: m.Unit) -> dict:
    projects = session.scalars(select(m.Project).where(m.Project.unit_id == unit.id).order_by(m.Project.id))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "unit": {"name": unit.name, "department": unit.department},
        "projects": [
            {
                **_row(project, PROJECT_FIELDS),
                **{key: [_row(child, fields) for child in getattr(project, key)] for key, (_, fields) in CHILDREN.items()},
                "history": [
                    _row(change, ("username", "at", "field", "old", "new")) for change in reversed(project.history)
                ],
            }
            for project in projects
        ],
    }


def backup_json(session: Session, unit: m.Unit) -> str:
    return json.dumps(backup_unit(session, unit), ensure_ascii=False, indent=1)


def _load(name: str, value: object, where: str) -> object:
    if value is None:
        return None
    try:
        if name in DECIMALS:
            if not isinstance(value, str):
                raise ValueError
            number = Decimal(value)
            if not number.is_finite():
                raise ValueError
            return number
        if name in INTEGERS:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ValueError
            return value
        if name == "at":
            return datetime.fromisoformat(str(value))
    except (ValueError, InvalidOperation):
        raise StoreError(f"备份文件{where}的“{name}”值“{value}”格式不正确") from None
    if not isinstance(value, str):
        raise StoreError(f"备份文件{where}的“{name}”应为文本")
    return value


def _build(cls: type, data: dict, fields: tuple[str, ...], where: str) -> object:
    if not isinstance(data, dict):
        raise StoreError(f"备份文件{where}格式不正确")
    return cls(**{name: _load(name, data.get(name), where) for name in fields if name in data})


def restore_unit(session: Session, data: object, unit: m.Unit, user: m.User) -> list[m.Project]:
    """Replace the unit's projects that the file contains (matched by year, kind, name);
    other projects of the unit are left alone. The restore is recorded in each history."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError("不是 jixiao 单位备份文件")
    if data.get("format_version") != FORMAT_VERSION:
        raise StoreError(f"不支持的备份文件版本：{data.get('format_version')}")
    projects = data.get("projects")
    if not isinstance(projects, list):
        raise StoreError("备份文件缺少项目列表")
    # A closed year is read-only for everyone, restores included: checked before anything changes.
    for year in sorted({item.get("year") for item in projects if isinstance(item, dict)}, key=str):
        if isinstance(year, int) and not year_is_open(session, year):
            raise StoreError(f"{year}年度已关闭（只读），不能恢复该年度的项目；请先重新开放该年度")
    restored = []
    for index, item in enumerate(projects, 1):
        where = f"第{index}个项目"
        project = _build(m.Project, item, PROJECT_FIELDS, where)
        if project.status not in {s.value for s in m.Status}:
            raise StoreError(f"备份文件{where}的状态“{project.status}”不正确")
        existing = session.scalar(
            select(m.Project).where(
                m.Project.unit_id == unit.id,
                m.Project.year == project.year,
                m.Project.kind == project.kind,
                m.Project.name == project.name,
            )
        )
        if existing is not None:
            session.delete(existing)
            session.flush()
        for key, (cls, fields) in CHILDREN.items():
            rows = item.get(key, [])
            if not isinstance(rows, list):
                raise StoreError(f"备份文件{where}的“{key}”格式不正确")
            setattr(project, key, [_build(cls, row, fields, where) for row in rows])
        history = item.get("history", [])
        if not isinstance(history, list):
            raise StoreError(f"备份文件{where}的历史记录格式不正确")
        project.history = [
            _build(m.Change, row, ("username", "at", "field", "old", "new"), where) for row in history
        ] + [m.Change(user_id=user.id, username=user.username, field="恢复备份", old="", new=f"由{user.username}从备份文件恢复")]
        project.updated_by = user.id
        project.unit = unit
        session.add(project)
        restored.append(project)
    session.flush()
    return restored
