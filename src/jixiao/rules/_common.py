"""Helpers shared by the rules: reading a target/actual pair in one unit, word classes,
the final clamp-and-round, and the Chinese wording every derivation uses."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple
from decimal import Decimal

from ..decimals import plain, round2, short
from ..findings import Finding
from ..model import Comparator, Indicator, Quantity, RuleSpec, Unit, Value
from ..numbers import parse_quantity, to_common
from .base import Context, Outcome, Rule

ZERO = Decimal(0)

# Word classes of the national default and the qualitative bands (rules.md).
POSITIVE = frozenset({"达成", "完成", "具有", "是", "及时", "有", "满意", "定时", "定期"})
PARTIAL = frozenset({"基本及时", "部分达成", "基本满意", "基本完成"})
NEGATIVE = frozenset({"未达成", "不及时", "不太及时", "否", "无", "未完成", "不具有", "不满意"})

# Judgement words looked for inside a descriptive actual ("基本完成园区优化建设"), most
# specific first so that 未完成 and 基本完成 are not read as 完成.
JUDGEMENT_PHRASES: tuple[tuple[str, str], ...] = (
    ("未完成", "未完成"), ("未能完成", "未完成"), ("未达成", "未达成"), ("未达到", "未达成"),
    ("没有完成", "未完成"), ("不太及时", "不太及时"), ("不及时", "不及时"), ("未按时", "不及时"),
    ("不满意", "不满意"), ("不具有", "不具有"),
    ("基本完成", "基本完成"), ("部分完成", "部分达成"), ("部分达成", "部分达成"), ("基本达成", "部分达成"),
    ("基本及时", "基本及时"), ("基本满意", "基本满意"),
    ("完成", "完成"), ("达成", "达成"), ("具有", "具有"), ("及时", "及时"), ("满意", "满意"),
)


def judgement_in(text: str) -> tuple[str, str] | None:
    """(phrase found, word class) for the first judgement phrase in a descriptive text."""
    for phrase, word in JUDGEMENT_PHRASES:
        if phrase in text:
            return phrase, word
    return None


SOURCE_STATED = "评分细则"
SOURCE_GIVEN = "指定规则"
SOURCE_DEFAULT = "全国默认"


def source_of(spec: RuleSpec) -> str:
    """A spec read from 评分细则 text keeps that text; one given in YAML has none."""
    return SOURCE_STATED if spec.text else SOURCE_GIVEN


class CannotScore(ValueError):
    """The data cannot be scored by this rule (a unit that does not compare, a blank actual…);
    the message says why, in Chinese. Raised by the helpers below, turned into an Outcome
    with a problem by the rule that was applying them."""


class SourcedRule(Rule):
    """A rule that can also be applied on behalf of the national default, which then
    names itself as the source in the outcome."""

    def score(self, indicator: Indicator, spec: RuleSpec, ctx: Context) -> Outcome:
        return self.assess(indicator, spec, ctx, source_of(spec))

    def assess(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        """`judge`, with data it cannot score reported as an outcome naming this rule."""
        try:
            return self.judge(indicator, spec, ctx, source)
        except CannotScore as error:
            return problem_outcome(self.name(source), str(error))

    def judge(self, indicator: Indicator, spec: RuleSpec, ctx: Context, source: str) -> Outcome:
        raise NotImplementedError

    def name(self, source: str, detail: str = "") -> str:
        return rule_name(self.title, detail, source)


@lru_cache(maxsize=1024)
def rule_name(title: str, detail: str, source: str) -> str:
    """One string per (rule, source): every outcome names its rule, so share the name."""
    return f"{title}{detail}（{source}）"


def weight_text(weight: Decimal) -> str:
    return short(weight)


def score_text(score: Decimal) -> str:
    return plain(round2(score))


def finish(raw: Decimal, weight: Decimal) -> tuple[Decimal, str]:
    """Clamp to [0, weight] and round; the note says when a stated formula overshot."""
    if raw > weight:
        return round2(weight), f"，超过分值，封顶{weight_text(weight)}"
    if raw < 0:
        return round2(ZERO), "，低于0，按0分计"
    if raw.is_signed():  # −0 (a 分值 of 0 times a negative ratio) is a plain 0
        return round2(ZERO), ""
    return round2(raw), ""


def problem_outcome(rule: str, problem: str) -> Outcome:
    """An indicator this rule cannot score, and why (located by rules.apply)."""
    return Outcome(None, f"无法计分：{problem}", rule, None, Finding("indicator-not-scored", problem))


def doubt(message: str, code: str = "rule-doubtful") -> Finding:
    """A score that stands as the rule gives it, with a doubt a reviewer should see."""
    return Finding(code, message)


def quantity_text(quantity: Quantity) -> str:
    return str(quantity)


def word_of(value: Value) -> str | None:
    """The value's word (normalised by numbers.parse_value), or its bare text when the
    text is one of the known words spelled as-is."""
    if value.word:
        return value.word
    text = value.text.strip()
    if text in _KNOWN_WORDS:
        return text
    return None


_KNOWN_WORDS = POSITIVE | PARTIAL | NEGATIVE


def is_unreadable(value: Value) -> bool:
    """Blank, or text numbers.parse_value could read as neither quantity, parts nor word."""
    readable = value.quantity is not None or bool(value.parts) or value.word is not None
    return value.is_empty or not readable


def describe_unreadable(role: str, value: Value) -> str:
    if value.is_empty:
        return f"{role}为空"
    reason = f"（{value.problem}）" if value.problem else ""
    return f"{role}“{value.text}”无法识别{reason}"


# Indicators whose name says "lower is better": a target printed without its comparator
# ("5%" for a 成本控制偏差率) is read as ≤, as the same target is stated elsewhere in the form.
LOWER_IS_BETTER = ("偏差率", "事故率", "故障率", "故障次数", "差错率", "失误率", "投诉率", "投诉次数", "超支率")


def calendar_point(value: Value) -> bool:
    """A target with no comparator that names a point in time — a calendar year (`2019年`) or a
    month (`12月`) — is a deadline: done by then is met, later is not (鄂州市财政局 2019, 完成时限
    2019年 done in 2020年). `3年` or `12个月` are durations, not points."""
    quantity = value.quantity
    if value.comparator is not None or quantity is None or quantity.value != quantity.value.to_integral_value():
        return False
    if quantity.unit.text == "年":
        return 1900 <= quantity.value <= 2100
    return quantity.unit.text == "月" and 1 <= quantity.value <= 12


def comparator_of(value: Value, ctx: Context, name: str = "") -> tuple[Comparator, str]:
    """The target's comparator, or an implied one with a note saying why: ≤ for a deadline
    (a calendar point) or when the indicator's name says lower is better, else the profile's
    implied comparator."""
    if value.comparator is not None:
        return value.comparator, ""
    if calendar_point(value):
        return Comparator.LE, f"（目标未写比较符，“{value.text.strip()}”是完成时点，按≤理解）"
    for hint in LOWER_IS_BETTER:
        if hint in name:
            return Comparator.LE, f"（目标未写比较符，“{hint}”越低越好，按≤理解）"
    implied = ctx.profile.implied_comparator
    return implied, f"（目标未写比较符，按{implied.value}理解）"


def meets(actual: Decimal, target: Decimal, comparator: Comparator) -> bool:
    if comparator is Comparator.GE:
        return actual >= target
    if comparator is Comparator.LE:
        return actual <= target
    if comparator is Comparator.GT:
        return actual > target
    if comparator is Comparator.LT:
        return actual < target
    return actual == target


class Side(NamedTuple):
    """One side of a comparison: a quantity and how to show it. (A tuple: one is built
    for every target and actual scored, and tuples are the cheapest immutable record.)"""

    quantity: Quantity
    text: str
    note: str = ""


def side_of(value: Value, role: str) -> Side:
    """The value's quantity, summing labelled parts; CannotScore when it has none."""
    if value.quantity is not None:
        return Side(value.quantity, quantity_text(value.quantity))
    if value.parts:
        quantities = [part.quantity for part in value.parts]
        first = quantities[0]
        if any(q.unit != first.unit for q in quantities[1:]):
            raise CannotScore(f"{role}“{value.text}”各分项单位不一致，无法合计")
        total = sum((q.value for q in quantities), ZERO)
        text = f"{short(total)}{first.unit.text}"
        return Side(Quantity(total, first.unit, text), text, f"{role}按分项合计：{value.text}合计{text}")
    if is_unreadable(value):
        raise CannotScore(describe_unreadable(role, value))
    raise CannotScore(f"{role}“{value.text}”不是数值")


