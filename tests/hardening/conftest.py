"""The web app for the hardening tests: the web suite's data (tests/web/_web.py) on SQLite — these
attacks go through the upload checks and the readers, the same on every database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]
for folder in (TESTS / "web", TESTS / "store"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from _web import _client, fast_password_hashing, migrated_url, populate  # noqa: E402

from jixiao.store import models as m  # noqa: E402
from jixiao.store.db import Store  # noqa: E402
from jixiao.web import create_app  # noqa: E402

fast_password_hashing()


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    store = Store(migrated_url("sqlite", tmp_path_factory, "hardening"))
    populate(store)
    app = create_app(store.url, TESTING=True, SECRET_KEY="test-secret")
    yield app, store
    app.extensions["jixiao.store"].dispose()
    store.dispose()


@pytest.fixture
def staff(web):
    return _client(web[0], "staff")


@pytest.fixture
def projects(web):
    """How many projects the database holds (an upload refused must store nothing)."""
    from sqlalchemy import func, select

    def count() -> int:
        with web[1].session() as session:
            return session.scalar(select(func.count()).select_from(m.Project))

    return count
