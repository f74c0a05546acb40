"""/login, /logout and /account/password."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from flask import Blueprint, flash, g, redirect, render_template, request, url_for

from ...store.convert import StoreError
from ...store.passwords import MAX_LENGTH
from ...store.users import authenticate, forget_stale, set_password
from .. import logs, security
from ..security import login_required

bp = Blueprint("auth", __name__)

# What a browser drops from a URL before reading it (WHATWG URL: leading and trailing C0
# controls and spaces; tabs and newlines anywhere), so '/\t/evil.example/' is '//evil.example/'.
_EDGE = "".join(chr(c) for c in range(0x21))
_INSIDE = re.compile(r"[\t\n\r]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
MAX_NEXT = 2000


def safe_next(target: str | None) -> str:
    """Where to go after login: a path on this site, checked after normalising it as a
    browser would; anything else (another host, a scheme, backslashes) goes to the start page."""
    home = url_for("home.index")
    if not target or len(target) > MAX_NEXT:
        return home
    path = _INSIDE.sub("", target.strip(_EDGE))
    parts = urlsplit(path)
    if (not path.startswith("/") or path.startswith("//") or "\\" in path or _CONTROL.search(path)
            or parts.scheme or parts.netloc):
        return home
    return path


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        if g.user is not None:
            return redirect(url_for("home.index"))
        return render_template("login.html", next=request.args.get("next", "")[:MAX_NEXT], max_length=MAX_LENGTH)
    username = request.form.get("username", "").strip()
    password = request.form.get("password", "")
    forget_stale(g.db)
    login = authenticate(g.db, username, password, security.client_address())
    g.db.commit()
    if login.user is None:
        logs.event("login-failed", username=username[:80], remote=request.remote_addr)
        status = 429 if login.retry_after else 400 if len(password) > MAX_LENGTH else 401
        page = render_template("login.html", error=login.message, username=username[:80],
                               next=request.form.get("next", "")[:MAX_NEXT], max_length=MAX_LENGTH)
        headers = {"Retry-After": str(login.retry_after)} if login.retry_after else {}
        return page, status, headers
    security.log_in(login.user)
    g.db.commit()
    g.user = login.user
    logs.event("login", remote=request.remote_addr)
    return redirect(safe_next(request.form.get("next")))


@bp.post("/logout")
def logout():
    if g.user is not None:
        logs.event("logout")
    security.log_out()
    flash("已退出登录。", "info")
    return redirect(url_for("auth.login"))


def password_page(error: str = "", status: int = 200):
    return render_template("password.html", error=error, max_length=MAX_LENGTH), status


@bp.get("/account/password")
@login_required
def password_form():
    return password_page()


@bp.post("/account/password")
@login_required
def change_password():
    """The current password (checked under the login throttle), then the new one twice. The
    change ends every session of the account; this browser gets a new one."""
    current = request.form.get("current", "")
    new = request.form.get("new", "")
    if new != request.form.get("confirm", ""):
        return password_page("两次输入的新密码不一致。", 400)
    user = g.user
    check = authenticate(g.db, user.username, current, security.client_address())
    g.db.commit()
    if check.user is None:
        message = check.message if check.retry_after else "当前密码不正确。"
        return password_page(message, 429 if check.retry_after else 400)
    if new == current:
        return password_page("新密码不能与当前密码相同。", 400)
    try:
        set_password(user, new)  # ends every session of the account
        security.log_in(user)
        g.db.commit()
    except StoreError as error:
        g.db.rollback()
        return password_page(f"{error}。", 400)
    logs.event("password-changed")
    flash("密码已修改；此前在其他浏览器或设备上的登录均已失效。", "success")
    return redirect(url_for("home.index"))
