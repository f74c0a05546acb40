"""What the engine returns: every number with the derivation that produced it."""

from __future__ import annotations

from decimal import Decimal
from collections.abc import Callable
from typing import NamedTuple

from ..model import Evaluation, FundLine, Indicator
from ..findings import Finding
from ..rules.base import Context, Outcome
from ..profile import Profile
from .weights import WeightSum


class _Record:
    """Immutable and compared by value over `_FIELDS`, like the frozen dataclasses these
    slotted records replaced (hashable, picklable, the same repr)."""

    __slots__ = ()
    _FIELDS: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple(getattr(self, name) for name in self._FIELDS)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field '{name}'")

    def __reduce__(self):
        return (self.__class__, self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._FIELDS, self._values()))
        return f"{self.__class__.__name__}({shown})"


class _Written(_Record):
    """A record with a `derivation` that may be given as its text or as a function writing it
    (the engine's: written when first read, since a batch reads few)."""

    __slots__ = ()

    @property
    def derivation(self) -> str:
        text = self._derivation
        if not isinstance(text, str):
            text = text()
            object.__setattr__(self, "_derivation", text)
        return text

    def _values(self) -> tuple:
        return tuple(self.derivation if name == "derivation" else getattr(self, name) for name in self._FIELDS)


class FundLineResult(_Written):
    """One funds line scored: `denominator` is the amount the profile divides by (全年预算数
    or 年初预算数), `rate` = 执行数/denominator exactly, `share` the exact share of the execution
    weight (`weight` is it rounded, as forms print it), `score` this line's points."""

    __slots__ = ("line", "rate", "weight", "score", "_derivation", "denominator", "share")
    _FIELDS = ("line", "rate", "weight", "score", "derivation", "denominator", "share")

    def __init__(self, line: FundLine, rate: Decimal | None, weight: Decimal | None, score: Decimal | None,
                 derivation: str | Callable[[], str], denominator: Decimal | None = None,
                 share: Decimal | None = None):
        # Each slot's own setter: a loop of object.__setattr__ costs a microsecond a record.
        _fl_line(self, line)
        _fl_rate(self, rate)
        _fl_weight(self, weight)
        _fl_score(self, score)
        _fl_derivation(self, derivation)
        _fl_denominator(self, denominator)
        _fl_share(self, share)


class ExecutionResult(_Written):
    """Budget execution (预算执行率): the total line's score is the one that counts;
    `lines` split the weight across sources by budget share where the profile says so.
    `unsplit_score` is the total line's score before each source was capped at its own budget
    (equal to `score` unless overspending one source would have hidden another's unspent money)."""

    __slots__ = ("rate", "weight", "score", "_derivation", "lines", "unsplit_score")
    _FIELDS = ("rate", "weight", "score", "derivation", "lines", "unsplit_score")

    def __init__(self, rate: Decimal | None, weight: Decimal, score: Decimal, derivation: str | Callable[[], str],
                 lines: tuple[FundLineResult, ...] = (), unsplit_score: Decimal | None = None):
        _ex_rate(self, rate)
        _ex_weight(self, weight)
        _ex_score(self, score)
        _ex_derivation(self, derivation)
        _ex_lines(self, lines)
        _ex_unsplit_score(self, unsplit_score)


_fl_line, _fl_rate, _fl_weight, _fl_score, _fl_derivation, _fl_denominator, _fl_share = (
    FundLineResult.__dict__[name].__set__ for name in FundLineResult.__slots__)
_ex_rate, _ex_weight, _ex_score, _ex_derivation, _ex_lines, _ex_unsplit_score = (
    ExecutionResult.__dict__[name].__set__ for name in ExecutionResult.__slots__)


