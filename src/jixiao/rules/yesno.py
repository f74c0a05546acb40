"""Yes/no (`项目具有可持续性，满分；否则，不得分`): the actual matches the expected word → full,
else 0. With no word stated, the target's word; a numeric target is met per its comparator."""

from __future__ import annotations

from ..model import Indicator, RuleSpec
from ._common import (
    NEGATIVE,
    PARTIAL,
    POSITIVE,
    ZERO,
    SourcedRule,
    comparator_of,
    describe_unreadable,
    finish,
    full_marks_text,
    is_unreadable,
    meets,
    pair_of,
    problem_outcome,
    text_param,
    word_of,
)
from .base import Context, Outcome, Param, register


@register
class YesNoRule(SourcedRule):
    kind = "yesno"
    title = "是否达成"
    params = (Param("expected", "text", "应达到的是/否词，默认为目标值"),)

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        weight = indicator.weight
        target, actual = indicator.target, indicator.actual
        if actual.is_empty:
            return problem_outcome(rule, describe_unreadable("实际", actual))
        expected = text_param(spec, "expected") or word_of(target)
        if expected is None and (target.is_quantitative or target.parts):
            return self._numeric(indicator, ctx, rule)
        if expected is None:
            # Free-text targets (安全生产意识与技能明显提升) are met only when restated as achieved.
            if not is_unreadable(target) or target.is_empty:
                return problem_outcome(rule, describe_unreadable("目标", target))
            if actual.text.strip() == target.text.strip():
                derivation = f"实际与目标表述一致（“{target.text.strip()}”），{full_marks_text(weight)}"
                return Outcome(finish(weight, weight)[0], derivation, rule)
            return problem_outcome(rule, f"目标“{target.text}”不是可判断的是/否标准，实际为“{actual.text}”")
        said = word_of(actual) or actual.text.strip()
        if said == expected:
            derivation = f"实际“{said}”，符合“{expected}”，{full_marks_text(weight)}"
            return Outcome(finish(weight, weight)[0], derivation, rule)
        derivation = f"实际“{said}”，不符合“{expected}”，得0分"
        return Outcome(finish(ZERO, weight)[0], derivation, rule, expected)

    def _numeric(self, indicator: Indicator, ctx: Context, rule: str) -> Outcome:
        weight = indicator.weight
        word = word_of(indicator.actual)
        goal = indicator.target.text.strip()
        if word is not None:
            # A word against a numeric target: only a clear 完成/达成 or 无/未完成 can be judged.
            if word in POSITIVE:
                derivation = f"实际“{word}”，视为达到目标{goal}，{full_marks_text(weight)}"
                return Outcome(finish(weight, weight)[0], derivation, rule)
            if word in NEGATIVE or word in PARTIAL:
                derivation = f"实际“{word}”，未达到目标{goal}，得0分"
                return Outcome(finish(ZERO, weight)[0], derivation, rule, goal)
        pair = pair_of(indicator)
        comparator, implied = comparator_of(indicator.target, ctx, indicator.name)
        goal = f"{comparator.value}{pair.target.text}"
        if meets(pair.a, pair.t, comparator):
            derivation = f"实际{pair.actual.text}，达到目标{goal}，{full_marks_text(weight)}{implied}{pair.note}"
            return Outcome(finish(weight, weight)[0], derivation, rule)
        derivation = f"实际{pair.actual.text}，未达到目标{goal}，得0分{implied}{pair.note}"
        return Outcome(finish(ZERO, weight)[0], derivation, rule, goal)
