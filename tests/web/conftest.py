"""Web test fixtures (helpers in _web.py): the real app per database backend."""

from __future__ import annotations

import pytest

from _web import _client, backends, empty_tables, fast_password_hashing, migrated_url, populate  # noqa: F401
from _browser import browser, server  # noqa: E402,F401  (the browser tests' fixtures)
from _databases import drop_created_schemas  # noqa: E402  (on the path once _web is imported)
from jixiao.store.db import Store
from jixiao.web import create_app

fast_password_hashing()


@pytest.fixture(scope="session", autouse=True)
def _postgres_schemas():
    yield
    drop_created_schemas()


@pytest.fixture(scope="session", params=backends())
def web_store(request, tmp_path_factory):
    store = Store(migrated_url(request.param, tmp_path_factory, "web"))
    yield store
    store.dispose()


@pytest.fixture
def world(web_store) -> dict:
    empty_tables(web_store)
    return populate(web_store)


@pytest.fixture
def app(web_store, world):
    app = create_app(web_store.url, TESTING=True, SECRET_KEY="test-secret")
    yield app
    app.extensions["jixiao.store"].dispose()


@pytest.fixture
def client(app):
    return lambda username=None: _client(app, username)


