"""申报表 filled in and edited in the browser: from a blank form or carried over from last year,
saved through the one declaration reader (each problem at its field, what was typed kept), the
review page and the .xlsx download reflecting the edit, rights, CSRF, optimistic locking, and a
declaration its year's self-evaluation was started from (targets changed only as approved
adjustments)."""

from __future__ import annotations

import re
from dataclasses import fields, replace

import pytest
from _forms import form_fields, set_field
from _web import UNIT_A
from werkzeug.datastructures import MultiDict

from jixiao import api
from jixiao.store import models as m
from jixiao.store.plan_models import StoredDeclaration
from jixiao.store.plans import declaration_document, declaration_of, save_declaration

HISTORY = api.EXAMPLES_DIR / "history"
FORM = "declaration-form"


def open_years(web_store, *years):
    with web_store.session() as session:
        for year in years:
            session.merge(m.Year(year=year, open=True))


def example(name: str = "declaration-2020-xingzheng.yaml"):
    [document] = [d for d in api.read(HISTORY / name).documents if d.declaration is not None]
    return document.declaration


def keep(web_store, world, declaration) -> int:
    """A declaration stored under unit A, as an upload saved by its staff would be."""
    with web_store.session() as session:
        staff = session.get(m.User, world["staff"])
        return save_declaration(session, staff, declaration).id


def stored(web_store, declaration_id: int):
    with web_store.session() as session:
        row = session.get(StoredDeclaration, declaration_id)
        return declaration_of(row), row.content


def post(client, url: str, data: MultiDict, op: str = "save", csrf: bool = True):
    data = MultiDict(data)
    data.setlist("op", [op])
    data.setlist("csrf_token", [client.token()] if csrf else [])
    return client.http.post(url, data=data)


def errors(html: str) -> dict[str, str]:
    """Each field's message, by the field's key (ind_target-1, budget…)."""
    return {key: re.sub(r"<[^>]+>", "", text) for key, text in
            re.findall(r'<small class="field-error" id="err-([^"]+)">(.*?)</small>', html)}


def without_locations(declaration):
    """The declaration's fields, where it was read from aside."""
    return replace(declaration, location=None,
                   indicators=tuple(replace(i, location=None) for i in declaration.indicators),
                   adjustments=tuple(replace(a, location=None) for a in declaration.adjustments))


