"""部门数据与报告文字 in the web: a department's figures and common indicators on its pages, the
unit editing them and its report text with the rights, CSRF, optimistic locking and history of
every edit, and the exported .xlsx/.docx keeping them."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import pytest
from _forms import form_fields, is_disabled, set_field

from jixiao import api
from jixiao.store import models as m
from jixiao.store.convert import import_evaluation

DEPARTMENT = next(p for p in api.example_paths() if p.stem == "dept-2019-zongbaoban")


@pytest.fixture
def dept(app, world) -> int:
    with app.extensions["jixiao.store"].session() as session:
        unit = session.get(m.Unit, world["unit_a"])
        return import_evaluation(session, api.load_evaluation(DEPARTMENT), unit=unit).id


def post_form(client, url: str, fields, **extra):
    fields = fields.copy()
    for key, value in extra.items():
        fields[key] = value
    if "csrf_token" not in extra:
        fields["csrf_token"] = client.token()
    return client.http.post(url, data=fields)


def row_text(html: str, row_id: str) -> str:
    match = re.search(rf'<tr id="{row_id}"[^>]*>(.*?)</tr>', html, re.S)
    assert match, row_id
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def test_the_department_page_shows_its_figures_and_common_indicators(client, dept):
    page = client("reviewer").text(f"/projects/{dept}")
    assert "<dd id=\"fig-staff\">编制16人，实有17人，离退休0人</dd>" in page
    assert "<dd id=\"fig-three\">支出2.89万元，预算7万元，上年20.45万元</dd>" in page
    assert row_text(page, "ci-staff-control") == "在职人员控制率 17人/16人=106.25% 106.25% ≤100% 未达标准 地方指标表"
    assert row_text(page, "ci-budget-adjustment").startswith(
        "预算调整率 (3,744.00万元−3,030.00万元)/3,030.00万元=23.56% 23.56%")
    assert row_text(page, "ci-procurement-execution") == "政府采购执行率 缺少政府采购实际数、政府采购预算数，未计算 — — 按名称理解（未见公式原文）"
    # The reviewer reads the figures and the report text, but cannot change them.
    html = client("reviewer").text(f"/projects/{dept}/report")
    assert is_disabled(html, "report-data") and "save-report" not in html
    assert form_fields(html, "report-data")["actual_total"] == "17"


def test_the_unit_edits_its_figures_and_report_text_as_one_version(client, dept):
    staff = client("staff")
    url = f"/projects/{dept}/report"
    html = staff.text(url)
    assert not is_disabled(html, "report-data")
    fields = form_fields(html, "report-data")
    assert fields["version"] == "1" and fields["establishment_total"] == "16"
    set_field(fields, "actual_total", "16")
    names = fields.getlist("item_name")
    set_field(fields, "item_actual", "140.10", names.index("招商工作专项"))
    fields["section-problems"] = "预算执行率偏低。\n招商活动延期。"
    # Without the session's token nothing is saved.
    assert post_form(staff, url, fields, csrf_token="forged").status_code == 400
    response = post_form(staff, url, fields)
    assert response.status_code == 302, response.get_data(as_text=True)
    page = staff.text(url)
    assert "部门数据与报告文字已保存，共修改 3 处。" in page
    assert row_text(staff.text(f"/projects/{dept}"), "ci-staff-control") == \
        "在职人员控制率 16人/16人=100.00% 100.00% ≤100% 地方指标表"
    history = staff.text(f"/projects/{dept}/history")
    for label in ("实有人数·合计", "项目支出“招商工作专项”·实际支出数", "报告文字·存在的问题及原因"):
        assert label in history

    # A form opened before that save (version 1) is refused, naming who saved.
    response = post_form(staff, url, fields, **{"section-measures": "加强预算编制。"})
    assert response.status_code == 409
    assert "保存失败：该项目已于" in response.get_data(as_text=True) and "张会计" in response.get_data(as_text=True)

    # The exports keep them: the workbook's 部门整体数据 sheet and the Word report.
    data = staff.get(f"/projects/{dept}/export/xlsx").data
    [evaluation] = api.read_bytes(data, "export.xlsx").evaluations
    assert evaluation.department_figures.staff.actual.total == 16
    trade = next(i for i in evaluation.department_figures.projects if i.name == "招商工作专项")
    assert (trade.actual.value, trade.actual.text) == (Decimal("140.10"), "140.10")
    assert evaluation.prose.paragraphs("problems") == ["预算执行率偏低。", "招商活动延期。"]
    word = zipfile.ZipFile(io.BytesIO(staff.get(f"/projects/{dept}/export/docx").data)).read("word/document.xml")
    text = re.sub(r"<[^>]+>", "", word.decode("utf-8"))
    assert "预算执行率偏低。" in text and "招商活动延期。" in text and "实有人数16人" in text


def test_rows_are_added_and_removed_before_saving_and_mistakes_are_listed(client, dept):
    staff = client("staff")
    url = f"/projects/{dept}/report"
    fields = form_fields(staff.text(url), "report-data")
    rows = len(fields.getlist("item_group"))
    html = post_form(staff, url, fields, op="add-item").get_data(as_text=True)
    assert "已添加一行支出，尚未保存。" in html
    fields = form_fields(html, "report-data")
    assert len(fields.getlist("item_group")) == rows + 1
    set_field(fields, "item_group", "procurement", rows)
    set_field(fields, "item_budget", "abc", rows)
    response = post_form(staff, url, fields)
    assert response.status_code == 400
    assert f"支出第{rows + 1}行（政府采购）：“政府采购”的预算数“abc”不是数字" in response.get_data(as_text=True)
    fields = form_fields(response.get_data(as_text=True), "report-data")
    assert fields.getlist("item_budget")[rows] == "abc"  # the form keeps what was typed
    set_field(fields, "item_budget", "120", rows)
    set_field(fields, "item_actual", "96", rows)
    assert post_form(staff, url, fields).status_code == 302
    assert row_text(staff.text(f"/projects/{dept}"), "ci-procurement-execution").startswith(
        "政府采购执行率 96.00万元/120.00万元=80.00% 80.00%")


def test_a_project_has_its_report_text_only_and_no_one_else_may_save_it(client, world):
    staff = client("staff")
    url = f"/projects/{world['ours']}/report"
    html = staff.text(url)
    assert 'name="actual_total"' not in html and "共性指标" not in html
    fields = form_fields(html, "report-data")
    assert [k for k in fields if k.startswith("section-")] == [
        "section-overview", "section-work", "section-experience", "section-problems", "section-measures",
        "section-suggestions"]
    assert "预算执行率91.74%，未执行50.73万元" in html  # what 存在的问题 should discuss
    fields["section-suggestions"] = "建议提前下达预算。"
    assert post_form(client("other"), url, fields).status_code == 404   # another unit's: absent
    assert post_form(client("reviewer"), url, fields).status_code == 403
    assert post_form(staff, url, fields).status_code == 302
    word = zipfile.ZipFile(io.BytesIO(staff.get(f"/projects/{world['ours']}/export/docx").data)).read(
        "word/document.xml").decode("utf-8")
    assert "建议提前下达预算。" in re.sub(r"<[^>]+>", "", word)
    # Submitted, the project is read-only for its unit too.
    assert staff.post(f"/projects/{world['ours']}/save", {"version": "2", "action": "submit",
                                                          "submit_reason": "按原值提交"}).status_code == 302
    assert is_disabled(staff.text(url), "report-data")
    assert post_form(staff, url, form_fields(staff.text(url), "report-data")).status_code == 403
