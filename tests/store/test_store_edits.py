from decimal import Decimal

import pytest

from _people import populate
from jixiao.store import models as m
from jixiao.store.convert import ConflictError, StoreError
from jixiao.store.edits import Edit, save_edits


def test_a_save_records_who_changed_which_field_from_what_to_what(store):
    with store.session() as session:
        ids = populate(session)
    with store.session() as session:
        project = session.get(m.Project, ids["ours"])
        staff = session.get(m.User, ids["staff"])
        first, fund = project.indicators[0], project.fund_lines[0]
        changes = save_edits(session, project, staff, 1, [
            Edit(first.id, "actual", "90份"),
            Edit(first.id, "deviation_reason", "部分刊物停刊"),
            Edit(project.indicators[1].id, "actual", "76%"),  # unchanged: not recorded
            Edit(fund.id, "executed", "600.50"),
        ])
        assert [(c.field, c.old, c.new, c.username) for c in changes] == [
            ("订阅报刊杂志数·实际完成值", "128份", "90份", "staff"),
            ("订阅报刊杂志数·偏差原因分析及改进措施", "", "部分刊物停刊", "staff"),
            ("年度资金总额·全年执行数", "563.27", "600.50", "staff"),
        ]
    with store.session() as session:
        project = session.get(m.Project, ids["ours"])
        assert (project.version, project.indicators[0].actual, project.fund_lines[0].executed) == (
            2, "90份", Decimal("600.50"))
        assert project.editor.username == "staff"
        assert len(project.history) == 3


def test_two_people_saving_the_same_version_do_not_overwrite_each_other(store):
    with store.session() as session:
        ids = populate(session)
    with store.session() as session:
        project = session.get(m.Project, ids["ours"])
        save_edits(session, project, session.get(m.User, ids["staff"]), 1,
                   [Edit(project.indicators[0].id, "actual", "110份")])
    with pytest.raises(ConflictError) as caught:
        with store.session() as session:
            project = session.get(m.Project, ids["ours"])
            save_edits(session, project, session.get(m.User, ids["admin"]), 1,
                       [Edit(project.indicators[0].id, "actual", "95份")])
    message = str(caught.value)
    assert "被 张会计 修改" in message and "当前版本 2" in message and "您打开的是版本 1" in message
    assert "您的修改没有保存" in message
    with store.session() as session:
        project = session.get(m.Project, ids["ours"])
        assert (project.version, project.indicators[0].actual) == (2, "110份")
        assert [c.new for c in project.history] == ["110份"]


def test_rows_of_another_project_and_unknown_fields_are_refused(store):
    with store.session() as session:
        ids = populate(session)
        project = session.get(m.Project, ids["ours"])
        theirs = session.get(m.Project, ids["theirs"])
        staff = session.get(m.User, ids["staff"])
        with pytest.raises(StoreError, match="不属于该项目"):
            save_edits(session, project, staff, 1, [Edit(theirs.indicators[0].id, "actual", "1份")])
        with pytest.raises(StoreError, match="不能修改字段“weight”"):
            save_edits(session, project, staff, 1, [Edit(project.indicators[0].id, "weight", "40")])
        with pytest.raises(StoreError, match="全年执行数“六百”不是数字"):
            save_edits(session, project, staff, 1, [Edit(project.fund_lines[0].id, "executed", "六百")])


def test_a_review_score_must_lie_between_zero_and_the_weight(store):
    with store.session() as session:
        ids = populate(session)
        project = session.get(m.Project, ids["ours"])
        reviewer = session.get(m.User, ids["reviewer"])
        second = project.indicators[1]
        with pytest.raises(StoreError, match="“公务接待人次”的审核得分4.5超出0至4分"):
            save_edits(session, project, reviewer, 1, [Edit(second.id, "review_score", "4.5")], review=True)
        changes = save_edits(session, project, reviewer, 1, [
            Edit(second.id, "review_score", "0.80"), Edit(second.id, "review_comment", "实际值应为人次而非百分比")
        ], review=True)
        assert [(c.field, c.new) for c in changes] == [
            ("公务接待人次·审核得分", "0.80"), ("公务接待人次·审核意见", "实际值应为人次而非百分比")]
        assert second.review_score == Decimal("0.80")
