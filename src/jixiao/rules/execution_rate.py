"""Budget execution scored as an indicator inside the tree (Ningxia's form: 投入管理 › 预算执行率,
with no execution block of its own): min(执行数 / 全年预算数, 100%) × the indicator's weight, from
the funds block — never from what the row typed as its actual."""

from __future__ import annotations

from ..decimals import amount, percent
from ..model import Indicator, RuleSpec
from ._common import CannotScore, SourcedRule, finish, score_text, weight_text
from .base import Context, Outcome, register

# Names of an in-tree execution indicator.
NAMES = ("预算执行率", "资金执行率", "预算资金执行率")


def is_execution(indicator: Indicator) -> bool:
    return any(name in indicator.name for name in NAMES)


@register
class ExecutionRateRule(SourcedRule):
    kind = "execution"
    title = "预算执行率（指标内计分）"

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        budget, executed = ctx.metrics.get("budget"), ctx.metrics.get("executed")
        if budget is None or executed is None:
            raise CannotScore("缺少项目资金数据，无法按执行数/预算数计分")
        weight = indicator.weight
        rate = executed / budget
        raw = min(executed, budget) * weight / budget
        score, note = finish(raw, weight)
        derivation = (f"{amount(executed)}/{amount(budget)}={percent(rate)}，"
                      f"min({percent(rate)},100%)×{weight_text(weight)}={score_text(raw)}{note}"
                      f"（{ctx.profile.source}：预算执行率在指标内计分）")
        return Outcome(score, derivation, self.name(source), "100%" if score < weight else None)


__all__ = ["NAMES", "ExecutionRateRule", "is_execution"]
