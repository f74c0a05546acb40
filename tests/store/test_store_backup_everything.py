"""A unit's backup carries everything of the unit (issues 11, 12, 13 and 16): the review (the
reviewer's overall note, who reviewed when, the unit's reason for submitting, the marks on
findings), a department's own figures and report text, the declarations, the monitoring tables
and the indicator links. Restored into a fresh database it gives back the same data; a file
whose new parts are tampered with is refused as a whole, naming the part and the field."""

from __future__ import annotations

import copy
import json

import pytest

from _everything import fill_unit, fresh_store
from _people import populate
from jixiao import api
from jixiao.store import models as m
from jixiao.store.backup import CHILDREN, FORMAT_VERSION, PROJECT_FIELDS_V1, BackupRefused, backup_unit, restore_backup
from jixiao.store.plan_models import IndicatorLink, StoredDeclaration, StoredMonitoring

PROJECT_FILE = next(p for p in api.example_paths() if p.stem == "proj-01-xingzheng")


@pytest.fixture
def full(store):
    with store.session() as session:
        ids = populate(session)
        ids.update(fill_unit(session, ids["unit_a"], ids["staff"], ids["reviewer"]))
    with store.session() as session:
        data = backup_unit(session, session.get(m.Unit, ids["unit_a"]))
    return ids, json.loads(json.dumps(data))   # as it comes from a file


@pytest.fixture
def fresh(store, tmp_path_factory):
    """Another, empty database of the same backend, with the same accounts and the year open."""
    other = fresh_store(store, tmp_path_factory, "fresh")
    yield other
    other.dispose()


def without_restore_rows(data: dict) -> dict:
    """A backup as it was before a restore: the restore's own history row left out."""
    data = copy.deepcopy(data)
    for record in [*data["projects"], *data["declarations"]]:
        assert record["history"][-1]["field"] == "恢复备份"
        record["history"].pop()
    return data


def test_the_backup_carries_every_part_of_the_unit(full):
    _ids, data = full
    assert data["format_version"] == FORMAT_VERSION == 2
    department = next(p for p in data["projects"] if p["kind"] == "department")
    assert (department["status"], department["review_note"], department["reviewed_by"], department["submit_note"]) == \
        ("returned", "请补充三公经费的说明", "reviewer", "人员数已按编制核实")
    assert department["reviewed_at"][:2] == "20"
    assert json.loads(department["department_figures"])["staff"]["actual"]["total"] == "16"
    assert json.loads(department["report_text"])["suggestions"] == "建议提前下达预算。"
    assert [(k["key"], k["code"], k["status"], k["note"], k["user"]) for k in department["marks"]] == [
        ("score-mismatch|指标“园区配套建设”", "score-mismatch", "rejected", "", "reviewer"),
        ("staff-breakdown-mismatch|部门数据·人员情况", "staff-breakdown-mismatch", "verified", "单位已更正", "reviewer")]
    assert [(d["year"], d["name"], d["user"]) for d in data["declarations"]] == [(2019, "园区行政管理事务类专项", "staff")]
    assert data["declarations"][0]["content"].startswith("kind: declaration\n")
    # Its own record: uploaded, then uploaded again with one target changed.
    assert [(c["username"], c["field"], c["old"], c["new"]) for c in data["declarations"][0]["history"]] == [
        ("staff", "上传·新建", "", "2019年度申报表“园区行政管理事务类专项”，21项指标"),
        ("staff", "上传·部门维持在职人员完成率·年度指标值", "100%", "≥95%")]
    assert [(t["name"], t["as_of"], t["user"]) for t in data["monitoring"]] == [("招商工作专项", "2019-07-31", "staff")]
    assert [(k["project"], k["old_name"], k["new_name"], k["user"]) for k in data["links"]] == [
        ("园区行政管理事务类专项", "报刊订阅数", "订阅报刊杂志数", "staff")]


