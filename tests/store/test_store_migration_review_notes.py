"""Revision 0004 upgrades a database in use: a project returned before it keeps the
reviewer's overall comment (read from its history), marks on findings get their table,
and it downgrades back."""

import pytest
from alembic import command
from sqlalchemy import text

from _databases import backends, fresh_postgres_schema, worker
from jixiao.store import models as m
from jixiao.store.db import Store, alembic_config, is_current


@pytest.mark.parametrize("backend", backends())
def test_a_returned_project_keeps_its_reviewers_comment_across_the_upgrade(backend, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else fresh_postgres_schema(f"jx_m4_{worker()}")
    old = Store(url, create=False)
    command.upgrade(alembic_config(old.engine), "0003")
    with old.engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO users (id, username, display_name, password_hash, role, active, created_at) "
            "VALUES (7, 'wang', '王审核', 'x', 'reviewer', :yes, CURRENT_TIMESTAMP)"), {"yes": True})
        connection.execute(text("INSERT INTO units (id, name, department, created_at) VALUES (1, '综保办', '', CURRENT_TIMESTAMP)"))
        for pid, status in ((1, "returned"), (2, "approved"), (3, "draft")):
            connection.execute(text(
                "INSERT INTO projects (id, unit_id, year, kind, name, department, profile, funds_unit, declared_weights, "
                "status, version, created_at, updated_at) VALUES (:id, 1, 2019, 'project', :name, '', 'national', '万元', "
                "'{}', :status, 3, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"), {"id": pid, "name": f"项目{pid}", "status": status})
        for pid, new in ((1, "已提交待审核"), (1, "已退回修改：请补充偏差原因。"), (2, "已退回修改：第一次"),
                         (2, "审核通过"), (3, "已提交待审核")):
            connection.execute(text(
                "INSERT INTO changes (project_id, user_id, username, at, field, old, new) "
                "VALUES (:pid, 7, 'wang', '2024-03-01 02:00:00', '状态', '', :new)"), {"pid": pid, "new": new})
    old.dispose()

    store = Store(url)  # upgrades to head, as `jixiao serve` does at start
    try:
        assert is_current(store.engine)
        with store.session() as session:
            notes = {p.id: (p.review_note, p.reviewer.label if p.reviewer else None, p.submit_note)
                     for p in session.query(m.Project)}
            assert notes == {1: ("请补充偏差原因。", "王审核", ""), 2: ("", "王审核", ""), 3: ("", None, "")}
            session.add(m.FindingMark(project_id=1, key="score-mismatch|指标“订阅报刊杂志数”",
                                      code="score-mismatch", status="verified", note="", user_id=7))
        command.downgrade(alembic_config(store.engine), "0003")
        assert "finding_marks" not in store.table_names()
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM projects")).scalar() == 3
            assert connection.execute(text("SELECT count(*) FROM changes")).scalar() == 5
        command.upgrade(alembic_config(store.engine), "head")  # and up again
        assert is_current(store.engine)
        with store.session() as session:
            assert session.get(m.Project, 1).review_note == "请补充偏差原因。"
    finally:
        store.dispose()
