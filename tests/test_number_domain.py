"""The numeric domain (docs/numbers.md, issue 15 §1): any text in any numeric field is read as
a number of its domain or refused with a reason, never raised; and every number of the domain,
at its extremes, is scored without an arithmetic error."""

import json
from decimal import Decimal as D

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao import api
from jixiao.decimals import amount, percent, plain, round2
from jixiao.findings import InputError
from jixiao.ingest.yaml_loader import load_text_with_problems
from jixiao.model import Evaluation, FundLine, Funds, FundSource, Indicator, Kind
from jixiao.numbers import (AMOUNT, RATE, SCORE, WEIGHT, Refused, domain_of, parse_decimal, parse_value, read_number,
                            refusal)

DOMAINS = (AMOUNT, WEIGHT, SCORE, RATE)

# Text that looks like numbers as well as any text at all.
numberish = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.,-+eE%％ １２３４５６７８９０", max_size=60),
    st.from_regex(r"[-+]?\d{1,40}(\.\d{0,30})?([eE][-+]?\d{1,12})?", fullmatch=True),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


@settings(max_examples=600, deadline=None)
@given(numberish, st.sampled_from(DOMAINS))
def test_any_text_is_a_number_of_its_domain_or_a_refusal(text, domain):
    read = read_number(text, domain)
    if isinstance(read, Refused):
        assert read.reason
    else:
        assert isinstance(read, D) and read.is_finite()
        assert domain.low <= read <= domain.high
        assert refusal(read, domain) is None
        # Every arithmetic step the engine takes on it is exact enough and never raises.
        assert len(plain(read)) <= 30 and amount(read) and percent(read)


@pytest.mark.parametrize(("text", "domain", "expected"), [
    ("614.00", AMOUNT, D("614.00")),
    ("1,000,000,000,000,000", AMOUNT, D("1000000000000000")),
    ("-1000000000000000.000001", AMOUNT, "超出范围：金额的绝对值不能超过10^15（即1000万亿）"),
    ("1" * 30, AMOUNT, "超出范围：金额的绝对值不能超过10^15（即1000万亿）"),
    ("1e30", AMOUNT, "超出范围：金额的绝对值不能超过10^15（即1000万亿）"),
    ("9e900000000", AMOUNT, "超出范围：金额的绝对值不能超过10^15（即1000万亿）"),
    ("5e2", AMOUNT, "是科学计数法，请写出完整的数字（如1000000）"),
    ("563.1234567", AMOUNT, "小数位数过多：金额最多6位小数"),
    ("563.123456", AMOUNT, D("563.123456")),
    ("100", WEIGHT, D("100")),
    ("100.5", WEIGHT, "超出范围：分值应在0至100之间"),
    ("1001", SCORE, "超出范围：得分应在−1000至1000之间"),
    ("四", WEIGHT, "不是数字"),
    ("NaN", AMOUNT, "不是数字"),
    ("x" * 600, AMOUNT, "过长（600字），不是数字"),
])
def test_the_domain_by_example(text, domain, expected):
    read = read_number(text, domain)
    assert (read.reason if isinstance(read, Refused) else read) == expected


def test_fields_name_their_domain():
    assert domain_of(("funds", "lines", 0, "executed")) is AMOUNT
    assert domain_of(("indicators", 3, "weight")) is WEIGHT
    assert domain_of(("declared_weights", "产出指标")) is WEIGHT
    assert domain_of(("funds", "lines", 0, "reported", "rate")) is RATE
    assert domain_of("review_score") is SCORE


def test_parse_decimal_keeps_its_contract_and_says_why():
    with pytest.raises(ValueError, match="不是有效的数字：1e5（是科学计数法"):
        parse_decimal("1e5")
    with pytest.raises(ValueError, match="超出范围：金额的绝对值不能超过10"):
        parse_decimal("1" * 30)


def test_far_values_are_shown_short_and_rounding_is_exact_when_wide():
    assert plain(D("1E+20000000")) == "1.000000E+20000000"
    assert amount(D("1E+20000000")) == "1.000000E+20000000"
    assert round2(D("12345678901234567890123456789.125")) == D("12345678901234567890123456789.13")


FIELDS = {
    "executed": ("funds", "lines", 0, "executed"),
    "budget": ("funds", "lines", 0, "budget"),
    "initial_budget": ("funds", "lines", 0, "initial_budget"),
    "rate": ("funds", "lines", 0, "reported", "rate"),
    "fund score": ("funds", "lines", 0, "reported", "score"),
    "weight": ("indicators", 0, "weight"),
    "reported_score": ("indicators", 0, "reported_score"),
    "reported_total": ("reported_total",),
    "declared": ("declared_weights", "产出指标"),
    "target": ("indicators", 0, "target"),
    "actual": ("indicators", 0, "actual"),
}


def _document() -> dict:
    return {
        "kind": "project", "year": "2019", "project": "数域测试", "unit": "某单位",
        "funds": {"unit": "万元", "lines": [{"source": "年度资金总额", "initial_budget": "614", "budget": "614",
                                            "executed": "563.27", "reported": {"rate": "91.74%", "score": "9.17"}}]},
        "declared_weights": {"产出指标": "90"},
        "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "甲", "target": "≥100份",
                        "actual": "90份", "weight": "90", "reported_score": "81"}],
        "reported_total": "90.17",
    }


