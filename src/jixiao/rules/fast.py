"""The commonest shapes, scored without building text: an indicator scored by the national
default, or by a stated (or given) ratio, reverse, threshold or zero rule, whose target and
actual are one number each in units that compare, or words.

Nine indicators in ten of a bureau's batch take this path. It computes the score exactly as
rules/ratio.py, reverse.py, threshold.py, zero.py and default.py do, and returns an
`Outcome.later`: the derivation and `full_marks_at` are left to the full rule
(`rules.explain`), worked out when first read, so they are the same text whichever path scored
the row. Anything else — another rule, parameters it does not know, labelled parts, units that
do not compare, a partial word, a profile that scores execution inside the tree — returns None
and takes the full path. tests/test_fast_rules.py checks every field against the full path on
the examples, the generator's tables and random values."""

from __future__ import annotations

from decimal import Decimal

from ..decimals import share
from ..model import Comparator, Indicator, Quantity, RuleSpec, Value
from ..numbers import parse_value
from ._common import (_KNOWN_WORDS, LOWER_IS_BETTER, NEGATIVE, POSITIVE, SOURCE_DEFAULT, SOURCE_GIVEN,
                      SOURCE_STATED, ZERO, is_unreadable, round2, rule_name, word_of)
from .base import Context, Outcome

_GE, _GT, _LE, _LT, _EQ = Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT, Comparator.EQ
_FORMULAS = {"linear": "线性反向", "ratio": "比例反向"}
_WORDS = f"文字目标（{SOURCE_DEFAULT}）"  # DefaultRule._word's name
_NONE_TARGETS = frozenset({"否", "无"})  # default.NONE_TARGETS and zero.NONE_WORDS
_ACHIEVED = (Decimal("0.8"), Decimal("1"))  # qualitative.BANDS["达成"], a met word's band

_NAMES = {source: {"ratio": rule_name("正向指标按比例", "", source), "zero": rule_name("零目标", "", source),
                   "threshold": rule_name("达标得满分", "", source), "formula": rule_name("公式计分", "", source),
                   **{"reverse-" + formula: rule_name("反向指标", f"·{title}", source)
                      for formula, title in _FORMULAS.items()}}
          for source in (SOURCE_DEFAULT, SOURCE_STATED, SOURCE_GIVEN)}

_DEFAULT_NAMES = _NAMES[SOURCE_DEFAULT]
_DEFAULT_RATIO = _DEFAULT_NAMES["ratio"]

# The rules taken here when stated or given; `None` is an indicator with no rule (the default).
KINDS = frozenset({"ratio", "reverse", "threshold", "zero", "formula"})
# The one stated formula taken here, as rules/text.py reads `实际得分=实际完成值/年度指标值*标准分值`.
_RATIO_FORMULA = "实际/目标*分值"

# Shared results: the same few weights recur in every table, so does each full score.
_FULL: dict[Decimal, tuple[Decimal, Decimal]] = {}  # weight → (that weight as written, round2 of it)
_BANDS: dict[Decimal, tuple[Decimal, Decimal]] = {}
_SHARED_MAX = 4096


_FULL_HELD: dict[int, tuple[Decimal, Decimal]] = {}  # id(weight) → (that very weight, round2 of it)


def _full(weight: Decimal) -> Decimal:
    """round2(weight), one object per weight as written (4 and 4.0 are told apart)."""
    # Weights are shared (decimals.share, in Indicator): the same object recurs, so its identity
    # finds its score with no comparison of exponents. The entry holds the weight, so the id
    # cannot be reused by another object while it is there.
    held = _FULL_HELD.get(id(weight))
    if held is not None and held[0] is weight:
        return held[1]
    score = _full_of(weight)
    if len(_FULL_HELD) < _SHARED_MAX:
        _FULL_HELD[id(weight)] = (weight, score)
    return score


def _full_of(weight: Decimal) -> Decimal:
    found = _FULL.get(weight)
    if found is not None and found[0].same_quantum(weight) and found[0].is_signed() == weight.is_signed():
        return found[1]
    score = share(round2(weight))
    if len(_FULL) < _SHARED_MAX and weight not in _FULL:
        _FULL[weight] = (weight, score)
    return score


