"""Auditing a workbook jixiao wrote finds no score problem the engine does not see itself:
the audit scores each row by the 评分细则 the form states (its 评分细则 column, or the rule
jixiao stored beside it), not by the national default."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import openpyxl
import pytest

from jixiao import api
from jixiao.decimals import plain, round2
from jixiao.model import RuleSpec
from jixiao.render.submitted import as_submitted

SCORE_CODES = {"score-mismatch", "score-rounded"}
EXAMPLES = api.example_paths()


def _engine_view(result) -> dict[str, set[str]]:
    """Per indicator, the score codes the engine itself implies for the form as submitted:
    a printed score the engine recomputes differently."""
    rescored = api.score(as_submitted(result))
    view: dict[str, set[str]] = {}
    for item in rescored.indicators:
        printed = item.indicator.reported_score
        wrong = item.score is not None and printed is not None and round2(item.score) != printed
        view.setdefault(item.indicator.name, set()).update({"score-mismatch"} if wrong else set())
    return view


def _audit_view(report, names) -> dict[str, set[str]]:
    view: dict[str, set[str]] = {name: set() for name in names}
    for finding in report.findings:
        if finding.code in SCORE_CODES:
            view.setdefault(finding.indicator, set()).add(finding.code)
    return view


def test_ten_bundled_examples():
    assert len(EXAMPLES) == 10


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_written_workbook_audits_like_the_engine(path, tmp_path):
    result = api.score(api.load_evaluation(path))
    out = tmp_path / f"{path.stem}.xlsx"
    api.write_xlsx([result], out)
    report = api.audit([out])
    engine = _engine_view(result)
    assert _audit_view(report, engine) == engine
    assert all(codes == set() for codes in engine.values())
    # Nor any the YAML's own audit (its reported scores, same rules) does not have.
    from_yaml = _audit_view(api.audit_evaluation(result.evaluation), engine)
    assert all(codes <= from_yaml[name] for name, codes in _audit_view(report, engine).items())
    # The form as submitted, audited from the model, agrees finding for finding on scores.
    assert _audit_view(api.audit_evaluation(as_submitted(result)), engine) == engine
    [summary] = report.documents
    assert (summary.reported_total, summary.recomputed_total, summary.grade) == \
        (plain(round2(result.total)), plain(result.total), result.grade)


def test_stated_rule_decides_a_planted_score(tmp_path):
    # 报销及支付及时性: 及时 expected, 基本及时 done; the stated rule gives 0, the national
    # default's 基本及时 band would allow up to 1.60.
    result = api.score(api.load_evaluation(next(p for p in EXAMPLES if "xingzheng" in p.name)))
    out = tmp_path / "xingzheng.xlsx"
    api.write_xlsx([result], out)
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    assert (sheet["D25"].value, sheet["H25"].value) == ("报销及支付及时性", 0)
    sheet["H25"] = 1
    book.save(out)
    found = [(f.code, f.location.cell, f.reported, f.expected) for f in api.audit([out]).findings
             if f.code in SCORE_CODES]
    assert found == [("score-mismatch", "H25", "1.00", "0.00")]


def test_rule_and_profile_kept_beside_the_form(tmp_path):
    """An explicit rule with no 评分细则 text and a non-default profile live only in jixiao's
    hidden sheet; the audit reads them from there."""
    evaluation = api.load_evaluation(next(p for p in EXAMPLES if "xingzheng" in p.name))
    indicators = []
    for indicator in evaluation.indicators:
        if indicator.name == "报销及支付及时性":
            indicator = replace(indicator, rule=RuleSpec.of("graded", grades=(("及时", "满分"), ("基本及时", "0.5"))))
        elif indicator.name == "达标项目成本控制偏差率":
            indicator = replace(indicator, rule=None)  # ≤5% with 8%: reverse, by the profile's formula
        indicators.append(indicator)
    evaluation = replace(evaluation.with_indicators(tuple(indicators)), profile="ratio-reverse")
    result = api.score(evaluation)
    scores = {i.indicator.name: i.score for i in result.indicators}
    # ratio-reverse: 5%/8%×2 = 1.25 (national's linear reverse would give 0.80).
    assert (scores["报销及支付及时性"], scores["达标项目成本控制偏差率"]) == (Decimal("0.50"), Decimal("1.25"))
    out = tmp_path / "explicit.xlsx"
    api.write_xlsx([result], out)
    report = api.audit([out])
    assert [f for f in report.findings if f.code in SCORE_CODES] == []
    assert report.documents[0].recomputed_total == plain(result.total)
