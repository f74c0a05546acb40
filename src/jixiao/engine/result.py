"""What the engine returns: every number with the derivation that produced it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model import Evaluation, FundLine, Indicator
from ..findings import Finding
from ..rules.base import Outcome
from ..profile import Profile
from .weights import WeightSum


@dataclass(frozen=True, slots=True)
class FundLineResult:
    """One funds line scored: `denominator` is the amount the profile divides by (全年预算数
    or 年初预算数), `rate` = 执行数/denominator exactly, `share` the exact share of the execution
    weight (`weight` is it rounded, as forms print it), `score` this line's points."""

    line: FundLine
    rate: Decimal | None
    weight: Decimal | None
    score: Decimal | None
    derivation: str
    denominator: Decimal | None = None
    share: Decimal | None = None


@dataclass(frozen=True, slots=True)
class ExecutionResult:
    """Budget execution (预算执行率): the total line's score is the one that counts;
    `lines` split the weight across sources by budget share where the profile says so."""

    rate: Decimal | None
    weight: Decimal
    score: Decimal
    derivation: str
    lines: tuple[FundLineResult, ...] = ()
    # The total line's score before each source was capped at its own budget (equal to
    # `score` unless overspending one source would have hidden another's unspent money).
    unsplit_score: Decimal | None = None


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """`counted` is what enters the totals: the recomputed score, or, when the indicator
    cannot be recomputed, the document's own score (reported as a problem)."""

    indicator: Indicator
    outcome: Outcome
    counted: Decimal

    @property
    def score(self) -> Decimal | None:
        return self.outcome.score


@dataclass(frozen=True, slots=True)
class Subtotal:
    """A level's weight and score. `key` is ('产出指标',), ('产出指标', '数量指标'), or
    for a department goal (f'目标{n}', '产出指标')."""

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