def test_a_declaration_from_a_blank_form_is_saved_and_reviewed(client, web_store, world):
    open_years(web_store, 2021)
    staff = client("staff")
    html = staff.text("/targets/new?year=2021&name=园区培训专项")
    form = form_fields(html, FORM)
    assert form["project"] == "园区培训专项" and form["year"] == "2021" and form["unit"] == UNIT_A
    assert form.getlist("ind_name") == [""]
    # Two more indicator rows (nothing saved yet), then the form filled in.
    for _ in range(2):
        response = post(staff, "/targets/new", form, op="add-ind")
        assert response.status_code == 200 and "已添加一行指标，尚未保存。" in response.get_data(as_text=True)
        form = form_fields(response.get_data(as_text=True), FORM)
    rows = {
        "ind_level1": ["产出指标", "产出指标", "满意度指标"],
        "ind_level2": ["数量指标", "质量指标", "服务对象满意度指标"],
        "ind_name": ["培训人次", "培训考核合格率", "参训人员满意度"],
        "ind_target": ["≥1200人次", "≥95%", "≥90%"],
        "ind_weight": ["40", "30", "20"],
        "ind_basis": ["计划标准", "行业标准", "历史标准"],
        "ind_data_source": ["培训签到表", "考核成绩单", "服务对象"],
        "ind_method": ["全年累计", "合格人数/参训人数", "年末统计"],
    }
    for name, values in rows.items():
        form.setlist(name, values)
    form["year"] = ""
    assert errors(post(staff, "/targets/new", form).get_data(as_text=True)) == {"year": "请填写年度（四位数字，如 2021）"}
    form["year"] = "2020"
    assert errors(post(staff, "/targets/new", form).get_data(as_text=True)) == {
        "year": "2020年度未开放填报或已关闭，不能保存该年度的申报表"}
    form["year"] = "2021"
    form["budget"], form["approval"] = "86.5", ""
    form.setlist("goal", ["全年培训园区企业人员1200人次，考核合格率不低于95%。"])
    form.setlist("dw_key", ["产出指标", "满意度指标"])
    form.setlist("dw_value", ["70", "20"])
    saved = post(staff, "/targets/new", form)
    assert saved.status_code == 302, errors(saved.get_data(as_text=True))
    page = staff.text(saved.headers["Location"])
    assert 'id="grade">良</span>' in page
    assert "需协商完善的问题1项：满意度指标未说明调查方式1项。" in page
    assert 'title="satisfaction-survey-missing">满意度指标未说明调查方式</td><td>参训人员满意度</td>' in page
    declaration_id = int(saved.headers["Location"].rsplit("/", 1)[1])
    with web_store.session() as session:
        row = session.get(StoredDeclaration, declaration_id)
        assert (row.unit.name, row.year, row.name, row.updated_by) == (UNIT_A, 2021, "园区培训专项", world["staff"])
        [review] = api.review_documents([declaration_document(row)])
        line = row.content.splitlines().index("- level1: 满意度指标") + 1
    assert review.grade.grade == "良"
    [finding] = review.findings
    assert finding.code == "satisfaction-survey-missing" and finding.indicator == "参训人员满意度"
    assert (finding.location.file, finding.location.line, finding.location.field) == \
        ("2021年园区培训专项申报表", line, "indicators[2]")
    # The national layout's workbook says what was typed.
    workbook = staff.get(f"/targets/{declaration_id}/download.xlsx")
    [document] = api.read_bytes(workbook.data, "d.xlsx").documents
    read = document.declaration
    assert [(i.name, i.target.text, str(i.weight), i.basis) for i in read.indicators] == [
        ("培训人次", "≥1200人次", "40", "计划标准"), ("培训考核合格率", "≥95%", "30", "行业标准"),
        ("参训人员满意度", "≥90%", "20", "历史标准")]
    assert str(read.budget) == "86.5" and read.goals == ("全年培训园区企业人员1200人次，考核合格率不低于95%。",)


@pytest.mark.parametrize("name", ["declaration-2019-xingzheng.yaml", "declaration-2020-xingzheng.yaml"])
def test_the_bundled_declaration_saved_unchanged_is_identical(client, web_store, world, name):
    open_years(web_store, 2019, 2020)
    original = example(name)
    declaration_id = keep(web_store, world, original)
    before, content = stored(web_store, declaration_id)
    staff = client("staff")
    form = form_fields(staff.text(f"/targets/{declaration_id}/edit"), FORM)
    assert form.getlist("ind_name") == [i.name for i in original.indicators]
    assert form.getlist("adj_approval") == [a.approval for a in original.adjustments]
    saved = post(staff, f"/targets/{declaration_id}/edit", form)
    assert saved.status_code == 302, errors(saved.get_data(as_text=True))
    after, content_after = stored(web_store, declaration_id)
    assert content_after == content
    for name in (f.name for f in fields(after)):
        assert getattr(without_locations(after), name) == getattr(without_locations(original), name), name
    assert "申报表已保存（0处修改）。" in staff.text(saved.headers["Location"])


