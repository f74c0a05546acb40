import json
from decimal import Decimal

import pytest

from _people import populate
from jixiao.store import models as m
from jixiao.store.backup import backup_json, restore_unit
from jixiao.store.convert import StoreError, project_document
from jixiao.store.edits import Edit, save_edits


def test_a_units_backup_restores_its_projects_reviews_and_history(store):
    with store.session() as session:
        ids = populate(session)
        project = session.get(m.Project, ids["ours"])
        save_edits(session, project, session.get(m.User, ids["staff"]), 1,
                   [Edit(project.indicators[0].id, "actual", "130份")])
        project.indicators[1].review_score = Decimal("0.80")
        before = project_document(project)
        text = backup_json(session, project.unit)
    data = json.loads(text)
    assert data["unit"]["name"] == "武汉东湖综合保税区建设管理办公室"
    assert [p["name"] for p in data["projects"]] == ["园区行政管理事务类专项"]
    assert data["projects"][0]["fund_lines"][0]["budget"] == "614.00"

    with store.session() as session:
        project = session.get(m.Project, ids["ours"])
        save_edits(session, project, session.get(m.User, ids["staff"]), 2,
                   [Edit(project.indicators[0].id, "actual", "1份")])
    with store.session() as session:
        unit = session.get(m.Unit, ids["unit_a"])
        restored = restore_unit(session, data, unit, session.get(m.User, ids["admin"]))
        assert [p.name for p in restored] == ["园区行政管理事务类专项"]
        restored_id = restored[0].id
    with store.session() as session:
        project = session.get(m.Project, restored_id)
        assert project_document(project) == before
        assert (project.version, project.indicators[1].review_score) == (2, Decimal("0.80"))
        assert [c.field for c in project.history] == ["恢复备份", "订阅报刊杂志数·实际完成值"]
        # The other unit's project is untouched.
        assert session.get(m.Project, ids["theirs"]).unit_id == ids["unit_b"]


@pytest.mark.parametrize("data, message", [
    ({"format": "other"}, "不是 jixiao 单位备份文件"),
    ({"format": "jixiao-unit-backup", "format_version": 9, "projects": []}, "不支持的备份文件版本：9"),
    ({"format": "jixiao-unit-backup", "format_version": 1, "projects": [
        {"year": 2019, "kind": "project", "name": "x", "department": "", "profile": "national", "funds_unit": "万元",
         "declared_weights": "{}", "reported_total": None, "status": "draft", "version": 1,
         "indicators": [{"position": 0, "level1": "产出指标", "level2": "数量指标", "name": "a", "weight": 4.5}]}]},
     "第1个项目“x”的indicators\\[0\\]缺少字段"),
    ({"format": "jixiao-unit-backup", "format_version": 1, "projects": [
        {"year": 2019, "kind": "project", "name": "x", "department": "", "profile": "national", "funds_unit": "万元",
         "declared_weights": "{}", "reported_total": None, "status": "hacked", "version": 1}]},
     "第1个项目“x”的“status”“hacked”不正确"),
])
def test_a_malformed_backup_is_refused_with_a_reason(store, data, message):
    with store.session() as session:
        ids = populate(session)
        with pytest.raises(StoreError, match=message):
            restore_unit(session, data, session.get(m.Unit, ids["unit_a"]), session.get(m.User, ids["admin"]))


def test_a_backup_is_not_restored_into_a_closed_year(store):
    with store.session() as session:
        ids = populate(session)
        text = backup_json(session, session.get(m.Unit, ids["unit_a"]))
        year = session.get(m.Year, 2019) or m.Year(year=2019)
        year.open = False
        session.add(year)
    with store.session() as session:
        with pytest.raises(StoreError, match="2019年度已关闭（只读），不能恢复该年度的项目；请先重新开放该年度"):
            restore_unit(session, json.loads(text), session.get(m.Unit, ids["unit_a"]),
                         session.get(m.User, ids["admin"]))
