"""Reverse indicators (≤, <: costs, error rates): met → full; else linear
(1−(B−A)/A)×分值, zero once B ≥ 2A, or ratio A/B×分值, as the spec or the profile says."""

from __future__ import annotations

from ..model import Comparator, Indicator, RuleSpec
from ._common import (
    ZERO,
    CannotScore,
    comparator_of,
    SourcedRule,
    finish,
    full_marks_text,
    meets,
    pair_of,
    problem_outcome,
    score_text,
    weight_text,
)
from .base import Context, Outcome, Param, register

FORMULAS = {"linear": "线性反向", "ratio": "比例反向"}


@register
class ReverseRule(SourcedRule):
    kind = "reverse"
    title = "反向指标"
    params = (Param("formula", "choice", "反向计分公式", choices=("linear", "ratio")),)

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        stated = spec.param("formula")
        formula = stated or ctx.profile.reverse_formula
        rule = self.name(source, f"·{FORMULAS.get(str(formula), str(formula))}")
        if formula not in FORMULAS:
            return problem_outcome(rule, f"未知的反向计分公式“{formula}”，可用：linear、ratio")
        # Named in every derivation: the two formulas in use differ a lot (rules.md).
        origin = f"（{FORMULAS[formula]}，{'规则指定' if stated else ctx.profile.source}）"
        try:
            pair = pair_of(indicator)
        except CannotScore as error:
            return problem_outcome(rule, str(error))
        comparator, implied = comparator_of(indicator.target, ctx, indicator.name)
        if not comparator.is_reverse:
            # A reverse rule named explicitly reads the target as a ceiling whatever it says.
            comparator, implied = Comparator.LE, "（按反向指标以≤理解目标）"
        weight = indicator.weight
        goal = f"{comparator.value}{pair.target.text}"
        a_text, t_text, w_text = pair.actual.text, pair.target.text, weight_text(weight)
        if meets(pair.a, pair.t, comparator):
            derivation = f"实际{a_text}，达到目标{goal}，{full_marks_text(weight)}{implied}{pair.note}"
            return Outcome(finish(weight, weight)[0], derivation, rule)
        if pair.t <= 0:
            derivation = f"目标{goal}，实际{a_text}超出，得0分{origin}{implied}{pair.note}"
            return Outcome(finish(ZERO, weight)[0], derivation, rule, goal)
        if formula == "linear":
            # (1−(B−A)/A)×w = (2A−B)×w/A, dividing last so a half cent stays a half cent.
            raw = (2 * pair.t - pair.a) * weight / pair.t
            expression = f"(1−({a_text}−{t_text})/{t_text})×{w_text}"
        else:
            raw = pair.t * weight / pair.a
            expression = f"{t_text}/{a_text}×{w_text}"
        score, note = finish(raw, weight)
        if raw < 0:
            note = "，实际已超过目标2倍，按0分计"
        elif raw >= weight:
            # Only a strict comparator's boundary gets here (<100元 with 100元).
            note += f"（严格比较“{comparator.value}”未达到，但按公式计分已达满分）"
        derivation = f"{expression}={score_text(raw)}{note}{origin}{implied}{pair.note}"
        return Outcome(score, derivation, rule, goal)
