"""The review workflow through the pages: submit, queue, 审核得分, return, fix, approve."""

from _web import cell

from jixiao.store import models as m


def test_submit_review_return_fix_and_approve(app, client, world):
    staff, reviewer = client("staff"), client("reviewer")
    project = f"/projects/{world['ours']}"
    reception = world["ours_indicators"][4]  # 公务接待人次: actual printed as 76%
    assert staff.post(f"{project}/save", {"version": "1", "action": "submit",
                                          "submit_reason": "得分以佐证材料为准"}).status_code == 302

    queue = reviewer.text("/queue")
    assert "园区行政管理事务类专项" in queue and "张会计" in queue and "安全生产专项" not in queue

    page = reviewer.text(project)
    assert f'name="rscore-{reception}"' in page and 'name="actual-' not in page
    response = reviewer.post(f"{project}/review", {"version": "2", "action": "return",
                                                    f"rscore-{reception}": "5", "note": ""})
    assert response.status_code == 400
    assert "“公务接待人次”的审核得分5超出0至4分" in response.get_data(as_text=True)

    response = reviewer.post(f"{project}/review", {
        "version": "2", "action": "return", f"rscore-{reception}": "1.00",
        f"rcomment-{reception}": "实际完成值应填接待人次（151人次），不是百分比。", "note": "请按意见修改后重新提交"})
    assert response.status_code == 302
    page = staff.text(project)
    assert "已退回修改" in page and "实际完成值应填接待人次（151人次），不是百分比。" in page
    assert f'name="actual-{reception}"' in page  # editable again
    with app.extensions["jixiao.store"].session() as session:
        stored = session.get(m.Project, world["ours"])
        expected_review_total = None
        from jixiao.web.scoring import review_total, score_project

        expected_review_total = review_total(stored, score_project(stored))
    assert cell(page, "review-total") == f"{expected_review_total}"

    assert staff.post(f"{project}/save", {"version": "4", f"actual-{reception}": "151人次",
                                          "action": "submit", "submit_reason": "其余得分以佐证材料为准"}).status_code == 302
    assert "园区行政管理事务类专项" in reviewer.text("/queue")
    assert reviewer.post(f"{project}/review", {"version": "6", "action": "approve"}).status_code == 302
    page = staff.text(project)
    assert "审核通过" in page and 'name="actual-' not in page
    assert "没有待审核的项目。" in reviewer.text("/queue")
    history = staff.text(f"{project}/history")
    for text in ("已提交待审核", "已退回修改：请按意见修改后重新提交", "公务接待人次·审核得分", "审核通过", ">151人次<"):
        assert text in history, text


def test_a_stale_review_is_refused(app, client, world):
    staff, reviewer, admin = client("staff"), client("reviewer"), client("admin")
    project = f"/projects/{world['ours']}"
    staff.post(f"{project}/save", {"version": "1", "action": "submit", "submit_reason": "得分以佐证材料为准"})
    assert admin.post(f"{project}/review", {"version": "2", "action": "approve"}).status_code == 302
    response = reviewer.post(f"{project}/review", {"version": "2", "action": "return", "note": "退回"})
    assert response.status_code == 403  # already approved: no longer reviewable
    with app.extensions["jixiao.store"].session() as session:
        assert session.get(m.Project, world["ours"]).status == "approved"
