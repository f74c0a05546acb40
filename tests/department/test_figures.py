"""The department's own figures, read from the seed's narrative (the first half of its
整体支出绩效自评报告) and from the example YAML, which transcribes the same figures: both give
the same numbers, each at its line."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao import api
from jixiao.department import DepartmentFigures

SEED = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"
EXAMPLE = api.EXAMPLES_DIR / "dept-2019-zongbaoban.yaml"


@pytest.fixture(scope="module")
def narrative() -> DepartmentFigures:
    report = next(d for d in api.read(SEED).documents if d.kind.value == "department-report")
    assert report.department is not None
    return report.department


@pytest.fixture(scope="module")
def example() -> DepartmentFigures:
    figures = api.load_evaluation(EXAMPLE).department_figures
    assert figures is not None
    return figures


def _stated(item):
    return [(s.measure, s.text, s.value) for s in item.stated]


def test_profile_and_staff_from_the_narrative(narrative):
    assert narrative.functions[0].startswith("按照国家和省、市有关法律")
    assert len(narrative.functions) == 5
    assert narrative.institutions == ("保税业务处（综合处）", "规划建设处", "投资促进处")
    staff = narrative.staff
    assert staff.establishment.total == 16 and staff.actual.total == 17 and staff.retired == 0
    assert [(k.kind, k.count, k.within) for k in staff.establishment.kinds] == [
        ("事业编制", 16, ""), ("参照公务员法管理", 16, "事业编制")]
    assert [(k.kind, k.count, k.within) for k in staff.actual.kinds] == [
        ("行政编制", 5, ""), ("事业编制", 2, ""), ("参照公务员法管理", 0, "事业编制")]
    assert staff.actual.location.line == 59


def test_spending_from_the_narrative(narrative):
    assert (narrative.spending_total.value, narrative.spending_total.location.line) == (D("3431.89"), 237)
    projects = [(p.name, p.budget.text, p.actual.text, p.budget.location.line, p.actual.location.line)
                for p in narrative.projects]
    assert projects == [
        ("园区行政管理事务类专项", "614", "563.27", 285, 241),
        ("安全生产工作专项", "10", "9.85", 289, 243),
        ("招商工作专项", "264", "138.90", 291, 245),
        ("基层活动专项经费", "63", "53.92", 293, 247),
        ("海关费用", "1035.00", "1035.00", 295, 249),
        ("园区日常维护专项", "916", "837.48", 297, 251),
        ("公共服务平台系统运维费", "92", "48.93", 301, 253),
        ("联合办税点服务经费", "50", "44.54", 303, 255),
        ("花山港运维专项", "700", "700", 305, 257),
    ]
    assert [(f.name, f.actual.text) for f in narrative.functional] == [
        ("一般公共服务支出", "44.54"), ("科学技术支出", "2546.86"), ("城乡社区支出", "837.48")]
    assert [(b.name, b.actual.value) for b in narrative.basic] == [("人员经费", 0), ("公用经费", 0)]


def test_three_public_sentences_keep_what_they_state(narrative):
    total = narrative.three_public_total
    assert (total.budget.text, total.actual.text, total.last_year.text) == ("7", "2.89", "20.45")
    assert _stated(total) == [("budget_rate", "41.26%", D("0.4126")), ("budget_diff", "4.11", D("-4.11")),
                              ("yoy_diff", "17.57", D("-17.57")), ("yoy_rate", "85.88%", D("-0.8588"))]
    car, reception = narrative.three_public[1], narrative.three_public[2]
    assert (car.name, car.actual.text, car.budget) == ("公务用车购置及运行维护费", "1.65", None)
    assert _stated(car) == [("share", "57.28%", D("0.5728")), ("budget_rate", "55.15%", D("0.5515")),
                            ("budget_diff", "1.35", D("-1.35"))]
    assert _stated(reception) == [("share", "42.72%", D("0.4272")), ("budget_rate", "30.85%", D("0.3085")),
                                  ("budget_diff", "2.77", D("-2.77")), ("yoy_diff", "7.59", D("-7.59")),
                                  ("yoy_rate", "86.05%", D("-0.8605"))]
    assert [s.location.line for s in reception.stated] == [271] * 5
    training = [(a.name, a.year, a.actual.text, a.times, a.people, _stated(a)) for a in narrative.activities
                if a.name == "培训费"]
    assert training == [("培训费", 2019, "2.16", 4, 125, [("per_person", "0.02", D("0.02"))]),
                        ("培训费", 2018, "1.16", 1, 4, [("per_person", "0.29", D("0.29"))])]


def test_the_example_transcribes_the_same_figures(narrative, example):
    assert example.staff.actual.total == narrative.staff.actual.total
    assert [(k.kind, k.count) for k in example.staff.actual.kinds] == \
        [(k.kind, k.count) for k in narrative.staff.actual.kinds]
    assert [(p.budget.value, p.actual.value) for p in example.projects] == \
        [(p.budget.value, p.actual.value) for p in narrative.projects]
    assert [_stated(i) for i in example.three_public[1:]] == [_stated(i) for i in narrative.three_public[1:]]
    assert _stated(example.three_public_total) == _stated(narrative.three_public_total)
    # the item budgets are printed in another sentence (seed:287); the example carries them
    assert [i.budget.value for i in example.three_public[1:]] == [D(3), D(4)]
    assert example.spending_total.value == narrative.spending_total.value
    located = example.staff.actual.location
    assert (located.field, located.line) == ("department_figures.staff.actual.total", 436)


def test_the_unit_text_is_kept_as_written():
    prose = api.load_evaluation(EXAMPLE).prose
    assert prose.paragraphs("problems")[0].startswith("预算编制不够准确性、预算的执行率存在偏差。")
    assert len(prose.paragraphs("experience")) == 3 and len(prose.paragraphs("measures")) == 4
    assert prose.get("suggestions") == ""
