"""The common indicators (共性指标), computed from the department's figures by the framework
file — never typed — with their derivations; a province's variant is a data file."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from jixiao import api
from jixiao.department import Figure
from jixiao.engine import common_indicators
from jixiao.engine.common_indicators import compute, frameworks, get_framework
from jixiao.findings import InputError

EXAMPLE = api.EXAMPLES_DIR / "dept-2019-zongbaoban.yaml"


@pytest.fixture(scope="module")
def department():
    return api.load_evaluation(EXAMPLE)


def _by_name(indicators):
    return {i.name: i for i in indicators}


def test_indicators_of_the_seed_department(department):
    found = _by_name(compute(department))
    staff = found["在职人员控制率"]
    assert (staff.shown, staff.derivation, staff.meets) == ("106.25%", "17人/16人=106.25%", False)
    adjustment = found["预算调整率"]
    assert abs(adjustment.value - D(714) / D(3030)) < D("1e-25")   # the evaluator keeps 40 significant digits
    assert adjustment.derivation == "(3,744.00万元−3,030.00万元)/3,030.00万元=23.56%"
    completion = found["预算完成率"]
    assert completion.derivation == "3,431.89万元/3,744.00万元=91.66%"
    change = found["“三公经费”变动率"]
    assert (change.shown, change.meets) == ("−85.87%", True)
    assert change.derivation == "(2.89万元−20.45万元)/20.45万元=−85.87%"
    control = found["“三公经费”控制率"]
    assert (control.shown, control.meets) == ("41.29%", True)


def test_missing_inputs_are_named_never_guessed(department):
    found = _by_name(compute(department))
    assert found["政府采购执行率"].value is None
    assert found["政府采购执行率"].derivation == "缺少政府采购实际数、政府采购预算数，未计算"
    assert found["公务接待费变动率"].missing == ("上年公务接待费",)   # the seed prints only the change, 7.59
    assert found["重点支出安排率"].missing == ("重点项目支出数",)


def test_inputs_the_data_names_itself(department):
    figures = replace(department.department_figures,
                      inputs=(("实际支付进度", Figure(D("0.75"), "75%")), ("既定支付进度", Figure(D("0.80"), "80%"))),
                      key_projects=("海关费用", "花山港运维专项"))
    found = _by_name(compute(replace(department, department_figures=figures)))
    assert found["支付进度率"].derivation == "75%/80%=93.75%"
    assert found["重点支出安排率"].derivation == "1,735.00万元/3,431.89万元=50.56%"


def test_every_indicator_names_its_formula_source():
    national = get_framework("national")
    assert national.verified is False and "53号" in national.basis
    assert [d.name for d in national.indicators][:2] == ["在职人员控制率", "“三公经费”变动率"]
    assert all(d.source in common_indicators.SOURCES and d.reference for d in national.indicators)
    assert national.get("budget-adjustment").explain_above == D("0.30")
    assert national.get("budget-adjustment").question_above == D("0.10")


@pytest.fixture()
def province(tmp_path, monkeypatch):
    """A province's variant beside the national file: the same indicator, another denominator."""
    for file in common_indicators.FRAMEWORKS_DIR.glob("*.yaml"):
        (tmp_path / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "hubei-sample.yaml").write_text(
        "name: hubei-sample\ntitle: 示例省份\nindicators:\n"
        "  - key: budget-completion\n    name: 预算完成率\n    formula: 全年执行数/年初预算数\n"
        "    source: local-table\n    reference: 以年初预算数为分母的地方口径\n", encoding="utf-8")
    monkeypatch.setattr(common_indicators, "FRAMEWORKS_DIR", tmp_path)
    frameworks.cache_clear()
    yield "hubei-sample"
    frameworks.cache_clear()


def test_a_province_variant_is_a_data_file(province, department):
    assert frameworks().names() == ["national", "hubei-sample"]
    figures = replace(department.department_figures, framework=province)
    (only,) = compute(replace(department, department_figures=figures))
    assert only.derivation == "3,431.89万元/3,030.00万元=113.26%"


def test_an_unknown_framework_is_refused_at_its_line():
    text = EXAMPLE.read_text(encoding="utf-8").replace("  unit: 万元\n  # seed:39", "  unit: 万元\n  framework: 某省\n  # seed:39")
    with pytest.raises(InputError) as raised:
        api.read_bytes(text.encode(), "dept.yaml")
    (problem,) = raised.value.findings
    assert problem.code == "unknown-framework"
    assert (problem.location.line, problem.location.field) == (420, "department_figures.framework")
    assert problem.message == "未知的共性指标框架“某省”，可用：national"
