"""Helpers for the web tests: the bundled examples under two units, one user of each kind,
and a client whose posts carry the session's CSRF token."""

from __future__ import annotations

import re
import sys
from pathlib import Path

# The database fixtures are shared with the store tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from _databases import backends, empty_tables, fast_password_hashing, migrated_url  # noqa: E402,F401

from jixiao import api  # noqa: E402
from jixiao.store import models as m  # noqa: E402
from jixiao.store.convert import find_or_create_unit, import_evaluation  # noqa: E402
from jixiao.store.db import Store  # noqa: E402
from jixiao.store.users import create_user  # noqa: E402

PASSWORD = "correct-horse-9"
UNIT_A = "武汉东湖综合保税区建设管理办公室"
UNIT_B = "武汉东湖新技术开发区财政局"


def example(stem: str):
    return api.load_evaluation(next(p for p in api.example_paths() if p.stem == stem))


def populate(store: Store) -> dict:
    """Unit A: the park administration table (proj-01) and the safety one (proj-02);
    unit B: its own copy of proj-02. Staff of each unit, a reviewer of A, an admin."""
    with store.session() as session:
        ours = import_evaluation(session, example("proj-01-xingzheng"))
        safety = import_evaluation(session, example("proj-02-anquan"))
        unit_b = find_or_create_unit(session, UNIT_B, "武汉东湖新技术开发区管理委员会")
        theirs = import_evaluation(session, example("proj-02-anquan"), unit=unit_b)
        unit_a = ours.unit
        users = {
            "staff": create_user(session, "staff", PASSWORD, m.Role.UNIT, unit=unit_a, display_name="张会计"),
            "other": create_user(session, "other", PASSWORD, m.Role.UNIT, unit=unit_b, display_name="李出纳"),
            "reviewer": create_user(session, "reviewer", PASSWORD, m.Role.REVIEWER, reviewed=[unit_a],
                                    display_name="王审核"),
            "admin": create_user(session, "admin", PASSWORD, m.Role.ADMIN, display_name="管理员"),
        }
        session.flush()
        return {
            "ours": ours.id, "safety": safety.id, "theirs": theirs.id, "unit_a": unit_a.id, "unit_b": unit_b.id,
            "ours_indicators": [i.id for i in ours.indicators], "ours_funds": [f.id for f in ours.fund_lines],
            "theirs_indicators": [i.id for i in theirs.indicators], "theirs_funds": [f.id for f in theirs.fund_lines],
            **{name: user.id for name, user in users.items()},
        }


class Client:
    """A logged-in (or not) browser session: posts carry the session's CSRF token."""

    def __init__(self, app):
        self.app = app
        self.http = app.test_client()

    def token(self) -> str:
        with self.http.session_transaction() as session:
            if "csrf" not in session:
                session["csrf"] = "t" * 43
            return session["csrf"]

    def login(self, username: str, password: str = PASSWORD):
        self.http.get("/login")
        return self.http.post("/login", data={"username": username, "password": password, "csrf_token": self.token()})

    def get(self, url: str, **kwargs):
        return self.http.get(url, **kwargs)

    def post(self, url: str, data: dict | None = None, csrf: bool = True, **kwargs):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.token())
        return self.http.post(url, data=data, **kwargs)

    def text(self, url: str) -> str:
        response = self.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.get_data(as_text=True)


def _client(app, username):
    c = Client(app)
    if username:
        response = c.login(username)
        assert response.status_code == 302, response.get_data(as_text=True)
    return c


def cell(html: str, element_id: str) -> str:
    """The text of the element with this id (scores, totals), tags stripped."""
    match = re.search(rf'id="{re.escape(element_id)}"[^>]*>(.*?)</(span|small|section)>', html, re.S)
    assert match, f"no element #{element_id}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()
