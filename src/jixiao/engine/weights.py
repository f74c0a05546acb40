"""Weights must add up as declared: each level to its declared weight, and everything,
with budget execution, to 100 (rules.md, "Weights")."""

from __future__ import annotations

from decimal import Decimal

from ..decimals import short
from ..model import Evaluation, Kind
from ..problems import Problem
from ..profile import Profile

FULL_MARKS = Decimal(100)


def weight_problems(evaluation: Evaluation, profile: Profile) -> list[Problem]:
    if not evaluation.indicators:
        return []
    problems: list[Problem] = []
    sums: dict[str, Decimal] = {}
    for indicator in evaluation.indicators:
        keys = [indicator.level1]
        if evaluation.kind == Kind.DEPARTMENT and indicator.goal is not None:
            keys.append(f"目标{indicator.goal}/{indicator.level1}")
        for key in keys:
            sums[key] = sums.get(key, Decimal(0)) + indicator.weight
    for key, declared in evaluation.declared_weights:
        actual = sums.get(key, Decimal(0))
        if actual != declared:
            problems.append(
                Problem(
                    "weights-declared",
                    f"“{key}”声明分值{short(declared)}分，所含三级指标分值合计{short(actual)}分",
                    evaluation.location,
                )
            )
    total = profile.execution_weight + sum((i.weight for i in evaluation.indicators), Decimal(0))
    if total != FULL_MARKS:
        problems.append(
            Problem(
                "weights-total",
                f"预算执行率{short(profile.execution_weight)}分与各指标分值合计为{short(total)}分，不是100分",
                evaluation.location,
            )
        )
    return problems
