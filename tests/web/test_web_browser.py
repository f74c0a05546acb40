"""The real app in headless Chromium (Debian's chromium, never a downloaded browser):
log in, fill in actuals and watch the score change, submit, review, return, fix,
approve, export. Screenshots go to the test's directory, and to docs/ when
JIXIAO_UPDATE_SCREENSHOTS=1."""

from __future__ import annotations

from pathlib import Path

import pytest

from _browser import log_in, log_out, new_page, serving, shoot

expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def demo(web_store):
    """The `jixiao serve --demo` data: every bundled example, one login per role."""
    from _web import empty_tables

    from jixiao.web import create_app
    from jixiao.web.demo import seed

    empty_tables(web_store)
    logins = {login.username: login.password for login in seed(web_store)}
    app = create_app(web_store.url, TESTING=True, SECRET_KEY="test-secret")
    http = serving(app)
    yield f"http://127.0.0.1:{http.server_port}", logins
    http.shutdown()
    app.extensions["jixiao.store"].dispose()


def test_fill_submit_review_return_fix_approve_export(server, browser, world, tmp_path, web_store):
    base = server
    project = f"{base}/projects/{world['ours']}"
    subscriptions, reception, rented = (world["ours_indicators"][i] for i in (1, 4, 8))
    page = new_page(browser)

    page.goto(f"{base}/login")
    shoot(page, tmp_path, "login")
    page.fill("input[name=username]", "staff")
    page.fill("input[name=password]", "wrong-password")
    page.click("button[type=submit]")
    assert page.inner_text("[role=alert]") == "用户名或密码错误"
    log_in(page, base, "staff")
    assert "园区行政管理事务类专项" in page.inner_text("main")
    shoot(page, tmp_path, "units")

    # Fill in an actual: the score and the total change while typing, before saving.
    page.goto(project)
    total_before = page.inner_text("#total")
    assert page.inner_text("#findings-count") == "5"
    assert "应为1.80（90%×2=1.80）" in page.inner_text(f"#flags-{rented}")
    assert page.inner_text(f"#score-{subscriptions}") == "4.00"
    page.fill(f"textarea[name=actual-{subscriptions}]", "90份")
    expect(page.locator(f"#score-{subscriptions}")).to_have_text("3.60")
    assert page.inner_text(f"#deriv-{subscriptions}") == "90份/100份×4=3.60"
    assert page.inner_text("#total") != total_before
    assert "尚未保存" in page.inner_text("#preview")
    page.fill(f"textarea[name=reason-{subscriptions}]", "部分刊物停刊，下年调整订阅计划。")
    # The audit beside the table follows the typing: 90份 no longer earns the self-score of 4 …
    expect(page.locator("#findings-count")).to_have_text("6")
    assert "自评得分4，" in page.inner_text(f"#flags-{subscriptions}")
    page.evaluate("window.scrollTo(0, document.querySelector('table.indicators').getBoundingClientRect().top"
                  " + window.scrollY - 60)")  # the rows from the first, under the sticky bar
    shoot(page, tmp_path, "project")
    # … and an actual that earns the self-score of 1 for 租赁用房空间利用率 clears its finding.
    page.fill(f"textarea[name=actual-{rented}]", "50%")
    expect(page.locator("#findings-count")).to_have_text("5")
    assert page.inner_text(f"#flags-{rented}") == ""
    page.fill(f"textarea[name=actual-{rented}]", "90%")
    expect(page.locator("#findings-count")).to_have_text("6")
    page.click("button[value=submit]")
    # Errors remain: saved, not submitted, until the unit gives its reason.
    page.wait_for_selector("#submit-warning")
    page.fill("textarea[name=submit_reason]", "租赁用房与接待人次以佐证材料为准。")
    page.click("#submit-anyway")
    page.wait_for_selector("text=已提交审核。")
    assert page.inner_text("#status") == "已提交待审核"
    log_out(page)

    # The reviewer scores, comments and returns it.
    log_in(page, base, "reviewer")
    page.goto(f"{base}/queue")
    page.click("text=园区行政管理事务类专项")
    page.fill(f"input[name=rscore-{reception}]", "1.00")
    page.fill(f"textarea[name=rcomment-{reception}]", "实际完成值应填接待人次（151人次），不是百分比。")
    page.click("button[value=return]")
    assert "退回时请至少填写一条审核意见" not in page.inner_text("main")
    page.wait_for_selector("text=已退回单位修改。")
    log_out(page)

    # The unit fixes it and submits again; the reviewer approves.
    log_in(page, base, "staff")
    page.goto(project)
    assert "实际完成值应填接待人次（151人次），不是百分比。" in page.inner_text(f"#row-{reception}")
    page.fill(f"textarea[name=actual-{reception}]", "151人次")
    page.click("button[value=submit]")
    page.fill("textarea[name=submit_reason]", "其余得分以佐证材料为准。")
    page.click("#submit-anyway")
    page.wait_for_selector("text=已提交审核。")
    log_out(page)
    log_in(page, base, "reviewer")
    page.goto(project)
    page.click("button[value=approve]")
    page.wait_for_selector("text=已审核通过。")
    assert page.inner_text("#status") == "审核通过"
    with page.expect_download() as download:
        page.click("text=YAML 自评表")
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    assert "actual: 151人次" in exported and "actual: 90份" in exported
    page.goto(f"{project}/history")
    shoot(page, tmp_path, "history")
    assert [e for e in page.errors if "401" not in e] == []  # the one wrong password aside


def test_the_demo_dashboard_and_an_uploaded_report_audit(demo, browser, tmp_path):
    from jixiao import api

    base, logins = demo
    page = new_page(browser)
    log_in(page, base, "reviewer", logins["reviewer"])
    page.goto(f"{base}/dashboard")
    assert page.inner_text("#count") == str(len(api.example_paths()))
    assert page.locator("svg.chart").count() == 3
    shoot(page, tmp_path, "dashboard")
    page.goto(f"{base}/queue")
    assert page.locator("#queue tbody tr").count() == 2
    page.goto(f"{base}/audit")
    page.set_input_files("input[name=file]", str(api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=的审核发现")
    assert "项目支出绩效自评表" in page.inner_text("main")
    shoot(page, tmp_path, "audit")
