"""Issue 15 §5: a tampered backup is refused as a whole, before anything changes, with the
first problems named by project and field — checked against the same schema and domain as
an import (the YAML loader), the store's enums, nesting, sizes and the year."""

import copy
import json

import pytest

from _people import populate
from jixiao.store import models as m
from jixiao.store.backup import MAX_LISTED, BackupRefused, backup_unit, read_backup, restore_unit
from jixiao.store.convert import project_document
from jixiao.store.edits import Edit, save_edits


@pytest.fixture
def saved(store):
    """A backup of unit A (one project), and the ids."""
    with store.session() as session:
        ids = populate(session)
        project = session.get(m.Project, ids["ours"])
        save_edits(session, project, session.get(m.User, ids["staff"]), 1,
                   [Edit(project.indicators[0].id, "actual", "130份")])
    with store.session() as session:
        data = backup_unit(session, session.get(m.Unit, ids["unit_a"]))
    assert data["projects"][0]["history"]
    return ids, data


def restore(store, ids, data):
    with store.session() as session:
        return restore_unit(session, data, session.get(m.Unit, ids["unit_a"]), session.get(m.User, ids["admin"]))


def state(store, ids):
    """Everything a restore could change, to compare before and after a refusal."""
    with store.session() as session:
        return [(p.id, p.version, project_document(p), len(p.history))
                for p in session.query(m.Project).order_by(m.Project.id)]


def tampered(data, change):
    copied = copy.deepcopy(data)
    change(copied["projects"][0])
    return copied


def setter(path, value):
    def change(project):
        target = project
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


