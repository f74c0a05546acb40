"""The review workflow: draft → submitted → returned (with comments) or approved.

The reviewer's overall comment is kept on the project (with who wrote it and when) besides
the history, so the unit sees why it was returned on the project page and its home. A unit
that submits while the audit lists errors gives its reason, which the reviewer sees."""

from __future__ import annotations

from sqlalchemy.orm import Session

from . import access
from . import models as m
from .convert import StoreError
from .edits import set_status

S = m.Status


def submit(session: Session, project: m.Project, user: m.User, version: int, note: str = "") -> m.Change:
    """`note`: why the unit submits although the audit lists errors (empty when it lists none)."""
    if not access.can_edit(session, user, project):
        raise StoreError("只有本单位填报人员可以提交填报中或已退回的项目")
    change = set_status(session, project, user, version, S.SUBMITTED, note)
    project.submit_note = note.strip()
    return change


def _reviewed(project: m.Project, user: m.User, note: str, when) -> None:
    project.review_note = note.strip()
    project.reviewed_by = user.id
    project.reviewed_at = when


def send_back(session: Session, project: m.Project, user: m.User, version: int, note: str = "") -> m.Change:
    if not access.can_review(user, project):
        raise StoreError("只有负责该单位的审核人员可以退回已提交的项目")
    if not note.strip() and not any(ind.review_comment.strip() for ind in project.indicators):
        raise StoreError("退回时请至少填写一条审核意见（总体意见或逐项意见）")
    change = set_status(session, project, user, version, S.RETURNED, note)
    _reviewed(project, user, note, change.at or m.utcnow())
    return change


def approve(session: Session, project: m.Project, user: m.User, version: int, note: str = "") -> m.Change:
    if not access.can_review(user, project):
        raise StoreError("只有负责该单位的审核人员可以审核通过已提交的项目")
    change = set_status(session, project, user, version, S.APPROVED, note)
    _reviewed(project, user, note, change.at or m.utcnow())
    return change


ACTIONS = {"submit": submit, "return": send_back, "approve": approve}
