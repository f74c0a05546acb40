"""Accounts: argon2 password hashes, roles, the password policy, server-side sessions, and a
login throttle kept in the database (so it holds across worker processes).

The throttle counts failed logins per (account, client address): an attacker elsewhere
cannot lock the real user out, and one address cannot lock out everyone behind it. The
first FREE_FAILURES attempts are free; after that each attempt must wait BASE_DELAY ×
2^(failures − FREE_FAILURES), up to MAX_DELAY. An attempt is counted *before* its password
is checked, by a compare-and-set on the pair's row, so concurrent attempts cannot check
more passwords than the throttle allows."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, object_session

from . import models as m
from .convert import StoreError
from .passwords import MAX_LENGTH, password_problem, too_long

HASHER = PasswordHasher()
USERNAME = re.compile(r"^[A-Za-z0-9_.\-]{2,80}$")
FREE_FAILURES = 5
BASE_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(hours=1)
# A pair that has not failed for this long starts again from zero.
FORGET_AFTER = timedelta(days=1)
SESSION_LIFETIME = timedelta(hours=8)
# A session's expiry moves with use, written at most this often.
SESSION_REFRESH = timedelta(minutes=30)
WRONG = "用户名或密码错误"
# A fixed hash to verify against when the user does not exist, so timing does not tell.
_DUMMY = HASHER.hash("jixiao-no-such-user")

__all__ = ["FREE_FAILURES", "MAX_LENGTH", "Login", "authenticate", "create_user", "end_session",
           "end_sessions", "forget_stale", "hash_password", "session_user", "set_active", "set_password", "start_session"]


def hash_password(password: str) -> str:
    return HASHER.hash(password)


def check_password(password_hash: str, password: str) -> bool:
    try:
        return HASHER.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _policy(password: str, role: m.Role, username: str) -> None:
    problem = password_problem(password, role, username)
    if problem:
        raise StoreError(problem)


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
    _policy(password, role, username)
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
    """Set a new password under the policy; every session of the user ends."""
    _policy(password, user.role_enum, user.username)
    user.password_hash = hash_password(password)
    end_sessions(object_session(user), user)


def set_active(user: m.User, active: bool) -> None:
    """Enable or disable an account; disabling ends its sessions at once."""
    user.active = active
    if not active:
        end_sessions(object_session(user), user)


# --- the login throttle ----------------------------------------------------------------


class Login(tuple):
    """The outcome of a login: unpacks as (user, message); `retry_after` is the number of
    seconds to wait when the attempt was throttled (0 otherwise)."""

    def __new__(cls, user: m.User | None, message: str = "", retry_after: int = 0):
        login = super().__new__(cls, (user, message))
        login.retry_after = retry_after
        return login

    @property
    def user(self) -> m.User | None:
        return self[0]

    @property
    def message(self) -> str:
        return self[1]


def delay_after(failures: int) -> timedelta:
    """How long the next attempt must wait after `failures` counted attempts."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(BASE_DELAY * 2 ** min(failures - FREE_FAILURES, 20), MAX_DELAY)


def _wait_text(seconds: int) -> str:
    return f"{seconds}秒" if seconds < 120 else f"{-(-seconds // 60)}分钟"


def _insert_ignoring_duplicate(session: Session, values: dict) -> None:
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    session.execute(insert(m.LoginThrottle).values(**values).on_conflict_do_nothing())


