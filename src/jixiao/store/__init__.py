"""The database: SQLAlchemy 2 models, Alembic migrations, import/export of evaluations,
rights-scoped queries, edits with history and optimistic locking, the review workflow,
accounts and backup/restore. Depends only on the model; scores are never stored."""
