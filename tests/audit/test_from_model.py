"""A model Evaluation audited as a printed table: the findings about scores and totals agree
with the engine (a reported score the engine recomputes differently is a finding, a correct
one is not), and each finding is located at the value it is about."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao import api
from jixiao.ingest.evaluation_document import evaluation_document
from jixiao.decimals import plain, round2
from jixiao.document import DocKind
from jixiao.model import Kind
from jixiao.numbers import parse_value

SCORE_CODES = {"score-mismatch", "score-rounded"}
# Why a score that differs from the engine's may carry no score finding: the target is not
# something a score can be checked against, or the actual's unit cannot be compared with it.
UNVERIFIABLE = {"target-not-measurable", "unit-mismatch", "actual-not-comparable"}
EXAMPLES = {path.stem: path for path in api.example_paths()}


def example(stem: str):
    return api.load_evaluation(EXAMPLES[stem])


def row_of(finding) -> int | None:
    match = re.match(r"indicators\[(\d+)\]", finding.location.field or "")
    return int(match.group(1)) if match else None


def by_row(report) -> dict[int, set[str]]:
    rows: dict[int, set[str]] = {}
    for finding in report.findings:
        index = row_of(finding)
        if index is not None:
            rows.setdefault(index, set()).add(finding.code)
    return rows


def engine_score(result, index: int) -> Decimal | None:
    indicator = result.indicators[index]
    if indicator.score is None:
        return None
    return round2(min(indicator.score, indicator.indicator.weight))


def within_printed_precision(evaluation, index: int) -> bool:
    """Whether some actual that prints as the stated one scores the reported score
    (docs/audit-json.md, interval reasoning): `23%` may be anything in [22.5%, 23.5%)."""
    indicator = evaluation.indicators[index]
    match = re.fullmatch(r"(\d+)(?:\.(\d+))?%", indicator.actual.text.strip())
    if match is None:
        return False
    value = Decimal(indicator.actual.text.strip()[:-1])
    half = Decimal(1).scaleb(-len(match.group(2) or "")) / 2
    scores = []
    for bound in (value - half, value + half - Decimal("0.000001")):
        variant = replace(indicator, actual=parse_value(f"{plain(bound)}%"))
        result = api.score(evaluation.with_indicators((variant,)))
        scores.append(round2(min(result.indicators[0].score, indicator.weight)))
    return min(scores) <= indicator.reported_score <= max(scores)


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_score_findings_agree_with_the_engine(stem):
    evaluation = example(stem)
    result = api.score(evaluation)
    report = api.audit_evaluation(evaluation)
    rows = by_row(report)
    explained_by_precision = []
    for index, indicator in enumerate(evaluation.indicators):
        codes = rows.get(index, set())
        recomputed = engine_score(result, index)
        if indicator.reported_score is None or recomputed is None:
            assert not codes & SCORE_CODES, (indicator.name, codes)
        elif recomputed == indicator.reported_score:
            assert not codes & SCORE_CODES, (indicator.name, codes)
        elif not codes & (SCORE_CODES | UNVERIFIABLE):
            assert within_printed_precision(evaluation, index), (indicator.name, indicator.reported_score,
                                                                 recomputed)
            explained_by_precision.append(indicator.name)
    for finding in report.findings:
        if finding.code == "score-mismatch":
            index = row_of(finding)
            assert finding.reported == plain(evaluation.indicators[index].reported_score)
            assert finding.expected == plain(engine_score(result, index))
    # Only the promotion table prints scores from rounded completion rates.
    assert explained_by_precision == ({"proj-03-zhaoshang": ["项目签约金额完成率", "目标完成质量达标率",
                                                             "规模以上工业总产值完成率", "外贸进出口总额完成率"]}
                                      .get(stem, []))


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_totals_agree_with_the_engine(stem):
    evaluation = example(stem)
    report = api.audit_evaluation(evaluation)
    (summary,) = report.documents
    assert summary.recomputed_total == plain(api.score(evaluation).total)
    assert summary.reported_total == plain(evaluation.reported_total)
    assert summary.kind == ("department-table" if evaluation.kind is Kind.DEPARTMENT else "project-table")
    # The printed total is checked against the printed parts (execution score + indicator scores).
    parts = evaluation.funds.total.reported_score + sum(i.reported_score for i in evaluation.indicators)
    total_codes = {f.code for f in report.findings if f.location.field == "reported_total"} - {"weights-mismatch"}
    if evaluation.reported_total in (parts, round2(parts)):
        assert total_codes == set()
    else:
        assert total_codes in ({"total-mismatch"}, {"total-rounded"})


def test_the_park_administration_table_has_exactly_these_findings():
    report = api.audit_evaluation(example("proj-01-xingzheng"))
    found = [(f.code, f.indicator, f.location.line, f.location.field, f.reported, f.expected)
             for f in report.findings]
    assert found == [
        ("unit-mismatch", "公务接待人次", 67, "indicators[4].reported_score", "76%", "≤200人次"),
        ("target-not-measurable", "(日常办公场所、展厅及食堂)正常运转天数", 75, "indicators[5].reported_score",
         "2019年工作日天数", None),
        ("score-mismatch", "租赁用房空间利用率", 96, "indicators[8].reported_score", "1", "1.80"),
        ("score-mismatch", "目标完成质量达标率", 112, "indicators[10].reported_score", "2", "1.80"),
        ("score-mismatch", "报销及支付及时性", 127, "indicators[12].reported_score", "1", "0.00"),
    ]
    assert report.findings[2].message == (
        "“园区行政管理事务类专项”指标“租赁用房空间利用率”自评得分1，按公式计分（评分细则）应为1.80（90%×2=1.80），"
        "请核正或说明依据。")
    assert all(f.location.file == str(EXAMPLES["proj-01-xingzheng"]) for f in report.findings)


def test_the_bonded_zone_table_has_exactly_these_findings():
    report = api.audit_evaluation(example("proj-09-banshui"))
    found = [(f.code, f.indicator, f.location.field, f.reported, f.expected) for f in report.findings]
    assert found == [
        ("number-format", None, "funds.lines[0].reported.score", "8.908", "8.91"),
        ("unit-mismatch", "设备系统运行正常率", "indicators[2].reported_score", "0%", "故障次数 ≤ 3次/月"),
        ("score-mismatch", "达标项目成本控制偏差率", "indicators[4].reported_score", "8", "0.00"),
        ("missing-deviation-reason", "达标项目成本控制偏差率", "indicators[4].reported_score", "8", "10"),
        ("overcompletion-unexplained", "企业覆盖率", "indicators[6].reported_score", "100%", "≥60%"),
    ]
    assert report.exit_code == 1


def test_a_wrong_score_is_found_and_a_corrected_one_is_not():
    evaluation = example("proj-02-anquan")
    assert not any(f.code in SCORE_CODES for f in api.audit_evaluation(evaluation).findings)
    checks = evaluation.indicators[1]  # 全年定期隐患排查次数: 2次 of 2次, 6 of 6
    wrong = evaluation.with_indicators(evaluation.indicators[:1] + (replace(checks, reported_score=Decimal("5")),)
                                       + evaluation.indicators[2:])
    (finding,) = [f for f in api.audit_evaluation(wrong).findings if f.code in SCORE_CODES]
    assert (finding.code, finding.indicator, finding.location.field, finding.reported, finding.expected) == (
        "score-mismatch", "全年定期隐患排查次数", "indicators[1].reported_score", "5", "6.00")

    park = example("proj-01-xingzheng")
    rented = park.indicators[8]
    fixed = park.with_indicators(park.indicators[:8] + (replace(rented, reported_score=Decimal("1.80")),)
                                 + park.indicators[9:])
    assert "租赁用房空间利用率" not in {f.indicator for f in api.audit_evaluation(fixed).findings}


def test_the_document_prints_what_the_evaluation_reports():
    evaluation = example("dept-2019-zongbaoban")
    document = evaluation_document(evaluation)
    assert document.kind is DocKind.DEPARTMENT_TABLE and document.evaluation is evaluation
    assert (document.total.text, document.total.value) == ("87.09", Decimal("87.09"))
    line = document.printed_funds[0]
    assert (line.source.value, line.weight.text, line.rate.text, line.rate.value, line.rate.percent, line.score.text) == (
        "年度资金总额", "10", "91.66%", Decimal("0.9166"), True, "9.17")
    row = document.rows[12]
    assert (row.score.text, row.score.decimals, row.weight.text, row.actual_text) == ("0.8", 1, "1.5", "58.9亿元")
    assert row.location.line == evaluation.indicators[12].location.line
