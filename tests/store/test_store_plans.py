"""Declarations and manual links in the store, and `jixiao history` reading a database: the
same history as from the files, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest


from jixiao import api
from jixiao.cli import main
from jixiao.store import models as m
from jixiao.store.convert import import_evaluation
from jixiao.store.plans import (NotYours, add_link, declaration_of, links_for, project_history, save_declaration,
                                start_evaluation)
from jixiao.store.users import create_user

HISTORY = api.EXAMPLES_DIR / "history"
PASSWORD = "correct-horse-9"


@pytest.fixture
def filled(store):
    with store.session() as session:
        for year in (2018, 2019, 2020):
            session.merge(m.Year(year=year, open=True))
        for name in ("2018-xingzheng.yaml", "2019-xingzheng.yaml", "2020-xingzheng.yaml"):
            project = import_evaluation(session, api.load_evaluation(HISTORY / name))
        unit = project.unit
        staff = create_user(session, "staff", PASSWORD, m.Role.UNIT, unit=unit)
        reviewer = create_user(session, "reviewer", PASSWORD, m.Role.REVIEWER, reviewed=[unit])
        [document] = api.read(HISTORY / "declaration-2020-xingzheng.yaml").documents
        stored = save_declaration(session, staff, document.declaration)
        session.flush()
        return {"unit": unit.id, "staff": staff.id, "reviewer": reviewer.id, "declaration": stored.id}


def test_a_stored_declaration_reads_back_equal(store, filled):
    with store.session() as session:
        from jixiao.store.plan_models import StoredDeclaration

        stored = session.get(StoredDeclaration, filled["declaration"])
        declaration = declaration_of(stored)
        [original] = api.read(HISTORY / "declaration-2020-xingzheng.yaml").documents
        assert [(i.name, i.target.text, i.weight) for i in declaration.indicators] == \
            [(i.name, i.target.text, i.weight) for i in original.declaration.indicators]
        assert declaration.adjustments[0].approval.startswith("武新管财〔2020〕15号")


def test_a_reviewer_neither_saves_nor_starts(store, filled):
    with store.session() as session:
        from jixiao.store.plan_models import StoredDeclaration

        reviewer = session.get(m.User, filled["reviewer"])
        [document] = api.read(HISTORY / "declaration-2019-xingzheng.yaml").documents
        with pytest.raises(NotYours):
            save_declaration(session, reviewer, document.declaration)
        with pytest.raises(NotYours):
            start_evaluation(session, reviewer, session.get(StoredDeclaration, filled["declaration"]))


def test_stored_history_with_a_link(store, filled):
    with store.session() as session:
        staff = session.get(m.User, filled["staff"])
        report = project_history(session, staff, filled["unit"], "园区行政管理事务类专项")
        assert list(report.history.years) == [2018, 2019, 2020]
        assert [f.indicator for f in report.findings if f.code == "indicator-dropped-after-loss"] == ["报销及支付及时性"]
        add_link(session, staff, filled["unit"], "园区行政管理事务类专项", "报销及支付及时性", "设备购置及时率")
        assert links_for(session, filled["unit"], "园区行政管理事务类专项") == {"报销及支付及时性": "设备购置及时率"}
        report = project_history(session, staff, filled["unit"], "园区行政管理事务类专项")
        assert not any(f.code == "indicator-dropped-after-loss" for f in report.findings)


def test_jixiao_history_reads_a_database_as_it_reads_the_files(store, filled, capsys):
    assert main(["history", str(HISTORY), "--project", "园区行政管理事务类专项", "--format", "json"]) == 0
    from_files = capsys.readouterr().out
    assert main(["history", store.url, "--project", "园区行政管理事务类专项", "--format", "json"]) == 0
    from_database = capsys.readouterr().out
    import json

    files, database = json.loads(from_files)["projects"][0], json.loads(from_database)["projects"][0]
    assert database["years"] == files["years"] == [2018, 2019, 2020]
    assert sorted((f["code"], f["indicator"]) for f in database["findings"]) == \
        sorted((f["code"], f["indicator"]) for f in files["findings"])
    assert [s["suggestions"] for s in database["indicators"]] == [s["suggestions"] for s in files["indicators"]]


def test_monitoring_tables_latest_per_project_and_the_carry_forward(store, filled):
    from datetime import date

    from jixiao.store.plans import carry_forward, latest_tables, monitoring_of, save_monitoring

    [document] = api.read(HISTORY / "monitoring-2019-07-31-zhaoshang.yaml").documents
    july = document.monitoring
    from dataclasses import replace

    with store.session() as session:
        staff = session.get(m.User, filled["staff"])
        save_monitoring(session, staff, july)
        save_monitoring(session, staff, replace(july, as_of=date(2019, 6, 30)))
        reviewer = session.get(m.User, filled["reviewer"])
        [latest] = latest_tables(session, reviewer, date(2019, 8, 31))
        assert latest.as_of == date(2019, 7, 31)
        [earlier] = latest_tables(session, reviewer, date(2019, 7, 30))
        assert earlier.as_of == date(2019, 6, 30)
        assert latest_tables(session, reviewer, date(2020, 8, 31)) == []  # another year
        assert monitoring_of(latest).indicators[8].cause == "其他"
        project, carried = carry_forward(session, staff, latest)
        assert (project.name, project.year, carried) == ("招商工作专项", 2019, 6)
        with pytest.raises(NotYours):
            carry_forward(session, reviewer, latest)