def test_a_weight_that_breaks_the_declared_sum_is_found(client, web_store, world):
    open_years(web_store, 2020)
    declaration_id = keep(web_store, world, example())
    staff = client("staff")
    form = form_fields(staff.text(f"/targets/{declaration_id}/edit"), FORM)
    assert form.getlist("ind_name")[1] == "订阅报刊杂志数"
    set_field(form, "ind_weight", "6", 1)
    saved = post(staff, f"/targets/{declaration_id}/edit", form)
    assert saved.status_code == 302
    page = staff.text(saved.headers["Location"])
    assert "申报表已保存（1处修改）。" in page
    assert "一级指标“产出指标”的分值合计为52，应为50（4+6+4+4+4+4+4+4+2+2+2+2+4+2+2+2=52，声明为50）。" in page
    assert "全部指标与预算执行率的分值合计为102，应为100（指标分值92+预算执行率10=102）。" in page
    declaration, _ = stored(web_store, declaration_id)
    [review] = api.review_documents([declaration_document_of(web_store, declaration_id)])
    sums = [f for f in review.findings if f.code == "declared-weights-sum"]
    assert sorted((f.location.field or "", f.reported, f.expected) for f in sums) == [
        ("", "102", "100"), ("indicators[0]", "52", "50")]
    workbook = staff.get(f"/targets/{declaration_id}/download.xlsx")
    [document] = api.read_bytes(workbook.data, "d.xlsx").documents
    assert str(document.declaration.indicators[1].weight) == "6" == str(declaration.indicators[1].weight)


def declaration_document_of(web_store, declaration_id: int):
    with web_store.session() as session:
        return declaration_document(session.get(StoredDeclaration, declaration_id))


def test_bad_values_are_refused_at_their_fields_and_kept(client, web_store, world):
    open_years(web_store, 2020)
    declaration_id = keep(web_store, world, example())
    _, content = stored(web_store, declaration_id)
    staff = client("staff")
    form = form_fields(staff.text(f"/targets/{declaration_id}/edit"), FORM)
    set_field(form, "ind_target", "约100", 1)
    set_field(form, "ind_weight", "abc", 2)
    set_field(form, "ind_basis_note", "按2019年订阅数", 1)
    form["budget"] = "六百二十"
    refused = post(staff, f"/targets/{declaration_id}/edit", form)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert errors(html) == {
        "ind_target-1": "“约100”缺少计量单位和比较符（≥、≤、=），无法衡量；请写成“≥100个”“≤5%”这样的比较符、数值和计量单位",
        "ind_weight-2": "指标“车辆运行维护完成率”的分值“abc”不是数字",
        "budget": "年度资金总额“六百二十”不是数字",
    }
    assert "第3项指标“车辆运行维护完成率”的分值：指标“车辆运行维护完成率”的分值“abc”不是数字" in html
    kept = form_fields(html, FORM)
    assert kept.getlist("ind_target")[1] == "约100" and kept.getlist("ind_weight")[2] == "abc"
    assert kept.getlist("ind_basis_note")[1] == "按2019年订阅数" and kept["budget"] == "六百二十"
    assert 'aria-label="第2项指标年度指标值" aria-invalid="true"' in html
    assert stored(web_store, declaration_id)[1] == content  # nothing saved


def test_rights_csrf_and_a_stale_save(client, web_store, world):
    open_years(web_store, 2020)
    declaration_id = keep(web_store, world, example())
    _, content = stored(web_store, declaration_id)
    edit = f"/targets/{declaration_id}/edit"
    staff = client("staff")
    form = form_fields(staff.text(edit), FORM)
    other = client("other")
    assert other.get(edit).status_code == 404
    assert post(other, edit, form).status_code == 404
    reviewer = client("reviewer")
    assert reviewer.get(f"/targets/{declaration_id}").status_code == 200
    assert "编辑申报表" not in reviewer.text(f"/targets/{declaration_id}")
    assert reviewer.get(edit).status_code == 403
    assert reviewer.get("/targets/new?year=2020").status_code == 403
    refused = post(reviewer, edit, form)
    assert refused.status_code == 403 and "审核人员只能查看申报表，不能新建或修改。" in refused.get_data(as_text=True)
    assert post(reviewer, "/targets/new", form).status_code == 403
    assert post(staff, edit, form, csrf=False).status_code == 400
    assert stored(web_store, declaration_id)[1] == content

    # Two people opened the form; the second save is refused with what was typed kept.
    first, second = MultiDict(form), MultiDict(form)
    set_field(first, "ind_data_source", "订阅合同", 1)
    assert post(staff, edit, first).status_code == 302
    set_field(second, "ind_method", "逐月清点", 1)
    stale = post(client("admin"), edit, second)
    html = stale.get_data(as_text=True)
    assert stale.status_code == 409
    assert "保存失败：该申报表在您打开之后已被张会计修改。您填写的内容仍在下面，但没有保存" in html
    assert form_fields(html, FORM).getlist("ind_method")[1] == "逐月清点"
    assert post(client("admin"), edit, second).status_code == 409  # the version opened stays in the form
    declaration, _ = stored(web_store, declaration_id)
    assert (declaration.indicators[1].data_source, declaration.indicators[1].method) == ("订阅合同", "年末清点")


