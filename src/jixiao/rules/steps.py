"""Full marks up to a free allowance, then a penalty per started step beyond it
(`偏差率≤5%，得满分；按照5%等差依次减1分`): 9% is 4% beyond 5%, one started 5% step, −1."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from ..decimals import short
from ..model import Indicator, RuleSpec
from ..numbers import to_common
from ._common import (
    ZERO,
    ParamError,
    SourcedRule,
    finish,
    full_marks_text,
    measured_side,
    problem_outcome,
    quantity_side,
    score_text,
    text_param,
    weight_text,
)
from .base import Context, Outcome, Param, register


@register
class StepsRule(SourcedRule):
    kind = "steps"
    title = "超出逐档扣分"
    params = (Param("free", "text", "免扣上限", required=True), Param("step", "text", "档距", required=True),
              Param("penalty", "text", "每档扣分，默认1"), Param("measure", "text", "所计量，默认“偏差率”"),
              Param("cutoff", "text", "超过即不得分的界限"))

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        free = quantity_side(text_param(spec, "free") or "")
        step = quantity_side(text_param(spec, "step") or "")
        penalty_text = text_param(spec, "penalty", "1") or "1"
        if free is None or step is None:
            raise ParamError("逐档扣分规则需要免扣上限（free）和档距（step），如 5%")
        try:
            penalty = Decimal(penalty_text)
        except ArithmeticError:
            raise ParamError(f"每档扣分“{penalty_text}”不是数字") from None
        measure = text_param(spec, "measure", "偏差率") or "偏差率"
        weight = indicator.weight
        value = measured_side(indicator, ctx, measure)
        measured = to_common(value.quantity, free.quantity)
        steps = to_common(step.quantity, free.quantity)
        if measured is None or steps is None:
            return problem_outcome(rule, f"{measure}{value.text}与免扣上限{free.text}、档距{step.text}单位不一致")
        v, limit = measured
        size = steps[0]
        if size <= 0:
            raise ParamError(f"档距{step.text}应大于0")
        note = f"（{value.note}）" if value.note else ""
        goal = f"≤{free.text}"
        if v <= limit:
            derivation = f"{measure}{value.text}≤{free.text}，{full_marks_text(weight)}{note}"
            return Outcome(finish(weight, weight)[0], derivation, rule)
        cutoff_text = text_param(spec, "cutoff")
        if cutoff_text:
            cutoff = quantity_side(cutoff_text)
            bound = to_common(cutoff.quantity, free.quantity) if cutoff is not None else None
            if bound is None:
                raise ParamError(f"逐档扣分的不得分界限“{cutoff_text}”无法与免扣上限{free.text}比较")
            if v > bound[0]:
                derivation = f"{measure}{value.text}超过{cutoff.text}，不得分{note}"
                return Outcome(finish(ZERO, weight)[0], derivation, rule, goal)
        excess = v - limit
        count = (excess / size).to_integral_value(rounding=ROUND_CEILING)
        raw = weight - count * penalty
        score, capped = finish(raw, weight)
        # The excess is shown in the free allowance's own unit (4%, not 0.04).
        scale = free.quantity.unit.scale or Decimal(1)
        shown_excess = f"{short(excess / scale)}{free.quantity.unit.text}"
        derivation = (
            f"{measure}{value.text}超出{free.text}共{shown_excess}，每超{step.text}扣{short(penalty)}分，"
            f"计{short(count)}档：{weight_text(weight)}−{short(count)}×{short(penalty)}={score_text(raw)}{capped}{note}"
        )
        return Outcome(score, derivation, rule, goal)
