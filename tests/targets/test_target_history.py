"""The same project across years (examples/history: the seed's 2019 tables and constructed 2018
and 2020 tables): every history finding on realistic data, with the years as evidence; manual
links; suggestions with their derivations; the audit of a multi-year package agrees."""

from __future__ import annotations

from dataclasses import replace

from jixiao import api
from jixiao.targets.history import build, findings

HISTORY = api.EXAMPLES_DIR / "history"


def reports(project, links=None):
    found, notes = api.history([HISTORY], project=project, links=links)
    return found


def summary(report):
    return [(f.code, f.indicator, f.location.file.rsplit("/", 1)[-1]) for f in report.findings]


def test_customs_project_lowered_its_target_after_a_miss_and_claimed_full_marks_on_low_spending():
    [report] = reports("驻区海关专项")
    assert report.years == [2018, 2019, 2020]
    found = summary(report)
    assert ("target-lowered-after-miss", "报关单量", "2020-haiguan.yaml") in found
    assert ("self-score-inflated", None, "2018-haiguan.yaml") in found
    assert ("full-marks-low-execution", None, "2018-haiguan.yaml") in found
    lowered = next(f for f in report.findings if f.code == "target-lowered-after-miss")
    assert lowered.message == ("“驻区海关专项”指标“报关单量”2019年未完成（目标“≥8万单”，实际“4.996万”），"
                               "2020年的指标值由“≥8万单”调低为“≥5万单”。")
    inflated = next(f for f in report.findings if f.code == "self-score-inflated")
    assert inflated.derivation == "指标得分85/分值85=100.00%，(100.00%−73.43%)/100.00%=26.57%>5%"
    # 2019 and 2020 spent their whole budget: no inflation warning there.
    assert [f.location.file.rsplit("/", 1)[-1] for f in report.findings if f.code == "self-score-inflated"] == \
        ["2018-haiguan.yaml"]


def test_investment_project_beat_a_target_by_30_percent_two_years_running_without_raising_it():
    [report] = reports("招商工作")
    raised = [f for f in report.findings if f.code == "target-not-raised"]
    assert [(f.indicator, f.location.file.rsplit("/", 1)[-1]) for f in raised] == [
        ("工业企业“小进规”企业数量", "2019-zhaoshang.yaml"), ("完成商务接待数", "2019-zhaoshang.yaml"),
        ("工业企业“小进规”企业数量", "2020-zhaoshang.yaml")]
    assert raised[1].derivation == "2018年实际82次/目标≥50次=164.00%；2019年实际96次/目标≥50次=192.00%"
    # 2019 spent 52.61% of its budget and scored 84.11% of the indicator points: the seed's own figures.
    inflated = [f for f in report.findings if f.code == "self-score-inflated"]
    assert [f.reported + "/" + f.expected for f in inflated] == ["88.18%/70.00%", "84.11%/52.61%"]
    # 2020 raised 完成商务接待数 to ≥60次: not "not raised", but still below 2019's 96次.
    assert ("target-below-last-actual", "完成商务接待数", "2020-zhaoshang.yaml") in summary(report)


def test_admin_project_dropped_an_indicator_after_it_lost_points():
    [report] = reports("园区行政管理事务类专项")
    dropped = [f for f in report.findings if f.code == "indicator-dropped-after-loss"]
    assert [(f.indicator, f.derivation) for f in dropped] == [("报销及支付及时性", "2019年得1分，分值2分")]
    below = [(f.indicator, f.location.file.rsplit("/", 1)[-1]) for f in report.findings
             if f.code == "target-below-last-actual"]
    assert ("订阅报刊杂志数", "2019-xingzheng.yaml") in below and ("订阅报刊杂志数", "2020-xingzheng.yaml") in below
    # A completion rate of 100% cannot be raised: never "below last year's 101%".
    assert all(not name.endswith("完成率") for name, _ in below)


def test_suggestions_by_the_historical_standard_are_derived_and_never_applied():
    [report] = reports("园区行政管理事务类专项")
    assert report.next_year == 2021
    series = report.history.find("订阅报刊杂志数")
    suggested = [(s.label, s.target, s.derivation) for s in report.suggestions[series.key]]
    assert suggested == [
        ("上年实际", "≥131份", "2020年实际完成131份"),
        ("近3年平均", "≥125.67份", "(118份+128份+131份)/3=125.67份（2018、2019、2020年）"),
        ("历史最优", "≥131份", "2020年实际完成131份，为历年最高"),
    ]
    # A suggestion equal to the target already set is left out: 物业服务人员数量 was 17 every year.
    assert report.suggestions[report.history.find("物业服务人员数量").key] == []


def test_a_renamed_indicator_is_followed_through_a_manual_link():
    [before] = reports("园区行政管理事务类专项")
    assert len(before.history.find("物业服务人员数量").points) == 3
    documents, _ = api.read_documents([HISTORY / "2018-xingzheng.yaml", HISTORY / "2019-xingzheng.yaml"])
    renamed = [replace(d.evaluation, indicators=tuple(
        replace(i, name="物业服务人员人数") if i.name == "物业服务人员数量" else i for i in d.evaluation.indicators))
        if d.evaluation.year == 2018 else d.evaluation for d in documents]
    [unlinked] = api.history_of(renamed)
    assert sorted(unlinked.history.find("物业服务人员数量").points) == [2019]
    [linked] = api.history_of(renamed, links={"物业服务人员人数": "物业服务人员数量"})
    assert sorted(linked.history.find("物业服务人员数量").points) == [2018, 2019]


def test_one_year_is_no_history():
    evaluation = api.load_evaluation(api.EXAMPLES_DIR / "proj-08-pingtai-yunwei.yaml")
    [history] = build([(evaluation, api.score(evaluation))])
    assert findings(history) == []  # 53.18% spent in 2019, but there is nothing to compare with


def test_the_audit_of_a_multi_year_package_reports_the_same_history():
    [report] = reports("驻区海关专项")
    paths = sorted(HISTORY.glob("*-haiguan.yaml"))
    audited = api.audit(paths, pick=["target-lowered-after-miss", "self-score-inflated", "full-marks-low-execution",
                                     "target-below-last-actual"])
    assert sorted((f.code, f.indicator or "", f.message) for f in audited.findings) == \
        sorted((f.code, f.indicator or "", f.message) for f in report.findings)
