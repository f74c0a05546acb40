"""Positive quantitative indicators (≥, >, or no comparator): met → full, else 实际/目标×分值."""

from __future__ import annotations

from ..model import Comparator, Indicator, RuleSpec
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


@register
class RatioRule(SourcedRule):
    kind = "ratio"
    title = "正向指标按比例"

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        pair = pair_of(indicator)
        if isinstance(pair, str):
            return problem_outcome(rule, pair)
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
