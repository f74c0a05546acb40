"""Monitoring tables in and out (YAML and the .xlsx form, through the one reader registry) and
`jixiao monitor` as a user runs it."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook

from _records import without_locations

from jixiao import api
from jixiao.cli import main
from jixiao.document import DocKind
from jixiao.findings import InputError

HISTORY = api.EXAMPLES_DIR / "history"
EXAMPLE = HISTORY / "monitoring-2019-07-31-zhaoshang.yaml"


def test_yaml_and_xlsx_carry_the_same_table(tmp_path):
    [document] = api.read(EXAMPLE).documents
    assert document.kind is DocKind.MONITORING
    table = document.monitoring
    again = api.read_bytes(api.monitoring_yaml(table).encode(), "again.yaml").documents[0].monitoring
    assert without_locations(again) == without_locations(table)
    api.write_monitoring_xlsx([table], tmp_path / "监控表.xlsx")
    [sheet] = api.read(tmp_path / "监控表.xlsx").documents
    assert without_locations(sheet.monitoring) == without_locations(table)
    assert sheet.monitoring.executed_location.describe() == f"{tmp_path / '监控表.xlsx'} 工作表“招商工作专项”!F5"
    progress = load_workbook(tmp_path / "监控表.xlsx", data_only=True)["招商工作专项"]["H5"]
    assert progress.value == pytest.approx(0.175)  # the live formula's cached value


def test_a_hand_made_table_is_read_by_its_headers(tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["XX区项目绩效运行监控表"])
    ws.append(["项目名称", "社区养老服务", "监控截止日期", "2021-06-30"])
    ws.append(["全年预算数", "120", "预算执行数", "30"])
    ws.append([])
    ws.append(["三级指标", "年度指标值", "截至目前完成值", "全年预计", "完成目标可能性", "偏差原因类型", "原因说明", "纠偏措施"])
    ws.append(["服务老人人次", "≥1200人次", "400人次", "1000人次", "有可能", "人员保障", "护理员不足", "招聘2名护理员"])
    book.save(tmp_path / "hand.xlsx")
    [document] = api.read(tmp_path / "hand.xlsx").documents
    table = document.monitoring
    assert (table.project, table.as_of, table.budget, table.executed) == ("社区养老服务", date(2021, 6, 30), 120, 30)
    [indicator] = table.indicators
    assert (indicator.to_date.text, indicator.forecast.text, indicator.likelihood, indicator.measure) == \
        ("400人次", "1000人次", "有可能", "招聘2名护理员")


def test_bad_choices_and_dates_are_named_at_their_cells(tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["项目支出绩效目标执行监控表"])
    ws.append(["项目名称", "测试", "监控截止日期", "七月底"])
    ws.append(["三级指标", "年度指标值", "完成目标可能性"])
    ws.append(["培训次数", "≥2次", "大概能"])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(InputError) as raised:
        api.read(tmp_path / "bad.xlsx")
    assert [str(f) for f in raised.value.findings] == [
        f"{tmp_path / 'bad.xlsx'} 工作表“Sheet”!C4：指标“培训次数”的完成目标可能性“大概能”不在可选范围内（可选：确定能、有可能、完全不可能）",
        f"{tmp_path / 'bad.xlsx'} 工作表“Sheet”!D2：监控截止日期“七月底”不是日期（应写作 2019-07-31）",
    ]


def test_yaml_names_an_unknown_schedule_and_a_date_outside_the_year(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_text("kind: monitoring\nyear: 2019\nas_of: 2020-07-31\nproject: 测试\nwarnings: {schedule: 川}\n"
                    "indicators:\n  - {level1: 产出指标, name: 培训次数, target: ≥2次}\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        api.read(path)
    messages = [str(f) for f in raised.value.findings]
    assert messages[0] == f"{path} 第3行（as_of）：监控截止日期“2020-07-31”不在2019年度内"
    assert messages[1].startswith(f"{path} 第5行（warnings.schedule）：未知的预警线“川”，可用：national、example-25-40-60-80")


def test_monitor_command_prints_warnings_and_both_projections(capsys):
    assert main(["monitor", str(EXAMPLE)]) == 1  # a red light
    out = capsys.readouterr().out
    assert "== 绩效运行监控：招商工作专项（截至2019-07-31" in out
    assert "   红灯：预算执行率 17.50%，时间进度 58.33%，目标完成进度 50.99%" in out
    assert "预计年终得分（按单位预计，本表所用方法）：88.97分（良）" in out
    assert "预计年终得分（按时间进度线性推算）：75.50分（中）" in out
    assert "依据：公开的预算绩效管理平台配置代码（厂商代码，非官方文件）预算执行预警 bgttracewarn" in out


def test_monitor_as_of_a_later_date_and_other_lines(capsys):
    main(["monitor", str(EXAMPLE), "--as-of", "2019-08-31", "--schedule", "example-25-40-60-80", "--format", "json"])
    [data] = json.loads(capsys.readouterr().out)["tables"]
    assert data["as_of"] == "2019-08-31" and data["schedule"] == "example-25-40-60-80"
    spending = next(f for f in data["findings"] if f["code"] == "spending-behind-schedule")
    assert "低于8月末应达到的60.00%（红灯）" in spending["message"]
    assert main(["monitor", str(EXAMPLE), "--schedule", "不存在"]) == 2
    assert "未知的预警线“不存在”" in capsys.readouterr().err


def test_monitor_blank_table_list_and_start(tmp_path, capsys):
    blank = tmp_path / "空白.xlsx"
    assert main(["monitor", str(api.EXAMPLES_DIR / "proj-01-xingzheng.yaml"), "--as-of", "2019-07-31",
                 "--blank", str(blank)]) == 0
    [document] = api.read(blank).documents
    assert (document.monitoring.budget, len(document.monitoring.indicators)) == (614, 21)
    listed = tmp_path / "清单.xlsx"
    start = tmp_path / "年终.yaml"
    assert main(["monitor", str(EXAMPLE), "--list", str(listed), "--start", str(start)]) == 1
    sheet = load_workbook(listed)["项目"]
    assert [sheet.cell(3, c).value for c in (2, 4, 5, 6)] == ["招商工作专项", "红灯", "17.50%", "58.33%"]
    evaluation = api.load_evaluation(start)
    assert evaluation.indicators[8].deviation_reason.startswith("（2019-07-31监控时说明）原因类型：其他；受排放标准影响")
