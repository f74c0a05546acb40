"""The evaluation as a form jixiao writes states it: the document's own scores replaced by
the recomputed ones. Reading back a written 自评表 gives exactly this (the round trip)."""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from ..engine.result import EvaluationResult
from ..model import Evaluation, Funds

# A rate is printed as a percentage with 2 decimals: 91.74% is 0.9174.
RATE_PLACES = Decimal("0.0001")


def as_submitted(result: EvaluationResult) -> Evaluation:
    evaluation = result.evaluation
    lines = tuple(
        replace(
            line_result.line,
            reported_weight=line_result.weight,
            reported_rate=None if line_result.rate is None else line_result.rate.quantize(RATE_PLACES, ROUND_HALF_UP),
            reported_score=line_result.score,
        )
        for line_result in result.execution.lines
    )
    indicators = tuple(replace(r.indicator, reported_score=r.counted) for r in result.indicators)
    return replace(
        evaluation,
        funds=Funds(unit=evaluation.funds.unit, lines=lines) if lines else evaluation.funds,
        indicators=indicators,
        reported_total=result.total,
    )
