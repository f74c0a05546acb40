import pytest
from alembic import command
from sqlalchemy import inspect

from _databases import backends, fresh_postgres_schema, worker
from jixiao.store.db import Store, alembic_config, is_current

TABLES = ["alembic_version", "changes", "declaration_changes", "declarations", "finding_marks", "fund_lines", "goals", "indicator_links", "indicators", "login_throttle", "monitoring_tables", "projects",
          "reviewer_units", "settings", "units", "user_sessions", "users", "years"]


@pytest.mark.parametrize("backend", backends())
def test_upgrade_creates_the_schema_and_downgrade_removes_it(backend, tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}" if backend == "sqlite" else fresh_postgres_schema(f"jx_mig_{worker()}")
    store = Store(url)
    try:
        assert store.table_names() == TABLES
        assert is_current(store.engine)
        command.downgrade(alembic_config(store.engine), "base")
        assert store.table_names() == ["alembic_version"]
        assert not is_current(store.engine)
        Store(url).dispose()  # upgrading again from base works
        assert is_current(store.engine)
    finally:
        store.dispose()


def test_amount_columns_are_exact_on_each_backend(store):
    columns = {c["name"]: c["type"] for c in inspect(store.engine).get_columns("fund_lines")}
    kind = type(columns["budget"]).__name__
    assert kind == ("NUMERIC" if store.engine.dialect.name == "postgresql" else "VARCHAR")


@pytest.mark.skipif("postgresql" not in backends(), reason="several workers share one database only on PostgreSQL")
def test_workers_starting_together_on_an_empty_postgresql_database_migrate_it_once():
    import threading

    url = fresh_postgres_schema(f"jx_race_{worker()}")
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def start():
        barrier.wait()
        try:
            Store(url).dispose()
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    store = Store(url, create=False)
    assert store.table_names() == TABLES and is_current(store.engine)
    store.dispose()
