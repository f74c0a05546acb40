"""Generate one synthetic project 自评表: funds, goals, 15–30 indicators and correct reported figures.

Each project is drawn from its own `random.Random(f"{seed}:{index}")`, so any project of a
run can be regenerated alone (and generation can be split across processes) with the same result.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model import (
    Evaluation,
    FundLine,
    Funds,
    FundSource,
    Goal,
    Indicator,
    Kind,
    Location,
)

from . import catalog
from .catalog import EFFECT, LEVEL1_WEIGHTS, OUTPUT, SATISFACTION, Template
from .draw import ZERO, Draft, Drawer, round2
from .values import unit

EXECUTION_WEIGHT = Decimal(10)
FUNDS_UNIT = unit("万元")
HUNDRED = Decimal(100)
# Share of projects published with a 评价报告 whose 评分细则 state each indicator's rule (3 of 10 in the seed).
STATED_SHARE = 0.3


@dataclass(frozen=True)
class Project:
    """A correct project table and the correct figures a reviewer would recompute."""

    index: int
    evaluation: Evaluation
    scores: tuple[Decimal, ...]  # per indicator, in order
    execution_score: Decimal
    total: Decimal
    stated: bool
    over: tuple[bool, ...]  # per indicator: over-completed by 30% or more


def _split(halves: int, count: int, rng: random.Random) -> list[Decimal]:
    """Split a level's weight (in half points) into `count` weights of whole or half points."""
    base, extra = divmod(halves, count)
    bumped = set(rng.sample(range(count), extra))
    return [Decimal(base + (1 if i in bumped else 0)) / 2 for i in range(count)]


def _counts(rng: random.Random) -> dict[str, int]:
    n = rng.randint(15, 30)
    satisfaction = 1 if n < 20 else rng.randint(1, 2)
    effect = rng.randint(2, 5)
    output = n - satisfaction - effect
    parts = {"cost": rng.randint(0, 2), "timely": rng.randint(1, 3), "quality": rng.randint(1, 4)}
    minimum = {"cost": 0, "timely": 1, "quality": 1}
    while output - 1 - sum(parts.values()) < 3:
        key = max((k for k in parts if parts[k] > minimum[k]), key=lambda k: parts[k])
        parts[key] -= 1
    parts["quantity"] = output - 1 - sum(parts.values())
    parts["effect"], parts["satisfaction"] = effect, satisfaction
    return parts


def _templates(rng: random.Random) -> list[Template]:
    counts = _counts(rng)
    chosen = rng.sample(catalog.QUANTITY, counts["quantity"])
    chosen += rng.sample(catalog.QUALITY, counts["quality"])
    chosen += rng.sample(catalog.TIMELINESS, counts["timely"])
    chosen += [catalog.COST_DEVIATION] + rng.sample(catalog.COST, counts["cost"])
    effects = rng.sample(catalog.ECONOMIC + catalog.SOCIAL + catalog.ECOLOGICAL, counts["effect"] - 1)
    order = ["经济效益指标", "社会效益指标", "生态效益指标"]
    chosen += sorted(effects, key=lambda t: order.index(t.level2)) + [catalog.SUSTAINABILITY]
    chosen += rng.sample(catalog.SATISFIED, counts["satisfaction"])
    return chosen


def _weights(templates: list[Template], rng: random.Random) -> list[Decimal]:
    weights: list[Decimal] = []
    for level1 in (OUTPUT, EFFECT, SATISFACTION):
        count = sum(1 for t in templates if t.level1 == level1)
        weights += _split(LEVEL1_WEIGHTS[level1], count, rng)
    return weights


