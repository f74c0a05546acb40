"""Plant known errors in a correct project table, and say exactly what was planted.

Each planted error is one edit a careless form-filler makes; the `Planted` record names the
project, the indicator (or None), the field, what the form now says and what it should say,
so an audit run over the synthetic package can be scored for recall. Reported figures stay
otherwise consistent (the 总分 printed is the sum of the printed scores unless the error is the
total itself), so each error shows up once, where it was made.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.model import Comparator, Evaluation, FundLine, FundSource

from .build import Project
from .catalog import REASONS_MISSED
from .draw import ZERO, round2
from .values import number_text, quantity

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Planted:
    code: str
    project: str
    indicator: str | None
    field: str
    reported: str
    expected: str


# Stable codes; the audit's finding codes they should be reported as are mapped in bench/audit.py.
CODES = (
    "score-mismatch",  # an indicator's 得分 is not what its rule gives
    "score-over-weight",  # an indicator's 得分 exceeds its 分值
    "total-mismatch",  # 总分 is not the sum of the printed scores
    "execution-rate-mismatch",  # 执行率 ≠ 全年执行数 / 全年预算数
    "execution-score-mismatch",  # 预算执行率得分 ≠ min(执行率,100%) × 分值
    "deviation-reason-missing",  # points lost, 偏差原因 left blank
    "overcompletion-unexplained",  # actual ≥ 130% of target, no explanation
    "weight-sum-mismatch",  # the declared 一级 weight is not the sum of its indicators' weights
)


def _printed_total(evaluation: Evaluation) -> Decimal:
    total_line = evaluation.funds.total
    execution = total_line.reported_score if total_line and total_line.reported_score is not None else ZERO
    return execution + sum((i.reported_score or ZERO for i in evaluation.indicators), ZERO)


def _with_indicator(evaluation: Evaluation, index: int, **changes) -> Evaluation:
    indicators = list(evaluation.indicators)
    indicators[index] = replace(indicators[index], **changes)
    evaluation = evaluation.with_indicators(tuple(indicators))
    return replace(evaluation, reported_total=_printed_total(evaluation))


def _with_total_line(evaluation: Evaluation, **changes) -> Evaluation:
    lines = tuple(
        replace(line, **changes) if line.source == FundSource.TOTAL else line for line in evaluation.funds.lines
    )
    evaluation = replace(evaluation, funds=replace(evaluation.funds, lines=lines))
    return replace(evaluation, reported_total=_printed_total(evaluation))


def _score_mismatch(rng, project: Project, evaluation: Evaluation):
    index = rng.randrange(len(evaluation.indicators))
    indicator = evaluation.indicators[index]
    correct = project.scores[index]
    if correct < indicator.weight:
        wrong = indicator.weight  # claims full marks for a missed target: the seed's commonest error
        reason = indicator.deviation_reason
    else:
        wrong = round2(indicator.weight * Decimal(rng.choice(("0.5", "0.6", "0.7"))))
        # Below 80% of the weight, so not within the 达成 band a qualitative score may use; a
        # lowered score gets a reason, or the missing reason would be a second error.
        reason = indicator.deviation_reason or REASONS_MISSED[0]
    planted = Planted("score-mismatch", evaluation.project, indicator.name, "reported_score", _n(wrong), _n(correct))
    return _with_indicator(evaluation, index, reported_score=wrong, deviation_reason=reason), planted


def _score_over_weight(rng, project: Project, evaluation: Evaluation):
    index = rng.randrange(len(evaluation.indicators))
    indicator = evaluation.indicators[index]
    wrong = indicator.weight + Decimal(rng.choice((1, 2, 5)))
    planted = Planted(
        "score-over-weight", evaluation.project, indicator.name, "reported_score", _n(wrong), _n(project.scores[index])
    )
    return _with_indicator(evaluation, index, reported_score=wrong), planted


def _total_mismatch(rng, project: Project, evaluation: Evaluation):
    printed = _printed_total(evaluation)
    wrong = printed + Decimal(rng.choice(("1", "-1", "0.5", "-0.3", "2.1", "10")))
    planted = Planted("total-mismatch", evaluation.project, None, "reported_total", _n(wrong), _n(printed))
    return replace(evaluation, reported_total=wrong), planted


def _execution_rate_mismatch(rng, project: Project, evaluation: Evaluation):
    line: FundLine = evaluation.funds.total
    correct = line.reported_rate
    wrong = correct + Decimal(rng.choice(("0.05", "-0.05", "0.1", "-0.0111")))
    if wrong <= 0:
        wrong = correct / 2
    planted = Planted(
        "execution-rate-mismatch", evaluation.project, None, "funds.rate", _pct(wrong), _pct(correct)
    )
    return _with_total_line(evaluation, reported_rate=wrong), planted


def _execution_score_mismatch(rng, project: Project, evaluation: Evaluation):
    correct = project.execution_score
    wrong = correct - 1 if correct >= 1 else correct + 1
    planted = Planted("execution-score-mismatch", evaluation.project, None, "funds.score", _n(wrong), _n(correct))
    return _with_total_line(evaluation, reported_score=wrong), planted


def _deviation_reason_missing(rng, project: Project, evaluation: Evaluation):
    missed = [i for i, ind in enumerate(evaluation.indicators) if project.scores[i] < ind.weight]
    if not missed:
        return None
    index = rng.choice(missed)
    indicator = evaluation.indicators[index]
    planted = Planted(
        "deviation-reason-missing", evaluation.project, indicator.name, "deviation_reason", "", indicator.deviation_reason
    )
    return _with_indicator(evaluation, index, deviation_reason=""), planted


def _overcompletion_unexplained(rng, project: Project, evaluation: Evaluation):
    # A met ≥/implied-≥ count target, pushed to 2–3× target with its explanation removed; the score stays full.
    candidates = [
        i
        for i, ind in enumerate(evaluation.indicators)
        if ind.target.quantity is not None
        and ind.target.quantity.unit.base != "%"
        and ind.target.comparator in (None, Comparator.GE)
        and ind.target.quantity.value > 0
        and project.scores[i] == ind.weight
    ]
    if not candidates:
        return None
    index = rng.choice(candidates)
    indicator = evaluation.indicators[index]
    goal = indicator.target.quantity
    actual = quantity(goal.value * rng.choice((2, 3)), goal.unit.text)
    planted = Planted(
        "overcompletion-unexplained", evaluation.project, indicator.name, "deviation_reason", "", "超额完成原因说明"
    )
    return _with_indicator(evaluation, index, actual=actual, deviation_reason=""), planted


def _weight_sum_mismatch(rng, project: Project, evaluation: Evaluation):
    level1 = rng.choice([name for name, _ in evaluation.declared_weights])
    correct = sum((i.weight for i in evaluation.indicators if i.level1 == level1), ZERO)
    wrong = correct + Decimal(rng.choice((5, -5, 10)))
    declared = tuple((name, wrong if name == level1 else w) for name, w in evaluation.declared_weights)
    planted = Planted("weight-sum-mismatch", evaluation.project, level1, "declared_weight", _n(wrong), _n(correct))
    return replace(evaluation, declared_weights=declared), planted


PLANTERS = {
    "score-mismatch": _score_mismatch,
    "score-over-weight": _score_over_weight,
    "total-mismatch": _total_mismatch,
    "execution-rate-mismatch": _execution_rate_mismatch,
    "execution-score-mismatch": _execution_score_mismatch,
    "deviation-reason-missing": _deviation_reason_missing,
    "overcompletion-unexplained": _overcompletion_unexplained,
    "weight-sum-mismatch": _weight_sum_mismatch,
}


def _n(value: Decimal) -> str:
    return number_text(value)


def _pct(rate: Decimal) -> str:
    return f"{round2(rate * HUNDRED)}%"


def plant(project: Project, rng: random.Random, share: float = 0.3) -> tuple[Evaluation, tuple[Planted, ...]]:
    """With probability `share`, plant one error (one in five times two, in different places)."""
    evaluation = project.evaluation
    if rng.random() >= share:
        return evaluation, ()
    wanted = 2 if rng.random() < 0.2 else 1
    planted: list[Planted] = []
    used: set[str] = set()
    for code in rng.sample(CODES, len(CODES)):
        if len(planted) == wanted:
            break
        if code in used or (planted and _conflicts(code, used)):
            continue
        result = PLANTERS[code](rng, project, evaluation)
        if result is None:
            continue
        candidate, record = result
        if record.indicator and any(p.indicator == record.indicator for p in planted):
            continue
        evaluation = candidate
        planted.append(record)
        used.add(code)
    return evaluation, tuple(planted)


# Edits that recompute the printed 总分 would silently repair a planted total error.
_TOTAL_REPAIRING = {"score-mismatch", "score-over-weight", "execution-rate-mismatch", "execution-score-mismatch",
                    "deviation-reason-missing", "overcompletion-unexplained"}


def _conflicts(code: str, used: set[str]) -> bool:
    if "total-mismatch" in used and code in _TOTAL_REPAIRING:
        return True
    return code == "execution-score-mismatch" and "execution-rate-mismatch" in used or (
        code == "execution-rate-mismatch" and "execution-score-mismatch" in used
    )
