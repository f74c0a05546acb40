"""Weights must add up as declared: each level to its declared weight (per goal in a
department table: `目标N/产出指标`), and everything, with budget execution, to 100
(rules.md, "Weights"). The sums are part of the result, so the audit reports them where
the document printed the weights, and never adds weights up itself."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..decimals import short
from ..findings import Finding
from ..model import Evaluation, Kind
from ..profile import Profile

FULL_MARKS = Decimal(100)
ALL = "全表"


@dataclass(frozen=True, slots=True)
class WeightSum:
    """The weights under `key` (a level, `目标N/level`, or 全表 with execution) against what
    they should add up to; `members` are the indices of the indicators summed."""

    key: str
    expected: Decimal
    actual: Decimal
    members: tuple[int, ...]
    execution: Decimal = Decimal(0)

    @property
    def agrees(self) -> bool:
        return self.actual == self.expected


def weight_sums(evaluation: Evaluation, profile: Profile) -> tuple[WeightSum, ...]:
    if not evaluation.indicators:
        return ()
    members: dict[str, list[int]] = {}
    sums: dict[str, Decimal] = {}
    for index, indicator in enumerate(evaluation.indicators):
        keys = [indicator.level1]
        if evaluation.kind == Kind.DEPARTMENT and indicator.goal is not None:
            keys.append(f"目标{indicator.goal}/{indicator.level1}")
        for key in keys:
            sums[key] = sums.get(key, Decimal(0)) + indicator.weight
            members.setdefault(key, []).append(index)
    found = [WeightSum(key, declared, sums.get(key, Decimal(0)), tuple(members.get(key, ())))
             for key, declared in evaluation.declared_weights]
    indicators = sum((i.weight for i in evaluation.indicators), Decimal(0))
    found.append(WeightSum(ALL, FULL_MARKS, profile.execution_weight + indicators,
                           tuple(range(len(evaluation.indicators))), profile.execution_weight))
    return tuple(found)


def weight_problems(evaluation: Evaluation, sums: tuple[WeightSum, ...]) -> list[Finding]:
    problems: list[Finding] = []
    for found in sums:
        if found.agrees:
            continue
        if found.key == ALL:
            problems.append(Finding(
                "weights-total",
                f"预算执行率{short(found.execution)}分与各指标分值合计为{short(found.actual)}分，不是100分",
                evaluation.location, project=evaluation.project))
        else:
            problems.append(Finding(
                "weights-declared",
                f"“{found.key}”声明分值{short(found.expected)}分，所含三级指标分值合计{short(found.actual)}分",
                evaluation.location, project=evaluation.project))
    return problems
