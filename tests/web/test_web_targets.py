"""目标审核 and 历年对比 in the web app: upload and review a declaration, keep it under the
unit, rights (another unit's declaration is absent; a reviewer only reads), start the year's
self-evaluation from it, the history page with its charts and a manual link."""

from __future__ import annotations

import io

from _web import UNIT_A

from jixiao import api
from jixiao.store import models as m
from jixiao.store.convert import import_evaluation

HISTORY = api.EXAMPLES_DIR / "history"


def open_years(web_store, *years):
    with web_store.session() as session:
        for year in years:
            session.merge(m.Year(year=year, open=True))


def upload(client, name="declaration-2020-xingzheng.yaml", save=True, filename=None):
    data = {"file": (io.BytesIO((HISTORY / name).read_bytes()), filename or name)}
    if save:
        data["save"] = "1"
    return client.post("/targets", data=data, content_type="multipart/form-data")


def test_review_without_saving_shows_grade_and_located_findings(client, web_store):
    staff = client("staff")
    response = upload(staff, "declaration-2019-xingzheng.yaml", save=False, filename="申报表.yaml")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="grade">差</span>' in html
    assert "13/21个指标存在错误，达到一半以上：申报的指标值不可衡量9项、定性指标未说明分档标准4项。" in html
    assert "第19行（indicators[0]）" in html  # an uploaded file's findings say where in the file
    assert "上传的文件“申报表.yaml”（未保存）" in html
    with web_store.session() as session:
        assert session.query(m.Base.metadata.tables["declarations"]).count() == 0


def test_saved_declaration_page_reviews_against_the_stored_years(client, web_store, world):
    open_years(web_store, 2020)
    staff = client("staff")
    response = upload(staff)
    assert response.status_code == 302
    page = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="grade">中</span>' in page
    # The stored 2019 table of the same project (proj-01) is the history it is checked against.
    assert "“园区行政管理事务类专项”指标“物业服务人员数量”2020年的指标值=17人只是2019年已实现的17人" in page
    assert "依据：《中央部门预算绩效目标管理办法》（财预〔2015〕88号）" not in page or "第二十八条" in page
    assert "由申报表新建2020年度自评表" in page


def test_another_units_declaration_is_absent_and_a_reviewer_cannot_save(client, web_store, world):
    open_years(web_store, 2020)
    response = upload(client("staff"))
    location = response.headers["Location"]
    assert client("other").get(location).status_code == 404
    assert client("reviewer").get(location).status_code == 200
    refused = upload(client("reviewer"))
    assert refused.status_code == 403 and "审核人员不能保存单位的申报表或监控表" in refused.get_data(as_text=True)
    # A unit's staff cannot file a declaration naming another unit.
    other = upload(client("other"))
    assert other.status_code == 403
    assert f"文件写明的实施单位“{UNIT_A}”不是您的单位" in other.get_data(as_text=True)


def test_a_closed_year_refuses_the_declaration(client, world):
    refused = upload(client("staff"))
    assert refused.status_code == 403
    assert "2020年度已关闭（只读），不能保存该年度的申报表" in refused.get_data(as_text=True)


def test_start_the_years_self_evaluation_from_the_declaration(client, web_store, world):
    open_years(web_store, 2020)
    staff = client("staff")
    location = upload(staff).headers["Location"]
    started = staff.post(location + "/start")
    assert started.status_code == 302 and "/projects/" in started.headers["Location"]
    with web_store.session() as session:
        project = session.query(m.Project).filter_by(year=2020).one()
        assert [(i.name, i.target, str(i.weight), i.actual) for i in project.indicators][8] == \
            ("租赁用房空间利用率", "≥95%", "2", "")
    page = staff.get(location).get_data(as_text=True)
    assert "由申报表新建2020年度自评表</button>" not in page  # started once


def test_downloads_read_back_as_the_same_declaration(client, web_store, world):
    open_years(web_store, 2020)
    staff = client("staff")
    location = upload(staff).headers["Location"]
    workbook = staff.get(location + "/download.xlsx")
    assert workbook.status_code == 200
    [document] = api.read_bytes(workbook.data, "d.xlsx").documents
    assert document.declaration.project == "园区行政管理事务类专项" and len(document.declaration.indicators) == 20
    assert "attachment; filename*=UTF-8''2020" in workbook.headers["Content-Disposition"]


def test_upload_refusals_name_the_file(client):
    staff = client("staff")
    response = staff.post("/targets", data={"file": (io.BytesIO(b"kind: project\nindicators: []\n"), "x.yaml")},
                          content_type="multipart/form-data")
    assert response.status_code == 422
    assert "x.yaml 第2行（indicators）：字段“indicators”至少需要 1 项" in response.get_data(as_text=True)
    bad = staff.post("/targets", data={"file": (io.BytesIO(b"%PDF-1.4"), "x.pdf")}, content_type="multipart/form-data")
    assert bad.status_code == 400


def test_history_page_charts_each_indicator_and_follows_a_link(client, web_store, world):
    with web_store.session() as session:
        for year in ("2018", "2020"):
            import_evaluation(session, api.load_evaluation(HISTORY / f"{year}-xingzheng.yaml"))
    staff = client("staff")
    page = staff.get(f"/projects/{world['ours']}/trend").get_data(as_text=True)
    assert "2018、2019、2020 年度" in page
    assert page.count('<svg class="spark"') == 21  # every indicator has two years or more, words included
    assert "<title>2019年目标 及时，实际 基本及时</title>" in page
    assert "<title>2019年实际 128份</title>" in page
    assert "indicator-dropped-after-loss" in page
    assert "建议2021年（近3年平均）：≥125.67份" in page
    refused = client("reviewer").post(f"/projects/{world['ours']}/trend/link", data={"old": "a", "new": "b"})
    assert refused.status_code == 302
    linked = staff.post(f"/projects/{world['ours']}/trend/link", data={"old": "报销及支付及时性", "new": "设备购置及时率"})
    assert linked.status_code == 302
    page = staff.get(f"/projects/{world['ours']}/trend").get_data(as_text=True)
    assert "“报销及支付及时性” → “设备购置及时率”" in page
    assert "indicator-dropped-after-loss" not in page  # the renamed indicator was not dropped


def test_a_project_outside_the_users_rights_has_no_history_page(client, world):
    assert client("other").get(f"/projects/{world['ours']}/trend").status_code == 404
