"""Accounts: argon2 password hashes, roles, and a login rate limit kept in the database
(so it holds across worker processes)."""

from __future__ import annotations

import re
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from . import models as m
from .convert import StoreError

HASHER = PasswordHasher()
USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,80}$")
MIN_PASSWORD = 8
MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
# A fixed hash to verify against when the user does not exist, so timing does not tell.
_DUMMY = HASHER.hash("jixiao-no-such-user")


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(
    session: Session,
    username: str,
    password: str,
    role: m.Role,
    *,
    unit: m.Unit | None = None,
    reviewed: list[m.Unit] | None = None,
    display_name: str = "",
) -> m.User:
    if not USERNAME.match(username):
        raise StoreError("用户名只能使用2至80个英文字母、数字、下划线、点或连字符")
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"密码至少{MIN_PASSWORD}位")
    if role is m.Role.UNIT and unit is None:
        raise StoreError("单位填报人员必须指定所属单位")
    if session.scalar(select(m.User).where(m.User.username == username)) is not None:
        raise StoreError(f"用户名“{username}”已存在")
    user = m.User(
        username=username,
        display_name=display_name,
        password_hash=hash_password(password),
        role=role.value,
        unit=unit if role is m.Role.UNIT else None,
        reviewed_units=list(reviewed or []) if role is m.Role.REVIEWER else [],
        active=True,
    )
    session.add(user)
    session.flush()
    return user


def set_password(user: m.User, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"密码至少{MIN_PASSWORD}位")
    user.password_hash = hash_password(password)


def recent_failures(session: Session, key: str) -> int:
    since = m.utcnow() - WINDOW
    return session.scalar(
        select(func.count()).select_from(m.LoginAttempt).where(m.LoginAttempt.key == key, m.LoginAttempt.at >= since)
    ) or 0


def authenticate(session: Session, username: str, password: str, client: str) -> tuple[m.User | None, str]:
    """(user, '') or (None, the message to show). Failures are counted per username and
    per client address, and returned rather than raised so the caller commits them;
    after MAX_FAILURES within WINDOW, logins are refused even with the right password."""
    keys = [f"user:{username.lower()}"[:200], f"addr:{client}"[:200]]
    if any(recent_failures(session, key) >= MAX_FAILURES for key in keys):
        return None, f"登录失败次数过多，请{int(WINDOW.total_seconds() // 60)}分钟后再试"
    user = session.scalar(select(m.User).where(m.User.username == username))
    ok = check_password(user.password_hash if user else _DUMMY, password) and user is not None and user.active
    if not ok:
        for key in keys:
            session.add(m.LoginAttempt(key=key))
        session.flush()
        return None, "用户名或密码错误"
    session.execute(delete(m.LoginAttempt).where(m.LoginAttempt.key == keys[0]))
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user, ""