class Pair(NamedTuple):
    """A target and an actual converted to one base unit."""

    target: Side
    actual: Side
    t: Decimal
    a: Decimal

    @property
    def note(self) -> str:
        notes = [n for n in (self.target.note, self.actual.note) if n]
        return "（" + "；".join(notes) + "）" if notes else ""


def pair_of(indicator: Indicator) -> Pair:
    """Target and actual in one unit; CannotScore saying why they cannot be compared."""
    return pair_from(side_of(indicator.target, "目标"), side_of(indicator.actual, "实际"))


def comparable(target: Quantity, actual: Quantity) -> bool:
    """Whether an actual can be measured against a target: units that convert, and not a bare
    number against a percentage (≥90 vs 95%, ≥100% vs 100)."""
    return to_common(actual, target) is not None and not _bare_against_percent(target, actual)


def pair_from(target: Side, actual: Side, role: str = "目标") -> Pair:
    common = to_common(actual.quantity, target.quantity)
    if common is None or _bare_against_percent(target.quantity, actual.quantity):
        raise CannotScore(f"{role}与实际单位不一致：{role}{target.text}，实际{actual.text}")
    a, t = common
    return Pair(target, actual, t, a)


def _bare_against_percent(target: Quantity, actual: Quantity) -> bool:
    """A bare number above 1 against a percentage (≥90 vs 95%, ≥85% vs 95) is not a fraction:
    reading 90 as 9000% would score 95% as 0.11 points, so it is reported, not guessed."""
    bases = (target.unit.base, actual.unit.base)
    if set(bases) != {"", "%"}:
        return False
    bare = target if target.unit.base == "" else actual
    return abs(bare.value * bare.unit.scale) > 1


