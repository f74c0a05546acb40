"""Words to scores (`及时，得满分；基本及时5分；不太及时，2；否则不得分`); any other word scores 0."""

from __future__ import annotations

from decimal import Decimal

from ..model import Indicator, RuleSpec
from ._common import (
    ZERO,
    ParamError,
    SourcedRule,
    describe_unreadable,
    finish,
    points,
    points_text,
    problem_outcome,
    word_of,
)
from .base import Context, Outcome, Param, register


def read_grades(spec: RuleSpec) -> list[tuple[str, str]]:
    raw = spec.param("grades")
    if not isinstance(raw, (list, tuple)) or not raw:
        raise ParamError("等级规则缺少等级（grades）")
    grades = []
    for row in raw:
        if not isinstance(row, (list, tuple)) or len(row) != 2:
            raise ParamError(f"等级应为[等级词, 得分]，实际为{row!r}")
        grades.append((str(row[0]).strip(), str(row[1]).strip()))
    return grades


@register
class GradedRule(SourcedRule):
    kind = "graded"
    title = "按等级计分"
    params = (Param("grades", "rows", "等级 [等级词, 得分]", required=True, width=2),)

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        grades = read_grades(spec)
        weight = indicator.weight
        if indicator.actual.is_empty:
            return problem_outcome(rule, describe_unreadable("实际", indicator.actual))
        if indicator.actual.is_quantitative:
            return problem_outcome(rule, f"实际“{indicator.actual.text}”是数值，不是等级词")
        actual = word_of(indicator.actual) or indicator.actual.text.strip()
        best_word, best = max(grades, key=lambda grade: points(grade[1], weight))
        full_at = best_word if points(best, weight) >= weight else None
        for word, stated in grades:
            if word == actual:
                raw: Decimal = points(stated, weight)
                score, capped = finish(raw, weight)
                derivation = f"实际“{actual}”→{points_text(stated, weight)}分{capped}"
                return Outcome(score, derivation, rule, full_at if score < weight else None)
        listed = "、".join(word for word, _ in grades)
        derivation = f"实际“{actual}”不在所列等级（{listed}）中，得0分"
        return Outcome(finish(ZERO, weight)[0], derivation, rule, full_at)
