"""Score an evaluation: execution, every indicator by its rule, subtotals, total and grade."""

from __future__ import annotations

from decimal import Decimal

from .. import rules
from ..decimals import round2
from ..model import Evaluation
from ..findings import Finding
from ..profile import Profile, get_profile
from ..rules.base import Context
from ..rules.fast import KINDS as FAST_KINDS
from ..rules.fast import default as fast_default
from ..rules.fast import scored
from .weights import weight_problems, weight_sums
from .execution import score_execution, total_line
from .grade import grade
from .metrics import derive_metrics
from .result import EvaluationResult, IndicatorResult
from .result import _new, _set_band, _set_context, _set_counted, _set_indicator, _set_outcome


def score(evaluation: Evaluation, profile: Profile | None = None) -> EvaluationResult:
    profile = profile or get_profile(evaluation.profile)
    funds = evaluation.funds
    total_funds = total_line(funds)
    execution, problems = score_execution(funds, profile, total_funds)
    context = Context(profile, derive_metrics(funds, total_funds))

    results: list[IndicatorResult] = []
    append = results.append
    # Rows grouped by their place in the tree as they are scored (weights.place_groups, with
    # the score sums): the weight sums, subtotals and total then cost a handful of additions.
    groups: dict[tuple, list] = {}
    apply, fast, default = rules.apply, scored, fast_default
    # rules.fast.scored's own first test, once a table rather than once a row.
    quick = not profile.execution_in_tree
    for index, indicator in enumerate(evaluation.indicators):
        spec = indicator.rule
        if not quick:
            found = None
        elif spec is None:
            found = default(indicator, context) if indicator.weight >= _ZERO else None
        elif spec.kind in FAST_KINDS:
            found = fast(indicator, context)
        else:
            found = None
        if found is not None:
            # The commonest shapes: score, rule and band now; the outcome and its text when read
            # (IndicatorResult.fast, inlined: this runs for nearly every row).
            counted = found[0]
            row = _new(IndicatorResult)
            _set_indicator(row, indicator)
            _set_counted(row, counted)
            _set_outcome(row, found[1])
            _set_band(row, found[2])
            _set_context(row, context)
        else:
            row, counted = _scored_by_rule(indicator, context, apply, problems, evaluation.project)
        append(row)
        # weights.place_groups' entry for the row, with its score (inlined: it runs for every row).
        place = (indicator.level1, indicator.level2, indicator.goal)
        group = groups.get(place)
        if group is None:
            groups[place] = [_ZERO + indicator.weight, _ZERO + counted, [index], indicator]
        else:
            group[0] += indicator.weight
            group[1] += counted
            group[2].append(index)

    sums = weight_sums(evaluation, profile, groups)
    problems.extend(weight_problems(evaluation, sums))
    total = execution.score + sum([group[1] for group in groups.values()], _CENTS)
    return EvaluationResult(
        evaluation=evaluation,
        profile=profile,
        execution=execution,
        indicators=tuple(results),
        subtotals=None,  # worked out from the indicators when first read
        total=total,
        grade=grade(total),
        weights=sums,
        problems=tuple(problems),
    )


_ZERO = Decimal(0)
_CENTS = Decimal("0.00")


def _scored_by_rule(indicator, context: Context, apply, problems: list, project: str
                    ) -> tuple[IndicatorResult, Decimal]:
    """A row the fast path does not take: its rule applied, and what enters the totals."""
    outcome = apply(indicator, context)
    counted = outcome.score
    if counted is None:
        # An indicator that cannot be recomputed keeps the document's own score in the
        # total (so the total stays comparable) and is reported, never silently guessed.
        counted = round2(indicator.reported_score) if indicator.reported_score is not None else Decimal("0.00")
        how = "沿用自评得分" if indicator.reported_score is not None else "按0分计"
        reason = outcome.problem.message if outcome.problem is not None else outcome.derivation
        problems.append(Finding("indicator-not-scored",
                                f"指标“{indicator.name}”无法重算（{reason}），合计时{how}{counted}",
                                indicator.location, indicator=indicator.name, project=project))
    return IndicatorResult(indicator, outcome, counted), counted