def _band(weight: Decimal) -> tuple[Decimal, Decimal]:
    found = _BANDS.get(weight)
    if found is not None and found[1].same_quantum(weight) and found[1].is_signed() == weight.is_signed():
        return found
    found = (weight * _ACHIEVED[0], weight * _ACHIEVED[1])
    if len(_BANDS) < _SHARED_MAX and weight not in _BANDS:
        _BANDS[weight] = found
    return found


_NOTHING = round2(ZERO)
# Comparisons and products with a Decimal constant rather than an int: the same result, without
# converting the int each time (half the cost of the comparison).
_TWO = Decimal(2)


def _finish(raw: Decimal, weight: Decimal) -> Decimal:
    """_common.finish's score, without its note; one object per score (they recur)."""
    if raw > weight:
        return _full(weight)
    if raw.is_signed():  # below 0, or −0 (a 分值 of 0 times a negative ratio)
        return _NOTHING
    return share(round2(raw))


_LOWER: dict[str, bool] = {}  # indicator name → whether it says lower is better (names recur)


def _comparator(value: Value, ctx: Context, name: str) -> Comparator:
    """_common.comparator_of's comparator, without its note."""
    if value.comparator is not None:
        return value.comparator
    lower = _LOWER.get(name)
    if lower is None:
        lower = any(hint in name for hint in LOWER_IS_BETTER)
        if len(_LOWER) < _SHARED_MAX and len(name) <= 64:
            _LOWER[name] = lower
    return _LE if lower else ctx.profile.implied_comparator


def _meets(a: Decimal, t: Decimal, comparator: Comparator) -> bool:
    if comparator is _GE:
        return a >= t
    if comparator is _LE:
        return a <= t
    if comparator is _GT:
        return a > t
    if comparator is _LT:
        return a < t
    return a == t


def _common(target: Quantity, actual: Quantity) -> tuple[Decimal, Decimal] | None:
    """_common.pair_from's (a, t), or None where it would refuse the pair (numbers.to_common
    and _common._bare_against_percent, inlined: this runs for nearly every row)."""
    tu, au = target.unit, actual.unit
    tb, ab = tu.base, au.base
    if tb != ab:
        if tb and ab:
            return None
        if (tb == "" and ab == "%") or (tb == "%" and ab == ""):
            bare = target if tb == "" else actual
            if abs(bare.value * bare.unit.scale) > 1:
                return None
    return actual.value * au.scale, target.value * tu.scale


def quick(indicator: Indicator, ctx: Context) -> Outcome | None:
    """The outcome of the indicator's rule for the commonest shapes, its text left for later;
    None for anything else (the caller then applies the full rule)."""
    found = scored(indicator, ctx)
    if found is None:
        return None
    score, rule, band = found
    return Outcome.later(score, rule, indicator, ctx, score < indicator.weight, band)


def scored(indicator: Indicator, ctx: Context) -> tuple[Decimal, str, tuple[Decimal, Decimal] | None] | None:
    """(score, rule name, band) of the commonest shapes, or None: `quick` without the Outcome,
    for the engine, which keeps these three in its IndicatorResult until the outcome is read."""
    if ctx.profile.execution_in_tree or indicator.weight < ZERO:
        return None
    spec = indicator.rule
    if spec is None:
        return _default(indicator, ctx)
    if spec.kind not in KINDS:
        return None
    source = SOURCE_STATED if spec.text else SOURCE_GIVEN
    kind = spec.kind
    if kind == "formula":
        return _formula(indicator, ctx, spec, _NAMES[source]["formula"])
    if kind == "reverse":
        return _reverse(indicator, ctx, spec, source)
    if spec.params:
        return None if kind != "threshold" else _threshold(indicator, ctx, spec, source)
    if kind == "ratio":
        return _ratio(indicator, ctx, _NAMES[source]["ratio"])
    if kind == "threshold":
        return _threshold(indicator, ctx, spec, source)
    return _zero(indicator, ctx, _NAMES[source]["zero"])


