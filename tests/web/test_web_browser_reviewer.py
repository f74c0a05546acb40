"""A reviewer's day (issue 11, "A reviewer must be able to"), in Debian's Chromium at
1366×900: the whole row with its 审核意见 on screen, the header in sight while scrolling, the
审核总分 as typed; working through the findings (filter, sort, jump, mark, export); a
report's upload with its progress; locations in the document's own terms."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from _browser import log_in, new_page, shoot

from jixiao.store import models as m
from jixiao.web.scoring import score_project
from jixiao.web.sheet import review_total

expect = pytest.importorskip("playwright.sync_api").expect

FORMS = __import__("pathlib").Path(__file__).resolve().parents[1] / "forms"
RECEPTION, RENTED = 4, 8  # rows of proj-01 (公务接待人次, 租赁用房空间利用率)


def submitted(web_store, project_id: int) -> None:
    with web_store.session() as session:
        session.get(m.Project, project_id).status = m.Status.SUBMITTED.value


def test_the_whole_row_fits_at_1366_with_the_header_in_sight_and_the_review_total_live(
        server, browser, world, web_store, tmp_path):
    submitted(web_store, world["ours"])
    reception = world["ours_indicators"][RECEPTION]
    page = new_page(browser)
    log_in(page, server, "reviewer")
    page.goto(f"{server}/projects/{world['ours']}")
    assert page.evaluate("document.documentElement.scrollWidth") == 1366  # no horizontal scrolling
    comment = page.locator(f"textarea[name=rcomment-{reception}]")
    comment.scroll_into_view_if_needed()
    box = comment.bounding_box()
    assert box["x"] > 1000 and box["x"] + box["width"] <= 1366 - 20
    # Far down the table the column headers and the totals are still on screen.
    last = page.locator("table.indicators tr[id^=row-]").last
    last.scroll_into_view_if_needed()
    header = page.locator("table.indicators thead th", has_text="审核意见").bounding_box()
    assert 40 <= header["y"] <= 70
    assert page.locator("#total").bounding_box()["y"] < 40

    assert page.inner_text("#review-total") == "—"
    page.fill(f"input[name=rscore-{reception}]", "1.00")
    with web_store.session() as session:
        project = session.get(m.Project, world["ours"])
        expected = review_total(project, score_project(project), {reception: Decimal("1.00")})
    assert expected == Decimal("92.77")
    expect(page.locator("#review-total")).to_have_text("92.77")
    assert "审核总分按当前输入计算，尚未保存。" in page.inner_text("#preview")
    comment.fill("实际完成值应填接待人次（151人次），不是百分比。")
    expect(page.locator("#preview")).to_contain_text("审核总分按当前输入计算")
    # The row reviewed, right under the sticky header, for the screenshot.
    page.locator(f"#row-{reception}").evaluate(
        "row => window.scrollTo(0, row.getBoundingClientRect().top + window.scrollY - 300)")
    shoot(page, tmp_path, "review")
    assert page.errors == []


def test_the_reviewer_filters_sorts_jumps_marks_and_exports_the_findings(server, browser, world, web_store, tmp_path):
    submitted(web_store, world["ours"])
    rented = world["ours_indicators"][RENTED]
    page = new_page(browser)
    log_in(page, server, "reviewer")
    page.goto(f"{server}/projects/{world['ours']}")
    panel = page.locator("#findings")
    expect(panel).to_be_hidden()  # at 1366 px a drawer, opened from the bar
    page.click("#bar .panel-toggle")
    expect(panel).to_be_visible()
    assert page.inner_text("#findings-badge") == "5（错误 4）"
    items = panel.locator("ol.findings > li")
    visible = panel.locator("ol.findings > li:visible")
    expect(items).to_have_count(5)

    panel.locator("select[data-filter=severity]").select_option("error")
    expect(visible).to_have_count(4)
    page.locator(f"#row-{rented}").scroll_into_view_if_needed()
    shoot(page, tmp_path, "findings")
    panel.locator("select[data-filter=code]").select_option("score-mismatch")
    expect(visible).to_have_count(3)
    assert [t.split(" · ")[0].removeprefix("错误").strip() for t in visible.all_inner_texts()] == [
        "指标“租赁用房空间利用率”", "指标“目标完成质量达标率”", "指标“报销及支付及时性”"]
    panel.locator("select[data-filter=code]").select_option("")
    panel.locator("select[data-filter=severity]").select_option("")
    panel.locator("select[data-sort]").select_option("rank")
    assert [li.get_attribute("data-severity") for li in items.all()] == ["error"] * 4 + ["warning"]
    panel.locator("select[data-sort]").select_option("code")
    assert [li.get_attribute("data-code") for li in items.all()] == [
        "score-mismatch", "score-mismatch", "score-mismatch", "target-not-measurable", "unit-mismatch"]

    # Jump to the row of a finding.
    finding = items.filter(has_text="指标“租赁用房空间利用率”")
    finding.locator("a").click()
    assert page.url.endswith(f"#row-{rented}")
    row = page.locator(f"#row-{rented}")
    expect(row).to_have_class("jumped")
    assert 0 < row.bounding_box()["y"] < 900

    # Mark it, with a note; the mark stays and is exported.
    finding.locator("select[name=status]").select_option("rejected")
    finding.locator("input[name=note]").fill("租赁面积按合同计，利用率为100%。")
    finding.locator("button[type=submit]").click()
    expect(items.filter(has_text="指标“租赁用房空间利用率”").locator(".verdict")).to_contain_text(
        "不采纳 租赁面积按合同计，利用率为100%。 王审核")
    page.reload()
    page.click("#bar .panel-toggle")
    expect(items.filter(has_text="指标“租赁用房空间利用率”").locator(".verdict-rejected")).to_have_text("不采纳")
    with page.expect_download() as download:
        panel.locator("a.export").click()
    path = tmp_path / "findings.xlsx"
    download.value.save_as(path)
    assert download.value.suggested_filename == "2019-园区行政管理事务类专项-审核发现.xlsx"
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0][:9] == ("序号", "严重程度", "问题", "代码", "位置", "说明", "应为", "推导", "核实结果")
    marked = [r for r in rows[1:] if r[4] == "指标“租赁用房空间利用率”"]
    assert [(r[1], r[2], r[3], r[8], r[9], r[10]) for r in marked] == [
        ("错误", "得分与评分规则不符", "score-mismatch", "不采纳", "租赁面积按合同计，利用率为100%。", "王审核")]
    assert len(rows) == 6
    assert page.errors == []


def test_a_reports_upload_shows_its_progress_and_pdf_findings_say_page_table_and_row(server, browser, world):
    pdf = FORMS / "anhui" / "chizhou-tangxi-weituo-2022.planted-1.pdf"
    page = new_page(browser)
    log_in(page, server, "reviewer")
    page.goto(f"{server}/audit")
    page.evaluate("""() => { window.progressEvents = 0;
        document.addEventListener('htmx:xhr:progress', () => { window.progressEvents += 1; }); }""")
    page.set_input_files("input[name=file]", str(pdf))
    page.click("main button[type=submit]")
    page.wait_for_selector("#report-findings")
    assert page.evaluate("window.progressEvents") >= 1
    expect(page.locator("#upload-progress")).to_be_visible()
    assert page.inner_text("#upload-progress .progress-text") == "已完成"
    assert page.locator("#upload-progress progress").get_attribute("value") is not None
    assert page.evaluate("document.querySelector('#upload-progress progress').value") == 100
    places = page.locator("#report-findings tbody td:nth-child(5)").all_inner_texts()
    name = pdf.name
    assert places and all(re.fullmatch(rf"{name} 第\d+页 表\d+ 第\d+行(第\d+列)?", place) for place in places), places
    assert f"{name} 第1页 表1 第11行第8列" in places
    assert not any("工作表" in place or re.search(r"![A-Z]{1,2}\d+", place) for place in places)
    text = page.inner_text("#report-findings")
    # Codes are titles, with the code in a tooltip.
    assert "得分与评分规则不符" in text and "score-mismatch" not in text
    assert page.locator("#report-findings span.code[title='代码：score-mismatch']").count() >= 1


def test_findings_on_a_project_page_name_the_indicator_never_a_yaml_line(server, browser, world, web_store):
    from _web import example

    from jixiao.store.convert import import_evaluation

    with web_store.session() as session:
        unit = session.get(m.Unit, world["unit_a"])
        department = import_evaluation(session, example("dept-2019-zongbaoban"), unit=unit).id
    page = new_page(browser)
    log_in(page, server, "staff")
    for project_id in (world["ours"], department):
        page.goto(f"{server}/projects/{project_id}")
        main = page.inner_text("main")
        assert not re.search(r"第\d+行（", main) and "indicators[" not in main, project_id
    problems = page.locator("#summary ul.problems li").all_inner_texts()
    assert problems[0].startswith("指标“招商引资及时率” · 指标无法重算：")
    assert all(p.startswith(("指标“", "预算执行", "全表", "总分")) for p in problems), problems
