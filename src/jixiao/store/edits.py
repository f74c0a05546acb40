"""Saving changes: optimistic locking and a history row for every changed field."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..decimals import plain
from ..numbers import AMOUNT, SCORE, Domain, Refused, read_number, shown
from . import models as m
from .convert import ConflictError, StoreError

MAX_TEXT = 4000

INDICATOR_FIELDS = {"actual": "实际完成值", "deviation_reason": "偏差原因分析及改进措施", "reported_score": "自评得分"}
REVIEW_FIELDS = {"review_score": "审核得分", "review_comment": "审核意见"}
FUND_FIELDS = {"executed": "全年执行数", "fund_reported_score": "自评得分"}
GOAL_FIELDS = {"goal_actual": "实际完成情况"}
# Form fields whose column has another name (a field name says which table it is in).
COLUMNS = {"fund_reported_score": "reported_score", "goal_actual": "actual"}


@dataclass(frozen=True)
class Edit:
    """One field typed by a user: which row (indicator or fund line id), which field, the new text."""

    row: int
    field: str
    value: str


def _shown(value: object) -> str:
    if value is None:
        return ""
    return plain(value) if isinstance(value, Decimal) else str(value)


def parse_amount(text: str, what: str, domain: Domain = AMOUNT) -> Decimal | None:
    """A number typed in a form, in its field's domain (docs/numbers.md), or StoreError naming
    the field: the same check as every reader's, so the page can never store what the loader
    would refuse to read back."""
    text = text.strip().replace("，", ",")
    if not text:
        return None
    value = read_number(text, domain)
    if isinstance(value, Refused):
        raise StoreError(f"{what}“{shown(text)}”{value}")
    return value


def bump_version(session: Session, project: m.Project, expected: int, user: m.User) -> None:
    """Claim the next version in one UPDATE … WHERE version = expected, so of two
    concurrent saves from the same version exactly one wins, on any database."""
    result = session.execute(
        update(m.Project)
        .where(m.Project.id == project.id, m.Project.version == expected)
        .values(version=m.Project.version + 1, updated_at=m.utcnow(), updated_by=user.id)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        # Read the winner's stamp afresh (the identity map still holds the stale one).
        version, when, editor = session.execute(
            select(m.Project.version, m.Project.updated_at, m.User.display_name.concat("|").concat(m.User.username))
            .outerjoin(m.User, m.User.id == m.Project.updated_by)
            .where(m.Project.id == project.id)
        ).one()
        who = next((part for part in (editor or "").split("|") if part), "其他用户")
        raise ConflictError(
            f"保存失败：该项目已于 {when:%Y-%m-%d %H:%M:%S}（UTC）被 {who} 修改（当前版本 {version}，"
            f"您打开的是版本 {expected}）。您的修改没有保存，请刷新页面查看最新内容后重新填写。",
            when=when, who=who, version=version, expected=expected,
        )
    session.expire(project, ["version", "updated_at", "updated_by"])


def _record(session: Session, project: m.Project, user: m.User, field: str, old: str, new: str) -> m.Change:
    change = m.Change(project_id=project.id, user_id=user.id, username=user.username, field=field, old=old, new=new)
    session.add(change)
    return change


def save_edits(
    session: Session,
    project: m.Project,
    user: m.User,
    expected_version: int,
    edits: list[Edit],
    *,
    review: bool = False,
) -> list[m.Change]:
    """Apply the changed fields of a unit's (or, with review=True, a reviewer's) form.

    Unchanged fields are skipped; if nothing changed, nothing is written, but a stale
    version is still reported so the user knows the page is out of date.
    """
    indicators = {ind.id: ind for ind in project.indicators}
    funds = {line.id: line for line in project.fund_lines}
    goals = {goal.id: goal for goal in project.goals}
    allowed = REVIEW_FIELDS if review else {**INDICATOR_FIELDS, **FUND_FIELDS, **GOAL_FIELDS}
    planned: list[tuple[object, str, str, object, object]] = []
    for edit in edits:
        if edit.field not in allowed:
            raise StoreError(f"不能修改字段“{edit.field}”")
        if len(edit.value) > MAX_TEXT:
            raise StoreError(f"内容过长（超过{MAX_TEXT}字）")
        if edit.field in FUND_FIELDS:
            row = funds.get(edit.row)
            label = f"{row.source}·{FUND_FIELDS[edit.field]}" if row else ""
            new: object = parse_amount(edit.value, f"{row.source}的{FUND_FIELDS[edit.field]}" if row else FUND_FIELDS[edit.field])
            if new is not None and new < 0:
                raise StoreError(f"{FUND_FIELDS[edit.field]}不能为负数")
        elif edit.field in GOAL_FIELDS:
            row = goals.get(edit.row)
            label = f"目标{row.position + 1}·{GOAL_FIELDS[edit.field]}" if row else ""
            new = edit.value.strip()
        else:
            row = indicators.get(edit.row)
            label = f"{row.name}·{allowed[edit.field]}" if row else ""
            new = edit.value.strip()
            if edit.field in ("review_score", "reported_score"):
                what = allowed[edit.field]
                new = parse_amount(edit.value, f"“{row.name}”的{what}" if row else what, SCORE)
                if row is not None and new is not None and not (0 <= new <= row.weight):
                    raise StoreError(f"“{row.name}”的{what}{plain(new)}超出0至{plain(row.weight)}分")
        if row is None:
            # A row id from another project: refuse the whole form rather than guess.
            raise StoreError("表单中的指标不属于该项目")
        column = COLUMNS.get(edit.field, edit.field)
        old = getattr(row, column)
        if _shown(old) != _shown(new):
            planned.append((row, column, label, old, new))

    if project.version != expected_version or planned:
        bump_version(session, project, expected_version, user)
    changes = []
    for row, field, label, old, new in planned:
        setattr(row, field, new)
        changes.append(_record(session, project, user, label, _shown(old), _shown(new)))
    session.flush()
    return changes


def set_status(
    session: Session, project: m.Project, user: m.User, expected_version: int, status: m.Status, note: str = ""
) -> m.Change:
    old = project.status_enum
    bump_version(session, project, expected_version, user)
    project.status = status.value
    new = status.title + (f"：{note.strip()}" if note.strip() else "")
    change = _record(session, project, user, "状态", old.title, new)
    session.flush()
    return change