def default(indicator: Indicator, ctx: Context) -> tuple | None:
    """`scored` for an indicator with no rule, once the engine has checked the profile and
    the weight for the whole table: DefaultRule.judge — a word target, a zero target, else
    ratio or reverse by the comparator."""
    target = indicator.target
    # word_of(target), inlined: this runs for every row of the national default.
    expected = target.word
    if not expected:
        text = target.text.strip()
        expected = text if text in _KNOWN_WORDS else None
    if expected is not None:
        return _word(indicator, ctx, expected)
    tq = target.quantity
    if tq is None:
        return None  # parts, or a target that cannot be read
    comparator = target.comparator
    if tq.value == ZERO and comparator is not _GE and comparator is not _GT:
        return _zero(indicator, ctx, _DEFAULT_NAMES["zero"])
    if comparator is None:
        if tq.unit.text in _POINT_UNITS:
            return None  # perhaps a deadline (2019年): the full rule judges it
        comparator = _comparator(target, ctx, indicator.name)
    if comparator is _LE or comparator is _LT:
        return _reverse(indicator, ctx, None, SOURCE_DEFAULT)
    # _ratio, inlined for the commonest row of all: the same tests in the same order.
    actual = indicator.actual
    aq = actual.quantity
    if aq is None or (target.parts and actual.parts):
        return None
    tu, au = tq.unit, aq.unit
    if tu.base == au.base:
        a, t = aq.value * au.scale, tq.value * tu.scale
    else:
        common = _common(tq, aq)
        if common is None:
            return None
        a, t = common
    weight = indicator.weight
    if a >= t if comparator is _GE else _meets(a, t, comparator):
        return _full(weight), _DEFAULT_RATIO, None
    if t <= ZERO:
        return None  # a problem the full rule words
    raw = (t - abs(a - t)) * weight / t if comparator is _EQ else a * weight / t
    return _finish(raw, weight), _DEFAULT_RATIO, None


_default = default
_POINT_UNITS = frozenset({"年", "月"})  # _common.calendar_point's units


def _ratio(indicator: Indicator, ctx: Context, rule: str, comparator: Comparator | None = None) -> tuple | None:
    """RatioRule.judge; `comparator` when the caller has already read the target's."""
    target, actual = indicator.target, indicator.actual
    tq, aq = target.quantity, actual.quantity
    if tq is None or aq is None or (target.parts and actual.parts):
        return None
    common = _common(tq, aq)
    if common is None:
        return None
    a, t = common
    weight = indicator.weight
    if comparator is None:
        comparator = _comparator(target, ctx, indicator.name)
    if _meets(a, t, comparator):
        return _full(weight), rule, None
    if t <= ZERO:
        return None  # a problem the full rule words
    if comparator is _EQ:
        raw = (t - abs(a - t)) * weight / t
    else:
        raw = a * weight / t
    score = _finish(raw, weight)
    return score, rule, None


def _reverse(indicator: Indicator, ctx: Context, spec: RuleSpec | None, source: str) -> tuple | None:
    """ReverseRule.judge, with the formula stated in the spec or the profile's."""
    if spec is not None and any(key != "formula" for key, _ in spec.params):
        return None
    stated = spec.param("formula") if spec is not None else None
    formula = stated or ctx.profile.reverse_formula
    title = _FORMULAS.get(formula) if isinstance(formula, str) else None
    target, actual = indicator.target, indicator.actual
    tq, aq = target.quantity, actual.quantity
    if title is None or tq is None or aq is None:
        return None
    common = _common(tq, aq)
    if common is None:
        return None
    a, t = common
    rule = _NAMES[source]["reverse-" + formula]
    comparator = _comparator(target, ctx, indicator.name)
    if comparator is not _LE and comparator is not _LT:
        comparator = _LE  # a reverse rule reads the target as a ceiling whatever it says
    weight = indicator.weight
    if a <= t if comparator is _LE else a < t:
        return _full(weight), rule, None
    if t <= ZERO:
        score = _NOTHING
    elif formula == "linear":
        score = _finish((_TWO * t - a) * weight / t, weight)
    else:
        score = _finish(t * weight / a, weight)
    return score, rule, None