def test_a_closed_year_is_not_editable(client, web_store, world):
    open_years(web_store, 2020)
    declaration_id = keep(web_store, world, example())
    with web_store.session() as session:
        session.merge(m.Year(year=2020, open=False))
    staff = client("staff")
    assert staff.get(f"/targets/{declaration_id}/edit").status_code == 403
    assert "编辑申报表" not in staff.text(f"/targets/{declaration_id}")


def test_a_new_declaration_carried_over_from_last_year(client, web_store, world):
    open_years(web_store, 2019, 2020)
    last_year = keep(web_store, world, example("declaration-2019-xingzheng.yaml"))
    staff = client("staff")
    html = staff.text(f"/targets/new?year=2020&source=declaration-{last_year}")
    form = form_fields(html, FORM)
    assert form["year"] == "2020" and form["project"] == "园区行政管理事务类专项" and form["approval"] == ""
    assert form.getlist("ind_carried") == ["1"] * 21 and html.count('<span class="carried-mark">沿用，请复核</span>') == 21
    assert form.getlist("ind_target")[0] == "100%"
    # Last year's vague targets are kept for review, and must be made measurable before saving.
    refused = post(staff, "/targets/new", form)
    assert refused.status_code == 422
    assert errors(refused.get_data(as_text=True))["ind_target-0"].startswith("“100%”缺少比较符（≥、≤、=），无法衡量")

    # From last year's self-evaluation (proj-01 is the 2019 table of the same project).
    html = staff.text(f"/targets/new?year=2020&source=project-{world['ours']}")
    form = form_fields(html, FORM)
    assert form["project"] == "园区行政管理事务类专项" and form["budget"] == "614.00"
    assert form.getlist("ind_name")[1] == "订阅报刊杂志数" and form.getlist("ind_weight")[1] == "4"
    assert set(form.getlist("ind_basis")) == {""} and set(form.getlist("ind_carried")) == {"1"}
    # Another unit's evaluation is no source.
    assert staff.get(f"/targets/new?year=2020&source=project-{world['theirs']}").status_code == 404


