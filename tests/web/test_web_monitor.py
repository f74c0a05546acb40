"""绩效运行监控 in the web app: a unit fills in its table for a project and a date, sees the
warnings and the projected score; uploads and downloads; carries its reasons into the year-end
self-evaluation; the bureau's dashboard lists the projects worst first, filters them and exports
the list; every page within the user's rights."""

from __future__ import annotations

import io

from jixiao import api
from jixiao.store import models as m
from jixiao.store.convert import import_evaluation

HISTORY = api.EXAMPLES_DIR / "history"
EXAMPLE = HISTORY / "monitoring-2019-07-31-zhaoshang.yaml"


def open_year(web_store, year=2019):
    with web_store.session() as session:
        session.merge(m.Year(year=year, open=True))


def upload(client, path=EXAMPLE, name=None):
    return client.post("/monitor", data={"file": (io.BytesIO(path.read_bytes()), name or path.name)},
                       content_type="multipart/form-data")


def test_a_unit_fills_in_a_blank_table_and_sees_its_warnings(client, web_store, world):
    open_year(web_store)
    staff = client("staff")
    form = staff.get(f"/monitor/new?project={world['ours']}&as_of=2019-07-31")
    html = form.get_data(as_text=True)
    assert form.status_code == 200
    assert 'name="name-1" value="订阅报刊杂志数"' in html and 'name="budget" value="614.00"' in html
    fields = {"project": "园区行政管理事务类专项", "unit": "武汉东湖综合保税区建设管理办公室", "year": "2019",
              "funds_unit": "万元", "as_of": "2019-07-31", "budget": "614.00", "executed": "150",
              "schedule": "national", "gap": "10", "method": "unit", "count": "2",
              "level1-0": "产出指标", "level2-0": "数量指标", "name-0": "部门维持在职人员完成率", "target-0": "100%",
              "weight-0": "4", "to_date-0": "100%", "forecast-0": "100%", "likelihood-0": "确定能",
              "level1-1": "产出指标", "level2-1": "数量指标", "name-1": "订阅报刊杂志数", "target-1": "≥100份",
              "weight-1": "4", "to_date-1": "40份", "forecast-1": "120份", "likelihood-1": "确定能"}
    saved = staff.post("/monitor/save", data=fields)
    assert saved.status_code == 302
    page = staff.get(saved.headers["Location"]).get_data(as_text=True)
    assert 'id="light">红灯</strong>' in page  # 150/614 = 24.43% against 58.33% of the year: 41.88 → red
    assert "执行进度只及时间进度的41.88%（红灯）" in page
    assert "标为“确定能”完成，但截至2019年7月31日仅完成40份，按当前进度全年只能达到68.57份" in page
    assert "其余5个月每月须完成12份（目前每月5.71份）。" in page


def test_a_bad_value_is_refused_naming_the_indicator(client, web_store, world):
    open_year(web_store)
    fields = {"project": "园区行政管理事务类专项", "unit": "武汉东湖综合保税区建设管理办公室", "year": "2019",
              "as_of": "2019-07-31", "budget": "614", "executed": "一百", "count": "1",
              "level1-0": "产出指标", "level2-0": "数量指标", "name-0": "订阅报刊杂志数", "target-0": "≥100份",
              "weight-0": "4", "likelihood-0": "肯定能"}
    refused = client("staff").post("/monitor/save", data=fields)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422
    assert "预算执行数“一百”不是数字" in html
    assert "第1个指标：完成目标可能性“肯定能”不在可选范围内（可选：确定能、有可能、完全不可能）" in html
    assert 'name="executed" value="一百"' in html  # what was typed is kept


