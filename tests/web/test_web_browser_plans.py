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


@pytest.fixture
def monitored(web_store, world):
    """2019 open; the investment project's seed table stored (its year-end actuals)."""
    with web_store.session() as session:
        session.merge(m.Year(year=2019, open=True))
        import_evaluation(session, api.load_evaluation(api.EXAMPLES_DIR / "proj-03-zhaoshang.yaml"))
    return world


def test_unit_monitoring_form_and_bureau_dashboard(server, browser, monitored, tmp_path):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.click("nav >> text=绩效监控")
    page.wait_for_selector("h1:has-text('绩效运行监控')")
    page.select_option("#new-table select[name=project]", label="2019年 · 园区行政管理事务类专项")
    page.fill("#new-table input[name=as_of]", "2019-07-31")
    page.click("#new-table button")
    page.wait_for_selector("#monitor-form")
    # The unit types what it has reached by the end of July and what it expects for the year.
    page.fill("input[name=executed]", "150")
    row = page.locator("#monitor-rows tr", has_text="订阅报刊杂志数")
    row.locator("input[name^=to_date]").fill("40份")
    row.locator("input[name^=forecast]").fill("120份")
    row.locator("select[name^=likelihood]").select_option("确定能")
    late = page.locator("#monitor-rows tr", has_text="报销及支付及时性")
    late.locator("input[name^=to_date]").fill("基本及时")
    late.locator("select[name^=likelihood]").select_option("有可能")
    late.locator("select[name^=cause]").select_option("人员保障")
    late.locator("textarea[name^=explanation]").fill("财务人员调整，部分报销单超期。")
    page.click("text=保存并检查")
    page.wait_for_selector("#projection")
    assert page.inner_text("[role=status]") == "监控表已保存。"
    assert page.inner_text("#light") == "红灯"
    warnings = page.inner_text("#warnings")
    assert "执行进度只及时间进度的41.88%（红灯）" in warnings
    assert "其余5个月每月须完成12份（目前每月5.71份）。" in warnings
    assert "未填写纠偏措施" in warnings  # 报销及支付及时性: a shortfall expected, no corrective measure
    assert "预计年终得分" in page.inner_text("#projection")
    shoot(page, tmp_path, "monitor-form")
    box = page.locator("#monitor-rows").bounding_box()
    assert box["width"] <= VIEWPORT["width"]

    # The seed's investment project, uploaded as of July: red, and listed first for the bureau.
    page.goto(f"{server}/monitor")
    page.set_input_files("input[name=file]", str(HISTORY / "monitoring-2019-07-31-zhaoshang.yaml"))
    page.click("text=上传并保存")
    page.wait_for_selector("#projection")
    assert page.inner_text("#projected") == "88.97" and page.inner_text("#linear") == "75.50"
    assert page.errors == []

    reviewer = new_page(browser)
    log_in(reviewer, server, "reviewer")
    reviewer.click("nav >> text=监控看板")
    reviewer.fill("#filters input[name=as_of]", "2019-08-31")
    reviewer.click("#filters button")
    reviewer.wait_for_selector("#dashboard")
    rows = reviewer.locator("#dashboard tbody tr")
    expect(rows).to_have_count(2)
    assert "招商工作专项" in rows.nth(0).inner_text()  # 17.50% spent: worst first
    assert reviewer.inner_text("#count-red") == "2"
    shoot(reviewer, tmp_path, "monitor-dashboard")
    reviewer.select_option("#filters select[name=code]", "certain-but-impossible")
    reviewer.click("#filters button")
    expect(reviewer.locator("#dashboard tbody tr")).to_have_count(2)
    with reviewer.expect_download() as download:
        reviewer.click("text=导出清单（.xlsx）")
    import io
    from pathlib import Path

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))["项目"]
    assert sheet.cell(3, 2).value == "招商工作专项" and sheet.cell(3, 4).value == "红灯"
    assert reviewer.errors == []