NAME = "第1个项目“园区行政管理事务类专项”"
ATTACKS = {
    # Values that once broke pages after a restore.
    "rule_json not JSON": (setter(("indicators", 0, "rule_json"), "{not json"),
                           f"{NAME}的indicators[0]的“rule_json”不是有效的 JSON 文本"),
    "declared_weights not an object": (setter(("declared_weights",), "[[["),
                                       f"{NAME}的“declared_weights”不是有效的 JSON 文本"),
    "declared_weights nested": (setter(("declared_weights",), '{"产出指标": [[["50"]]]}'),
                                f"{NAME}的“declared_weights”各一级指标的分值应为文本"),
    "exponent amount": (setter(("fund_lines", 0, "executed"), "1e30"),
                        f"{NAME}的fund_lines[0]的“executed”应为写成文本的十进制数（如“614.00”），而不是“1e30”"),
    "amount as a JSON number": (setter(("fund_lines", 0, "budget"), 614),
                                f"{NAME}的fund_lines[0]的“budget”应为写成文本的十进制数（如“614.00”），而不是“614”"),
    "huge amount string": (setter(("fund_lines", 0, "executed"), "9" * 20_000_000),
                           f"{NAME}的fund_lines[0]的“executed”应为写成文本的十进制数（如“614.00”），而不是过长或无效的文本"),
    "rule of an unknown kind": (setter(("indicators", 0, "rule_json"), '{"kind": "evil"}'),
                                f"{NAME}（indicators[0].rule_json）：指标“订阅报刊杂志数”的评分规则“evil”不存在"),
    "rule nested too deep": (setter(("indicators", 0, "rule_json"), '{"kind": "graded", "grades": [[[["x"]]]]}'),
                             f"{NAME}的indicators[0]的“rule_json”应为评分规则"),
    # Enums accepted silently before.
    "kind": (setter(("kind",), "evil"), f"{NAME}（kind）：未知的表类型“evil”"),
    "source": (setter(("fund_lines", 0, "source"), "bogus"), f"{NAME}（fund_lines[0].source）：未知的资金来源“bogus”"),
    "profile": (setter(("profile",), "nope"), f"{NAME}（profile）：未知的评分方案“nope”"),
    "status": (setter(("status",), "hacked"), f"{NAME}的“status”“hacked”不正确"),
    # Answers that were 500.
    "null name": (setter(("name",), None), "第1个项目的“name”应为文本，而不是空值"),
    "empty name": (setter(("name",), "  "), "第1个项目的“name”不能为空"),
    "missing fields": (lambda p: (p.pop("kind"), p.pop("status")), f"{NAME}缺少字段“kind”“status”"),
    "unknown field": (setter(("owner",), "x"), f"{NAME}有未知字段“owner”"),
    "year 10**20": (setter(("year",), 10**20), f"{NAME}的“year”应为 1 至 9999 的整数，而不是过大的整数"),
    "year as text": (setter(("year",), "2019"), f"{NAME}的“year”应为 1 至 9999 的整数，而不是“2019”"),
    "year of three digits": (setter(("year",), 999), f"{NAME}（year）：年度“999”不是四位数字"),
    "version overflow": (setter(("version",), 2**40), f"{NAME}的“version”应为 1 至 2147483647 的整数"),
    "boolean position": (setter(("goals", 0, "position"), True), f"{NAME}的goals[0]的“position”应为 0 至"),
    "row not an object": (setter(("indicators", 1), [1, 2]), f"{NAME}的indicators[1]应为 JSON 对象"),
    "rows not a list": (setter(("fund_lines",), {"a": 1}), f"{NAME}的“fund_lines”应为列表"),
    "name too long": (setter(("name",), "项" * 301), "第1个项目的“name”超过300个字"),
    "NUL in a text": (setter(("indicators", 0, "actual"), "128\x00份"), f"{NAME}的indicators[0]的“actual”含有空字符"),
    "lone surrogate": (setter(("department",), "\ud800"), f"{NAME}的“department”含有无效的字符"),
    "bad history time": (setter(("history", 0, "at"), "yesterday"), f"{NAME}的history[0]的“at”应为日期时间"),
    "review score above weight": (setter(("indicators", 0, "review_score"), "400"),
                                  f"{NAME}的indicators[0]的审核得分400超出0至4分"),
    "empty indicator weight": (setter(("indicators", 0, "weight"), None), f"{NAME}的indicators[0]的“weight”应为"),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_tampered_backup_is_refused_before_anything_changes(store, saved, attack):
    ids, data = saved
    change, message = ATTACKS[attack]
    data = json.loads(json.dumps(tampered(data, change)))  # as it comes from a file
    before = state(store, ids)
    with pytest.raises(BackupRefused) as refused:
        restore(store, ids, data)
    assert any(problem.startswith(message) for problem in refused.value.problems), refused.value.problems
    assert str(refused.value).startswith("备份文件未恢复，没有做任何修改：")
    assert state(store, ids) == before


def test_a_valid_backup_still_restores(store, saved):
    ids, data = saved
    restored = restore(store, ids, data)
    assert [p.name for p in restored] == ["园区行政管理事务类专项"]


def test_an_invalid_enum_leaves_no_project_behind(store, saved):
    ids, data = saved
    evil = tampered(data, setter(("kind",), "evil"))
    evil["projects"][0]["name"] = "evil"
    evil["projects"].insert(0, copy.deepcopy(data["projects"][0]))  # a good project before the bad one
    with pytest.raises(BackupRefused):
        restore(store, ids, evil)
    with store.session() as session:
        assert session.query(m.Project).filter_by(name="evil").count() == 0
        assert session.query(m.Project).filter_by(kind="evil").count() == 0


def test_the_first_problems_are_listed_and_the_list_is_bounded(store, saved):
    ids, data = saved
    many = copy.deepcopy(data)
    for n in range(30):
        extra = copy.deepcopy(data["projects"][0])
        extra["name"], extra["kind"] = f"项目{n}", "evil"
        many["projects"].append(extra)
    with pytest.raises(BackupRefused) as refused:
        restore(store, ids, many)
    assert len(refused.value.problems) == MAX_LISTED and refused.value.more
    assert refused.value.problems[0].startswith("第2个项目“项目0”（kind）：未知的表类型“evil”")


def test_duplicate_projects_in_one_file_are_refused(store, saved):
    ids, data = saved
    twice = copy.deepcopy(data)
    twice["projects"].append(copy.deepcopy(data["projects"][0]))
    with pytest.raises(BackupRefused, match="第2个项目“园区行政管理事务类专项”与第1个项目“园区行政管理事务类专项”是同一年度的同一项目"):
        restore(store, ids, twice)


@pytest.mark.parametrize("raw, message", [
    (b"[" * 100_000, "嵌套层次过深"),
    (b'{"format": "jixiao-unit-backup", "projects": ' + b"[" * 500 + b"]" * 500 + b"}", "嵌套层次超过12层"),
    (b"{not json", "不是有效的 JSON（第1行第2列）"),
    (b"\xff\xfe\x00", "不是有效的 JSON"),
    (b'{"format": NaN}', "不是 jixiao 单位备份文件"),
    (b"[]", "不是 jixiao 单位备份文件"),
    (b'{"format": "jixiao-unit-backup", "format_version": 1, "projects": {}}', "备份文件缺少项目列表"),
    (b'{"format": "jixiao-unit-backup", "format_version": 1.0e400, "projects": []}', "不支持的备份文件版本：未知"),
])
def test_files_that_are_not_backups_are_refused_without_a_crash(store, saved, raw, message):
    ids, _ = saved
    with pytest.raises(BackupRefused) as refused:
        restore(store, ids, read_backup(raw, "备份.json"))
    assert message in str(refused.value)