def threshold_of(indicator: Indicator, stated) -> Value | None:
    """What a threshold rule compares the actual with: its stated threshold, else the target;
    None when that cannot be read (the full rule then words the problem)."""
    if stated is not None and not isinstance(stated, str):
        return None
    stated = stated.strip() if stated is not None else None
    threshold = parse_value(stated) if stated else indicator.target
    return None if is_unreadable(threshold) else threshold


def _threshold(indicator: Indicator, ctx: Context, spec: RuleSpec, source: str) -> tuple | None:
    """ThresholdRule.judge: met → full, else 0, against the stated threshold or the target."""
    if any(key != "threshold" for key, _ in spec.params):
        return None
    threshold = threshold_of(indicator, spec.param("threshold"))
    if threshold is None:
        return None
    met = threshold_met(indicator, ctx, threshold)
    if met is None:
        return None
    return (_full(indicator.weight) if met else _NOTHING), _NAMES[source]["threshold"], None


def threshold_met(indicator: Indicator, ctx: Context, threshold: Value) -> bool | None:
    """Whether the actual meets the threshold (the same word, or a number past it in a unit
    that compares); None where the full rule must judge."""
    expected = word_of(threshold)
    actual = indicator.actual
    if expected is not None:
        said = word_of(actual) or actual.text.strip()
        return said == expected if said else None
    bound, aq = threshold.quantity, actual.quantity
    if bound is None or aq is None:
        return None
    common = _common(bound, aq)
    if common is None:
        return None
    a, t = common
    return _meets(a, t, _comparator(threshold, ctx, indicator.name))


def _formula(indicator: Indicator, ctx: Context, spec: RuleSpec, rule: str) -> tuple | None:
    """FormulaRule.judge for 实际/目标*分值 alone: the exact quotient, clamped to [0, 分值].
    (formula.evaluate divides the exact rational last, as a*w/t does here: the same correctly
    rounded number, so the same score once rounded to the cent.)"""
    if spec.params != (("expression", _RATIO_FORMULA),):
        return None
    target, actual = indicator.target, indicator.actual
    tq, aq = target.quantity, actual.quantity
    if tq is None or aq is None:
        return None
    common = _common(tq, aq)
    if common is None:
        return None
    a, t = common
    if t == ZERO:
        return None  # a division by zero the full rule words
    weight = indicator.weight
    raw = a * weight / t
    # formula.evaluate returns a zero as Fraction 0 made Decimal: never −0 (0/−0.001 here is).
    score = _finish(raw if raw else ZERO, weight)
    return score, rule, None


def _zero(indicator: Indicator, ctx: Context, rule: str) -> tuple | None:
    """ZeroRule.judge: full when the actual is ≤ 0 (or 无/否), else 0."""
    actual = indicator.actual
    weight = indicator.weight
    if word_of(actual) in _NONE_TARGETS:
        value = ZERO
    elif actual.quantity is not None:
        value = actual.quantity.value
    else:
        return None
    if value <= ZERO:
        return _full(weight), rule, None
    return _NOTHING, rule, None


def _word(indicator: Indicator, ctx: Context, expected: str) -> tuple | None:
    """DefaultRule._word's score for a word target; a partial or unknown word goes the full way."""
    actual = indicator.actual
    if actual.is_empty:
        return None
    said = word_of(actual)
    if said is None:
        return None
    weight = indicator.weight
    if said == expected or (said in _NONE_TARGETS and expected in _NONE_TARGETS):
        return _full(weight), _WORDS, _band(weight)
    if expected in _NONE_TARGETS or said in NEGATIVE:
        return _NOTHING, _WORDS, None
    if said in POSITIVE:
        return _full(weight), _WORDS, _band(weight)
    return None
