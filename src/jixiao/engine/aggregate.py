"""Subtotals by level: weight, score, 得分率 and grade, for each 一级, each 二级 and, in a
department table, each goal's 产出/效益 parts."""

from __future__ import annotations

from decimal import Decimal

from ..model import Kind
from ..decimals import round2
from .grade import grade_rate
from .result import ExecutionResult, IndicatorResult, Subtotal

EXECUTION_KEY = ("预算执行率",)


def _subtotal(key: tuple[str, ...], weight: Decimal, score: Decimal) -> Subtotal:
    score = round2(score)
    rate = score / weight if weight > 0 else None
    return Subtotal(key, weight, score, rate, grade_rate(rate) if rate is not None else "—")


def subtotals(
    kind: Kind, execution: ExecutionResult, results: list[IndicatorResult]
) -> tuple[Subtotal, ...]:
    weights: dict[tuple[str, ...], Decimal] = {}
    scores: dict[tuple[str, ...], Decimal] = {}
    goal_set: set[tuple[str, ...]] = set()
    zero = Decimal(0)
    by_goal = kind == Kind.DEPARTMENT
    for result in results:
        indicator, counted = result.indicator, result.counted
        weight, level1 = indicator.weight, indicator.level1
        keys = [(level1,), (level1, indicator.level2)]
        if by_goal and indicator.goal is not None:
            goal = f"目标{indicator.goal}"
            goal_keys = [(goal,), (goal, level1)]
            goal_set.update(goal_keys)
            keys += goal_keys
        for key in keys:
            weights[key] = weights.get(key, zero) + weight
            scores[key] = scores.get(key, zero) + counted

    ordered = [_subtotal(EXECUTION_KEY, execution.weight, execution.score)]
    # Levels first, then a department's goals, each in the order first met.
    ordered += [_subtotal(key, weights[key], scores[key]) for key in weights if key not in goal_set]
    ordered += [_subtotal(key, weights[key], scores[key]) for key in weights if key in goal_set]
    return tuple(ordered)
