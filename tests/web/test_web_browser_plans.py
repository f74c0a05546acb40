"""目标审核, 历年对比, the unit's monitoring form and the bureau's dashboard in headless Chromium
(Debian's chromium) at 1366×900, as a unit's staff and a reviewer use them. Screenshots go to
the test's directory, and to docs/ when JIXIAO_UPDATE_SCREENSHOTS=1."""

from __future__ import annotations

import pytest

import _browser
from _browser import log_in, new_page, shoot

from jixiao import api
from jixiao.store import models as m
from jixiao.store.convert import import_evaluation

expect = pytest.importorskip("playwright.sync_api").expect

HISTORY = api.EXAMPLES_DIR / "history"
VIEWPORT = _browser.VIEWPORT
# The shared fixtures, by name (tests/web/_browser.py).
server = _browser.server
browser = _browser.browser


@pytest.fixture
def years(web_store, world):
    """The park administration project in 2018 (constructed) and 2019 (the seed's), 2019–2020 open."""
    with web_store.session() as session:
        for year in (2019, 2020):
            session.merge(m.Year(year=year, open=True))
        import_evaluation(session, api.load_evaluation(HISTORY / "2018-xingzheng.yaml"))
    return world


def test_target_review_page_and_history_chart(server, browser, years, tmp_path):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.click("nav >> text=目标审核")
    page.wait_for_selector("h1:has-text('目标审核')")
    page.set_input_files("input[name=file]", str(HISTORY / "declaration-2020-xingzheng.yaml"))
    page.click("button[name=save]")
    page.wait_for_selector("#grade")
    assert page.inner_text("#grade") == "中"
    assert page.inner_text("[role=status]") == "已保存1张申报表。"
    reasons = page.inner_text("#reasons")
    assert "存在须修改后重新报送的错误1项：成本指标高于预算支出标准1项。" in reasons
    findings = page.locator("#review-findings tbody tr")
    # Against the stored 2018–2019 tables: the 2020 declaration's targets set below what was achieved.
    expect(findings).to_have_count(8)
    cost = page.locator("#review-findings tr", has_text="服务人员劳务成本控制").first
    assert "高于预算支出标准≤150元/人/天" in cost.inner_text()
    # Beside each indicator: its chart across the stored years and the suggestions.
    row = page.locator("#declared-indicators tr", has_text="订阅报刊杂志数")
    expect(row.locator("svg.spark")).to_have_count(1)
    assert "建议（上年实际）：≥128份" in row.inner_text()
    shoot(page, tmp_path, "targets")
    box = page.locator("#declared-indicators").bounding_box()
    assert box["width"] <= VIEWPORT["width"]  # the indicator table fits the window: no sideways scrolling

    # Start the 2020 self-evaluation from it: lands on the new project with the declared targets.
    page.click("text=由申报表新建2020年度自评表")
    page.wait_for_url("**/projects/*")
    assert "租赁用房空间利用率" in page.inner_text("main")

    # The history page of the 2019 project: one chart per indicator, findings and the link form.
    page.goto(f"{server}/projects/{years['ours']}/trend")
    expect(page.locator("#trend svg.spark")).to_have_count(21)
    row = page.locator("#trend > tbody > tr", has_text="报销及支付及时性")
    assert "2020年的自评表中不再设置该指标" in row.inner_text()
    page.locator("#trend > tbody > tr", has_text="订阅报刊杂志数").scroll_into_view_if_needed()
    shoot(page, tmp_path, "trend")
    page.fill("input[name=old]", "报销及支付及时性")
    page.fill("input[name=new]", "设备购置及时率")
    page.click("form >> text=关联")
    page.wait_for_selector("#links")
    assert "“报销及支付及时性” → “设备购置及时率”" in page.inner_text("#links")
    assert "不再设置该指标" not in page.inner_text("#trend")
    assert page.errors == []