def test_restored_into_a_fresh_database_it_gives_back_the_same_data(full, fresh):
    _ids, data = full
    with fresh.session() as session:
        unit = session.query(m.Unit).one()
        admin = session.query(m.User).filter_by(username="admin").one()
        restored = restore_backup(session, data, unit, admin)
        assert restored.summary() == "2 个项目、1 张申报表、1 张监控表、1 条指标关联"
    with fresh.session() as session:
        unit = session.query(m.Unit).one()
        again = json.loads(json.dumps(backup_unit(session, unit)))
        assert without_restore_rows(again) == data
        department = session.query(m.Project).filter_by(kind="department").one()
        # The people are this database's accounts, shown by their display names.
        assert department.reviewer.label == "王审核"
        assert {mark.user.label for mark in department.marks} == {"王审核"}
        assert [c.who for c in department.history][1:3] == ["王审核", "张会计"]
        assert session.query(StoredDeclaration).one().editor.label == "张会计"
        assert session.query(StoredMonitoring).one().editor.label == "张会计"
        assert session.query(IndicatorLink).one().created_by is not None


def test_restoring_over_the_same_unit_replaces_its_documents_and_keeps_the_rest(store, full):
    ids, data = full
    with store.session() as session:
        declaration = session.query(StoredDeclaration).one()
        declaration_id = declaration.id
        declaration.content = declaration.content.replace("订阅报刊杂志数", "订阅报刊数")
        session.query(m.FindingMark).delete()
        session.add(IndicatorLink(unit_id=ids["unit_a"], project="招商工作专项", old_name="甲", new_name="乙"))
    with store.session() as session:
        restore_backup(session, data, session.get(m.Unit, ids["unit_a"]), session.get(m.User, ids["admin"]))
    with store.session() as session:
        declaration = session.query(StoredDeclaration).one()
        assert declaration.id == declaration_id and declaration.content == data["declarations"][0]["content"]
        department = session.query(m.Project).filter_by(kind="department").one()
        assert len(department.marks) == 2
        assert sorted(link.old_name for link in session.query(IndicatorLink)) == ["报刊订阅数", "甲"]


def test_a_version_1_backup_still_restores(store, full):
    ids, data = full
    old = {"format": data["format"], "format_version": 1, "unit": data["unit"], "projects": []}
    for project in data["projects"]:
        old["projects"].append({**{k: project[k] for k in PROJECT_FIELDS_V1}, **{k: project[k] for k in CHILDREN},
                                "history": project["history"]})
    with store.session() as session:
        restored = restore_backup(session, old, session.get(m.Unit, ids["unit_a"]), session.get(m.User, ids["admin"]))
        assert restored.summary() == "2 个项目"
        department = next(p for p in restored.projects if p.kind == "department")
        assert (department.review_note, department.department_figures, department.marks) == ("", "", [])


def tamper(data: dict, where: str, change) -> dict:
    data = copy.deepcopy(data)
    if where == "top":
        change(data)
    elif where == "department":
        change(next(p for p in data["projects"] if p["kind"] == "department"))
    else:
        change(data[where][0])
    return data


def setter(*path_and_value):
    *path, value = path_and_value

    def change(target):
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def json_setter(field, path, value):
    """Changes one value inside a JSON-text field (department_figures, report_text)."""
    def change(project):
        block = json.loads(project[field])
        target = block
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        project[field] = json.dumps(block, ensure_ascii=False)
    return change


