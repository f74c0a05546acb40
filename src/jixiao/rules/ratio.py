"""Positive quantitative indicators (≥, >, or no comparator): met → full, else 实际/目标×分值."""

from __future__ import annotations

from ..model import Indicator, RuleSpec
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
        if pair.t == 0:
            return problem_outcome(rule, f"目标为{pair.target.text}，无法按“实际/目标”比例计分")
        # Divide last: the quotient is then correctly rounded (exact when it terminates).
        raw = pair.a * weight / pair.t
        score, note = finish(raw, weight)
        derivation = (
            f"{pair.actual.text}/{pair.target.text}×{weight_text(weight)}={score_text(raw)}{note}"
            f"{implied}{pair.note}"
        )
        return Outcome(score, derivation, rule, goal)