def test_upload_download_and_rights(client, web_store, world):
    open_year(web_store)
    staff = client("staff")
    location = upload(staff).headers["Location"]
    workbook = staff.get(location + "/download.xlsx")
    [document] = api.read_bytes(workbook.data, "m.xlsx").documents
    assert document.monitoring.as_of.isoformat() == "2019-07-31" and len(document.monitoring.indicators) == 24
    assert client("other").get(location).status_code == 404
    assert client("reviewer").get(location).status_code == 200
    refused = upload(client("reviewer"))
    assert refused.status_code == 403 and "审核人员不能保存单位的申报表或监控表" in refused.get_data(as_text=True)


def test_a_closed_year_refuses_the_table(client, world):
    later = EXAMPLE.read_text(encoding="utf-8").replace("as_of: '2019-07-31'", "as_of: '2031-07-31'") \
        .replace("year: '2019'", "year: '2031'")
    refused = client("staff").post("/monitor", data={"file": (io.BytesIO(later.encode()), "m.yaml")},
                                   content_type="multipart/form-data")
    assert refused.status_code == 403 and "2031年度已关闭（只读）" in refused.get_data(as_text=True)


def test_the_year_end_evaluation_starts_from_the_last_table(client, web_store, world):
    open_year(web_store)
    staff = client("staff")
    location = upload(staff).headers["Location"]
    started = staff.post(location + "/start")
    assert started.status_code == 302
    with web_store.session() as session:
        project = session.query(m.Project).filter_by(name="招商工作专项", year=2019).one()
        reasons = {i.name: i.deviation_reason for i in project.indicators}
    assert reasons["大型招商推介活动完成率"] == ("（2019-07-31监控时说明）原因类型：其他；受排放标准影响，平行进口汽车首单仪式拟延至"
                                         "2020年年初举行；纠偏措施：下半年完成跨境电商峰会；首单仪式经费申请结转下年")
    assert reasons["国内招商拜访企业数量(次数)"] == ""  # 确定能: nothing to carry


def test_the_stored_year_end_table_is_checked_against_monitoring(client, web_store, world):
    open_year(web_store)
    with web_store.session() as session:
        import_evaluation(session, api.load_evaluation(api.EXAMPLES_DIR / "proj-03-zhaoshang.yaml"))
    staff = client("staff")
    page = staff.get(upload(staff).headers["Location"]).get_data(as_text=True)
    assert "指标“规模以上工业总产值完成率”在2019-07-31的监控中标为“确定能”完成，年末实际为“55%”，未达到“100%”。" in page


def test_bureau_dashboard_worst_first_filters_and_export(client, web_store, world):
    open_year(web_store)
    staff = client("staff")
    upload(staff)
    green = EXAMPLE.read_text(encoding="utf-8").replace("executed: '46.20'", "executed: '160.00'") \
        .replace("project: 招商工作专项", "project: 招商宣传专项")
    assert "160.00" in green
    staff.post("/monitor", data={"file": (io.BytesIO(green.encode()), "b.yaml")}, content_type="multipart/form-data")
    reviewer = client("reviewer")
    page = reviewer.get("/monitor/dashboard?as_of=2019-08-31").get_data(as_text=True)
    assert page.index("招商工作专项") < page.index("招商宣传专项")  # 17.50% spent before 60.61%
    assert 'id="count-red">2</span>' in page
    only = reviewer.get("/monitor/dashboard?as_of=2019-08-31&code=spending-behind-schedule").get_data(as_text=True)
    assert "招商工作专项" in only and "招商宣传专项</a>" not in only
    export = reviewer.get("/monitor/dashboard.xlsx?as_of=2019-08-31")
    assert export.status_code == 200
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export.data))["项目"]
    assert [sheet.cell(3, c).value for c in (2, 4, 5)] == ["招商工作专项", "红灯", "17.50%"]
    assert client("staff").get("/monitor/dashboard").status_code == 403
    before = reviewer.get("/monitor/dashboard?as_of=2019-06-30").get_data(as_text=True)
    assert "该日期没有监控表。" in before  # tables dated after the chosen date are not shown


def test_another_units_filter_is_absent(client, world):
    assert client("reviewer").get(f"/monitor/dashboard?unit={world['unit_b']}").status_code == 404
