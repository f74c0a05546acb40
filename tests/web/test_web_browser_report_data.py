"""部门数据与报告文字 in headless Chromium (Debian's chromium) at 1366×900, as a unit's staff use it:
from the department's page to its figures, a row added, a mistake refused and corrected, the
report's own text written beside the data it should discuss, and the common indicators on the
department's page recomputed from what was saved. Screenshots go to the test's directory, and
to docs/ when JIXIAO_UPDATE_SCREENSHOTS=1."""

from __future__ import annotations

import pytest

import _browser
from _browser import log_in, new_page, shoot

from jixiao import api
from jixiao.store import models as m
from jixiao.store.convert import import_evaluation

expect = pytest.importorskip("playwright.sync_api").expect

VIEWPORT = _browser.VIEWPORT
server = _browser.server
browser = _browser.browser
DEPARTMENT = next(p for p in api.example_paths() if p.stem == "dept-2019-zongbaoban")


@pytest.fixture
def dept(web_store, world) -> int:
    with web_store.session() as session:
        unit = session.get(m.Unit, world["unit_a"])
        return import_evaluation(session, api.load_evaluation(DEPARTMENT), unit=unit).id


def test_the_unit_fills_in_its_department_figures_and_report_text(server, browser, dept, tmp_path):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/{dept}")
    staff_row = page.locator("#ci-staff-control")
    assert staff_row.inner_text().split("\t")[:3] == ["在职人员控制率", "17人/16人=106.25%", "106.25%"]
    page.click("#edit-report")
    page.wait_for_selector("h1:has-text('部门数据与报告文字')")
    shoot(page, tmp_path, "report-data")
    assert page.locator("table.edit-items").bounding_box()["width"] <= VIEWPORT["width"]

    page.fill("#actual-total", "16")
    page.click("button[value=add-item]")
    page.wait_for_selector("#notice:has-text('已添加一行支出，尚未保存。')")
    assert page.input_value("#actual-total") == "16"  # what was typed is kept
    last = page.locator("table.edit-items tbody tr").last
    last.locator("select[name=item_group]").select_option("procurement")
    last.locator("input[name=item_budget]").fill("120")
    last.locator("input[name=item_actual]").fill("九十六")
    page.fill("textarea[name=section-problems]", "预算执行率91.66%，招商活动延期。")
    hints = page.inner_text("#section-problems .hints")
    assert hints.startswith("本部分应说明：\n预算执行率91.66%，未执行312.11万元")
    page.click("#save-report")
    page.wait_for_selector("#problems")
    rows = page.locator("table.edit-items tbody tr").count()
    assert page.inner_text("#problems") == \
        f"未保存，请更正：\n支出第{rows}行（政府采购）：“政府采购”的实际支出数“九十六”不是数字"
    last = page.locator("table.edit-items tbody tr").last
    last.locator("input[name=item_actual]").fill("96")
    page.click("#save-report")
    page.wait_for_selector(".alert.success")
    # 实有人数, the new row's 预算数 and 实际支出数, and the section.
    assert page.inner_text(".alert.success") == "部门数据与报告文字已保存，共修改 4 处。"
    assert page.input_value("textarea[name=section-problems]") == "预算执行率91.66%，招商活动延期。"
    page.locator("#section-problems").scroll_into_view_if_needed()
    shoot(page, tmp_path, "report-text")

    page.click("text=返回自评表")
    assert page.locator("#ci-staff-control").inner_text().split("\t")[:3] == ["在职人员控制率", "16人/16人=100.00%",
                                                                             "100.00%"]
    assert page.locator("#ci-procurement-execution").inner_text().split("\t")[:3] == [
        "政府采购执行率", "96.00万元/120.00万元=80.00%", "80.00%"]
    page.locator("#department-figures").scroll_into_view_if_needed()
    shoot(page, tmp_path, "department")
    # Nothing failed but the refused save itself (answered 400, as every refusal is).
    assert page.errors == ["Failed to load resource: the server responded with a status of 400 (BAD REQUEST)"]
