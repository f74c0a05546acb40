"""Draw one indicator's target, actual, rule and correct score from a catalog template.

The correct score is computed here, independently of jixiao's engine, by the rules of
../shared/docs/rules.md (national defaults: ≥ met → full, else B/A × 分值; ≤ missed →
(1 − (B−A)/A) × 分值, 0 from B ≥ 2A; = 0 → full or 0; matching words → full), or by the
stated 评分细则 the generator attaches. The tests check the engine agrees with it.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from jixiao.model import Comparator, RuleSpec, Value

from .catalog import REASONS_MISSED, REASONS_OVER, Template
from .values import number_text, quantity, word

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# A target beaten by this share or more needs a written explanation (profile.overcompletion_ratio).
OVER = Decimal("1.3")
NEGATION = {"具有": "不具有", "达成": "未达成", "完成": "未完成"}


def round2(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Draft:
    """An indicator before it becomes a model `Indicator`; `score` is the correct one."""

    template: Template
    weight: Decimal
    target: Value
    actual: Value
    score: Decimal
    rule: RuleSpec | None
    reason: str
    over: bool  # the actual beats the target by OVER or more


# Division last: the exact rational is then rounded once, so a score whose exact value is
# x.xx5 rounds up as ROUND_HALF_UP says (4.75/6 first would give 0.62499… for 0.625).
def _ratio_score(actual: Decimal, target: Decimal, weight: Decimal) -> Decimal:
    if actual >= target:
        return weight
    return round2(actual * weight / target)


def _reverse_score(actual: Decimal, target: Decimal, weight: Decimal) -> Decimal:
    if actual <= target:
        return weight
    return round2(max(Decimal(0), 2 * target - actual) * weight / target)


def _percent(rng: random.Random, low: int, high: int) -> Decimal:
    return Decimal(rng.randint(low, high))


class Drawer:
    """Draws values for one project; `stated` projects carry a 评价报告 with 评分细则."""

    def __init__(self, rng: random.Random, stated: bool, cost_deviation: int, met_share: float = 0.8):
        self.rng = rng
        self.stated = stated
        self.cost_deviation = cost_deviation
        self.met_share = met_share

    def met(self) -> bool:
        return self.rng.random() < self.met_share

    def draw(self, template: Template, weight: Decimal) -> Draft:
        method = getattr(self, "_" + template.shape)
        target, actual, score, rule, over = method(template, weight)
        reason = ""
        if score < weight:
            reason = self.rng.choice(REASONS_MISSED)
        elif over:
            reason = self.rng.choice(REASONS_OVER)
        return Draft(template, weight, target, actual, score, rule, reason, over)

    # Each shape returns (target, actual, correct score, stated rule or None, over-completed).

    def _ratio_rule(self, weight: Decimal) -> RuleSpec | None:
        if not self.stated:
            return None
        text = f"标准分值{number_text(weight)}分，实际得分=实际完成值/年度指标值*标准分值"
        return RuleSpec.of("ratio", text=text)

    def _rate(self, template: Template, weight: Decimal):
        rng = self.rng
        if rng.random() < 0.7:
            goal, comparator = Decimal(100), None
        else:
            goal, comparator = Decimal(rng.choice((80, 85, 90, 95))), Comparator.GE
        if self.met():
            top = 105 if goal == 100 and rng.random() < 0.1 else 100
            actual = _percent(rng, int(goal), top)
        else:
            actual = Decimal(rng.randint(int(goal) // 2, int(goal) - 1))
        return (
            quantity(goal, "%", comparator),
            quantity(actual, "%"),
            _ratio_score(actual, goal, weight),
            self._ratio_rule(weight),
            False,
        )

    def _count(self, template: Template, weight: Decimal):
        rng = self.rng
        goal = Decimal(rng.randint(template.low, template.high))
        comparator = Comparator.GE if rng.random() < 0.6 else None
        over = False
        if self.met():
            if rng.random() < 0.15:
                actual = Decimal(math.ceil(goal * Decimal(rng.uniform(1.3, 2.5))))
            else:
                actual = Decimal(rng.randint(int(goal), int(goal * Decimal("1.29"))))
            over = actual >= goal * OVER
        else:
            actual = Decimal(int(goal * Decimal(rng.uniform(0.4, 0.95))))
            actual = min(actual, goal - 1)
        return (
            quantity(goal, template.unit, comparator),
            quantity(actual, template.unit),
            _ratio_score(actual, goal, weight),
            self._ratio_rule(weight),
            over,
        )

    def _amount(self, template: Template, weight: Decimal):
        rng = self.rng
        goal = Decimal(rng.randint(template.low, template.high))
        comparator = Comparator.GE if rng.random() < 0.4 else None
        share = rng.uniform(1.0, 1.25) if self.met() else rng.uniform(0.5, 0.95)
        actual = round2(goal * Decimal(repr(share)))
        if share < 1 and actual >= goal:
            actual = goal - CENT
        return (
            quantity(goal, template.unit, comparator),
            quantity(actual, template.unit),
            _ratio_score(actual, goal, weight),
            self._ratio_rule(weight),
            actual >= goal * OVER,
        )

    def _threshold_rule(self, template: Template, target: Value) -> RuleSpec | None:
        if not self.stated:
            return None
        return RuleSpec.of("threshold", text=f"{template.name}{target.text}，得满分；否则，不得分。")

    def _cap(self, template: Template, weight: Decimal):
        rng = self.rng
        goal = Decimal(rng.randint(template.low, template.high))
        cents = template.unit.startswith("元")
        met = self.met()
        share = rng.uniform(0.5, 1.0) if met else rng.uniform(1.01, 1.8)
        actual = Decimal(repr(share)) * goal
        actual = round2(actual) if cents else Decimal(int(actual))
        if not met and actual <= goal:
            actual = goal + (CENT if cents else 1)
        target = quantity(goal, template.unit, Comparator.LE)
        rule = self._threshold_rule(template, target)
        if rule is not None:
            score = weight if actual <= goal else ZERO
        else:
            score = _reverse_score(actual, goal, weight)
        return target, quantity(actual, template.unit), score, rule, False

    def _costdev(self, template: Template, weight: Decimal):
        # The typed actual equals the rate derived from the funds, so the form is consistent.
        goal, deviation = Decimal(5), Decimal(self.cost_deviation)
        target = quantity(goal, "%", Comparator.LE)
        if self.stated:
            rule = RuleSpec.of(
                "steps",
                text="偏差率≤5%，得满分；每超过5%扣1分，扣完为止。",
                free="5%",
                step="5%",
                penalty="1",
            )
            over_by = max(Decimal(0), deviation - goal)
            steps = math.ceil(over_by / 5)
            score = max(ZERO, weight - steps)
        else:
            rule = None
            score = _reverse_score(deviation, goal, weight)
        return target, quantity(deviation, "%"), score, rule, False

    def _zero(self, template: Template, weight: Decimal):
        actual = Decimal(0) if self.rng.random() < 0.9 else Decimal(self.rng.randint(1, 3))
        rule = RuleSpec.of("zero", text="未发生得满分；发生即不得分。") if self.stated else None
        return (
            quantity(Decimal(0), template.unit, Comparator.EQ),
            quantity(actual, template.unit),
            weight if actual <= 0 else ZERO,
            rule,
            False,
        )

    def _satisfied(self, template: Template, weight: Decimal):
        rng = self.rng
        goal = Decimal(rng.choice((80, 85, 85, 85, 90)))
        if self.met():
            actual = Decimal(rng.randint(int(goal), min(100, int(goal) + 13)))
        else:
            actual = Decimal(rng.randint(int(goal) - 15, int(goal) - 1))
        target = quantity(goal, "%", Comparator.GE)
        rule = self._threshold_rule(template, target)
        if rule is not None:
            score = weight if actual >= goal else ZERO
        else:
            score = _ratio_score(actual, goal, weight)
        return target, quantity(actual, "%"), score, rule, False

    def _timely(self, template: Template, weight: Decimal):
        if not self.stated:
            return word("及时"), word("及时"), weight, None, False
        partly, barely = round2(weight * Decimal("0.6")), round2(weight * Decimal("0.3"))
        grades = (("及时", weight), ("基本及时", partly), ("不太及时", barely), ("不及时", ZERO))
        roll = self.rng.random()
        chosen = grades[0] if roll < 0.75 else grades[1] if roll < 0.9 else grades[2] if roll < 0.97 else grades[3]
        text = f"及时得满分；基本及时得{number_text(partly)}分；不太及时得{number_text(barely)}分；不及时不得分。"
        rule = RuleSpec.of(
            "graded", text=text, grades=tuple((name, number_text(score)) for name, score in grades)
        )
        return word("及时"), word(chosen[0]), chosen[1], rule, False

    def _has(self, template: Template, weight: Decimal):
        expected = template.word
        if not self.stated:
            return word(expected), word(expected), weight, None, False
        actual = expected if self.rng.random() < 0.9 else NEGATION[expected]
        rule = RuleSpec.of("yesno", text=f"{expected}得满分；否则，不得分。")
        return word(expected), word(actual), weight if actual == expected else ZERO, rule, False