def reserve_attempt(session: Session, account: str, address: str, now: datetime) -> int:
    """Count one attempt for (account, address) if the throttle allows it now: 0, or the
    seconds to wait (nothing counted). Compare-and-set: the row's (failures, last_at) must
    be what was read, so of concurrent attempts each counts exactly once."""
    key = (m.LoginThrottle.account == account, m.LoginThrottle.address == address)
    for _ in range(50):
        row = session.execute(select(m.LoginThrottle.failures, m.LoginThrottle.last_at).where(*key)).first()
        if row is None:
            _insert_ignoring_duplicate(session, {"account": account, "address": address, "failures": 0,
                                                 "last_at": now})
            continue
        failures, last = row
        counted = 0 if now - last >= FORGET_AFTER else failures
        delay = delay_after(counted)
        if delay and now < last + delay:
            return max(1, int((last + delay - now).total_seconds() + 0.999))
        claimed = session.execute(
            update(m.LoginThrottle)
            .where(*key, m.LoginThrottle.failures == failures, m.LoginThrottle.last_at == last)
            .values(failures=counted + 1, last_at=now)
            .execution_options(synchronize_session=False)
        )
        if claimed.rowcount == 1:
            return 0
    return int(BASE_DELAY.total_seconds())  # never reached in practice: refuse rather than loop


def forget_stale(session: Session, now: datetime | None = None) -> None:
    """Best effort, in its own transaction: drop throttle rows idle for FORGET_AFTER and
    expired sessions, so neither table grows with attempts on made-up names."""
    now = now or m.utcnow()
    try:
        session.execute(delete(m.LoginThrottle).where(m.LoginThrottle.last_at < now - FORGET_AFTER))
        session.execute(delete(m.UserSession).where(m.UserSession.expires_at < now))
        session.commit()
    except DBAPIError:  # e.g. a deadlock with another worker doing the same: next time
        session.rollback()


def authenticate(session: Session, username: str, password: str, client: str,
                 now: datetime | None = None) -> Login:
    """Login(user) or Login(None, the message to show[, seconds to wait]). The attempt is
    counted before the password is checked, and the count is left for the caller to
    commit; a success clears the pair's count."""
    now = now or m.utcnow()
    if too_long(password):
        return Login(None, too_long(password))
    account = username.lower()[:80]
    address = (client or "unknown")[:100]
    wait = reserve_attempt(session, account, address, now)
    if wait:
        return Login(None, f"登录失败次数过多，请{_wait_text(wait)}后再试", wait)
    user = session.scalar(select(m.User).where(m.User.username == username)) if len(username) <= 80 else None
    ok = check_password(user.password_hash if user else _DUMMY, password) and user is not None and user.active
    if not ok:
        return Login(None, WRONG)
    session.execute(delete(m.LoginThrottle).where(m.LoginThrottle.account == account,
                                                  m.LoginThrottle.address == address))
    if HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return Login(user)


# --- sessions -------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def start_session(session: Session, user: m.User, lifetime: timedelta = SESSION_LIFETIME) -> str:
    """A new session for `user`: the token for the cookie (the database keeps its hash)."""
    now = m.utcnow()
    session.execute(delete(m.UserSession).where(m.UserSession.user_id == user.id, m.UserSession.expires_at < now))
    token = secrets.token_urlsafe(32)
    session.add(m.UserSession(id=_digest(token), user_id=user.id, created_at=now, expires_at=now + lifetime))
    session.flush()
    return token


def session_user(session: Session, token: object, lifetime: timedelta = SESSION_LIFETIME) -> m.User | None:
    """The active user whose live session this token is, else None. A session in use has
    its expiry moved on (at most every SESSION_REFRESH), which the caller commits."""
    if not isinstance(token, str) or not token or len(token) > 200:
        return None
    now = m.utcnow()
    found = session.execute(
        select(m.User, m.UserSession).join(m.UserSession, m.UserSession.user_id == m.User.id)
        .where(m.UserSession.id == _digest(token), m.UserSession.expires_at > now)
    ).first()
    if found is None:
        return None
    user, row = found
    if not user.active:
        return None
    if row.expires_at - now < lifetime - SESSION_REFRESH:
        row.expires_at = now + lifetime
    return user


def end_session(session: Session, token: object) -> None:
    if isinstance(token, str) and token:
        session.execute(delete(m.UserSession).where(m.UserSession.id == _digest(token)))


def end_sessions(session: Session | None, user: m.User) -> None:
    """End every session of `user`."""
    if session is None or user.id is None:
        return
    session.execute(delete(m.UserSession).where(m.UserSession.user_id == user.id))
