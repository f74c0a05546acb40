"""Positive quantitative indicators (≥, >, or no comparator): met → full, else 实际/目标×分值."""

from __future__ import annotations

from decimal import Decimal

from ..model import Comparator, Indicator, RuleSpec
from ..numbers import to_common
from ._common import (
    SourcedRule,
    comparator_of,
    finish,
    full_marks_text,
    meets,
    pair_of,
    problem_outcome,
    score_text,
    weight_text,
)
from .base import Context, Outcome, register

ONE = Decimal(1)


@register
class RatioRule(SourcedRule):
    kind = "ratio"
    title = "正向指标按比例"
    proportional = True

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        if indicator.target.parts and indicator.actual.parts:
            return _by_part(indicator, ctx, rule)
        pair = pair_of(indicator)
        comparator, implied = comparator_of(indicator.target, ctx, indicator.name)
        weight = indicator.weight
        goal = f"{comparator.value}{pair.target.text}"
        if meets(pair.a, pair.t, comparator):
            derivation = f"实际{pair.actual.text}，达到目标{goal}，{full_marks_text(weight)}{implied}{pair.note}"
            return Outcome(finish(weight, weight)[0], derivation, rule)
        if pair.t <= 0:
            # A ratio to a zero or negative target (≥−5%) means nothing: scoring it would reward
            # a worse actual (−10%/−5% = 2) or divide by zero.
            return problem_outcome(
                rule, f"目标为{pair.target.text}，无法按“实际/目标”比例计分，请在评分细则中写明计分方法"
            )
        w = weight_text(weight)
        if comparator is Comparator.EQ:
            # An exact target: a deviation either way loses points, (1−|B−A|/A)×分值, dividing last.
            raw = (pair.t - abs(pair.a - pair.t)) * weight / pair.t
            expression = f"(1−|{pair.actual.text}−{pair.target.text}|/{pair.target.text})×{w}"
        else:
            # Divide last: the quotient is then correctly rounded (exact when it terminates).
            raw = pair.a * weight / pair.t
            expression = f"{pair.actual.text}/{pair.target.text}×{w}"
        score, note = finish(raw, weight)
        if raw >= weight:
            # Only a strict comparator's boundary gets here (>100% with 100%): not met, but the
            # ratio cannot take a point off, so say so.
            note += f"（严格比较“{comparator.value}”未达到，但按比例计分已达满分）"
        derivation = f"{expression}={score_text(raw)}{note}{implied}{pair.note}"
        return Outcome(score, derivation, rule, goal)


def _by_part(indicator: Indicator, ctx: Context, rule: str) -> Outcome:
    """Target and actual both in labelled parts (工业1个/服务业2个 vs 工业3个/服务业0个): each
    part is compared with its own target, so a surplus in one cannot hide a shortfall in
    another; the score is the mean of the parts' completion rates (each at most 100%)."""
    targets = {part.label: part.quantity for part in indicator.target.parts}
    actuals = {part.label: part.quantity for part in indicator.actual.parts}
    if set(targets) != set(actuals):
        return problem_outcome(
            rule, f"目标“{indicator.target.text}”与实际“{indicator.actual.text}”的分项不一致，无法逐项比较"
        )
    comparator, implied = comparator_of(indicator.target, ctx, indicator.name)
    weight = indicator.weight
    rates: list[Decimal] = []
    shown: list[str] = []
    for label, target in targets.items():
        common = to_common(actuals[label], target)
        if common is None or common[1] <= 0:
            return problem_outcome(rule, f"分项“{label}”的目标{target}与实际{actuals[label]}无法按比例比较")
        a, t = common
        rates.append(ONE if meets(a, t, comparator) else min(a / t, ONE))
        shown.append(f"{label}{actuals[label]}/{target}")
    goal = f"{comparator.value}{indicator.target.text}"
    if all(rate == ONE for rate in rates):
        derivation = f"各分项均达到目标（{'，'.join(shown)}），{full_marks_text(weight)}{implied}"
        return Outcome(finish(weight, weight)[0], derivation, rule)
    raw = sum(rates, Decimal(0)) * weight / len(rates)
    score, note = finish(raw, weight)
    parts = "+".join(f"min({s},100%)" for s in shown)
    derivation = f"逐项比较：({parts})/{len(rates)}×{weight_text(weight)}={score_text(raw)}{note}{implied}"
    return Outcome(score, derivation, rule, goal)