def _set(document: dict, path: tuple, value: str) -> None:
    node = document
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(FIELDS)), numberish)
def test_any_text_in_any_numeric_field_of_a_file_is_read_or_refused_and_then_scored(field, text):
    document = _document()
    _set(document, FIELDS[field], text)
    try:
        evaluation, problems = load_text_with_problems(yaml.safe_dump(document, allow_unicode=True), "x.yaml")
    except InputError as refused:  # the refusal: every problem located at its line and field
        assert refused.findings
        for problem in refused.findings:
            assert problem.location.file == "x.yaml" and problem.location.line and problem.message
        return
    result = api.score(evaluation)  # never raises on what the loader accepted
    assert D(0) <= result.total <= D(100) + D("0.5")


def test_a_file_out_of_the_domain_names_the_line_and_field():
    document = _document()
    _set(document, FIELDS["executed"], "1" * 30)
    _set(document, FIELDS["weight"], "150")
    with pytest.raises(InputError) as refused:
        load_text_with_problems(yaml.safe_dump(document, allow_unicode=True), "x.yaml")
    problems = refused.value.findings
    shown = [(p.code, p.location.field, p.message) for p in problems if p.code == "number-out-of-range"]
    assert shown == [
        ("number-out-of-range", "funds.lines[0].executed",
         "资金“年度资金总额”的全年执行数“" + "1" * 30 + "”超出范围：金额的绝对值不能超过10^15（即1000万亿）"),
        ("number-out-of-range", "indicators[0].weight", "指标“甲”的分值“150”超出范围：分值应在0至100之间"),
    ]


extreme_amounts = st.sampled_from([D("0"), D("0.000001"), D("1000000000000000"), D("999999999999999.999999"),
                                   D("1"), D("563.27")])
extreme_weights = st.sampled_from([D("0"), D("0.000001"), D("100"), D("4"), D("99.999999")])
extreme_numbers = st.sampled_from(["0.000001", "1000000000000000", "999999999999999.999999", "1", "0", "85"])
units = st.sampled_from(["", "%", "‰", "万亿元", "元", "个", "万人次"])
comparators = st.sampled_from(["", "≥", "≤", "=", ">", "<"])


@st.composite
def extreme_evaluations(draw):
    indicators = tuple(
        Indicator("产出指标", "数量指标", f"指标{i}",
                  parse_value(draw(comparators) + draw(extreme_numbers) + draw(units)),
                  parse_value(draw(extreme_numbers) + draw(units)), draw(extreme_weights),
                  reported_score=draw(st.one_of(st.none(), st.sampled_from([D("-1000"), D("1000"), D("0.01")]))))
        for i in range(draw(st.integers(1, 4)))
    )
    line = FundLine(FundSource.TOTAL, draw(extreme_amounts), draw(extreme_amounts), draw(extreme_amounts))
    source = FundLine(FundSource.CURRENT, line.initial_budget, line.budget, line.executed)
    return Evaluation(Kind.PROJECT, "极值", funds=Funds(lines=(line, source)), indicators=indicators)


@settings(max_examples=300, deadline=None)
@given(extreme_evaluations())
def test_the_extremes_of_the_domain_are_scored_without_an_arithmetic_error(evaluation):
    result = api.score(evaluation)
    for scored in result.indicators:
        assert scored.outcome.derivation  # built (on demand) without raising
        if scored.score is not None:
            assert D(0) <= scored.score <= round2(scored.indicator.weight)
    assert result.execution.derivation


@settings(max_examples=400, deadline=None)
@given(numberish, st.sampled_from([AMOUNT, SCORE]))
def test_any_text_typed_in_a_web_form_is_a_number_or_a_refusal_naming_the_field(text, domain):
    from jixiao.store.convert import StoreError
    from jixiao.store.edits import parse_amount

    try:
        value = parse_amount(text, "年度资金总额的全年执行数", domain)
    except StoreError as refused:
        assert str(refused).startswith("年度资金总额的全年执行数“") and len(str(refused)) < 200
    else:
        assert value is None if not text.strip() else (domain.low <= value <= domain.high)


@pytest.mark.parametrize("typed", ["1" * 30, "1e30", "9e900000000"])
def test_the_command_line_refuses_a_file_out_of_the_domain_naming_line_and_field(tmp_path, capsys, typed):
    from jixiao.cli import main

    source = next(p for p in api.example_paths() if p.stem == "proj-01-xingzheng").read_text(encoding="utf-8")
    path = tmp_path / "big.yaml"
    path.write_text(source.replace('executed: "563.27"', f'executed: "{typed}"', 1), encoding="utf-8")
    for command in (["score", str(path)], ["audit", str(path)]):
        assert main(command) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert (f"big.yaml 第17行（funds.lines[0].executed）：资金“年度资金总额”的全年执行数“{typed}”"
                "超出范围：金额的绝对值不能超过10^15（即1000万亿）") in err


def test_a_workbook_cell_out_of_the_domain_is_reported_at_its_cell(tmp_path, capsys):
    import openpyxl

    from jixiao.cli import main

    result = api.score(api.load_evaluation(next(p for p in api.example_paths() if p.stem == "proj-01-xingzheng")))
    path = tmp_path / "big.xlsx"
    api.write_xlsx([result], path)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    assert sheet["F6"].value == 563.27  # 年度资金总额·全年执行数
    sheet["F6"] = "1e30"
    book.save(path)
    main(["audit", str(path), "--format", "json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["location"]["sheet"], f["location"]["cell"], f["message"])
            for f in findings if "1e30" in f["message"]] == [
        ("cell-not-number", "园区行政管理事务类专项", "F6",
         "年度资金总额的数值无法识别：“1e30”超出范围：金额的绝对值不能超过10^15（即1000万亿）")]
