"""The databases the store and web tests run against: SQLite always, PostgreSQL when
JIXIAO_TEST_POSTGRES_URL is set (CI sets it; a CI run without it fails, see
test_store_backends.py). Each test process gets its own PostgreSQL schemas, named after its
xdist worker and its pid so that two runs sharing one server (two people, CI and a laptop)
never drop each other's; they are dropped when the session ends. Each test starts from
empty tables of a schema migrated once per session."""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from sqlalchemy import text

from jixiao.store import models
from jixiao.store.db import Store

POSTGRES_ENV = "JIXIAO_TEST_POSTGRES_URL"


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get(POSTGRES_ENV) else ["sqlite"]


def postgres_url(schema: str) -> str:
    base = os.environ[POSTGRES_ENV]
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}"


_CREATED: list[str] = []


def fresh_postgres_schema(schema: str) -> str:
    """Drop and recreate `schema`; return a URL whose connections use it."""
    admin = Store(os.environ[POSTGRES_ENV], create=False)
    with admin.engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    _CREATED.append(schema)
    return postgres_url(schema)


def drop_created_schemas() -> None:
    """Drop the schemas this process created (called once its stores are disposed)."""
    if not _CREATED:
        return
    admin = Store(os.environ[POSTGRES_ENV], create=False)
    with admin.engine.begin() as connection:
        while _CREATED:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{_CREATED.pop()}" CASCADE'))
    admin.dispose()


def worker() -> str:
    """This test process, unique on the machine: the xdist worker and the pid."""
    return f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}_{os.getpid()}"


def empty_tables(store: Store) -> None:
    with store.engine.begin() as connection:
        for table in reversed(models.Base.metadata.sorted_tables):
            connection.execute(table.delete())


def migrated_url(backend: str, tmp_path_factory: pytest.TempPathFactory, name: str = "test") -> str:
    """A database for one suite (`name`), so suites alive in one session never share one."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db') / f'{name}.db'}"
    return fresh_postgres_schema(f"jx_{name}_{worker()}")


def fast_password_hashing() -> None:
    """Tests hash many passwords; argon2 with minimal cost keeps them quick (the hash
    format and verification are unchanged)."""
    from argon2 import PasswordHasher

    from jixiao.store import users

    users.HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    users._DUMMY = users.HASHER.hash("jixiao-no-such-user")
