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
    zero = Decimal(0)
    by_goal = kind == Kind.DEPARTMENT
    # Rows grouped by their place in the tree first, one lookup each; the levels' sums are then
    # the groups' (exact), met in the same order as row by row.
    groups: dict[tuple, list] = {}
    for result in results:
        indicator = result.indicator
        place = (indicator.level1, indicator.level2, indicator.goal if by_goal else None)
        group = groups.get(place)
        if group is None:
            groups[place] = [zero + indicator.weight, zero + result.counted]
        else:
            group[0] += indicator.weight
            group[1] += result.counted
    weights: dict[tuple[str, ...], Decimal] = {}
    scores: dict[tuple[str, ...], Decimal] = {}
    goal_set: set[tuple[str, ...]] = set()
    # Forms write one 二级 level two ways (社会公众或服务对象满意度 / …满意度指标): one level,
    # named as first written.
    level2_names: dict[tuple[str, str], str] = {}
    for (level1, level2, goal_index), (weight, score) in groups.items():
        level2 = level2_names.setdefault((level1, level2.removesuffix("指标")), level2)
        keys = [(level1,), (level1, level2)]
        if goal_index is not None:
            goal = f"目标{goal_index}"
            goal_keys = [(goal,), (goal, level1)]
            goal_set.update(goal_keys)
            keys += goal_keys
        for key in keys:
            weights[key] = weights.get(key, zero) + weight
            scores[key] = scores.get(key, zero) + score

    ordered = [_subtotal(EXECUTION_KEY, execution.weight, execution.score)]
    # Levels first, then a department's goals, each in the order first met.
    ordered += [_subtotal(key, weights[key], scores[key]) for key in weights if key not in goal_set]
    ordered += [_subtotal(key, weights[key], scores[key]) for key in weights if key in goal_set]
    return tuple(ordered)
