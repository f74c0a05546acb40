"""Monitoring during the year: each warning on a table written for it, with its exact message and
what would have to happen; the time schedule; projections; the seed project as of 2019-07-31."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jixiao import api
from jixiao.monitor import schedule as schedules
from jixiao.monitor import warnings as rules
from jixiao.monitor.progress import progress
from jixiao.monitor.projection import project
from jixiao.monitoring import MonitoredIndicator, MonitoringTable
from jixiao.model import Location
from jixiao.numbers import parse_value

EXAMPLE = api.EXAMPLES_DIR / "history" / "monitoring-2019-07-31-zhaoshang.yaml"


def row(name, target, to_date="", forecast="", likelihood="", weight="10", **extra):
    return MonitoredIndicator("产出指标", "数量指标", name, parse_value(target), Decimal(weight), parse_value(to_date),
                              parse_value(forecast), likelihood, location=Location(file="m.yaml", field=name),
                              **extra)


def table(*indicators, executed="50", budget="100", as_of=date(2019, 7, 31), **extra):
    return MonitoringTable(project="测试项目", as_of=as_of, year=as_of.year, budget=Decimal(budget),
                           executed=Decimal(executed), indicators=indicators, location=Location(file="m.yaml"),
                           **extra)


def test_time_elapsed_is_month_over_twelve_at_a_months_end():
    assert schedules.elapsed(date(2019, 7, 31)) == Decimal(7) / 12
    assert schedules.elapsed(date(2019, 12, 31)) == 1
    assert schedules.elapsed(date(2019, 2, 14)) == (1 + Decimal(14) / 28) / 12


@pytest.mark.parametrize("executed, light, severity", [("46.6", "yellow", "warning"), ("35", "yellow", "warning"),
                                                        ("34.99", "red", "error"), ("46.67", None, None)])
def test_spending_against_the_time_schedule(executed, light, severity):
    # 58.33% of the year gone: 80% of it is 46.666…, 60% is exactly 35 (60 itself is yellow, as the platform has it).
    found = rules.behind_schedule(table(executed=executed))
    if light is None:
        assert found == []
        return
    [finding] = found
    assert finding.severity == severity
    assert ("黄灯" if light == "yellow" else "红灯") in finding.message


def test_spending_warning_says_what_the_rest_of_the_year_needs():
    [finding] = rules.behind_schedule(table(executed="30"))
    assert finding.message == (
        "“测试项目”截至2019年7月31日预算执行率为30.00%，时间进度为58.33%，执行进度只及时间进度的51.43%（红灯）"
        "（30/100万元=30.00%，30.00%÷58.33%×100=51.43，低于60为红灯；按时间进度：执行率÷时间进度低于60%为红灯、低于80%为黄灯）。"
        "全年执行完毕须在其余5个月每月支出14万元（目前每月4.29万元）。")


def test_an_example_table_of_lines_by_date():
    lines = table(executed="39", as_of=date(2019, 7, 31), schedule="example-25-40-60-80")
    [finding] = rules.behind_schedule(lines)
    assert "低于6月末应达到的40.00%（红灯）" in finding.message
    assert "出处未能核实" in finding.message
    assert rules.behind_schedule(table(executed="41", schedule="example-25-40-60-80")) == []
    assert rules.behind_schedule(table(executed="1", as_of=date(2019, 3, 31), schedule="example-25-40-60-80")) == []


def test_a_deployments_own_lines(tmp_path):
    path = tmp_path / "lines.yaml"
    path.write_text("name: city\ntitle: 本市预警线\nlines:\n  - {month: 6, share: \"45%\"}\n", encoding="utf-8")
    assert api.add_schedule_file(path) == "city"
    [finding] = rules.behind_schedule(table(executed="44", schedule="city"))
    assert "低于6月末应达到的45.00%（红灯）" in finding.message
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nlines:\n  - {month: 13, share: 10%}\n", encoding="utf-8")
    from jixiao.findings import InputError

    with pytest.raises(InputError, match="第1条预警线的月份应在1–12之间"):
        api.add_schedule_file(bad)


def test_target_progress_and_spending_progress_diverging():
    t = table(row("培训次数", "≥10次", "8次"), row("签约金额完成率", "100%", "45%", weight="30"),
              row("满意度", "≥85%", "90%", weight="50"), executed="20")
    [finding] = rules.gap(t)
    # (min(8/10,1)×10 + min(45%/100%,1)×30)/40 = 53.75%; spending 20%: 33.75 points apart. The
    # satisfaction level (met or not, no progress) is not part of it.
    assert finding.reported == "53.75%" and finding.expected == "20.00%"
    assert "相差33.75个百分点，超过10个百分点" in finding.message
    assert rules.gap(table(row("培训次数", "≥10次", "3次"), executed="30")) == []
    assert rules.gap(replace_gap(t, "40")) == []


def replace_gap(t, gap):
    from dataclasses import replace

    return replace(t, gap=Decimal(gap))


def test_certain_but_impossible_at_the_current_rate_with_the_monthly_rate_needed():
    t = table(row("拜访企业数", "≥35次", "14次", "36次", "确定能"), row("培训次数", "≥2次", "2次", "2次", "确定能"),
              row("满意度", "≥85%", "80%", "90%", "确定能"))
    [finding] = rules.certain_but_impossible(t)
    assert finding.indicator == "拜访企业数"
    assert finding.message == ("“测试项目”指标“拜访企业数”标为“确定能”完成，但截至2019年7月31日仅完成14次，按当前进度全年只能达到24次"
                               "（14次÷时间进度58.33%=24次（截至2019-07-31，按时间进度线性推算），目标≥35次）。"
                               "其余5个月每月须完成4.2次（目前每月2次）。")


def test_a_reverse_amount_that_will_pass_its_ceiling():
    t = table(row("公务接待人次", "≤200人次", "150人次", "190人次", "确定能"))
    [finding] = rules.certain_but_impossible(t)
    assert "按当前进度全年只能达到257.14人次" in finding.message
    assert "其余5个月每月不得超过10人次（目前每月21.43人次）。" in finding.message


def test_blank_forecast_and_unexplained_shortfall():
    t = table(row("a", "≥10次", "5次"), row("b", "≥10次", "5次", "8次", "有可能", cause="经费保障"),
              row("c", "≥10次", "5次", "10次", "完全不可能", cause="其他", explanation="x", measure="y"))
    assert [(f.indicator, f.reported) for f in rules.forecast_missing(t)] == [("a", "全年预计完成值、完成目标可能性")]
    [finding] = rules.shortfall_unexplained(t)
    assert (finding.indicator, finding.reported) == ("b", "原因说明、纠偏措施")
    assert "预计不能完成（全年预计8次，目标≥10次）" in finding.message


def test_linear_projection_rates_and_words():
    as_of = date(2019, 7, 31)
    assert progress(row("签约金额完成率", "100%", "12%"), as_of).linear == Decimal("0.12") / (Decimal(7) / 12)
    assert progress(row("满意度", "≥85%", "80%"), as_of).linear == Decimal("0.80")  # a level: held, not scaled
    assert progress(row("及时性", "及时", "基本及时"), as_of).linear is None


def test_the_seed_project_as_of_july_heads_for_a_fair_grade_at_the_current_rate():
    """The worked example of the README: 招商工作专项 on 2019-07-31 (constructed from its year-end
    figures, labelled so in the file)."""
    [report] = api.monitor([EXAMPLE])
    assert report.light == "red"
    codes = [(f.code, f.indicator) for f in report.findings]
    assert codes == [
        ("spending-behind-schedule", None), ("progress-gap", None),
        ("shortfall-unexplained", "制作综保区宣传片"), ("forecast-above-trend", "制作综保区宣传片"),
        ("certain-but-impossible", "国内招商拜访企业数量(次数)"), ("forecast-above-trend", "国内招商拜访企业数量(次数)"),
        ("certain-but-impossible", "项目签约金额完成率"), ("forecast-above-trend", "项目签约金额完成率"),
        ("forecast-above-trend", "大型招商推介活动完成率"), ("forecast-missing", "重大活动完成及时性"),
        ("certain-but-impossible", "规模以上工业总产值完成率"), ("forecast-above-trend", "规模以上工业总产值完成率"),
        ("forecast-above-trend", "外贸进出口总额完成率"),
    ]
    assert (report.projection.total, report.projection.grade) == (Decimal("88.97"), "良")
    assert (report.linear.total, report.linear.grade) == (Decimal("75.50"), "中")
    assert report.projection.spending == "46.20万元÷时间进度58.33%=79.20万元（按时间进度线性推算）"


def test_the_year_end_table_shows_what_monitoring_called_certain_and_missed():
    [report] = api.monitor([EXAMPLE, api.EXAMPLES_DIR / "proj-03-zhaoshang.yaml"])
    missed = [(f.indicator, f.reported) for f in report.findings if f.code == "certain-but-missed"]
    assert missed == [("项目签约金额完成率", "23%"), ("目标完成质量达标率", "78%"), ("计划工作完成及时性", "基本及时"),
                      ("规模以上工业总产值完成率", "55%")]


def test_the_year_end_evaluation_starts_from_the_last_table_with_its_reasons():
    [document] = api.read(EXAMPLE).documents
    evaluation = api.evaluation_from_monitoring(document.monitoring)
    reasons = {i.name: i.deviation_reason for i in evaluation.indicators if i.deviation_reason}
    assert set(reasons) == {"制作综保区宣传片", "培训次数", "大型招商推介活动完成率", "达标项目成本控制偏差率",
                            "外贸进出口总额完成率", "其他营利性服务业营收增幅"}
    assert reasons["培训次数"] == "（2019-07-31监控时说明）原因类型：人员保障；下半年招商任务集中，培训时间待定；纠偏措施：9月前确定培训时间并报分管领导"
    assert all(i.actual.text == "" for i in evaluation.indicators)


def test_projection_by_likelihood_for_a_word_without_forecast():
    t = table(row("及时性", "及时", "", "", "有可能"), row("可持续", "具有", "", "", "完全不可能"))
    projected = project(t)
    assert [i.projected for i in projected.indicators] == ["基本及时", "不具有"]
    assert "按部分达到计" in projected.indicators[0].method
