"""/login and /logout."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for

from ...store.users import authenticate
from .. import logs, security

bp = Blueprint("auth", __name__)


def safe_next(target: str | None) -> str:
    # Only same-site paths: never redirect to another host after login.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "GET":
        if g.user is not None:
            return redirect(url_for("home.index"))
        return render_template("login.html", next=request.args.get("next", ""))
    username = request.form.get("username", "").strip()[:80]
    password = request.form.get("password", "")[:200]
    user, message = authenticate(g.db, username, password, security.client_address())
    g.db.commit()
    if user is None:
        logs.event("login-failed", username=username, remote=request.remote_addr)
        status = 429 if "过多" in message else 401
        return render_template("login.html", error=message, username=username, next=request.form.get("next", "")), status
    security.log_in(user)
    g.user = user
    logs.event("login", remote=request.remote_addr)
    return redirect(safe_next(request.form.get("next")))


@bp.post("/logout")
def logout():
    if g.user is not None:
        logs.event("logout")
    session.clear()
    flash("已退出登录。", "info")
    return redirect(url_for("auth.login"))