def quantity_side(text: str) -> Side | None:
    quantity = parse_quantity(text)
    return Side(quantity, quantity_text(quantity)) if quantity is not None else None


def percent_side(rate: Decimal, note: str) -> Side:
    """A metric rate (a fraction) as a percentage quantity: 0.4739 → 47.39%."""
    hundred = rate * 100
    text = f"{plain(round2(hundred))}%"
    return Side(Quantity(hundred, Unit("%", Decimal("0.01"), "%"), text), text, note)


def full_marks_text(weight: Decimal) -> str:
    return f"得满分{weight_text(weight)}分"


class ParamError(ValueError):
    """A rule parameter of the wrong shape (from a hand-written YAML rule)."""


def text_param(spec: RuleSpec, name: str, default: str | None = None) -> str | None:
    value = spec.param(name, default)
    if value is None:
        return None
    if not isinstance(value, (str, int, Decimal)):
        raise ParamError(f"评分规则参数“{name}”应为文字，实际为{value!r}")
    return str(value).strip()


def points(text: str, weight: Decimal) -> Decimal:
    """A score as rules write it: '满分' is the weight, '0' or '不得分' nothing, else a number."""
    text = str(text).strip().removesuffix("分")
    if text in ("满", "满分", "得满"):
        return weight
    if text in ("", "不得", "不得分"):
        return ZERO
    try:
        return Decimal(text)
    except ArithmeticError:
        raise ParamError(f"评分规则中的分数“{text}”不是数字") from None


def points_text(text: str, weight: Decimal) -> str:
    value = points(text, weight)
    if str(text).strip() in ("满分", "满"):
        return f"满分{weight_text(value)}"
    return weight_text(value)


def measured_side(indicator: Indicator, ctx: Context, measure: str) -> Side:
    """The value a band or step rule measures: the actual, or, for a 偏差率 left blank,
    the 成本控制偏差率 the engine derived from the funds."""
    try:
        return side_of(indicator.actual, "实际")
    except CannotScore:
        rate = ctx.metrics.get("cost_deviation_rate")
        if "偏差率" in measure and rate is not None and is_unreadable(indicator.actual):
            return percent_side(rate, "实际未填，偏差率按资金计算：|全年预算数−全年执行数|/全年预算数")
        raise
