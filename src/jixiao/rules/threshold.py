"""All-or-nothing on a threshold (`满意度≥85%，得满分；否则，不得分`): meets → full, else 0.
The threshold is the stated one, or the target when the rule names none."""

from __future__ import annotations

from ..model import Indicator, RuleSpec
from ..numbers import parse_value
from ._common import (
    ZERO,
    SourcedRule,
    comparator_of,
    describe_unreadable,
    finish,
    full_marks_text,
    is_unreadable,
    meets,
    pair_from,
    problem_outcome,
    side_of,
    text_param,
    word_of,
)
from .base import Context, Outcome, Param, register


@register
class ThresholdRule(SourcedRule):
    kind = "threshold"
    title = "达标得满分"
    params = (Param("threshold", "text", "达标条件，默认为目标值"),)

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        stated = text_param(spec, "threshold")
        threshold = parse_value(stated) if stated else indicator.target
        if is_unreadable(threshold):
            return problem_outcome(rule, describe_unreadable("达标条件", threshold))
        weight = indicator.weight
        expected = word_of(threshold)
        if expected is not None:
            actual_word = word_of(indicator.actual) or indicator.actual.text.strip()
            if not actual_word:
                return problem_outcome(rule, describe_unreadable("实际", indicator.actual))
            if actual_word == expected:
                derivation = f"实际“{actual_word}”，达到“{expected}”，{full_marks_text(weight)}"
                return Outcome(finish(weight, weight)[0], derivation, rule)
            derivation = f"实际“{actual_word}”，未达到“{expected}”，得0分"
            return Outcome(finish(ZERO, weight)[0], derivation, rule, expected)
        bound = side_of(threshold, "达标条件")
        actual = side_of(indicator.actual, "实际")
        pair = pair_from(bound, actual, "达标条件")
        comparator, implied = comparator_of(threshold, ctx, indicator.name)
        goal = f"{comparator.value}{bound.text}"
        if meets(pair.a, pair.t, comparator):
            derivation = f"实际{actual.text}，达到{goal}，{full_marks_text(weight)}{implied}{pair.note}"
            return Outcome(finish(weight, weight)[0], derivation, rule)
        derivation = f"实际{actual.text}，未达到{goal}，得0分{implied}{pair.note}"
        return Outcome(finish(ZERO, weight)[0], derivation, rule, goal)
