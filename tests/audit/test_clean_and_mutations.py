"""No noise on correct documents, and one changed number → exactly that finding at that line.

The fixtures are corrected copies of seed documents (tests/audit/fixtures/make_clean.py
lists every correction). A mutation changes one printed value in such a copy; the
expected findings name the line changed (and, where a number feeds a printed total, the
total's line too, since that total is then also wrong)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.api import audit as audit_paths

FIXTURES = Path(__file__).parent / "fixtures"
CLEAN = sorted(p.name for p in FIXTURES.glob("clean_*.txt"))


def test_there_are_corrected_copies():
    assert CLEAN == ["clean_department.txt", "clean_huashangang.txt", "clean_jiceng.txt", "clean_richang.txt",
                     "clean_xingzheng.txt", "clean_zhuqu_haiguan.txt"]


def test_corrected_department_documents_are_both_read_and_agree():
    report = audit_paths([FIXTURES / "clean_department.txt"])
    rows = [(d.kind, d.location.line, d.reported_total, d.recomputed_total, d.grade) for d in report.documents]
    assert rows == [("department-report", 4, None, None, None),
                    ("department-table", 693, "88.00", "88.00", "良")]


@pytest.mark.parametrize("name", CLEAN)
def test_corrected_copy_has_no_finding(name):
    report = audit_paths([FIXTURES / name])
    assert [(f.location.line, f.code, f.message) for f in report.findings] == []
    assert report.exit_code == 0
    assert all(d.reported_total == d.recomputed_total for d in report.documents if d.reported_total)


def _line_of(text: str, needle: str) -> int:
    lines = [i for i, line in enumerate(text.split("\n"), start=1) if needle in line]
    assert len(lines) == 1, needle
    return lines[0]


# (fixture, old text, new text, [(code, line marker)]) — a marker is a unique text on the line.
MUTATIONS = [
    # a score restated in the report: the lost point also contradicts its “指标偏差率为 0%”
    ("clean_xingzheng.txt", "实际订阅报刊杂志数 128 份，得 4 分", "实际订阅报刊杂志数 128 份，得 3 分",
     [("score-mismatch", "实际订阅报刊杂志数 128 份"), ("deviation-rate-zero", "实际订阅报刊杂志数 128 份")]),
    # a table score: the total that sums it is wrong too, and the lost point has no reason
    ("clean_jiceng.txt", "党员专项培训合格率\t100%\t100%\t3.5\t3.5", "党员专项培训合格率\t100%\t100%\t3.5\t3",
     [("score-mismatch", "党员专项培训合格率"), ("missing-deviation-reason", "党员专项培训合格率"),
      ("total-mismatch", "总分")]),
    # a total
    ("clean_xingzheng.txt", "总分\t\t\t\t\t100\t96.99", "总分\t\t\t\t\t100\t96.89",
     [("total-mismatch", "总分\t"), ("conflicting-fact", "总分\t")]),
    # a rate in a funds table
    ("clean_xingzheng.txt", "日常办公经费\t69\t64.24\t4.76\t93.10%", "日常办公经费\t69\t64.24\t4.76\t93.01%",
     [("amount-mismatch", "日常办公经费\t69")]),
    # a difference in a funds table
    ("clean_xingzheng.txt", "公务接待费\t4\t1.23\t2.77", "公务接待费\t4\t1.23\t2.67",
     [("amount-mismatch", "公务接待费\t4"), ("amount-mismatch", "合计\t614")]),
    # an execution rate in the table's funds block (the line below has the same inputs)
    ("clean_xingzheng.txt", "年度资金总额\t614.00\t614.00\t563.27\t10\t91.74%", "年度资金总额\t614.00\t614.00\t563.27\t10\t91.47%",
     [("execution-mismatch", "年度资金总额"), ("rate-conflict", "年度资金总额")]),
    # a comparator dropped from a table target
    ("clean_xingzheng.txt", "达标项目成本控制偏差率\t≤5%\t8%", "达标项目成本控制偏差率\t5%\t8%",
     [("comparator-lost", "达标项目成本控制偏差率\t5%")]),
    # a comparator reversed in the report's list of targets
    ("clean_richang.txt", "达标项目成本控制偏差率: $\\leq 5\\%$", "达标项目成本控制偏差率: $\\geq 5\\%$",
     [("conflicting-fact", "达标项目成本控制偏差率: $\\geq")]),
    # a weight restated in the report
    ("clean_xingzheng.txt", "指标目标值 ≥ 100 份，设定分值 4 分", "指标目标值 ≥ 100 份，设定分值 3 分",
     [("conflicting-fact", "指标目标值 ≥ 100 份")]),
    # a weight in the table: its level and the whole table no longer add up
    ("clean_zhuqu_haiguan.txt", "稽查作业办结\t达成\t达成\t5\t5", "稽查作业办结\t达成\t达成\t4\t4",
     [("weights-mismatch", "报关单量"), ("weights-mismatch", "总分"), ("total-mismatch", "总分")]),
    # a grade
    ("clean_xingzheng.txt", "项目产出\t50\t47.82\t95.64%\t优", "项目产出\t50\t47.82\t95.64%\t良",
     [("grade-mismatch", "项目产出\t50")]),
    # an amount in a sentence (a part of 其中)
    ("clean_richang.txt", "其中一二期路灯电费支出209.81万元", "其中一二期路灯电费支出219.81万元",
     [("amount-mismatch", "其中一二期路灯电费支出")]),
    # an execution score
    ("clean_jiceng.txt", "总额\t83.00\t63.00\t53.92\t10\t85.59%\t8.56", "总额\t83.00\t63.00\t53.92\t10\t85.59%\t8.65",
     [("execution-mismatch", "年度资金"), ("total-mismatch", "总分")]),
    # a leading zero
    ("clean_huashangang.txt", "打击走私\t达成\t达成\t5\t5", "打击走私\t达成\t达成\t5\t05",
     [("mistyped-number", "打击走私")]),
    # department: a goal sub-total in the 自评结论 table; the 总计 below it no longer adds up either
    ("clean_department.txt", "产出指标\t12.5\t7.41", "产出指标\t12.5\t7.51",
     [("subtotal-mismatch", "产出指标\t12.5\t7.51"), ("subtotal-mismatch", "总计\t")]),
    # department: an indicator score restated in the narrative
    ("clean_department.txt", "本指标值 1.5 分，评分得 0.82 分", "本指标值 1.5 分，评分得 0.92 分",
     [("score-mismatch", "评分得 0.92 分")]),
    # department: a weight in the narrative's evaluation, and one in its list of targets
    ("clean_department.txt", "本指标值 2.5 分，评分得 1.56 分", "本指标值 3 分，评分得 1.56 分",
     [("conflicting-fact", "本指标值 3 分，评分得 1.56 分")]),
    ("clean_department.txt", "报关单量：8 万单，本指标值 2.5 分", "报关单量：8 万单，本指标值 2 分",
     [("conflicting-fact", "报关单量：8 万单，本指标值 2 分")]),
    # department: a difference in a sentence cut by a page break (“实际资金到” / “位及支出为”)
    ("clean_department.txt", "实际与预算差异为 50.73 万元", "实际与预算差异为 50.37 万元",
     [("amount-mismatch", "实际与预算差异为 50.37 万元")]),
    # department: a budget in the narrative's account of project spending
    ("clean_department.txt", "预算安排 264 万元", "预算安排 246 万元",
     [("amount-mismatch", "预算安排 246 万元")]),
    # department: a source's spending in the table's funds block: its rate and score, and the total line's sum
    ("clean_department.txt", "3,741.00\t3,428.89", "3,741.00\t3,482.89",
     [("execution-mismatch", "3,482.89"), ("execution-mismatch", "3,482.89"), ("execution-mismatch", "年度 资金总额")]),
    # department: a deviation rate in the narrative
    ("clean_department.txt", "项目成本控制偏差率为 8.57%", "项目成本控制偏差率为 8.75%",
     [("amount-mismatch", "项目成本控制偏差率为 8.75%")]),
    # department: the execution rate of the table's funds block
    ("clean_department.txt", "3,431.89\t10\t91.66%", "3,431.89\t10\t91.76%",
     [("execution-mismatch", "年度 资金总额")]),
    # department: a comparator dropped from the table (≤: an error), and one from a ≥ target (a warning)
    ("clean_department.txt", "项目成本控制偏差率\t≤5%\t14.42%", "项目成本控制偏差率\t5%\t14.42%",
     [("comparator-lost", "项目成本控制偏差率\t5%\t14.42%")]),
    ("clean_department.txt", "\t≥50家\t56家", "\t50家\t56家",
     [("comparator-lost", "\t50家\t56家")]),
    # department: a table score printed to one decimal; the 自评结论 sub-total and the 总分 disagree then
    ("clean_department.txt", "58.9亿元\t1.5\t0.82", "58.9亿元\t1.5\t0.8",
     [("score-rounded", "58.9亿元\t1.5\t0.8"), ("subtotal-mismatch", "产出指标\t12.5\t7.41"),
      ("total-mismatch", "总分\t")]),
    # department: the total stated in the narrative
    ("clean_department.txt", "自评分为88.00分", "自评分为88.09分",
     [("conflicting-fact", "自评分为88.09分")]),
    # department: the table's 总分
    ("clean_department.txt", "100\t88.00\t", "100\t88.10\t",
     [("total-mismatch", "总分\t"), ("conflicting-fact", "总分\t")]),
]


@pytest.mark.parametrize("fixture,old,new,expected", MUTATIONS, ids=[f"{m[0]}:{m[3][0][0]}:{i}" for i, m in enumerate(MUTATIONS)])
def test_one_changed_number_is_reported_at_its_line(tmp_path, fixture, old, new, expected):
    text = (FIXTURES / fixture).read_text(encoding="utf-8")
    assert text.count(old) == 1
    mutated = text.replace(old, new)
    path = tmp_path / fixture
    path.write_text(mutated, encoding="utf-8")
    report = audit_paths([path])
    found = sorted((f.code, f.location.line) for f in report.findings)
    assert found == sorted((code, _line_of(mutated, marker)) for code, marker in expected)
