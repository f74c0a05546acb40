"""A self-evaluation started from its declaration, in headless Chromium (Debian's chromium) at
1366×900: the targets and weights locked on the project page and in 编辑指标与目标, a change made
with an approval reference, and each indicator's history chart beside its name, the table still
fitting the window. Screenshots go to the test's directory, and to docs/ when
JIXIAO_UPDATE_SCREENSHOTS=1."""

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
server = _browser.server
browser = _browser.browser


@pytest.fixture
def years(web_store, world):
    with web_store.session() as session:
        session.merge(m.Year(year=2020, open=True))
        import_evaluation(session, api.load_evaluation(HISTORY / "2018-xingzheng.yaml"))
    return world


def test_a_declared_target_is_locked_and_changed_only_with_an_approval(server, browser, years, tmp_path):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/targets")
    page.set_input_files("input[name=file]", str(HISTORY / "declaration-2020-xingzheng.yaml"))
    page.click("button[name=save]")
    page.wait_for_selector("#grade")
    page.click("text=由申报表新建2020年度自评表")
    page.wait_for_url("**/projects/*")

    note = page.locator("#target-lock")
    assert note.inner_text().startswith("目标与分值按2020年度申报表“园区行政管理事务类专项”，批复文号武新管财〔2020〕3号（构造）锁定。")
    row = page.locator("table.indicators tr", has_text="订阅报刊杂志数").first
    expect(row.locator("svg.spark.compact")).to_have_count(1)
    assert "已锁定" in row.locator("td.target").inner_text()
    assert page.locator("table.indicators").bounding_box()["width"] <= VIEWPORT["width"]
    # The indicators' heading just under the sticky bar: the note, then the first rows with their charts.
    page.evaluate("window.scrollTo(0, document.querySelector('#target-lock').getBoundingClientRect().top"
                  " + window.scrollY - 110)")
    shoot(page, tmp_path, "project-history-charts")

    page.click("#edit-structure")
    page.wait_for_selector("#target-lock")
    target = page.get_by_label("第2项指标年度指标值（已锁定）")
    expect(target).to_be_disabled()
    shoot(page, tmp_path, "structure-locked")
    page.click("#unlock")
    page.wait_for_selector("#approval")
    page.get_by_label("第2项指标年度指标值").fill("≥120份")
    page.click("#save-structure")
    page.wait_for_selector("#problems")
    assert "指标“订阅报刊杂志数”的年度指标值按2020年度申报表" in page.inner_text("#problems")
    assert page.get_by_label("第2项指标年度指标值").input_value() == "≥120份"  # kept as typed, still unlocked
    page.fill("#approval", "武新管财〔2020〕21号")
    page.click("#save-structure")
    page.wait_for_selector("text=指标与目标已保存")
    assert "已批复调整：指标“订阅报刊杂志数”年度指标值调整为≥120份（武新管财〔2020〕21号）" in page.inner_text("#target-lock")
    assert page.locator("#declaration-changes").count() == 0
    # Nothing failed but the refused save itself (answered 400, as every refusal is).
    assert page.errors == ["Failed to load resource: the server responded with a status of 400 (BAD REQUEST)"]
