"""The composition root: one function builds the app from a database URL and options."""

from __future__ import annotations

import os
from datetime import timedelta

from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge
from werkzeug.middleware.proxy_fix import ProxyFix

from ..store.db import Store, database_url
from ..store.settings import shared_secret
from . import filters, logs, security, uploads, views
from .errors import TooLarge, WebError

MB = 1024 * 1024


def deployment_settings() -> dict:
    """Settings read from the environment (each can also be passed to create_app):

    JIXIAO_TRUSTED_PROXIES — how many reverse proxies stand in front of the app (default 0).
      With 0, X-Forwarded-* headers are ignored; with N, the address and scheme that the N
      proxies report are used (set it only if the proxy overwrites those headers).
    JIXIAO_COOKIE_SECURE — auto (default: the session cookie is Secure when the request came
      over HTTPS, directly or through a trusted proxy), always, or never.
    JIXIAO_TIMEZONE — the time zone pages show times in (IANA name, default Asia/Shanghai);
      times are stored in UTC.
    JIXIAO_UPLOAD_MEMORY_MB, JIXIAO_UPLOAD_SECONDS — what reading one upload may add in memory
      (default 1024 MB) and take in time (default 60 s); each upload is read in a child process
      held to them (web/isolated.py). UPLOAD_ISOLATED=False (create_app) reads in-process."""
    return {
        "TRUSTED_PROXIES": os.environ.get("JIXIAO_TRUSTED_PROXIES", "0").strip() or "0",
        "COOKIE_SECURE": os.environ.get("JIXIAO_COOKIE_SECURE", "auto").strip().lower() or "auto",
        "TIMEZONE": os.environ.get("JIXIAO_TIMEZONE", "").strip() or filters.DEFAULT_TIMEZONE,
    }


def check_settings(config) -> None:
    proxies = str(config.get("TRUSTED_PROXIES", 0))
    if not proxies.isdigit() or int(proxies) > 10:
        raise ValueError(f"JIXIAO_TRUSTED_PROXIES 应为 0 至 10 的整数（反向代理的层数），而不是“{proxies}”")
    if config.get("COOKIE_SECURE") not in security.COOKIE_SECURE_MODES:
        raise ValueError(f"JIXIAO_COOKIE_SECURE 只能是 auto、always 或 never，而不是“{config.get('COOKIE_SECURE')}”")
    filters.time_zone(str(config.get("TIMEZONE") or filters.DEFAULT_TIMEZONE))
    uploads.upload_limits(config)   # JIXIAO_UPLOAD_MEMORY_MB / JIXIAO_UPLOAD_SECONDS (web/isolated.py)


def create_app(database: str | None = None, **overrides: object) -> Flask:
    """Build the app. `database` is a SQLAlchemy URL (default: --db / JIXIAO_DATABASE_URL /
    ./jixiao.db). Processes keep no state of their own: sessions are signed cookies with a
    key kept in the database and a session id checked against the database, login attempts
    are counted in the database."""
    settings = deployment_settings()
    check_settings({**settings, **overrides})
    store = Store(database_url(database))
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ.get("JIXIAO_SECRET_KEY") or shared_secret(store),
        MAX_CONTENT_LENGTH=10 * MB,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_NAME="jixiao_session",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=8),
        JSON_AS_ASCII=False,
        **settings,
    )
    app.config.update(overrides)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Only then are X-Forwarded-For / -Proto believed: the client address the login
        # throttle counts by, and whether the request came over HTTPS (the Secure flag).
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.session_interface = security.SessionInterface()
    app.extensions["jixiao.store"] = store
    logs.configure()

    @app.before_request
    def open_request():
        logs.start_timer()
        g.db = store.sessionmaker()
        g.user = security.load_user(g.db) if request.endpoint not in ("static", "health.healthz") else None
        security.check_csrf()

    @app.teardown_request
    def close_request(_error=None):
        db = g.pop("db", None)
        if db is not None:
            db.close()
        if request.method == "POST" and (request.content_length or 0) > uploads.RELEASE_AFTER:
            uploads.release_memory()

    app.after_request(security.secure_headers)
    app.after_request(logs.log_request)

    # A global, not only the context: macros imported from other templates need it too.
    app.jinja_env.globals["csrf_token"] = security.csrf_token

    @app.context_processor
    def template_globals():
        return {"csrf_token": security.csrf_token, "current_user": getattr(g, "user", None)}

    @app.errorhandler(WebError)
    def web_error(error: WebError):
        if request.headers.get("HX-Request"):
            return render_template("_message.html", message=error.message, kind="error"), error.status
        return render_template("error.html", message=error.message, status=error.status), error.status

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error):
        limit = app.config["MAX_CONTENT_LENGTH"] // MB
        return web_error(TooLarge(f"上传的文件过大：单个请求不能超过 {limit} MB。"))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        messages = {404: "未找到该页面。", 405: "不支持该请求方式。"}
        message = messages.get(error.code or 0, error.description or "请求无法完成。")
        return render_template("error.html", message=message, status=error.code), error.code

    views.register(app)
    return app
