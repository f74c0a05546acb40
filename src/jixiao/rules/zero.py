"""Zero targets (= 0 accidents, 0% error rate): full when the actual is ≤ 0, else 0."""

from __future__ import annotations

from ..model import Indicator, RuleSpec
from ._common import (
    ZERO,
    SourcedRule,
    finish,
    full_marks_text,
    side_of,
    word_of,
)
from .base import Context, Outcome, register

# “无” is how forms write “no accidents” in the actual column.
NONE_WORDS = frozenset({"无", "否"})


@register
class ZeroRule(SourcedRule):
    kind = "zero"
    title = "零目标"

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        weight = indicator.weight
        goal = indicator.target.text.strip() or "0"
        if word_of(indicator.actual) in NONE_WORDS:
            shown, value = f"“{indicator.actual.text.strip()}”（视为0）", ZERO
        else:
            actual = side_of(indicator.actual, "实际")
            shown, value = actual.text, actual.quantity.value
        if value <= 0:
            derivation = f"实际{shown}≤0，达到目标{goal}，{full_marks_text(weight)}"
            return Outcome(finish(weight, weight)[0], derivation, rule)
        return Outcome(finish(ZERO, weight)[0], f"实际{shown}>0，未达到目标{goal}，得0分", rule, goal)
