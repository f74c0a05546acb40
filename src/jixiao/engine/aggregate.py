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
    levels: dict[tuple[str, ...], list[Decimal]] = {}
    goals: dict[tuple[str, ...], list[Decimal]] = {}

    def add(sums: dict, key: tuple[str, ...], weight: Decimal, score: Decimal) -> None:
        entry = sums.setdefault(key, [Decimal(0), Decimal(0)])
        entry[0] += weight
        entry[1] += score

    for result in results:
        indicator, counted = result.indicator, result.counted
        add(levels, (indicator.level1,), indicator.weight, counted)
        add(levels, (indicator.level1, indicator.level2), indicator.weight, counted)
        if kind == Kind.DEPARTMENT and indicator.goal is not None:
            goal = f"目标{indicator.goal}"
            add(goals, (goal,), indicator.weight, counted)
            add(goals, (goal, indicator.level1), indicator.weight, counted)

    ordered = [_subtotal(EXECUTION_KEY, execution.weight, execution.score)]
    for sums in (levels, goals):
        ordered.extend(_subtotal(key, weight, score) for key, (weight, score) in sums.items())
    return tuple(ordered)
