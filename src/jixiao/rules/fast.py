"""The commonest shapes, scored without building text: an indicator with no stated rule whose
target and actual are one number each in units that compare (the national default's ratio or
reverse rule), or whose target and actual are words (及时/及时, 具有/无).

Nine indicators in ten of a bureau's batch take this path. It computes the score exactly as
rules/ratio.py, rules/reverse.py and rules/default.py do, and returns an `Outcome.later`: the
derivation and `full_marks_at` are left to the full rule (`rules.explain`), worked out when
first read, so they are the same text whichever path scored the row. Anything else — a stated
rule, labelled parts, a zero target, units that do not compare, a partial word, a profile that
scores execution inside the tree — returns None and takes the full path. tests/test_fast_rules.py
checks every field against the full path on the examples, the generator's tables and random
values."""

from __future__ import annotations

from decimal import Decimal

from ..model import Comparator, Indicator
from ..numbers import to_common
from ._common import (NEGATIVE, POSITIVE, SOURCE_DEFAULT, ZERO, LOWER_IS_BETTER, _bare_against_percent, round2,
                      rule_name, word_of)
from .base import Context, Outcome

_GE, _GT, _LE, _LT, _EQ = Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT, Comparator.EQ
_RATIO = rule_name("正向指标按比例", "", SOURCE_DEFAULT)
_REVERSE = {formula: rule_name("反向指标", f"·{title}", SOURCE_DEFAULT)
            for formula, title in (("linear", "线性反向"), ("ratio", "比例反向"))}
_WORDS = f"文字目标（{SOURCE_DEFAULT}）"  # DefaultRule._word's name
_NONE_TARGETS = frozenset({"否", "无"})
_ACHIEVED = (Decimal("0.8"), Decimal("1"))  # qualitative.BANDS["达成"], a met word's band

# Shared results: the same few weights recur in every table, so does each score.
_FULL: dict[Decimal, Decimal] = {}
_BANDS: dict[Decimal, tuple[Decimal, Decimal]] = {}
_SHARED_MAX = 4096


def _full(weight: Decimal) -> Decimal:
    """round2(weight), one object per weight as written (4 and 4.0 are told apart)."""
    found = _FULL.get(weight)
    if found is not None and found.same_quantum(weight) and found.is_signed() == weight.is_signed():
        return found
    found = round2(weight)
    if len(_FULL) < _SHARED_MAX and weight not in _FULL:
        _FULL[weight] = found
    return found


def _band(weight: Decimal) -> tuple[Decimal, Decimal]:
    found = _BANDS.get(weight)
    if found is not None and found[1].same_quantum(weight) and found[1].is_signed() == weight.is_signed():
        return found
    found = (weight * _ACHIEVED[0], weight * _ACHIEVED[1])
    if len(_BANDS) < _SHARED_MAX and weight not in _BANDS:
        _BANDS[weight] = found
    return found


def _finish(raw: Decimal, weight: Decimal) -> Decimal:
    """_common.finish's score, without its note."""
    if raw > weight:
        return _full(weight)
    if raw < 0:
        return round2(ZERO)
    return round2(raw)


def quick(indicator: Indicator, ctx: Context) -> Outcome | None:
    """The outcome of the national default for the commonest shapes, its text left for later;
    None for anything else (the caller then applies the full rule)."""
    profile = ctx.profile
    if profile.execution_in_tree or indicator.weight < 0:
        return None
    target, actual = indicator.target, indicator.actual
    tq = target.quantity
    if tq is None:
        if target.parts:
            return None
        expected = word_of(target)
        return _word(indicator, ctx, expected) if expected is not None else None
    aq = actual.quantity
    if aq is None or (target.parts and actual.parts) or word_of(target) is not None:
        return None
    comparator = target.comparator
    if comparator is None:
        name = indicator.name
        comparator = _LE if any(hint in name for hint in LOWER_IS_BETTER) else profile.implied_comparator
    if tq.value == 0 and target.comparator is not _GE and target.comparator is not _GT:
        return None  # the zero rule
    common = to_common(aq, tq)
    if common is None or _bare_against_percent(tq, aq):
        return None
    a, t = common
    weight = indicator.weight
    if comparator is _LE or comparator is _LT:
        formula = profile.reverse_formula
        rule = _REVERSE.get(formula)
        if rule is None:
            return None
        if a <= t if comparator is _LE else a < t:
            return Outcome.later(_full(weight), rule, indicator, ctx, False)
        if t <= 0:
            score = round2(ZERO)
        elif formula == "linear":
            score = _finish((2 * t - a) * weight / t, weight)
        else:
            score = _finish(t * weight / a, weight)
        return Outcome.later(score, rule, indicator, ctx, score < weight)
    if a >= t if comparator is _GE else (a > t if comparator is _GT else a == t):
        return Outcome.later(_full(weight), _RATIO, indicator, ctx, False)
    if t <= 0:
        return None  # a problem the full rule words
    if comparator is _EQ:
        raw = (t - abs(a - t)) * weight / t
    else:
        raw = a * weight / t
    score = _finish(raw, weight)
    return Outcome.later(score, _RATIO, indicator, ctx, score < weight)


def _word(indicator: Indicator, ctx: Context, expected: str) -> Outcome | None:
    """DefaultRule._word's score for a word target; a partial or unknown word goes the full way."""
    actual = indicator.actual
    if actual.is_empty:
        return None
    said = word_of(actual)
    if said is None:
        return None
    weight = indicator.weight
    if said == expected or (said in _NONE_TARGETS and expected in _NONE_TARGETS):
        return Outcome.later(_full(weight), _WORDS, indicator, ctx, False, _band(weight))
    if expected in _NONE_TARGETS or said in NEGATIVE:
        score = round2(ZERO)
        return Outcome.later(score, _WORDS, indicator, ctx, score < weight)
    if said in POSITIVE:
        return Outcome.later(_full(weight), _WORDS, indicator, ctx, False, _band(weight))
    return None