def _money(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


def _funds(rng: random.Random) -> tuple[Funds, int, Decimal]:
    """Budget lines whose executed amounts give a whole-percent deviation, as the typed
    成本控制偏差率 must equal the derived one. Returns the funds, the deviation in percent
    and the correct execution score."""
    budget = Decimal(int(math.exp(rng.uniform(math.log(5), math.log(5000)))) + 1)
    roll = rng.random()
    deviation = rng.randint(0, 5) if roll < 0.6 else rng.randint(6, 20) if roll < 0.85 else rng.randint(21, 60)
    executed = budget * (HUNDRED - deviation) / HUNDRED
    initial = budget if rng.random() < 0.8 else budget + rng.randint(-int(budget) // 5, int(budget) // 5)
    rate = executed / budget
    score = round2(min(rate, Decimal(1)) * EXECUTION_WEIGHT)

    def line(source, initial_budget, budget_, executed_, weight, reported_score):
        rate_ = executed_ / budget_
        return FundLine(
            source,
            initial_budget=_money(initial_budget) if initial_budget is not None else None,
            budget=_money(budget_),
            executed=_money(executed_),
            reported_weight=weight,
            reported_rate=round2(rate_ * HUNDRED) / HUNDRED,
            reported_score=reported_score,
        )

    carry = Decimal(rng.randint(1, max(1, int(budget) // 4))) if rng.random() < 0.25 and budget > 4 else None
    if carry is None:
        lines = [line(FundSource.TOTAL, initial, budget, executed, EXECUTION_WEIGHT, score)]
        lines.append(line(FundSource.CURRENT, initial, budget, executed, EXECUTION_WEIGHT, score))
    else:
        # Carried-over funds are not in the 年初预算 (blank on the seed's forms): the total's
        # initial budget is the current appropriation's.
        current_initial = max(initial - carry, Decimal(1))
        lines = [line(FundSource.TOTAL, current_initial, budget, executed, EXECUTION_WEIGHT, score)]
        carry_deviation = rng.randint(0, deviation)
        carry_executed = carry * (HUNDRED - carry_deviation) / HUNDRED
        current = budget - carry
        for source, budget_, executed_, initial_ in (
            (FundSource.CURRENT, current, executed - carry_executed, current_initial),
            (FundSource.CARRYOVER, carry, carry_executed, None),
        ):
            share = EXECUTION_WEIGHT * budget_ / budget
            part = round2(min(executed_ / budget_, Decimal(1)) * share)
            lines.append(line(source, initial_, budget_, executed_, round2(share), part))
    return Funds(FUNDS_UNIT, tuple(lines)), deviation, score


def project(seed: int, index: int, projects_per_unit: int = 10) -> Project:
    rng = random.Random(f"{seed}:{index}")
    unit_index = index // projects_per_unit
    place = catalog.PLACES[unit_index % len(catalog.PLACES)]
    body = catalog.BODIES[(unit_index // len(catalog.PLACES)) % len(catalog.BODIES)]
    unit_name = f"{place}{body}（{unit_index + 1:05d}）"
    # Names differ within a unit by more than their number, as real project names do: the
    # audit pairs a 评价报告 with its 自评表 by name.
    names = random.Random(f"{seed}:unit:{unit_index}").sample(catalog.PROJECT_NAMES, projects_per_unit)
    name = f"{names[index % projects_per_unit]}-{index + 1:06d}"
    stated = rng.random() < STATED_SHARE

    funds, deviation, execution_score = _funds(rng)
    drawer = Drawer(rng, stated, deviation)
    templates = _templates(rng)
    drafts: list[Draft] = [drawer.draw(t, w) for t, w in zip(templates, _weights(templates, rng))]
    indicators = tuple(
        Indicator(
            level1=d.template.level1,
            level2=d.template.level2,
            name=d.template.name,
            target=d.target,
            actual=d.actual,
            weight=d.weight,
            rule=d.rule,
            reported_score=d.score,
            deviation_reason=d.reason,
        )
        for d in drafts
    )
    expected, achieved = rng.choice(catalog.GOAL_TEXTS)
    scores = tuple(d.score for d in drafts)
    total = execution_score + sum(scores, ZERO)
    evaluation = Evaluation(
        kind=Kind.PROJECT,
        project=name,
        unit=unit_name,
        department=f"{place}区人民政府",
        year=2019 + index % 5,
        funds=funds,
        goals=(Goal(expected, achieved),),
        indicators=indicators,
        reported_total=total,
        declared_weights=tuple((k, Decimal(v) / 2) for k, v in LEVEL1_WEIGHTS.items()),
        location=Location(file=f"synth-{index + 1:06d}"),
    )
    return Project(index, evaluation, scores, execution_score, total, stated, tuple(d.over for d in drafts))
