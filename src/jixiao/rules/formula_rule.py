"""A stated formula (`实际得分=实际订阅数/计划订阅数*标准分值` → `实际/目标*分值`), evaluated by the
safe evaluator over 实际, 目标, 分值 and 偏差率, then clamped to [0, 分值]."""

from __future__ import annotations

from decimal import Decimal

from .. import formula
from ..decimals import round2, short
from ..model import Indicator, RuleSpec
from ._common import (
    CannotScore,
    ParamError,
    Side,
    SourcedRule,
    comparator_of,
    doubt,
    finish,
    meets,
    pair_from,
    score_text,
    side_of,
    text_param,
    weight_text,
)
from .base import Context, Outcome, Param, register

ACTUAL, TARGET, WEIGHT, DEVIATION = "实际", "目标", "分值", "偏差率"
# Decimal division is exact to 28 digits only, so linearity is checked to this tolerance.
TOLERANCE = Decimal("1e-18")


@register
class FormulaRule(SourcedRule):
    kind = "formula"
    title = "公式计分"
    params = (Param("expression", "text", "公式，如“min(实际/目标*分值, 分值)”", required=True),)
    proportional = True

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        expression = text_param(spec, "expression")
        if not expression:
            raise ParamError("公式规则缺少公式（expression）")
        used = formula.names_in(expression)
        weight = indicator.weight
        names: dict[str, Decimal] = {WEIGHT: weight}
        shown: dict[str, str] = {WEIGHT: weight_text(weight)}
        actual = target = None
        if ACTUAL in used or TARGET in used:
            actual = side_of(indicator.actual, "实际")
            names[ACTUAL], shown[ACTUAL] = actual.quantity.base_value, actual.text
        if TARGET in used:
            target = side_of(indicator.target, "目标")
            pair = pair_from(target, actual)
            names[ACTUAL], names[TARGET], shown[TARGET] = pair.a, pair.t, target.text
        if DEVIATION in used:
            # On a cost row the actual is the deviation rate; the funds' rate stands in when it is blank.
            rate = ctx.metrics.get("cost_deviation_rate")
            try:
                own = side_of(indicator.actual, "实际")
                names[DEVIATION], shown[DEVIATION] = own.quantity.base_value, own.text
            except CannotScore as error:
                if rate is None:
                    raise CannotScore(f"公式用到偏差率，但{error}，资金数据也无法算出偏差率") from None
                names[DEVIATION], shown[DEVIATION] = rate, f"{short(round2(rate * 100))}%"
        raw = formula.evaluate(expression, names)
        score, capped = finish(raw, weight)
        derivation = f"{formula.render(expression, shown)}={score_text(raw)}{capped}"
        problem = None
        if score < weight and TARGET not in used:
            ignored = _ignores_target(indicator, ctx, actual, score)
            if ignored:
                problem = doubt(ignored)
                derivation += f"（{ignored}）"
        full_at = _full_marks_at(expression, names, actual, weight) if score < weight else None
        return Outcome(score, derivation, rule, full_at, problem)


def _ignores_target(indicator: Indicator, ctx: Context, actual: Side | None, score: Decimal) -> str | None:
    """A stated formula that leaves out the target (`完成率*分值`) can cost points on a met
    target (37.07% against ≥14%); the score stands as stated, but a reviewer should see it."""
    if actual is None:
        return None
    try:
        target = side_of(indicator.target, "目标")
        pair = pair_from(target, actual)
    except CannotScore:
        return None
    comparator, _ = comparator_of(indicator.target, ctx, indicator.name)
    if not meets(pair.a, pair.t, comparator):
        return None
    return f"实际{actual.text}已达到目标{comparator.value}{target.text}，按评分细则公式只得{score_text(score)}分"


def _full_marks_at(
    expression: str, names: dict[str, Decimal], actual: Side | None, weight: Decimal
) -> str | None:
    """The actual that would reach full marks, when the formula is linear and rising in 实际."""
    if actual is None:
        return None

    def at(x: Decimal) -> Decimal:
        return formula.evaluate(expression, {**names, ACTUAL: x})

    try:
        f0, f1, f2 = at(Decimal(0)), at(Decimal(1)), at(Decimal(2))
        slope = f1 - f0
        if slope <= 0 or abs(f2 - f1 - slope) > TOLERANCE:
            return None
        needed = (weight - f0) / slope
        if round2(at(needed)) < weight:
            return None
    except formula.FormulaError:
        return None
    # `needed` is in the actual's base unit; shown in the unit the actual was written in.
    unit = actual.quantity.unit
    return f"≥{short(round2(needed / unit.scale))}{unit.text}"
