"""Sessions, CSRF tokens, login checks and response headers."""

from __future__ import annotations

import hmac
import secrets
from functools import wraps

from flask import current_app, g, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface

from ..store import models as m
from ..store import users
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


def lifetime():
    return current_app.permanent_session_lifetime


def log_in(user: m.User) -> None:
    """A new server-side session (the cookie carries only its random token and the CSRF
    token: no user id, nothing of the password hash)."""
    token = users.start_session(g.db, user, lifetime())
    session.clear()
    session["sid"] = token
    session["csrf"] = secrets.token_urlsafe(32)
    session.permanent = True


def log_out() -> None:
    users.end_session(g.db, session.get("sid"))
    g.db.commit()
    session.clear()


def load_user(db) -> m.User | None:
    token = session.get("sid")
    if token is None:
        return None
    user = users.session_user(db, token, lifetime())
    if user is None:
        # Logged out, password changed, account disabled or expired: the cookie is worth nothing.
        session.clear()
        return None
    if db.dirty:
        db.commit()  # the session's expiry moved on
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
    """The client's address: the connection's, or the one a trusted proxy reports when the
    app is configured with TRUSTED_PROXIES (app.py applies ProxyFix); never a header the
    client could set itself."""
    return request.remote_addr or "unknown"


COOKIE_SECURE_MODES = ("auto", "always", "never")


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the Secure flag chosen per request: `auto` (the
    default) sets it when the request came over HTTPS (directly, or through a trusted proxy
    that says so in X-Forwarded-Proto), `always` and `never` force it."""

    def get_cookie_secure(self, app) -> bool:
        mode = app.config.get("COOKIE_SECURE", "auto")
        if mode == "auto":
            return has_request_context() and request.is_secure
        return mode == "always"
