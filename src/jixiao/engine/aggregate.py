"""Subtotals by level: weight, score, 得分率 and grade, for each 一级, each 二级 and, in a
department table, each goal's 产出/效益 parts."""

from __future__ import annotations

from decimal import Decimal

from ..model import Kind
from ..decimals import round2, share
from .result import ExecutionResult, IndicatorResult, Subtotal

EXECUTION_KEY = ("预算执行率",)


_SHARES = ((Decimal("0.9"), "优"), (Decimal("0.8"), "良"), (Decimal("0.6"), "中"))  # grade.BANDS over 100


_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}  # level keys recur in every table: one tuple each


def _subtotal(key: tuple[str, ...], weight: Decimal, score: Decimal) -> Subtotal:
    score = share(round2(score))
    if len(_KEYS) < 4096 and sum(map(len, key)) <= 128:  # bounded, whatever names a file brings
        key = _KEYS.setdefault(key, key)
    if weight > 0:
        rate = score / weight
        # grade_rate(rate) without its ×100: rate×100 only appends zeros to the coefficient, so
        # comparing the rate with 0.9, 0.8, 0.6 is the same comparison.
        return Subtotal(key, share(weight), score, next((name for low, name in _SHARES if rate >= low), "差"))
    return Subtotal(key, share(weight), score, "—")


def subtotals(
    kind: Kind, execution: ExecutionResult, results: list[IndicatorResult], groups: dict[tuple, list] | None = None
) -> tuple[Subtotal, ...]:
    """`groups` as engine.score builds them (weights.place_groups with the score sums), else
    grouped here from the results."""
    zero = Decimal(0)
    if groups is None:
        groups = {}
        for result in results:
            indicator = result.indicator
            place = (indicator.level1, indicator.level2, indicator.goal)
            group = groups.get(place)
            if group is None:
                groups[place] = [zero + indicator.weight, zero + result.counted]
            else:
                group[0] += indicator.weight
                group[1] += result.counted
    by_goal = kind == Kind.DEPARTMENT
    weights: dict[tuple[str, ...], Decimal] = {}
    scores: dict[tuple[str, ...], Decimal] = {}
    goal_set: set[tuple[str, ...]] = set()
    # Levels met in the same order as row by row: every row of a group counts towards the same keys.
    # Forms write one 二级 level two ways (社会公众或服务对象满意度 / …满意度指标): one level,
    # named as first written.
    level2_names: dict[tuple[str, str], str] = {}
    for (level1, level2, goal_index), group in groups.items():
        weight, score = group[0], group[1]
        level2 = level2_names.setdefault((level1, level2.removesuffix("指标")), level2)
        keys = [(level1,), (level1, level2)]
        if by_goal and goal_index is not None:
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
