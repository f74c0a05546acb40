"""The document's own score, taken as it stands: for a row whose weight the form does not print
and its block does not determine (engine/weights.infer_weights), there is no rule to apply;
the derivation says so, and the score counts as printed."""

from __future__ import annotations

from ..decimals import short
from ..model import Indicator, RuleSpec
from ._common import CannotScore, SourcedRule
from .base import Context, Outcome, register


@register
class ReportedRule(SourcedRule):
    kind = "reported"
    title = "沿用自评得分"

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        reported = indicator.reported_score
        if reported is None:
            raise CannotScore("没有自评得分可沿用")
        derivation = f"分值未印出且无法推定，无法重算，沿用自评得分{short(reported)}"
        return Outcome(reported, derivation, self.name(source), band=(reported, reported))
