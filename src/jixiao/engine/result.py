"""What the engine returns: every number with the derivation that produced it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from collections.abc import Callable
from typing import NamedTuple

from ..model import Evaluation, FundLine, Indicator
from ..findings import Finding
from ..rules.base import Outcome
from ..profile import Profile
from .weights import WeightSum


class _Written:
    """A frozen record with a `derivation` that may be given as its text or as a function
    writing it (the engine's: written when first read, since a batch reads few), compared by
    value like the frozen dataclass it replaces."""

    __slots__ = ()
    _FIELDS: tuple[str, ...] = ()

    @property
    def derivation(self) -> str:
        text = self._derivation
        if not isinstance(text, str):
            text = text()
            object.__setattr__(self, "_derivation", text)
        return text

    def _values(self) -> tuple:
        return tuple(self.derivation if name == "derivation" else getattr(self, name) for name in self._FIELDS)

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


class FundLineResult(_Written):
    """One funds line scored: `denominator` is the amount the profile divides by (全年预算数
    or 年初预算数), `rate` = 执行数/denominator exactly, `share` the exact share of the execution
    weight (`weight` is it rounded, as forms print it), `score` this line's points."""

    __slots__ = ("line", "rate", "weight", "score", "_derivation", "denominator", "share")
    _FIELDS = ("line", "rate", "weight", "score", "derivation", "denominator", "share")

    def __init__(self, line: FundLine, rate: Decimal | None, weight: Decimal | None, score: Decimal | None,
                 derivation: str | Callable[[], str], denominator: Decimal | None = None,
                 share: Decimal | None = None):
        put = object.__setattr__
        for name, value in (("line", line), ("rate", rate), ("weight", weight), ("score", score),
                            ("_derivation", derivation), ("denominator", denominator), ("share", share)):
            put(self, name, value)


class ExecutionResult(_Written):
    """Budget execution (预算执行率): the total line's score is the one that counts;
    `lines` split the weight across sources by budget share where the profile says so.
    `unsplit_score` is the total line's score before each source was capped at its own budget
    (equal to `score` unless overspending one source would have hidden another's unspent money)."""

    __slots__ = ("rate", "weight", "score", "_derivation", "lines", "unsplit_score")
    _FIELDS = ("rate", "weight", "score", "derivation", "lines", "unsplit_score")

    def __init__(self, rate: Decimal | None, weight: Decimal, score: Decimal, derivation: str | Callable[[], str],
                 lines: tuple[FundLineResult, ...] = (), unsplit_score: Decimal | None = None):
        put = object.__setattr__
        for name, value in (("rate", rate), ("weight", weight), ("score", score), ("_derivation", derivation),
                            ("lines", lines), ("unsplit_score", unsplit_score)):
            put(self, name, value)


class IndicatorResult(NamedTuple):
    """`counted` is what enters the totals: the recomputed score, or, when the indicator
    cannot be recomputed, the document's own score (reported as a problem). (A tuple: one is
    built for every indicator scored, and a frozen dataclass costs four times as much to make.)"""

    indicator: Indicator
    outcome: Outcome
    counted: Decimal

    @property
    def score(self) -> Decimal | None:
        return self.outcome.score


class Subtotal(NamedTuple):
    """A level's weight and score. `key` is ('产出指标',), ('产出指标', '数量指标'), or
    for a department goal (f'目标{n}', '产出指标'). (A tuple, as IndicatorResult: a table
    has a dozen of them.)"""

    key: tuple[str, ...]
    weight: Decimal
    score: Decimal
    rate: Decimal | None
    grade: str


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    evaluation: Evaluation
    profile: Profile
    execution: ExecutionResult
    indicators: tuple[IndicatorResult, ...]
    subtotals: tuple[Subtotal, ...]
    total: Decimal
    grade: str
    problems: tuple[Finding, ...] = ()
    weights: tuple[WeightSum, ...] = ()

    def subtotal(self, *key: str) -> Subtotal | None:
        for subtotal in self.subtotals:
            if subtotal.key == key:
                return subtotal
        return None
