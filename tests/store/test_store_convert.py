from decimal import Decimal

import pytest
from sqlalchemy import select, text

from _samples import UNIT, park_admin
from jixiao.store import models as m
from jixiao.store.convert import ImportRefused, StoreError, document_yaml, import_evaluation, project_document


def test_import_keeps_every_text_and_decimal_as_written(store):
    with store.session() as session:
        project = import_evaluation(session, park_admin())
        project_id = project.id
    with store.session() as session:
        project = session.get(m.Project, project_id)
        assert project.unit.name == UNIT
        assert (project.year, project.kind, project.status, project.version) == (2019, "project", "draft", 1)
        total = project.fund_lines[0]
        assert (total.source, total.budget, total.executed, total.reported_rate) == (
            "年度资金总额", Decimal("614.00"), Decimal("563.27"), Decimal("0.9174"))
        assert str(total.budget) == "614.00"
        assert [i.name for i in project.indicators] == [
            "订阅报刊杂志数", "公务接待人次", "报销及支付及时性", "项目可持续性", "办公环境质量满意度"]
        assert project.indicators[1].reported_score == Decimal("1.51")
        # Exact on disk too: SQLite keeps the digits as text, PostgreSQL as NUMERIC.
        raw = session.execute(text("SELECT executed FROM fund_lines ORDER BY position")).scalars().all()
        assert [str(value) for value in raw] == ["563.27", "563.27"]


def test_a_stored_project_exports_to_the_yaml_structure(store):
    with store.session() as session:
        doc = project_document(import_evaluation(session, park_admin()))
    assert doc["funds"] == {
        "unit": "万元",
        "lines": [
            {"source": "年度资金总额", "initial_budget": "614.00", "budget": "614.00", "executed": "563.27",
             "reported": {"weight": "10", "rate": "91.74%", "score": "9.17"}},
            {"source": "当年财政拨款", "initial_budget": "614.00", "budget": "614.00", "executed": "563.27",
             "reported": {"weight": "10", "rate": "91.74%", "score": "9.17"}},
        ],
    }
    assert doc["indicators"][2] == {
        "level1": "产出指标", "level2": "时效指标", "name": "报销及支付及时性", "target": "及时", "actual": "基本及时",
        "weight": "2", "deviation_reason": "部分报销单未在规定期限内完成报账工作",
        "rule": {"kind": "graded", "grades": [["及时", "2"], ["基本及时", "1"]]}, "reported_score": "1",
    }
    assert doc["indicators"][4]["rule_text"] == "达到85%得满分，否则不得分"
    assert "rule" not in doc["indicators"][4]
    assert doc["declared_weights"] == {"产出指标": "50", "效益指标": "30", "满意度指标": "10"}
    assert (doc["year"], doc["reported_total"], doc["unit"]) == ("2019", "93.68", UNIT)
    assert "reported_total: '93.68'" in document_yaml(doc)


def test_unsaved_values_override_the_stored_ones_in_a_preview(store):
    with store.session() as session:
        project = import_evaluation(session, park_admin())
        first = project.indicators[0]
        doc = project_document(project, {first.id: {"actual": "90份", "deviation_reason": "订阅减少", "weight": "99"}})
    assert (doc["indicators"][0]["actual"], doc["indicators"][0]["deviation_reason"]) == ("90份", "订阅减少")
    assert doc["indicators"][0]["weight"] == "4"  # only the fields staff may type are taken


def test_importing_the_same_project_twice_is_refused_unless_replacing(store):
    with store.session() as session:
        import_evaluation(session, park_admin())
    with pytest.raises(StoreError, match="已有项目“园区行政管理事务类专项”"):
        with store.session() as session:
            import_evaluation(session, park_admin())
    with store.session() as session:
        admin = m.User(username="admin", password_hash="x", role="admin")
        session.add(admin)
        session.flush()
        project = import_evaluation(session, park_admin(), user=admin, replace=True)
        assert project.version == 2
        assert [(c.field, c.old, c.new, c.username) for c in project.history] == [
            ("导入", "5项指标", "5项指标（重新导入）", "admin")]
    with store.session() as session:
        assert session.scalar(select(m.Project).where(m.Project.name == "园区行政管理事务类专项")).version == 2


def test_a_document_without_a_unit_needs_one_given(store):
    with pytest.raises(StoreError, match="未写明实施单位"):
        with store.session() as session:
            import_evaluation(session, park_admin(unit=""))


def test_nothing_is_imported_into_a_closed_year(store):
    with store.session() as session:
        import_evaluation(session, park_admin())
        session.merge(m.Year(year=2019, open=False))  # the import opened it (a system import)
    for name, replace in (("园区行政管理事务类专项", True), ("新项目", False)):
        with pytest.raises(ImportRefused, match="^2019年度已关闭（只读），不能导入该年度的自评表，也不能覆盖该年度的项目$"):
            with store.session() as session:
                import_evaluation(session, park_admin(name=name), replace=replace)
    with store.session() as session:
        projects = session.scalars(select(m.Project)).all()
        assert [(p.name, p.version, len(p.history)) for p in projects] == [("园区行政管理事务类专项", 1, 0)]


def test_an_import_replaces_only_a_project_the_importer_may_edit(store):
    with store.session() as session:
        project = import_evaluation(session, park_admin())
        other_unit = m.Unit(name="武汉东湖新技术开发区财政局")
        outsider = m.User(username="other", password_hash="x", role="unit", unit=other_unit)
        session.add(outsider)
        session.flush()
        project.status = m.Status.RETURNED.value
        own_staff = m.User(username="staff", password_hash="x", role="unit", unit=project.unit)
        session.add(own_staff)
    with pytest.raises(ImportRefused, match="^您不能修改项目“园区行政管理事务类专项”，不能用导入覆盖$"):
        with store.session() as session:
            outsider = session.scalar(select(m.User).where(m.User.username == "other"))
            import_evaluation(session, park_admin(), user=outsider, replace=True)
    with store.session() as session:
        staff = session.scalar(select(m.User).where(m.User.username == "staff"))
        assert import_evaluation(session, park_admin(), user=staff, replace=True).version == 2
    with store.session() as session:
        session.scalar(select(m.Project)).status = m.Status.SUBMITTED.value
    with pytest.raises(ImportRefused, match="^项目“园区行政管理事务类专项”已提交或已审核通过，不能用导入覆盖$"):
        with store.session() as session:
            staff = session.scalar(select(m.User).where(m.User.username == "staff"))
            import_evaluation(session, park_admin(), user=staff, replace=True)
