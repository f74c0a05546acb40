"""A unit's whole year in the browser (issue 11, "A unit must be able to"), in Debian's
Chromium at 1366×900: start an evaluation (blank, from last year), shape its indicators and
goals, download the blank form, claim its scores and see its claimed total beside the
recomputed one, read why it was returned, import only into an open year, be warned before
submitting with errors, and have long text fit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from _browser import log_in, log_out, new_page

from jixiao import api
from jixiao.store import models as m

expect = pytest.importorskip("playwright.sync_api").expect

RECEPTION, RENTED = 4, 8  # rows of proj-01 (公务接待人次, 租赁用房空间利用率)


def open_year(web_store, year: int, open_: bool = True) -> None:
    with web_store.session() as session:
        session.merge(m.Year(year=year, open=open_))


def test_a_blank_evaluation_is_started_and_its_indicators_and_goals_shaped(server, browser, world, web_store):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.click("#new-evaluation")
    page.check("input[name=start][value=blank]")
    page.select_option("select[name=kind]", "project")
    page.fill("input[name=name]", "园区绿化养护专项")
    page.click("#new-project button[type=submit]")
    page.wait_for_selector("text=已新建空白自评表")
    assert page.inner_text("h1").startswith("编辑指标与目标")
    assert "还没有指标" in page.inner_text("table.edit-indicators")

    # Three indicators, typed; the third is moved up and the first removed.
    for _ in range(3):
        page.click("button[value=add-ind]")
    rows = page.locator("tr.indicator-row")
    expect(rows).to_have_count(3)
    typed = [("数量指标", "养护面积", "≥12万平方米", "20", "实际养护面积/计划养护面积×分值"),
             ("质量指标", "苗木成活率", "≥95%", "20", ""),
             ("时效指标", "养护及时性", "及时", "10", "")]
    for row, (level2, name, target, weight, rule) in zip(range(3), typed):
        cells = rows.nth(row)
        cells.locator("input[name=ind_level1]").fill("产出指标")
        cells.locator("input[name=ind_level2]").fill(level2)
        cells.locator("textarea[name=ind_name]").fill(name)
        cells.locator("textarea[name=ind_target]").fill(target)
        cells.locator("input[name=ind_weight]").fill(weight)
        cells.locator("textarea[name=ind_rule_text]").fill(rule)
    page.click("button[value=ind-up-2]")
    expect(page.locator("#notice")).to_have_text("已上移，尚未保存。")
    page.click("button[value=ind-del-0]")
    page.fill("textarea[name=goal_expected]", "完成园区绿化养护，苗木成活率不低于95%。")
    page.fill("input[name=fund_budget] >> nth=0", "120")
    page.click("#save-structure")
    page.wait_for_selector("text=指标与目标已保存")

    names = page.locator("table.indicators tr[id^=row-] td.name").all_inner_texts()
    assert [name.split("\n")[1] for name in names] == ["养护及时性", "苗木成活率"]
    assert page.inner_text("table.goals").count("完成园区绿化养护，苗木成活率不低于95%。") == 1
    with web_store.session() as session:
        project = session.query(m.Project).filter_by(name="园区绿化养护专项").one()
        assert (project.year, project.kind, project.status) == (2019, "project", "draft")
        assert [(i.name, i.target, i.weight) for i in project.indicators] == [
            ("养护及时性", "及时", Decimal("10")), ("苗木成活率", "≥95%", Decimal("20"))]
        assert [c.new for c in project.history][-1] == "新建空白自评表"

    # A target, a weight and a 评分细则 edited while 填报中 rescore the indicator.
    page.click("#edit-structure")
    row = page.locator("tr.indicator-row").nth(1)
    row.locator("textarea[name=ind_target]").fill("≥90%")
    row.locator("input[name=ind_weight]").fill("25")
    row.locator("textarea[name=ind_rule_text]").fill("成活率≥90%，得满分；否则，不得分")
    page.click("#save-structure")
    page.wait_for_selector("text=指标与目标已保存")
    survival = page.locator("table.indicators tr[id^=row-]").nth(1)
    assert "评分细则：成活率≥90%，得满分；否则，不得分" in survival.inner_text()
    survival.locator("textarea[name^=actual-]").fill("92%")
    expect(survival.locator("span[id^=score-]")).to_have_text("25.00")
    assert page.errors == []


def test_a_blank_department_evaluation_has_goals_for_its_indicators(server, browser, world):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/new")
    page.select_option("select[name=kind]", "department")
    page.fill("input[name=name]", "综保办部门整体支出")
    page.click("#new-project button[type=submit]")
    page.wait_for_selector("text=已新建空白自评表")
    page.click("button[value=add-goal]")
    page.fill("textarea[name=goal_expected] >> nth=0", "完善园区基础设施。")
    page.fill("textarea[name=goal_expected] >> nth=1", "做好招商服务。")
    page.click("button[value=add-ind]")
    row = page.locator("tr.indicator-row").first
    row.locator("select[name=ind_goal]").select_option("2")
    row.locator("input[name=ind_level1]").fill("产出指标")
    row.locator("input[name=ind_level2]").fill("数量指标")
    row.locator("textarea[name=ind_name]").fill("引进项目数")
    row.locator("textarea[name=ind_target]").fill("≥8个")
    row.locator("input[name=ind_weight]").fill("10")
    page.click("#save-structure")
    page.wait_for_selector("text=指标与目标已保存")
    assert page.inner_text("h2 >> nth=0") == "部门资金（万元）"
    assert page.locator("table.indicators td.goal-no").all_inner_texts() == ["目标2"]


def test_an_indicator_without_a_weight_is_refused_naming_its_row_and_nothing_is_lost(server, browser, world):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/{world['ours']}/structure")
    page.click("button[value=add-ind]")
    last = page.locator("tr.indicator-row").last
    last.locator("textarea[name=ind_name]").fill("新增的指标")
    page.click("#save-structure")
    assert "第22项指标“新增的指标”：请填写分值" in page.inner_text("#problems")
    assert page.locator("tr.indicator-row").last.locator("textarea[name=ind_name]").input_value() == "新增的指标"


def test_an_evaluation_is_carried_over_from_last_year_with_actuals_blank(server, browser, world, web_store):
    open_year(web_store, 2020)
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/new?year=2020")
    page.check("input[name=start][value=previous]")
    page.select_option("select[name=source_id]", str(world["ours"]))
    page.click("#new-project button[type=submit]")
    page.wait_for_selector("text=已沿用2019年度的指标、目标值与分值新建")
    assert "2020 年度项目支出绩效自评表" in page.inner_text("h1")
    rows = page.locator("table.indicators tr[id^=row-]")
    expect(rows).to_have_count(21)
    first = rows.first
    assert "部门维持在职人员完成率" in first.inner_text() and "100%" in first.inner_text()
    assert first.locator("textarea[name^=actual-]").input_value() == ""
    assert first.locator("input[name^=claim-]").input_value() == ""
    assert page.inner_text("#claimed-total").startswith("—")
    with web_store.session() as session:
        new = session.query(m.Project).filter_by(year=2020).one()
        old = session.get(m.Project, world["ours"])
        assert [(i.name, i.target, i.weight, i.rule_text) for i in new.indicators] == [
            (i.name, i.target, i.weight, i.rule_text) for i in old.indicators]
        assert {(i.actual, i.reported_score, i.deviation_reason) for i in new.indicators} == {("", None, "")}
        assert [line.executed for line in new.fund_lines] == [None, None]
        assert [g.expected for g in new.goals] == [g.expected for g in old.goals]


def test_the_blank_form_downloaded_carries_the_open_year(server, browser, world, web_store, tmp_path):
    open_year(web_store, 2020)
    page = new_page(browser)
    log_in(page, server, "staff")
    with page.expect_download() as download:
        page.click("#blank-form")
    assert download.value.suggested_filename == "2020年度项目支出绩效自评表（空白）.xlsx"
    path = tmp_path / "blank.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path).worksheets[0]
    assert sheet["A2"].value == "（2020年度）"


def test_the_unit_corrects_its_claimed_scores_and_sees_its_total_beside_the_recomputed_one(
        server, browser, world, web_store, tmp_path):
    rented, fund = world["ours_indicators"][RENTED], world["ours_funds"][0]
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/{world['ours']}")
    assert (page.inner_text("#claimed-total"), page.inner_text("#total")) == ("93.68", "93.28")
    assert "自评得分1，按公式计分（评分细则）应为1.80" in page.inner_text(f"#flags-{rented}")
    page.fill(f"input[name=claim-{rented}]", "1.80")
    # Live: the finding goes, and the claimed total follows the claims.
    expect(page.locator("#claimed-total")).to_have_text("94.48")
    expect(page.locator(f"#flags-{rented}")).to_have_text("")
    assert page.inner_text("#findings-count") == "4"
    goal = page.locator("textarea[name^=goal-]")
    goal.fill("做好园区运行工作经费保障，维持日常活动所需；办公场所全年正常运转。")
    page.fill(f"input[name=fclaim-{fund}]", "9.17")
    # The totals stay in sight while the unit works down the table.
    page.locator("table.indicators tr[id^=row-]").last.scroll_into_view_if_needed()
    box = page.locator("#claimed-total").bounding_box()
    assert 0 <= box["y"] < 60
    page.click("button[value=save]")
    page.wait_for_selector("text=已保存，共修改 2 处。")
    assert (page.inner_text("#claimed-total"), page.inner_text("#row-claimed")) == ("94.48", "94.48")
    with web_store.session() as session:
        project = session.get(m.Project, world["ours"])
        assert project.reported_total == Decimal("94.48")
        assert [(c.field, c.old, c.new) for c in reversed(project.history)] == [
            ("租赁用房空间利用率·自评得分", "1", "1.80"),
            ("目标1·实际完成情况", "做好园区运行工作经费保障，维持日常活动所需。",
             "做好园区运行工作经费保障，维持日常活动所需；办公场所全年正常运转。"),
            ("自评总分", "93.68", "94.48")]
    page.goto(f"{server}/projects/{world['ours']}/history")
    assert "自评总分" in page.inner_text("table.history")


def test_a_returned_evaluation_shows_why_on_its_page_and_the_units_home(server, browser, world, web_store):
    reception = world["ours_indicators"][RECEPTION]
    with web_store.session() as session:
        session.get(m.Project, world["ours"]).status = m.Status.SUBMITTED.value
    page = new_page(browser)
    log_in(page, server, "reviewer")
    page.goto(f"{server}/projects/{world['ours']}")
    page.fill(f"textarea[name=rcomment-{reception}]", "实际完成值应填接待人次（151人次），不是百分比。")
    page.fill("textarea[name=note]", "请按逐项意见修改后重新提交。")
    page.click("button[value=return]")
    page.wait_for_selector("text=已退回单位修改。")
    log_out(page)

    log_in(page, server, "staff")
    returned = page.inner_text(f"#returned-{world['ours']}")
    assert returned.startswith("退回意见：请按逐项意见修改后重新提交。（另有 1 条逐项意见）")
    assert "王审核" in returned
    page.click("text=园区行政管理事务类专项")
    note = page.inner_text("#review-note")
    assert "退回意见" in note and "请按逐项意见修改后重新提交。" in note and "王审核" in note
    assert "指标“公务接待人次”：实际完成值应填接待人次（151人次），不是百分比。" in note
    page.click("#review-note a")
    assert page.url.endswith(f"#row-{reception}")


def yaml_without_year(year_line: str = "") -> bytes:
    text = (api.EXAMPLES_DIR / "proj-01-xingzheng.yaml").read_text(encoding="utf-8")
    return text.replace("year: 2019\n", year_line).replace("园区行政管理事务类专项", "园区行政管理事务类专项（补录）").encode("utf-8")


def test_an_import_never_creates_a_year_that_was_not_opened(server, browser, world, web_store, tmp_path):
    page = new_page(browser)
    log_in(page, server, "staff")
    # A form without a year takes the open year chosen on the page, and says so.
    no_year = tmp_path / "无年度.yaml"
    no_year.write_bytes(yaml_without_year())
    page.goto(f"{server}/import")
    assert page.locator("select[name=year] option").all_inner_texts() == ["2019 年度"]
    page.set_input_files("input[name=file]", str(no_year))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=文件未写明年度，已按所选的 2019 年度导入")
    assert "2019 年度项目支出绩效自评表" in page.inner_text("h1")
    # A form of a year never opened is refused, and the year does not appear anywhere.
    later = tmp_path / "2021.yaml"
    later.write_bytes(yaml_without_year("year: 2021\n"))
    page.goto(f"{server}/import")
    page.set_input_files("input[name=file]", str(later))
    page.click("main button[type=submit]")
    assert page.inner_text("#import-error") == ("“2021.yaml”未导入：2021年度尚未开放填报，不能导入该年度的自评表；"
                                                "请联系管理员在“系统管理”中开放该年度。")
    page.goto(server)
    assert page.locator("select[name=year] option").all_inner_texts() == ["2019 年度"]
    with web_store.session() as session:
        assert list(session.scalars(select(m.Project.year))) == [2019] * 4
        assert session.get(m.Year, 2021) is None and session.get(m.Year, 0) is None


def test_submitting_with_errors_lists_them_and_needs_a_reason_the_reviewer_sees(server, browser, world, web_store):
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/{world['ours']}")
    page.click("button[value=submit]")
    warning = page.locator("#submit-warning")
    expect(warning).to_be_visible()
    assert warning.locator("h2").inner_text() == "尚未提交：审核发现仍有 4 处错误"
    items = warning.locator("ol li").all_inner_texts()
    assert items[0].startswith("指标“公务接待人次” · 目标与实际计量单位不一致：")
    assert [item.split(" · ")[0] for item in items] == [
        "指标“公务接待人次”", "指标“租赁用房空间利用率”", "指标“目标完成质量达标率”", "指标“报销及支付及时性”"]
    assert page.inner_text("#status") == "填报中"
    page.fill("textarea[name=submit_reason]", "公务接待人次按人次计，已附接待登记表。")
    page.click("#submit-anyway")
    page.wait_for_selector("text=已提交审核。")
    assert page.inner_text("#status") == "已提交待审核"
    log_out(page)
    log_in(page, server, "reviewer")
    page.goto(f"{server}/projects/{world['ours']}")
    assert page.inner_text("#submit-note") == "单位在审核发现仍有错误时提交，理由：公务接待人次按人次计，已附接待登记表。"


def test_long_text_fits_in_areas_that_grow(server, browser, world, web_store):
    reception = world["ours_indicators"][RECEPTION]
    long_text = ("顺利完成园区日常接待工作，全年接待各级考察调研团组共计151人次，其中省部级团组12批次，"
                 "接待场所、车辆与讲解人员均按计划保障到位，未发生接待安全事故，接待经费控制在预算范围以内。")
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/{world['ours']}")
    for name in (f"actual-{reception}", f"reason-{reception}"):
        area = page.locator(f"textarea[name={name}]")
        before = area.bounding_box()["height"]
        area.fill(long_text)
        grown = area.evaluate("a => [a.scrollHeight, a.clientHeight]")
        assert grown[0] <= grown[1] + 1, name  # every line shown: nothing to scroll, nothing cut off
        assert area.bounding_box()["height"] > 2 * before
    page.click("button[value=save]")
    page.wait_for_selector("text=已保存")
    with web_store.session() as session:
        session.get(m.Project, world["ours"]).status = m.Status.SUBMITTED.value
    page.reload()
    cells = page.locator(f"#row-{reception} > td")
    assert (cells.nth(2).inner_text(), cells.nth(6).inner_text()) == (long_text, long_text)  # read-only, whole


def test_an_evaluation_is_started_from_the_years_declared_target_table(server, browser, world, web_store):
    declaration = api.EXAMPLES_DIR / "history" / "declaration-2020-xingzheng.yaml"
    open_year(web_store, 2020)
    page = new_page(browser)
    log_in(page, server, "staff")
    page.goto(f"{server}/projects/new?year=2020")
    expect(page.locator("input[name=start][value=declaration]")).to_be_disabled()  # none saved yet
    page.goto(f"{server}/targets")
    page.set_input_files("input[name=file]", str(declaration))
    page.click("button[name=save]")
    page.wait_for_selector("text=已保存1张申报表。")
    page.goto(f"{server}/projects/new?year=2020")
    page.check("input[name=start][value=declaration]")
    assert page.locator("select[name=declaration_id] option").all_inner_texts() == ["2020 年度 · 园区行政管理事务类专项"]
    page.click("#new-project button[type=submit]")
    page.wait_for_selector("text=已由2020年度申报表“园区行政管理事务类专项”新建")
    assert "2020 年度项目支出绩效自评表" in page.inner_text("h1")
    rented = page.locator("table.indicators tr[id^=row-]").nth(8)
    assert "租赁用房空间利用率" in rented.inner_text() and "≥95%" in rented.inner_text()
    assert rented.locator("textarea[name^=actual-]").input_value() == ""
    with web_store.session() as session:
        project = session.query(m.Project).filter_by(year=2020).one()
        assert len(project.indicators) == 20 and project.unit_id == world["unit_a"]
