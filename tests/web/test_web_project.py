"""The project table: recomputed scores, live preview, saving with history, conflicts."""

from decimal import Decimal

from _web import cell

from jixiao import api
from jixiao.decimals import plain
from jixiao.store import models as m
from jixiao.store.convert import project_document
from jixiao.web.scoring import score_document


def expected_total(app, project_id) -> Decimal:
    with app.extensions["jixiao.store"].session() as session:
        return score_document(project_document(session.get(m.Project, project_id)), "x").result.total


def test_the_table_shows_the_recomputed_scores_beside_the_reported_ones(app, client, world):
    page = client("staff").text(f"/projects/{world['ours']}")
    subscriptions, rented = world["ours_indicators"][1], world["ours_indicators"][8]
    assert cell(page, f"score-{subscriptions}") == "4.00"
    assert cell(page, f"deriv-{subscriptions}") == "128份/100份×4=5.12，超过分值，封顶4"
    assert cell(page, f"score-{rented}") == "1.80"
    assert cell(page, "total") == plain(api.score(api.load_evaluation(
        next(p for p in api.example_paths() if p.stem == "proj-01-xingzheng"))).total)
    assert cell(page, f"rate-{world['ours_funds'][0]}") == "91.74%"
    assert cell(page, f"fscore-{world['ours_funds'][0]}") == "9.17"
    assert f'<textarea form="sheet" name="actual-{subscriptions}"' in page and ">128份</textarea>" in page


def test_typing_an_actual_rescores_without_saving(app, client, world):
    staff = client("staff")
    before = expected_total(app, world["ours"])
    subscriptions = world["ours_indicators"][1]
    response = staff.post(f"/projects/{world['ours']}/preview", {f"actual-{subscriptions}": "90份"},
                          headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert cell(html, f"score-{subscriptions}") == "3.60"
    assert cell(html, f"deriv-{subscriptions}") == "90份/100份×4=3.60"
    assert cell(html, "total") == plain(before - Decimal("0.40"))
    assert 'hx-swap-oob="true"' in html and "尚未保存" in html
    # Nothing was stored.
    assert cell(staff.text(f"/projects/{world['ours']}"), f"score-{subscriptions}") == "4.00"


def test_typing_the_amount_spent_rescores_budget_execution(app, client, world):
    staff = client("staff")
    total_line = world["ours_funds"][0]
    html = staff.post(f"/projects/{world['ours']}/preview", {f"executed-{total_line}": "614"}).get_data(as_text=True)
    assert (cell(html, f"rate-{total_line}"), cell(html, f"fscore-{total_line}")) == ("100.00%", "10.00")
    html = staff.post(f"/projects/{world['ours']}/preview", {f"executed-{total_line}": "六百"}).get_data(as_text=True)
    assert "全年执行数“六百”不是数字，按已保存的数值计算。" in html


def test_saving_records_the_history_and_bumps_the_version(app, client, world):
    staff = client("staff")
    subscriptions = world["ours_indicators"][1]
    response = staff.post(f"/projects/{world['ours']}/save", {
        "version": "1", f"actual-{subscriptions}": "90份", f"reason-{subscriptions}": "部分刊物停刊，下年调整订阅计划。"})
    assert response.status_code == 302
    page = staff.text(f"/projects/{world['ours']}")
    assert "已保存，共修改 2 处。" in page
    assert cell(page, f"score-{subscriptions}") == "3.60"
    assert 'name="version" value="2"' in page
    history = staff.text(f"/projects/{world['ours']}/history")
    assert "订阅报刊杂志数·实际完成值" in history and ">128份<" in history and ">90份<" in history
    assert "部分刊物停刊，下年调整订阅计划。" in history and ">张会计<" in history  # people by display name


def test_a_stale_form_is_refused_with_a_clear_message_and_nothing_is_lost(app, client, world):
    first, second = client("staff"), client("admin")
    subscriptions, rented = world["ours_indicators"][1], world["ours_indicators"][8]
    assert first.post(f"/projects/{world['ours']}/save", {"version": "1", f"actual-{subscriptions}": "95份"}).status_code == 302
    response = second.post(f"/projects/{world['ours']}/save", {"version": "1", f"actual-{rented}": "85%"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "被 张会计 修改（当前版本 2，您打开的是版本 1）。您的修改没有保存，请刷新页面查看最新内容后重新填写。" in html
    assert "您修改但未保存的内容" in html and "<li><strong>指标“租赁用房空间利用率”</strong> · 实际完成值：85%</li>" in html
    page = first.text(f"/projects/{world['ours']}")
    assert ">95份</textarea>" in page and f'name="actual-{rented}"' in page and ">90%</textarea>" in page


def test_submitted_projects_are_read_only_for_the_unit(app, client, world):
    staff = client("staff")
    assert staff.post(f"/projects/{world['ours']}/save", {"version": "1", "action": "submit",
                                                                        "submit_reason": "得分以佐证材料为准"}).status_code == 302
    page = staff.text(f"/projects/{world['ours']}")
    assert "已提交审核。" in page and "已提交待审核" in page and 'name="actual-' not in page
    response = staff.post(f"/projects/{world['ours']}/save", {"version": "2", f"actual-{world['ours_indicators'][1]}": "1份"})
    assert response.status_code == 403
    assert "该项目当前不能由您修改" in response.get_data(as_text=True)


def test_names_with_markup_are_shown_as_text(app, client, world):
    from jixiao.store.convert import import_evaluation
    from dataclasses import replace

    from jixiao.model import Value

    from _web import example

    evaluation = example("proj-02-anquan")
    hostile = replace(evaluation, project="<script>alert('项目')</script>", indicators=tuple(
        replace(ind, name="<script>alert(1)</script>" if i == 0 else ind.name,
                actual=Value("<img src=x onerror=alert(2)>") if i == 1 else ind.actual)
        for i, ind in enumerate(evaluation.indicators)))
    with app.extensions["jixiao.store"].session() as session:
        unit = session.get(m.Unit, world["unit_a"])
        project_id = import_evaluation(session, hostile, unit=unit).id
    staff = client("staff")
    for url in (f"/projects/{project_id}", "/", f"/projects/{project_id}/history"):
        page = staff.text(url)
        assert "<script>alert" not in page and "<img src=x" not in page
    page = staff.text(f"/projects/{project_id}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;script&gt;alert(&#39;项目&#39;)&lt;/script&gt;" in page
