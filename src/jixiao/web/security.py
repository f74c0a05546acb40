"""Sessions, CSRF tokens, login checks and response headers."""

from __future__ import annotations

import hmac
import secrets
from functools import wraps

from flask import g, request, session

from ..store import models as m
from .errors import CsrfFailed, Forbidden

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"

# Everything is served by the app itself: no inline scripts, nothing from elsewhere.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    """Every state-changing request carries the session's token (form field or HTMX header)."""
    if request.method in SAFE_METHODS:
        return
    sent = request.form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    expected = session.get("csrf") or ""
    if not expected or not hmac.compare_digest(sent, expected):
        raise CsrfFailed()


def log_in(user: m.User) -> None:
    session.clear()
    session["uid"] = user.id
    # Bound to the password hash: changing the password ends every other session.
    session["pw"] = user.password_hash[-16:]
    session["csrf"] = secrets.token_urlsafe(32)
    session.permanent = True


def load_user(db) -> m.User | None:
    uid = session.get("uid")
    if uid is None:
        return None
    user = db.get(m.User, uid)
    if user is None or not user.active or session.get("pw") != user.password_hash[-16:]:
        session.clear()
        return None
    return user


def login_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if g.user is None:
            from flask import redirect, url_for

            return redirect(url_for("auth.login", next=request.full_path if request.query_string else request.path))
        return view(*args, **kwargs)

    return wrapper


def roles_required(*roles: m.Role):
    def decorate(view):
        @wraps(view)
        @login_required
        def wrapper(*args, **kwargs):
            if g.user.role_enum not in roles:
                raise Forbidden()
            return view(*args, **kwargs)

        return wrapper

    return decorate


def secure_headers(response):
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.endpoint != "static":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def client_address() -> str:
    return request.remote_addr or "unknown"
