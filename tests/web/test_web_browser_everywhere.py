"""Issue 11, "Everywhere", in Debian's Chromium at 1366×900: catalog titles and profile titles
instead of codes and ids, times in the configured zone and people by display name, the
得分汇总 and department pages as the forms print them, a stale save that lists only what the
user changed, exports that keep what the unit claimed, and an administrator's first run."""

from __future__ import annotations

from datetime import datetime

import pytest
from openpyxl import load_workbook

from _browser import log_in, log_out, new_page, serving
from _web import empty_tables, example

from jixiao.store import models as m
from jixiao.store.convert import import_evaluation
from jixiao.store.users import create_user

expect = pytest.importorskip("playwright.sync_api").expect

RECEPTION, RENTED, SUBSCRIPTIONS = 4, 8, 1  # rows of proj-01


def test_codes_and_profile_ids_are_tooltips_behind_their_titles(server, browser, world):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/{world['ours']}")
    meta = page.inner_text("p.meta")
    assert "评分方案：全国通用（财预〔2020〕10号）" in meta and "national" not in meta
    assert page.get_attribute("span.profile", "title") == "全国通用（财预〔2020〕10号）：执行率10分，反向指标线性扣分"
    page.click("#bar .panel-toggle")
    panel = page.inner_text("#findings")
    assert "得分与评分规则不符" in panel and "目标与实际计量单位不一致" in panel
    for code in ("score-mismatch", "unit-mismatch", "target-not-measurable"):
        assert code not in page.inner_text("main"), code
    assert page.locator("#findings span.code[title='代码：score-mismatch']").count() == 3


def test_times_are_in_the_configured_zone_and_people_by_display_name(server, browser, world, web_store):
    with web_store.session() as session:
        project = session.get(m.Project, world["ours"])
        session.add(m.Change(project=project, user_id=world["staff"], username="staff", field="订阅报刊杂志数·实际完成值",
                             old="128份", new="90份", at=datetime(2024, 3, 1, 2, 5)))
        project.updated_at, project.updated_by = datetime(2024, 3, 1, 2, 5), world["staff"]
        project.status = m.Status.SUBMITTED.value
    page = new_page(browser)
    log_in(page, server, "reviewer")
    page.goto(f"{server}/projects/{world['ours']}/history")
    row = page.locator("table.history tbody tr").first.locator("td").all_inner_texts()
    assert row[:2] == ["2024-03-01 10:05", "张会计"]  # 02:05 UTC is 10:05 in Beijing; staff is 张会计
    page.goto(f"{server}/queue")
    assert page.locator("#queue tbody tr").first.locator("td").all_inner_texts()[3:5] == ["2024-03-01 10:05", "张会计"]
    assert "UTC" not in page.inner_text("#queue thead")


def test_the_time_zone_is_configurable(web_store, world, browser):
    from jixiao.web import create_app

    with web_store.session() as session:
        session.add(m.Change(project_id=world["ours"], user_id=world["staff"], username="staff", field="x",
                             old="", new="", at=datetime(2024, 3, 1, 2, 5)))
    app = create_app(web_store.url, TESTING=True, SECRET_KEY="test-secret", TIMEZONE="UTC")
    http = serving(app)
    try:
        base = f"http://127.0.0.1:{http.server_port}"
        page = new_page(browser)
        log_in(page, base, "staff")
        page.goto(f"{base}/projects/{world['ours']}/history")
        assert page.locator("table.history tbody td").first.inner_text() == "2024-03-01 02:05"
    finally:
        http.shutdown()
        app.extensions["jixiao.store"].dispose()
    with pytest.raises(ValueError, match="JIXIAO_TIMEZONE 不是已知的时区名称：“Mars/Base”"):
        create_app(web_store.url, TIMEZONE="Mars/Base")


def department(web_store, world) -> int:
    with web_store.session() as session:
        unit = session.get(m.Unit, world["unit_a"])
        return import_evaluation(session, example("dept-2019-zongbaoban"), unit=unit).id


def test_department_pages_print_goals_weights_funds_levels_and_amounts_as_the_form_does(server, browser, world, web_store):
    dept = department(web_store, world)
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/{dept}")
    assert page.locator("#editor h2").first.inner_text() == "部门资金（万元）"
    funds = page.locator("table.funds tbody tr").first
    assert funds.locator("input[name^=executed-]").input_value() == "3,431.89"
    assert funds.locator("td").nth(1).inner_text() == "3,744.00"
    goals = page.locator("table.indicators td.goal-no").all_inner_texts()
    assert goals[0] == "目标1" and goals[-1] == "目标4" and len(goals) == 41
    summary = page.locator("#summary table tbody tr")
    levels = {r[0]: r[1:] for r in (row.locator("td").all_inner_texts() for row in summary.all())}
    assert [name for name in levels if name == "预算执行率"] == ["预算执行率"]  # listed once
    assert levels["产出指标"][0] == "50" and levels["效益指标"][0] == "40" and levels["目标1"][0] == "22.5"
    satisfaction = [name for name in levels if "社会公众或服务对象满意度" in name]
    assert satisfaction == ["效益指标 · 社会公众或服务对象满意度指标"]
    assert levels[satisfaction[0]][:2] == ["10", "9.60"]


