"""Qualitative bands (rules.md): 达成 80–100%, 部分达成 60–80%, 未达成 0–60% of the weight.
A self-assessed score inside the band is kept; otherwise the band's upper bound, and a
score typed outside its band is reported."""

from __future__ import annotations

from decimal import Decimal

from ..decimals import short
from ..model import Indicator, RuleSpec
from ._common import (
    NEGATIVE,
    PARTIAL,
    POSITIVE,
    CannotScore,
    SourcedRule,
    comparator_of,
    describe_unreadable,
    doubt,
    finish,
    is_unreadable,
    judgement_in,
    meets,
    pair_of,
    problem_outcome,
    word_of,
)
from .base import Context, Outcome, register

BANDS = {
    "达成": (Decimal("0.8"), Decimal("1")),
    "部分达成": (Decimal("0.6"), Decimal("0.8")),
    "未达成": (Decimal("0"), Decimal("0.6")),
}


def band_of(indicator: Indicator, ctx: Context) -> tuple[str, str]:
    """(band, why) for the actual against the target; CannotScore saying why it cannot be told."""
    target, actual = indicator.target, indicator.actual
    if actual.is_empty:
        raise CannotScore(describe_unreadable("实际", actual))
    said = word_of(actual)
    target_word = word_of(target)
    if said is not None:
        if said == target_word or said in POSITIVE:
            return "达成", f"实际“{said}”"
        if said in PARTIAL:
            return "部分达成", f"实际“{said}”"
        if said in NEGATIVE:
            return "未达成", f"实际“{said}”"
    if actual.is_quantitative or actual.parts:
        pair = pair_of(indicator)
        comparator, _ = comparator_of(target, ctx, indicator.name)
        if meets(pair.a, pair.t, comparator):
            return "达成", f"实际{pair.actual.text}达到目标{comparator.value}{pair.target.text}"
        raise CannotScore(f"实际{pair.actual.text}未达到目标{comparator.value}{pair.target.text}，定性分档需要文字评价")
    if is_unreadable(target) and not target.is_empty and actual.text.strip() == target.text.strip():
        return "达成", "实际与目标表述一致"
    found = judgement_in(actual.text)
    if found is not None:
        phrase, word = found
        band = "达成" if word in POSITIVE else "部分达成" if word in PARTIAL else "未达成"
        return band, f"实际完成情况中写明“{phrase}”"
    return UNDETERMINED, f"实际完成情况“{_clip(actual.text)}”为文字描述，未写明达成程度"


UNDETERMINED = "未判定"


def _clip(text: str, size: int = 24) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"


@register
class QualitativeRule(SourcedRule):
    kind = "qualitative"
    title = "定性分档"

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        rule = self.name(source)
        band, why = band_of(indicator, ctx)
        weight = indicator.weight
        reported = indicator.reported_score
        if band == UNDETERMINED:
            # jixiao does not judge prose: the self-assessed score stands when it is a possible
            # score, and the derivation says that it was taken, not recomputed.
            if reported is None or not 0 <= reported <= weight:
                return problem_outcome(rule, f"{why}，且无有效的自评得分可沿用")
            derivation = f"定性指标：{why}，无法重算，沿用自评得分{short(reported)}"
            score = finish(reported, weight)[0]
            # Any score within the weight is possible: the band is the whole weight.
            return Outcome(score, derivation, rule, "达成" if score < weight else None, band=(Decimal(0), weight))
        low_share, high_share = BANDS[band]
        low, high = weight * low_share, weight * high_share
        shares = f"{short(low_share * 100)}%–{short(high_share * 100)}%"
        span = f"{band}档（分值的{shares}，即{short(low)}–{short(high)}分）"
        full_at = "达成"
        if reported is not None and low <= reported <= high:
            score = finish(reported, weight)[0]
            derivation = f"{why}属{span}，自评得分{short(reported)}在区间内，取{short(reported)}"
            return Outcome(score, derivation, rule, full_at if score < weight else None, band=(low, high))
        score = finish(high, weight)[0]
        derivation = f"{why}属{span}，取上限{short(high)}"
        problem = None
        if reported is not None:
            problem = doubt(f"自评得分{short(reported)}不在{band}档区间{short(low)}–{short(high)}分内",
                            "score-outside-band")
            derivation += f"（{problem.message}）"
        return Outcome(score, derivation, rule, full_at if score < weight else None, problem, band=(low, high))
