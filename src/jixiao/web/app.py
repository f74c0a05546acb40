"""The composition root: one function builds the app from a database URL and options."""

from __future__ import annotations

import os
from datetime import timedelta

from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..store.db import Store, database_url
from ..store.settings import shared_secret
from . import logs, security, views
from .errors import TooLarge, WebError

MB = 1024 * 1024


def create_app(database: str | None = None, **overrides: object) -> Flask:
    """Build the app. `database` is a SQLAlchemy URL (default: --db / JIXIAO_DATABASE_URL /
    ./jixiao.db). Processes keep no state of their own: sessions are signed cookies with a
    key kept in the database, rate limits are counted in the database."""
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
    )
    app.config.update(overrides)
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

    app.after_request(security.secure_headers)
    app.after_request(logs.log_request)

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