def test_a_stale_save_lists_only_the_fields_the_user_changed_with_their_indicator(server, browser, world):
    subscriptions, rented = world["ours_indicators"][SUBSCRIPTIONS], world["ours_indicators"][RENTED]
    first, second = new_page(browser), new_page(browser)
    log_in(first, server, "staff")
    log_in(second, server, "admin")
    first.goto(f"{server}/projects/{world['ours']}")
    second.goto(f"{server}/projects/{world['ours']}")
    first.fill(f"textarea[name=actual-{subscriptions}]", "95份")
    first.click("button[value=save]")
    first.wait_for_selector("text=已保存，共修改 1 处。")
    second.fill(f"textarea[name=actual-{rented}]", "85%")
    second.fill(f"input[name=claim-{rented}]", "1.70")
    second.click("button[value=save]")
    second.wait_for_selector("#alert")
    assert "被 张会计 修改（当前版本 2，您打开的是版本 1）" in second.inner_text("#alert")
    assert second.locator("#typed li").all_inner_texts() == [
        "指标“租赁用房空间利用率” · 实际完成值：85%", "指标“租赁用房空间利用率” · 自评得分：1.70"]


def test_the_xlsx_export_keeps_the_claimed_scores_with_the_recomputed_in_a_comment(server, browser, world, tmp_path):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/{world['ours']}")
    with page.expect_download() as download:
        page.click("text=Excel 自评表")
    path = tmp_path / "form.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path).worksheets[0]
    header = next(row for row in sheet.iter_rows() if row[1].value == "一级指标")
    assert header[7].value == "自评得分"
    rented = next(row for row in sheet.iter_rows() if row[3].value == "租赁用房空间利用率")
    assert rented[7].value == 1  # as the unit claimed it, not the recomputed 1.80
    assert rented[7].comment.text == "重算得分 1.80：90%×2=1.80"
    # Audited, the export finds what the web page showed.
    from jixiao import api

    codes = sorted(f.code for f in api.audit([path]).findings if f.stage == "audit")
    assert codes == ["score-mismatch", "score-mismatch", "score-mismatch", "target-not-measurable", "unit-mismatch"]


def test_an_administrators_first_run(web_store, browser, tmp_path):
    from jixiao.web import create_app

    empty_tables(web_store)
    with web_store.session() as session:
        create_user(session, "boss", "first-admin-password", m.Role.ADMIN, display_name="局长")
    app = create_app(web_store.url, TESTING=True, SECRET_KEY="test-secret")
    http = serving(app)
    base = f"http://127.0.0.1:{http.server_port}"
    try:
        page = new_page(browser)
        log_in(page, base, "boss", "first-admin-password")
        steps = page.locator("#first-steps li").all_inner_texts()
        assert [s.split("：")[0] for s in steps] == ["添加单位", "添加用户", "开放年度"]
        page.click("#first-steps a >> nth=0")
        # A refused form keeps what was typed.
        page.fill("#add-unit input[name=name]", "综保办")
        page.fill("#add-unit input[name=department]", "东湖管委会")
        page.click("#add-unit button")
        page.wait_for_selector("text=已添加单位“综保办”")
        page.fill("#add-unit input[name=name]", "综保办")
        page.fill("#add-unit input[name=department]", "另一个部门")
        page.click("#add-unit button")
        assert page.inner_text("[role=alert]") == "单位“综保办”已存在。"
        assert page.input_value("#add-unit input[name=department]") == "另一个部门"
        page.fill("#add-user input[name=username]", "clerk")
        page.fill("#add-user input[name=display_name]", "张会计")
        page.fill("#add-user input[name=password]", "12345678")
        page.select_option("#add-user select[name=role]", "unit")
        page.select_option("#add-user select[name=unit_id]", label="综保办")
        page.click("#add-user button")
        assert "密码过于简单" in page.inner_text("[role=alert]")
        assert (page.input_value("#add-user input[name=username]"), page.input_value("#add-user input[name=display_name]"),
                page.input_value("#add-user select[name=role]")) == ("clerk", "张会计", "unit")
        assert page.input_value("#add-user input[name=password]") == ""  # never echoed back
        page.fill("#add-user input[name=password]", "ledger-book-42x")
        page.click("#add-user button")
        page.wait_for_selector("text=已添加用户“clerk”")
        page.fill("#set-year input[name=year]", "2025")
        page.click("#set-year button")
        page.goto(base)
        assert page.locator("#first-steps").count() == 0

        # The administrator resets the clerk's password; the clerk logs in and changes it.
        page.goto(f"{base}/admin/")
        page.fill("#user-clerk input[name=password]", "reset-by-boss-77")
        page.click("#user-clerk button[value=password]")
        page.wait_for_selector("text=已重设“clerk”的密码")
        log_out(page)
        log_in(page, base, "clerk", "reset-by-boss-77")
        page.goto(f"{base}/account/password")
        page.fill("input[name=current]", "reset-by-boss-77")
        page.fill("input[name=new]", "my-own-ledger-9x")
        page.fill("input[name=confirm]", "my-own-ledger-9x")
        page.click("main button[type=submit]")
        page.wait_for_selector("text=密码已修改")
        log_out(page)
        log_in(page, base, "clerk", "my-own-ledger-9x")
        # The two refused forms answered 400, as they should; nothing else failed.
        assert [e for e in page.errors if "status of 400" not in e] == []
    finally:
        http.shutdown()
        app.extensions["jixiao.store"].dispose()
