from __future__ import annotations

import pytest

from _databases import backends, drop_created_schemas, empty_tables, fast_password_hashing, migrated_url
from jixiao.store.db import Store


fast_password_hashing()


@pytest.fixture(scope="session", autouse=True)
def _postgres_schemas():
    yield
    drop_created_schemas()


@pytest.fixture(scope="session", params=backends())
def session_store(request, tmp_path_factory):
    store = Store(migrated_url(request.param, tmp_path_factory))
    yield store
    store.dispose()


@pytest.fixture
def store(session_store):
    empty_tables(session_store)
    return session_store