DEPT = "第2个项目“武汉东湖综合保税区建设管理办公室部门整体支出”"
DECL = "第1份申报表“园区行政管理事务类专项”"
MON = "第1份监控表“招商工作专项”"
LINK = "第1条指标关联“报刊订阅数”"
ATTACKS = {
    # The review.
    "reviewer unknown here": ("department", setter("reviewed_by", "ghost"),
                              f"{DEPT}的“reviewed_by”：账户“ghost”在本系统中不存在；请先由管理员添加该账户"),
    "reviewer not text": ("department", setter("reviewed_by", 7), f"{DEPT}的“reviewed_by”应为文本，而不是“7”"),
    "reviewed_at not a time": ("department", setter("reviewed_at", "昨天"), f"{DEPT}的“reviewed_at”应为日期时间"),
    "review note not text": ("department", setter("review_note", ["x"]), f"{DEPT}的“review_note”应为文本，而不是列表"),
    "submit note with NUL": ("department", setter("submit_note", "a\x00b"), f"{DEPT}的“submit_note”含有空字符"),
    # Marks on findings.
    "mark status": ("department", setter("marks", 0, "status", "hacked"), f"{DEPT}的marks[0]的“status”“hacked”不正确"),
    "mark code": ("department", setter("marks", 0, "code", "no-such-code"),
                  f"{DEPT}的marks[0]的“code”“no-such-code”不是 jixiao 的审核发现代码"),
    "mark key empty": ("department", setter("marks", 0, "key", " "), f"{DEPT}的marks[0]的“key”不能为空"),
    "mark twice": ("department", lambda p: p["marks"].append(copy.deepcopy(p["marks"][0])),
                   f"{DEPT}的marks[2]与前面的标记是同一处审核发现（“key”相同），只能出现一次"),
    "mark by a stranger": ("department", setter("marks", 1, "user", "ghost"),
                           f"{DEPT}的标记“staff-breakdown-mismatch|部门数据·人员情况”的“user”：账户“ghost”在本系统中不存在"),
    "mark note too long": ("department", setter("marks", 0, "note", "长" * 1001), f"{DEPT}的marks[0]的“note”超过1000个字"),
    "mark time": ("department", setter("marks", 0, "at", "soon"), f"{DEPT}的marks[0]的“at”应为日期时间"),
    "marks not a list": ("department", setter("marks", {"a": 1}), f"{DEPT}的“marks”应为列表"),
    "mark field unknown": ("department", setter("marks", 0, "owner", "x"), f"{DEPT}的marks[0]有未知字段“owner”"),
    # A department's figures and report text.
    "figures not JSON": ("department", setter("department_figures", "{staff"),
                         f"{DEPT}的“department_figures”不是有效的 JSON 文本"),
    "figures a list": ("department", setter("department_figures", "[1]"),
                       f"{DEPT}的“department_figures”应为不超过6层的 JSON 对象"),
    "figures a number": ("department", json_setter("department_figures", ("spending_total",), 3431.89),
                         f"{DEPT}的“department_figures”的值应为文本，而不是JSON 数字"),
    "staff count in words": ("department", json_setter("department_figures", ("staff", "actual", "total"), "十七"),
                             f"{DEPT}（department_figures.staff.actual.total）：实有人数合计“十七”不是整数"),
    "amount 1e30": ("department", json_setter("department_figures", ("spending_total",), "1e30"),
                    f"{DEPT}（department_figures.spending_total）：支出总额“1e30”超出范围"),
    "figures unknown field": ("department", json_setter("department_figures", ("owner",), "x"),
                              f"{DEPT}（department_figures.owner）：未知字段“owner”"),
    "report text unknown section": ("department", json_setter("report_text", ("bogus",), "x"),
                                    f"{DEPT}的“report_text”只能有以下部分：overview、work"),
    # Declarations.
    "declaration of another year": ("declarations", setter("year", 2018),
                                    f"{DECL}的“content”是2019年度“园区行政管理事务类专项”的申报表，与“year”“name”不符"),
    "declaration not a declaration": ("declarations", setter("content", PROJECT_FILE.read_text(encoding="utf-8")),
                                      f"{DECL}的“content”不是一张绩效目标申报表"),
    "declaration weight in words": ("declarations", lambda d: d.__setitem__("content", d["content"].replace(
        "weight: '4'", "weight: 四", 1)), f"{DECL}的“content”：指标“部门维持在职人员完成率”的分值“四”不是数字"),
    "declaration content empty": ("declarations", setter("content", ""), f"{DECL}的“content”不能为空"),
    "declaration by a stranger": ("declarations", setter("user", "ghost"), f"{DECL}的“user”：账户“ghost”在本系统中不存在"),
    "declaration missing field": ("declarations", lambda d: d.pop("updated_at"), f"{DECL}缺少字段“updated_at”"),
    "declaration history not a list": ("declarations", setter("history", "x"), f"{DECL}的“history”应为列表"),
    "declaration change missing a field": ("declarations", lambda d: d["history"][1].pop("old"),
                                           f"{DECL}的history[1]缺少字段“old”"),
    "declaration change time": ("declarations", setter("history", 0, "at", "soon"), f"{DECL}的history[0]的“at”应为日期时间"),
    "declaration with marks": ("declarations", setter("marks", []), f"{DECL}有未知字段“marks”"),
    "monitoring with a history": ("monitoring", setter("history", []), f"{MON}有未知字段“history”"),
    "declaration twice": ("top", lambda data: data["declarations"].append(copy.deepcopy(data["declarations"][0])),
                          "第2份申报表“园区行政管理事务类专项”与第1份申报表“园区行政管理事务类专项”重复，只能出现一次"),
    # Monitoring tables.
    "monitoring date mismatch": ("monitoring", setter("as_of", "2019-06-30"),
                                 f"{MON}的“content”是“招商工作专项”截至2019-07-31的监控表，与“year”“name”“as_of”不符"),
    "monitoring date invalid": ("monitoring", setter("as_of", "2019-13-01"), f"{MON}的“as_of”应为日期（如 2019-07-31），而不是“2019-13-01”"),
    "monitoring likelihood": ("monitoring", lambda t: t.__setitem__("content", t["content"].replace(
        "likelihood: 确定能", "likelihood: 也许", 1)), f"{MON}的“content”："),
    # Indicator links.
    "link to itself": ("links", setter("new_name", "报刊订阅数"), f"{LINK}的改名前后名称相同"),
    "link name too long": ("links", setter("project", "项" * 301), "第1条指标关联“报刊订阅数”的“project”超过300个字"),
    "link twice": ("top", lambda data: data["links"].append(copy.deepcopy(data["links"][0])),
                   "第2条指标关联“报刊订阅数”与第1条指标关联“报刊订阅数”重复，只能出现一次"),
    # The file.
    "declarations missing": ("top", lambda data: data.pop("declarations"), "备份文件缺少“declarations”列表"),
    "monitoring not a list": ("top", setter("monitoring", {}), "备份文件缺少“monitoring”列表"),
    "too many links": ("top", lambda data: data.__setitem__("links", [{}] * 1001), "备份文件的“links”有1001项，超过上限1000项"),
}


