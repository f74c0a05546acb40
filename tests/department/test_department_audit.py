"""The audit of a department's own figures: head counts, stated shares, rates, differences and
changes against the figures they name, parts against totals, one rate printed differently in
two documents, and a report's praise of its own budget work beside 预算调整率."""

from __future__ import annotations

import pytest

from jixiao import api

SEED = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"
EXAMPLE = api.EXAMPLES_DIR / "dept-2019-zongbaoban.yaml"
CODES = {"staff-breakdown-mismatch", "staff-over-establishment", "department-figure-mismatch",
         "claim-contradicts-indicator"}


def _department_findings(report, lines=None):
    return [(f.location.line, f.code, f.reported, f.expected, f.derivation) for f in report.findings
            if f.code in CODES or (f.code == "conflicting-fact" and lines and f.location.line in lines)]


def test_the_example_yaml_is_audited_through_its_figures():
    report = api.audit([EXAMPLE])
    assert _department_findings(report) == [
        (436, "staff-breakdown-mismatch", "17人", "7人", "行政编制5人+事业编制2人=7人"),
        (436, "staff-over-establishment", "17人", "16人", "在职人员控制率=17人/16人=106.25%"),
        (442, "department-figure-mismatch", "3,431.89", "3,428.88", "44.54+2546.86+837.48=3,428.88"),
        (464, "department-figure-mismatch", "9.07", "9.08", "63−53.92=9.08"),
    ]
    located = next(f for f in report.findings if f.code == "department-figure-mismatch" and f.location.line == 464)
    assert located.location.field == "department_figures.projects[3].reported.budget_diff"
    assert located.message == ("“武汉东湖综合保税区建设管理办公室部门整体支出”“基层活动专项经费”与预算的差额印为9.07，"
                               "按所列数据应为9.08（63−53.92=9.08），请核正。")


def _audit_text(tmp_path, text: str, name: str = "seed.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return api.audit([path])


SEED_TEXT = SEED.read_text(encoding="utf-8")
LINES_271 = {271}


def test_the_seed_department_findings(tmp_path):
    report = api.audit([SEED])
    assert _department_findings(report, LINES_271) == [
        (59, "staff-breakdown-mismatch", "17人", "7人", "行政编制5人+事业编制2人=7人"),
        (59, "staff-over-establishment", "17人", "16人", "在职人员控制率=17人/16人=106.25%"),
        (271, "conflicting-fact", "30.85%", "30.75%",
         "“园区行政管理事务类专项”项目支出绩效评价报告第1060行（1.23/4=30.75%）"),
    ]


# (old text, new text, expected department findings (line, code, reported, expected))
MUTATIONS = [
    # a share: 1.65 of 2.89 cannot be 67.28%
    ("占“三公”经费 57.28%", "占“三公”经费 67.28%", [(267, "department-figure-mismatch", "67.28%", "57.09%")]),
    # a year-on-year rate: 17.57 of 20.45 is a fall of 85.9%, not 95.88%
    ("降低 85.88%", "降低 95.88%", [(263, "department-figure-mismatch", "95.88%", "85.87%")]),
    # a difference from the budget: no budget is printed in the sentence, so 1.65 + 1.55 implies
    # 3.20, and 1.65/3.20 = 51.56% contradicts the stated 55.15% (reported on the rate)
    ("比预算减少 1.35 万元", "比预算减少 1.55 万元", [(267, "department-figure-mismatch", "55.15%", "51.56%")]),
    # a rate of the budget written as if the budget were 3: 1.23/4 is 30.75%
    ("为预算的 30.85%", "为预算的 41.00%", [(271, "department-figure-mismatch", "41.00%", "30.75%")]),
    # per person: 2.16 for 125 people is 0.02 each
    ("人均 0.02 万元", "人均 0.20 万元", [(281, "department-figure-mismatch", "0.20", "0.02")]),
    # the establishment's inner kind exceeds its kind
    ("(其中：参照公务员法管理16人)。在职", "(其中：参照公务员法管理18人)。在职",
     [(59, "staff-breakdown-mismatch", "16人", "18人")]),
]


@pytest.mark.parametrize("old, new, expected", MUTATIONS, ids=[m[1] for m in MUTATIONS])
def test_one_changed_figure_is_found_at_its_line(tmp_path, old, new, expected):
    assert SEED_TEXT.count(old) == 1
    report = _audit_text(tmp_path, SEED_TEXT.replace(old, new))
    found = [row[:4] for row in _department_findings(report) if row[1] != "staff-over-establishment"]
    seed = [row[:4] for row in _department_findings(api.audit([SEED])) if row[1] != "staff-over-establishment"]
    assert [row for row in found if row not in seed] == expected


def test_two_documents_agreeing_leave_no_conflict(tmp_path):
    text = SEED_TEXT.replace("公务接待费\t4\t1.23\t2.77\t30.75%", "公务接待费\t4\t1.23\t2.77\t30.85%")
    report = _audit_text(tmp_path, text)
    assert [row for row in _department_findings(report, LINES_271) if row[0] == 271] == []


def test_praise_of_the_budget_beside_a_large_adjustment_is_questioned(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "  problems: |\n    预算编制不够准确性、预算的执行率存在偏差。", "  problems: |\n    本年度预算执行良好。")
    report = _audit_text(tmp_path, text, "dept.yaml")
    (claim,) = [f for f in report.findings if f.code == "claim-contradicts-indicator"]
    assert (claim.location.field, claim.reported, claim.severity) == ("report_text.problems", "预算执行良好", "warning")
    assert claim.derivation == ("预算调整率=(3,744.00万元−3,030.00万元)/3,030.00万元=23.56%，"
                                "预算在年度中调整较大，超过10.00%")


def test_praise_within_the_threshold_is_not_questioned(tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "  problems: |\n    预算编制不够准确性、预算的执行率存在偏差。", "  problems: |\n    本年度预算执行良好。"
    ).replace('initial_budget: "3,030.00"', 'initial_budget: "3,500.00"').replace(
        'initial_budget: "3,028.00"', 'initial_budget: "3,498.00"')
    report = _audit_text(tmp_path, text, "dept.yaml")
    assert [f for f in report.findings if f.code == "claim-contradicts-indicator"] == []


def test_praise_in_a_narrative_is_located_at_its_line(tmp_path):
    text = SEED_TEXT.replace("①预算编制不够准确性、预算的执行率存在偏差。", "①预算执行良好。")
    report = _audit_text(tmp_path, text)
    (claim,) = [f for f in report.findings if f.code == "claim-contradicts-indicator"]
    assert (claim.location.line, claim.reported) == (670, "预算执行良好")


def test_a_difference_the_amounts_check_reads_is_reported_once(tmp_path):
    """“预算数为 7 万元，支出决算为 2.89 万元 … 比预算减少 4.31 万元” is one sentence the generic
    amounts check reads (budget, spent, difference): it reports it, this check does not again."""
    report = _audit_text(tmp_path, SEED_TEXT.replace("比预算减少 4.11 万元", "比预算减少 4.31 万元"))
    at_263 = [(f.code, f.reported, f.expected) for f in report.findings if f.location.line == 263]
    assert at_263 == [("amount-mismatch", "4.31", "4.11")]
