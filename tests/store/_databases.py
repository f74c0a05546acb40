"""The databases the store and web tests run against: SQLite always, and PostgreSQL, whose
tests are skipped with a reason naming JIXIAO_TEST_POSTGRES_URL when it is not set (CI sets
it; a CI run without it fails, see test_store_backends.py; README "Set-up" says how to set it).
Each test process gets its own PostgreSQL schemas, named after its xdist worker and its pid so
that two runs sharing one server (two people, CI and a laptop) never drop each other's; they
are dropped when the session ends. Each test starts from empty tables of a schema migrated once
per session."""

from __future__ import annotations

import os
from urllib.parse import quote

import pytest
from sqlalchemy import text

from jixiao.store import models
from jixiao.store.db import Store

POSTGRES_ENV = "JIXIAO_TEST_POSTGRES_URL"
SKIP_REASON = (f"未设置 {POSTGRES_ENV}：PostgreSQL 上的存储与网页测试未运行"
               "（设置方法见 README“Set-up 安装与运行”，即 .ci/run 所做的）")


def backends() -> list[str]:
    """Every backend, PostgreSQL included: without a server its tests are skipped, visibly."""
    return ["sqlite", "postgresql"]


def postgres_base_url() -> str:
    """The server's URL; skips the test (one line in pytest's summary, with why) when unset."""
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(SKIP_REASON)
    return url


def postgres_url(schema: str) -> str:
    base = postgres_base_url()
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}options={quote(f'-csearch_path={schema}')}"


_CREATED: list[str] = []


def fresh_postgres_schema(schema: str) -> str:
    """Drop and recreate `schema`; return a URL whose connections use it."""
    admin = Store(postgres_base_url(), create=False)
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