def state(store):
    with store.session() as session:
        return ([(p.id, p.version, p.status, p.review_note, p.department_figures, len(p.history), len(p.marks))
                 for p in session.query(m.Project).order_by(m.Project.id)],
                [(d.id, d.content, len(d.history)) for d in session.query(StoredDeclaration)],
                [(t.id, t.content) for t in session.query(StoredMonitoring)],
                [(k.id, k.new_name) for k in session.query(IndicatorLink)])


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_tampered_part_is_refused_before_anything_changes(store, full, attack):
    ids, data = full
    where, change, message = ATTACKS[attack]
    bad = json.loads(json.dumps(tamper(data, where, change), ensure_ascii=False))
    before = state(store)
    with pytest.raises(BackupRefused) as refused:
        with store.session() as session:
            restore_backup(session, bad, session.get(m.Unit, ids["unit_a"]), session.get(m.User, ids["admin"]))
    assert any(problem.startswith(message) for problem in refused.value.problems), refused.value.problems
    assert state(store) == before


def test_a_declaration_of_a_closed_year_is_refused(store, full):
    ids, data = full
    with store.session() as session:
        session.get(m.Year, 2019).open = False
    with pytest.raises(BackupRefused, match="2019年度已关闭（只读），不能恢复该年度的项目；请先重新开放该年度"):
        with store.session() as session:
            restore_backup(session, data, session.get(m.Unit, ids["unit_a"]), session.get(m.User, ids["admin"]))
    only_documents = {**data, "projects": []}
    with pytest.raises(BackupRefused, match="2019年度已关闭（只读），不能恢复该年度的申报表或监控表"):
        with store.session() as session:
            restore_backup(session, only_documents, session.get(m.Unit, ids["unit_a"]),
                           session.get(m.User, ids["admin"]))
