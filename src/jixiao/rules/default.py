"""The national default for an indicator with no stated rule, chosen by the target's type:
≥, > or no comparator → ratio; ≤, < → reverse; a zero target → zero; a word target →
matched word full, partial word (基本及时…) qualitative band, negative word 0."""

from __future__ import annotations

from ..model import Comparator, Indicator, RuleSpec
from ..decimals import short
from ._common import (
    NEGATIVE,
    PARTIAL,
    POSITIVE,
    SOURCE_DEFAULT,
    ZERO,
    SourcedRule,
    calendar_point,
    comparator_of,
    doubt,
    describe_unreadable,
    finish,
    full_marks_text,
    is_unreadable,
    problem_outcome,
    side_of,
    word_of,
)
from .base import Context, Outcome, get_rule, register
from .execution_rate import is_execution
from .qualitative import BANDS

# A target of 否/无 (党风廉政建设问题：无) is met only by 否 or 无: there "nothing" is the good answer.
NONE_TARGETS = frozenset({"否", "无"})


@register
class DefaultRule(SourcedRule):
    kind = "default"
    title = "按目标类型选择"

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        if ctx.profile.execution_in_tree and is_execution(indicator):
            return get_rule("execution").assess(indicator, spec, ctx, SOURCE_DEFAULT)
        target = indicator.target
        target_word = word_of(target)
        if target_word is not None:
            return self._word(indicator, ctx, target_word)
        if target.is_quantitative or target.parts:
            if target.quantity is not None:
                value = target.quantity.value
            else:
                value = side_of(target, "目标").quantity.value
            comparator, _ = comparator_of(target, ctx, indicator.name)
            if calendar_point(target):
                late = self._deadline(indicator)
                if late is not None:
                    return late
            # “0%”, “=0”, “≤0次”: nothing is allowed to happen; only an explicit ≥0 is positive.
            explicit_positive = target.comparator in (Comparator.GE, Comparator.GT)
            if value == 0 and not explicit_positive:
                return get_rule("zero").assess(indicator, spec, ctx, SOURCE_DEFAULT)
            kind = "reverse" if comparator.is_reverse else "ratio"
            return get_rule(kind).assess(indicator, spec, ctx, SOURCE_DEFAULT)
        if is_unreadable(target) and not target.is_empty:
            # A goal in words (即查即改到位) is a qualitative (定性) indicator: the national
            # bands (a goal restated verbatim as achieved is 达成), keeping a self-assessed
            # score that falls inside its band.
            if target.comparator is None and not indicator.actual.is_quantitative:
                return get_rule("qualitative").assess(indicator, RuleSpec.of("qualitative"), ctx, SOURCE_DEFAULT)
        return problem_outcome(self.name(SOURCE_DEFAULT), describe_unreadable("目标", target))

    def _deadline(self, indicator: Indicator) -> Outcome | None:
        """A deadline (2019年) done later (2020年): not met, and a year or a month late has no ratio
        to the target (2019/2020 is not a completion rate). As 财预〔2020〕10号 第十六条 grades what is
        not 达成, the self-score stands anywhere below the 达成 band (0–80% of the weight); a
        higher one is held to 80%. None when done in time or not comparable: the reverse rule says."""
        target, actual = indicator.target.quantity, indicator.actual.quantity
        if actual is None or actual.unit.text != target.unit.text or actual.value <= target.value:
            return None
        rule = f"完成时点（{SOURCE_DEFAULT}）"
        weight = indicator.weight
        high = weight * BANDS["部分达成"][1]
        why = f"目标完成时点{target.text.strip()}，实际{actual.text.strip()}完成，未按期达成，不能按比例折算"
        reported = indicator.reported_score
        if reported is not None and ZERO <= reported <= high:
            derivation = f"{why}，自评得分{short(reported)}在0–{short(high)}分内，取{short(reported)}"
            return Outcome(finish(reported, weight)[0], derivation, rule, "达成", band=(ZERO, high))
        derivation = f"{why}，取上限{short(high)}"
        problem = None
        if reported is not None:
            problem = doubt(f"自评得分{short(reported)}不在未按期完成的0–{short(high)}分内", "score-outside-band")
            derivation += f"（{problem.message}）"
        return Outcome(finish(high, weight)[0], derivation, rule, "达成", problem, band=(ZERO, high))

    def _word(self, indicator: Indicator, ctx: Context, expected: str) -> Outcome:
        rule = f"文字目标（{SOURCE_DEFAULT}）"
        weight = indicator.weight
        actual = indicator.actual
        if actual.is_empty:
            return problem_outcome(rule, describe_unreadable("实际", actual))
        said = word_of(actual)
        # A met word target is the qualitative 达成 band: a self-score anywhere in it stands.
        achieved = (weight * BANDS["达成"][0], weight * BANDS["达成"][1])
        if said == expected or (said in NONE_TARGETS and expected in NONE_TARGETS):
            derivation = f"实际“{said}”，与目标“{expected}”一致，{full_marks_text(weight)}"
            return Outcome(finish(weight, weight)[0], derivation, rule, band=achieved)
        if said is None:
            return problem_outcome(rule, f"实际“{actual.text.strip()}”无法与目标“{expected}”比较")
        if expected in NONE_TARGETS:
            derivation = f"实际“{said}”，不符合目标“{expected}”，得0分"
            return Outcome(finish(ZERO, weight)[0], derivation, rule, expected)
        if said in POSITIVE:
            derivation = f"实际“{said}”，视为达到目标“{expected}”，{full_marks_text(weight)}"
            return Outcome(finish(weight, weight)[0], derivation, rule, band=achieved)
        if said in PARTIAL:
            return get_rule("qualitative").assess(indicator, RuleSpec.of("qualitative"), ctx, SOURCE_DEFAULT)
        if said in NEGATIVE:
            derivation = f"实际“{said}”，未达到目标“{expected}”，得0分"
            return Outcome(finish(ZERO, weight)[0], derivation, rule, expected)
        return problem_outcome(rule, f"实际“{said}”无法与目标“{expected}”比较")