def test_a_declaration_an_evaluation_was_started_from_changes_targets_only_with_an_approval(client, web_store, world):
    open_years(web_store, 2020)
    declaration_id = keep(web_store, world, example())
    staff = client("staff")
    started = staff.post(f"/targets/{declaration_id}/start")
    assert started.status_code == 302
    project_id = int(started.headers["Location"].rsplit("/", 1)[1])
    edit = f"/targets/{declaration_id}/edit"
    html = staff.text(edit)
    assert "本申报表已用于新建2020年度自评表“园区行政管理事务类专项”" in html
    form = form_fields(html, FORM)
    set_field(form, "ind_target", "≥120份", 1)
    set_field(form, "ind_data_source", "报刊订阅合同及发票", 1)
    refused = post(staff, edit, form)
    assert refused.status_code == 422
    assert errors(refused.get_data(as_text=True)) == {"ind_target-1": (
        "申报表已用于新建2020年度自评表，年度指标值按批复锁定；确需调整的，请填写调整批复文号（保存后记入申报表的调整批复，申报值保留）")}
    renamed = MultiDict(form)
    set_field(renamed, "ind_name", "订阅报刊数", 1)
    assert "不能新增指标或修改指标名称" in errors(post(staff, edit, renamed).get_data(as_text=True))["ind_name-1"]

    cleared = MultiDict(form)
    set_field(cleared, "ind_weight", "", 2)
    assert errors(post(staff, edit, cleared).get_data(as_text=True))["ind_weight-2"] == "申报表已用于新建自评表，分值不能清空"

    form["change_approval"] = "武新管财〔2020〕21号"
    saved = post(staff, edit, form)
    assert saved.status_code == 302, errors(saved.get_data(as_text=True))
    assert "其中1项记入调整批复" in staff.text(saved.headers["Location"])
    declaration, _ = stored(web_store, declaration_id)
    subscription = declaration.indicators[1]
    assert (subscription.target.text, subscription.data_source) == ("≥100份", "报刊订阅合同及发票")  # declared value kept
    adjustment = declaration.adjustment("订阅报刊杂志数")
    assert (adjustment.target, adjustment.approval) == ("≥120份", "武新管财〔2020〕21号")
    with web_store.session() as session:
        history = [(c.field, c.new) for c in session.get(m.Project, project_id).history]
    assert ("申报表·订阅报刊杂志数·数据来源", "报刊订阅合同及发票") in history
    assert ("申报表·订阅报刊杂志数·调整批复", "武新管财〔2020〕21号：年度指标值调整为≥120份（申报值保留）") in history
    # The declaration's own record has the same two, without the 申报表· prefix.
    own = [(who, field, new) for who, field, _, new in history_rows(staff.text(f"/targets/{declaration_id}/history"))]
    assert own[:2] == [("张会计", "订阅报刊杂志数·调整批复", "武新管财〔2020〕21号：年度指标值调整为≥120份（申报值保留）"),
                       ("张会计", "订阅报刊杂志数·数据来源", "报刊订阅合同及发票")]


def test_a_department_declaration_keeps_its_goals_when_they_move(client, web_store, world):
    open_years(web_store, 2021)
    staff = client("staff")
    form = form_fields(staff.text("/targets/new?year=2021&name=综保办部门整体支出"), FORM)
    for _ in range(3):
        form = form_fields(post(staff, "/targets/new", form, op="add-ind").get_data(as_text=True), FORM)
    form = form_fields(post(staff, "/targets/new", form, op="add-goal").get_data(as_text=True), FORM)
    rows = {
        "ind_level1": ["产出指标", "产出指标", "产出指标", "满意度指标"],
        "ind_level2": ["数量指标", "质量指标", "数量指标", "服务对象满意度指标"],
        "ind_name": ["公文办理件数", "公文办理差错率", "新建标准厂房面积", "入园企业满意度"],
        "ind_target": ["≥1200件", "≤1%", "≥5万平方米", "≥90%"],
        "ind_weight": ["20", "20", "25", "25"],
        "ind_goal": ["1", "1", "2", "2"],
        "ind_basis": ["历史标准", "计划标准", "计划标准", "历史标准"],
        "ind_data_source": ["公文系统", "督办记录", "竣工验收报告", "问卷调查（入园企业）"],
        "ind_method": ["全年累计", "差错件数/办理件数", "验收面积合计", "满意及基本满意份数/有效问卷份数"],
    }
    for name, values in rows.items():
        form.setlist(name, values)
    form.setlist("goal", ["保障机关正常运转", "推进综保区基础设施建设"])
    form = form_fields(post(staff, "/targets/new", form, op="add-dw").get_data(as_text=True), FORM)
    form = form_fields(post(staff, "/targets/new", form, op="add-dw").get_data(as_text=True), FORM)
    form.setlist("dw_key", ["目标1", "目标2/产出指标"])
    form.setlist("dw_value", ["40", "25"])
    # The second goal moved up: the indicators and declared weights follow it.
    moved = post(staff, "/targets/new", form, op="goal-up-1")
    assert "已上移，尚未保存。" in moved.get_data(as_text=True)
    form = form_fields(moved.get_data(as_text=True), FORM)
    assert form.getlist("goal") == ["推进综保区基础设施建设", "保障机关正常运转"]
    assert form.getlist("ind_goal") == ["2", "2", "1", "1"]
    assert form.getlist("dw_key") == ["目标2", "目标1/产出指标"]
    saved = post(staff, "/targets/new", form)
    assert saved.status_code == 302, errors(saved.get_data(as_text=True))
    page = staff.text(saved.headers["Location"])
    assert 'id="grade">优</span>' in page and "未发现需要完善之处。" in page
    declaration_id = int(saved.headers["Location"].rsplit("/", 1)[1])
    declaration, _ = stored(web_store, declaration_id)
    assert [(i.name, i.goal) for i in declaration.indicators] == [
        ("公文办理件数", 2), ("公文办理差错率", 2), ("新建标准厂房面积", 1), ("入园企业满意度", 1)]
    assert [(k, str(v)) for k, v in declaration.declared_weights] == [("目标2", "40"), ("目标1/产出指标", "25")]

    # Deleting a goal leaves its indicators without one, which the review names.
    form = form_fields(staff.text(f"/targets/{declaration_id}/edit"), FORM)
    form = form_fields(post(staff, f"/targets/{declaration_id}/edit", form, op="goal-del-0").get_data(as_text=True),
                       FORM)
    assert form.getlist("ind_goal") == ["1", "1", "", ""] and form.getlist("dw_key") == ["目标1"]
    assert post(staff, f"/targets/{declaration_id}/edit", form).status_code == 302
    page = staff.text(f"/targets/{declaration_id}")
    assert page.count('<td title="declaration-field-missing">') == 2
    assert "“综保办部门整体支出”指标“新建标准厂房面积”未填写所属目标" in page


