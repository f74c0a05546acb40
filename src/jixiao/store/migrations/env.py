"""Alembic environment: the connection or engine comes from jixiao.store.db (never from an ini file)."""

from __future__ import annotations

from alembic import context

from jixiao.store.models import Base

config = context.config


def run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


if config.attributes.get("connection") is not None:
    # store.db.migrate: its transaction (and, on PostgreSQL, its advisory lock).
    run(config.attributes["connection"])
else:
    with config.attributes["engine"].begin() as connection:
        run(connection)
