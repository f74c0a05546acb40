"""The stable JSON structure of `jixiao score --format json` (documented in README).

Numbers are decimal strings, never floats, so no precision is lost on the way."""

from __future__ import annotations

from decimal import Decimal

from ..decimals import plain, short
from ..engine.result import EvaluationResult, FundLineResult, IndicatorResult
from ..findings import Finding

SCHEMA_VERSION = 1


def _num(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _weight(value: Decimal | None) -> str | None:
    return None if value is None else short(value)


def _fund_line(result: FundLineResult) -> dict:
    line = result.line
    return {
        "source": line.source.value,
        "initial_budget": _num(line.initial_budget),
        "budget": _num(line.budget),
        "executed": _num(line.executed),
        "rate": _num(result.rate),
        "weight": _num(result.weight),
        "score": _num(result.score),
        "derivation": result.derivation,
        "reported": {
            "weight": _num(line.reported_weight),
            "rate": _num(line.reported_rate),
            "score": _num(line.reported_score),
        },
        "location": line.location.as_dict() if line.location else None,
    }


def _indicator(result: IndicatorResult) -> dict:
    indicator, outcome = result.indicator, result.outcome
    return {
        "path": list(indicator.path),
        "goal": indicator.goal,
        "target": indicator.target.text,
        "actual": indicator.actual.text,
        "weight": _weight(indicator.weight),
        "rule": outcome.rule,
        "rule_text": indicator.rule.text if indicator.rule else None,
        "score": _num(outcome.score),
        "counted": _num(result.counted),
        "derivation": outcome.derivation,
        "reported_score": _num(indicator.reported_score),
        "full_marks_at": outcome.full_marks_at,
        "problem": outcome.problem.message if outcome.problem else None,
        "location": indicator.location.as_dict() if indicator.location else None,
    }


def _problem(problem: Finding) -> dict:
    return {
        "code": problem.code,
        "message": problem.message,
        "location": problem.location.as_dict() if problem.location else None,
    }


def result_to_dict(result: EvaluationResult) -> dict:
    evaluation, execution = result.evaluation, result.execution
    return {
        "unit": evaluation.unit,
        "department": evaluation.department,
        "year": evaluation.year,
        "project": evaluation.project,
        "kind": evaluation.kind.value,
        "profile": result.profile.name,
        "source": evaluation.location.file if evaluation.location else None,
        "funds": {
            "unit": evaluation.funds.unit.text,
            "lines": [_fund_line(line) for line in execution.lines],
            "execution_rate": _num(execution.rate),
            "weight": _num(execution.weight),
            "score": _num(execution.score),
            "derivation": execution.derivation,
        },
        "indicators": [_indicator(item) for item in result.indicators],
        "subtotals": [
            {
                "key": list(subtotal.key),
                "weight": _weight(subtotal.weight),
                "score": _num(subtotal.score),
                "rate": _num(subtotal.rate.quantize(Decimal("0.0001")) if subtotal.rate is not None else None),
                "grade": subtotal.grade,
            }
            for subtotal in result.subtotals
        ],
        "total": _num(result.total),
        "reported_total": _num(evaluation.reported_total),
        "grade": result.grade,
        "problems": [_problem(problem) for problem in result.problems],
    }


def results_to_dict(results: list[EvaluationResult]) -> dict:
    return {"version": SCHEMA_VERSION, "evaluations": [result_to_dict(r) for r in results]}