def history_rows(page: str) -> list[tuple[str, str, str, str]]:
    """The 修改记录 table: (修改人, 字段, 原值, 新值) each, newest first."""
    body = page.split('<table class="list history">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>[^<]*</td><td>([^<]*)</td><td>([^<]*)</td><td class=\"old\">([^<]*)</td>"
                      r"<td class=\"new\">([^<]*)</td></tr>", body)
    return [tuple(cell.replace("&#34;", '"') for cell in row) for row in rows]


def test_a_declaration_keeps_its_own_record_of_who_changed_what(client, web_store, world):
    import io

    open_years(web_store, 2020)
    staff = client("staff")
    name = "declaration-2020-xingzheng.yaml"
    uploaded = staff.post("/targets", data={"file": (io.BytesIO((HISTORY / name).read_bytes()), name), "save": "1"},
                          content_type="multipart/form-data")
    declaration_id = int(uploaded.headers["Location"].rsplit("/", 1)[1])
    assert 'id="declaration-history"' in staff.text(f"/targets/{declaration_id}")
    edit = f"/targets/{declaration_id}/edit"
    form = form_fields(staff.text(edit), FORM)
    set_field(form, "ind_weight", "6", 1)
    assert post(staff, edit, form).status_code == 302
    again = staff.post("/targets", data={"file": (io.BytesIO((HISTORY / name).read_bytes()), name), "save": "1"},
                       content_type="multipart/form-data")
    assert again.status_code == 302
    rows = history_rows(staff.text(f"/targets/{declaration_id}/history"))
    assert rows == [
        ("张会计", "上传·订阅报刊杂志数·分值", "6", "4"),
        ("张会计", "订阅报刊杂志数·分值", "4", "6"),
        ("张会计", "上传·新建", "", "2020年度申报表“园区行政管理事务类专项”，20项指标")]
    # A reviewer reads it; another unit's staff does not find it.
    assert history_rows(client("reviewer").text(f"/targets/{declaration_id}/history")) == rows
    assert client("other").get(f"/targets/{declaration_id}/history").status_code == 404
