"""Revision 0003 upgrades a database in use: its accounts keep working (login, sessions),
the old failure log gives way to the throttle, and it downgrades back."""

import pytest
from alembic import command
from sqlalchemy import text

from _databases import backends, fresh_postgres_schema, worker
from jixiao.store import models as m
from jixiao.store.db import Store, alembic_config, is_current
from jixiao.store.users import authenticate, hash_password, session_user, start_session


@pytest.mark.parametrize("backend", backends())
def test_an_existing_database_is_upgraded_and_its_accounts_keep_working(backend, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else fresh_postgres_schema(f"jx_m3_{worker()}")
    old = Store(url, create=False)
    command.upgrade(alembic_config(old.engine), "0002")
    with old.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (id, username, display_name, password_hash, role, active, created_at) "
            "VALUES (1, 'boss', '局长', :hash, 'admin', :yes, CURRENT_TIMESTAMP)"),
            {"hash": hash_password("violet-ledger-42"), "yes": True})
        connection.execute(text("INSERT INTO login_attempts (key, at) VALUES ('user:boss', CURRENT_TIMESTAMP)"))
    old.dispose()

    store = Store(url)  # upgrades to head, as `jixiao serve` does at start
    try:
        assert is_current(store.engine)
        names = store.table_names()
        assert "login_attempts" not in names and {"login_throttle", "user_sessions"} <= set(names)
        with store.session() as session:
            login = authenticate(session, "boss", "violet-ledger-42", "10.0.0.1")
            assert login.user.username == "boss"
            token = start_session(session, login.user)
        with store.session() as session:
            assert session_user(session, token).username == "boss"
        command.downgrade(alembic_config(store.engine), "0002")
        assert "login_attempts" in store.table_names() and "user_sessions" not in store.table_names()
        with store.session() as session:
            assert session.get(m.User, 1).username == "boss"
    finally:
        store.dispose()
