"""A declaration filled in in headless Chromium (Debian's chromium) at 1366×900: a new one from
the 目标审核 page, a second indicator row added, a vague target refused at its field with what
was typed kept, then saved and reviewed; the form fits the window without scrolling sideways.
Screenshots go to the test's directory, and to docs/ when JIXIAO_UPDATE_SCREENSHOTS=1."""

from __future__ import annotations

import pytest

import _browser
from _browser import log_in, new_page, shoot

from jixiao.store import models as m

expect = pytest.importorskip("playwright.sync_api").expect

VIEWPORT = _browser.VIEWPORT
server = _browser.server
browser = _browser.browser


@pytest.fixture
def year_2021(web_store, world):
    with web_store.session() as session:
        session.merge(m.Year(year=2021, open=True))
    return world


def fill_row(page, n: int, values: dict[str, str]) -> None:
    for title, value in values.items():
        field = page.get_by_label(f"第{n}项指标{title}", exact=True)
        if title == "指标值设定依据":
            field.select_option(value)
        else:
            field.fill(value)


def test_a_unit_fills_in_a_declaration_and_saves_it(server, browser, year_2021, tmp_path):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/targets")
    page.select_option("#new-declaration select[name=year]", "2021")
    page.fill("#new-declaration input[name=name]", "园区企业培训专项")
    page.click("#new-declaration button[type=submit]")
    page.wait_for_selector("#declaration-form")
    page.fill("input[name=budget]", "86.5")
    page.get_by_label("目标1").fill("全年培训园区企业人员1200人次，考核合格率不低于95%。")
    fill_row(page, 1, {"名称": "培训人次", "年度指标值": "约1200", "分值": "50", "指标值设定依据": "计划标准",
                       "依据说明": "2020年实际1086人次", "数据来源": "培训签到表", "取值方式": "全年累计"})
    page.click("#add-indicator")
    page.wait_for_selector("#ind-1")
    assert page.get_by_label("第1项指标年度指标值", exact=True).input_value() == "约1200"  # kept across the row op
    fill_row(page, 2, {"二级指标": "质量指标", "名称": "培训考核合格率", "年度指标值": "≥95%", "分值": "40",
                       "指标值设定依据": "行业标准", "数据来源": "考核成绩单", "取值方式": "合格人数/参训人数"})
    page.click("#save-declaration")
    page.wait_for_selector("#form-problems")
    assert page.inner_text("#err-ind_target-0").startswith("“约1200”缺少计量单位和比较符（≥、≤、=），无法衡量")
    target = page.get_by_label("第1项指标年度指标值", exact=True)
    assert target.input_value() == "约1200" and target.get_attribute("aria-invalid") == "true"
    assert page.get_by_label("第2项指标名称", exact=True).input_value() == "培训考核合格率"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= VIEWPORT["width"], width
    # The refusal's summary, the header and the first indicator card with its field's message.
    page.evaluate("window.scrollTo(0, document.querySelector('#form-problems').getBoundingClientRect().top"
                  " + window.scrollY - 95)")
    shoot(page, tmp_path, "declaration-form")
    target.fill("≥1200人次")

    page.click("#save-declaration")
    page.wait_for_selector("#grade")
    assert page.inner_text("#grade") == "优"
    assert "申报表已保存（1处修改）" in page.inner_text("main")
    expect(page.locator("#declared-indicators tbody tr")).to_have_count(2)
    assert page.errors == ["Failed to load resource: the server responded with a status of 422 (UNPROCESSABLE ENTITY)"]
    # The declaration's own record, a click away.
    page.click("#declaration-history")
    page.wait_for_selector("table.history")
    expect(page.locator("table.history tbody tr")).to_have_count(1)
    assert page.inner_text("table.history tbody tr td:nth-child(2)") == "张会计"
    assert page.inner_text("table.history tbody tr td:nth-child(3)") == "新建"
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORT["width"]
    shoot(page, tmp_path, "declaration-history")
