"""Score an evaluation: execution, every indicator by its rule, subtotals, total and grade."""

from __future__ import annotations

from decimal import Decimal

from .. import rules
from ..decimals import round2
from ..model import Evaluation
from ..findings import Finding
from ..profile import Profile, get_profile
from ..rules.base import Context
from .aggregate import subtotals
from .weights import weight_problems, weight_sums
from .execution import score_execution
from .grade import grade
from .metrics import derive_metrics
from .result import EvaluationResult, IndicatorResult


def score(evaluation: Evaluation, profile: Profile | None = None) -> EvaluationResult:
    profile = profile or get_profile(evaluation.profile)
    execution, problems = score_execution(evaluation.funds, profile)
    context = Context(profile, derive_metrics(evaluation.funds))

    results: list[IndicatorResult] = []
    for indicator in evaluation.indicators:
        outcome = rules.apply(indicator, context)
        if outcome.score is not None:
            results.append(IndicatorResult(indicator, outcome, outcome.score))
            continue
        # An indicator that cannot be recomputed keeps the document's own score in the
        # total (so the total stays comparable) and is reported, never silently guessed.
        fallback = round2(indicator.reported_score) if indicator.reported_score is not None else Decimal("0.00")
        how = "沿用自评得分" if indicator.reported_score is not None else "按0分计"
        reason = outcome.problem.message if outcome.problem is not None else outcome.derivation
        problems.append(Finding("indicator-not-scored", f"指标“{indicator.name}”无法重算（{reason}），合计时{how}{fallback}",
                                indicator.location, indicator=indicator.name, project=evaluation.project))
        results.append(IndicatorResult(indicator, outcome, fallback))

    sums = weight_sums(evaluation, profile)
    problems.extend(weight_problems(evaluation, sums))
    total = execution.score + sum((result.counted for result in results), Decimal("0.00"))
    return EvaluationResult(
        evaluation=evaluation,
        profile=profile,
        execution=execution,
        indicators=tuple(results),
        subtotals=subtotals(evaluation.kind, execution, results),
        total=total,
        grade=grade(total),
        weights=sums,
        problems=tuple(problems),
    )
