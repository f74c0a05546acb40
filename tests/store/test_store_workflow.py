import pytest

from _people import populate
from jixiao.store import models as m
from jixiao.store import workflow
from jixiao.store.convert import StoreError
from jixiao.store.edits import Edit, save_edits


def test_draft_submitted_returned_with_comments_resubmitted_approved(store):
    with store.session() as session:
        ids = populate(session)
        project = session.get(m.Project, ids["ours"])
        staff, reviewer, other = (session.get(m.User, ids[k]) for k in ("staff", "reviewer", "other"))
        with pytest.raises(StoreError, match="只有负责该单位的审核人员"):
            workflow.approve(session, project, reviewer, 1)
        with pytest.raises(StoreError, match="只有本单位填报人员"):
            workflow.submit(session, project, other, 1)
        workflow.submit(session, project, staff, 1)
        assert (project.status, project.version) == ("submitted", 2)
        with pytest.raises(StoreError, match="请至少填写一条审核意见"):
            workflow.send_back(session, project, reviewer, 2)
        save_edits(session, project, reviewer, 2,
                   [Edit(project.indicators[1].id, "review_comment", "请核实接待人次")], review=True)
        workflow.send_back(session, project, reviewer, 3, "请修改后重新提交")
        assert project.status == "returned"
        save_edits(session, project, staff, 4, [Edit(project.indicators[1].id, "actual", "151人次")])
        workflow.submit(session, project, staff, 5)
        workflow.approve(session, project, reviewer, 6)
        assert (project.status, project.version) == ("approved", 7)
        statuses = [(c.old, c.new) for c in reversed(project.history) if c.field == "状态"]
        assert statuses == [
            ("填报中", "已提交待审核"),
            ("已提交待审核", "已退回修改：请修改后重新提交"),
            ("已退回修改", "已提交待审核"),
            ("已提交待审核", "审核通过"),
        ]