class IndicatorResult(_Record):
    """`counted` is what enters the totals: the recomputed score, or, when the indicator
    cannot be recomputed, the document's own score (reported as a problem).

    A row scored by the fast path (rules/fast.py) holds its score, rule name and band only;
    its `outcome` is made when first read (its derivation later still). Immutable and compared
    by value, like the frozen dataclass it was: 72 bytes a row, where the dataclass and its
    outcome took 160."""

    __slots__ = ("indicator", "counted", "_outcome", "_band", "_context")
    _FIELDS = ("indicator", "outcome", "counted")

    def __init__(self, indicator: Indicator, outcome: Outcome, counted: Decimal):
        _set_indicator(self, indicator)
        _set_counted(self, counted)
        _set_outcome(self, outcome)
        _set_band(self, None)
        _set_context(self, None)

    @classmethod
    def fast(cls, indicator: Indicator, score: Decimal, rule: str, band: tuple[Decimal, Decimal] | None,
             context: Context) -> "IndicatorResult":
        """A row scored by rules.fast.scored: its outcome is Outcome.later when first read."""
        self = _new(cls)
        _set_indicator(self, indicator)
        _set_counted(self, score)
        _set_outcome(self, rule)
        _set_band(self, band)
        _set_context(self, context)
        return self

    @property
    def outcome(self) -> Outcome:
        found = self._outcome
        if found.__class__ is str:
            score = self.counted
            found = Outcome.later(score, found, self.indicator, self._context, score < self.indicator.weight,
                                  self._band)
            _set_outcome(self, found)
            _set_context(self, None)
        return found

    @property
    def score(self) -> Decimal | None:
        found = self._outcome
        return self.counted if found.__class__ is str else found.score

    def _values(self) -> tuple:
        return (self.indicator, self.outcome, self.counted)

    def __iter__(self):
        return iter(self._values())


_new = object.__new__
_set_indicator, _set_counted, _set_outcome, _set_band, _set_context = (
    IndicatorResult.__dict__[name].__set__ for name in IndicatorResult.__slots__)


class Subtotal(NamedTuple):
    """A level's weight and score. `key` is ('产出指标',), ('产出指标', '数量指标'), or
    for a department goal (f'目标{n}', '产出指标'). (A tuple, as IndicatorResult: a table
    has a dozen of them; `rate`, 28 digits, is worked out when read rather than held.)"""

    key: tuple[str, ...]
    weight: Decimal
    score: Decimal
    grade: str

    @property
    def rate(self) -> Decimal | None:
        """得分率 = score / weight (None for a level without weight)."""
        return self.score / self.weight if self.weight > 0 else None


class EvaluationResult(_Record):
    """An evaluation scored. `subtotals` may be given, or left to be worked out from the
    indicators when first read: a dozen records a table, which a batch that reads totals and
    grades never needs (engine.score leaves them). Immutable and compared by value, like the
    frozen dataclass it was."""

    __slots__ = ("evaluation", "profile", "execution", "indicators", "_subtotals", "total", "grade", "problems",
                 "weights")
    _FIELDS = ("evaluation", "profile", "execution", "indicators", "subtotals", "total", "grade", "problems",
               "weights")

    def __init__(self, evaluation: Evaluation, profile: Profile, execution: ExecutionResult,
                 indicators: tuple[IndicatorResult, ...], subtotals: tuple[Subtotal, ...] | None, total: Decimal,
                 grade: str, problems: tuple[Finding, ...] = (), weights: tuple[WeightSum, ...] = ()):
        _ev_evaluation(self, evaluation)
        _ev_profile(self, profile)
        _ev_execution(self, execution)
        _ev_indicators(self, indicators)
        _ev_subtotals(self, subtotals)
        _ev_total(self, total)
        _ev_grade(self, grade)
        _ev_problems(self, problems)
        _ev_weights(self, weights)

    @property
    def subtotals(self) -> tuple[Subtotal, ...]:
        found = self._subtotals
        if found is None:
            from .aggregate import subtotals  # aggregate builds these records

            found = subtotals(self.evaluation.kind, self.execution, list(self.indicators))
            object.__setattr__(self, "_subtotals", found)
        return found

    def subtotal(self, *key: str) -> Subtotal | None:
        for subtotal in self.subtotals:
            if subtotal.key == key:
                return subtotal
        return None


(_ev_evaluation, _ev_profile, _ev_execution, _ev_indicators, _ev_subtotals, _ev_total, _ev_grade, _ev_problems,
 _ev_weights) = (EvaluationResult.__dict__[name].__set__ for name in EvaluationResult.__slots__)
