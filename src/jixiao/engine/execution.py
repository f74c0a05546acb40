"""Budget execution (预算执行率): 执行率 = 全年执行数 / 全年预算数, score = min(执行率, 100%) × 分值.

When the funds block has several sources, the weight is split by each source's share of the
budget, as the seed does; a source's score is then 执行数_i / 预算数_total × 分值, so the
sources' scores add up (to rounding) to the total line's score, which is the one that counts.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

from ..decimals import amount, percent, plain, round2, short
from ..model import FundLine, Funds, FundSource
from ..findings import Finding
from ..profile import Profile
from .result import ExecutionResult, FundLineResult

ONE = Decimal(1)
DENOMINATOR_NAMES = {"budget": "全年预算数", "initial": "年初预算数"}


def _denominator(line: FundLine, profile: Profile) -> Decimal | None:
    if profile.execution_denominator == "initial":
        return line.initial_budget
    return line.budget


def _blank(line: FundLine) -> bool:
    return all(value in (None, 0) for value in (line.initial_budget, line.budget, line.executed))


def total_line(funds: Funds) -> FundLine | None:
    """The 年度资金总额 line, or one summed from the sources when the form left it out or
    printed it as 0 while its sources hold the money (a template's total row never filled in)."""
    total = funds.total
    sources = [line for line in funds.lines if line.source != FundSource.TOTAL]
    if total is not None and not (_blank(total) and any(not _blank(line) for line in sources)):
        return total
    if not sources:
        return total

    def add(values: list[Decimal | None]) -> Decimal | None:
        present = [v for v in values if v is not None]
        return sum(present, Decimal(0)) if present else None

    return FundLine(
        FundSource.TOTAL,
        initial_budget=add([line.initial_budget for line in sources]),
        budget=add([line.budget for line in sources]),
        executed=add([line.executed for line in sources]),
        location=total.location if total is not None else None,
    )


_UNREAD = object()


def score_execution(funds: Funds, profile: Profile, total: FundLine | None = _UNREAD
                    ) -> tuple[ExecutionResult, list[Finding]]:
    """`total`: total_line(funds), when the caller has it already (engine.score reads it once
    for this and for the metrics)."""
    weight = profile.execution_weight
    unit = funds.unit.text
    denominator_name = DENOMINATOR_NAMES[profile.execution_denominator]
    problems: list[Finding] = []
    if total is _UNREAD:
        total = total_line(funds)
    if total is None:
        problems.append(Finding("funds-missing", "缺少项目资金数据，预算执行率按0分计", None))
        return ExecutionResult(None, weight, Decimal("0.00"), "缺少项目资金数据，得0分"), problems
    if funds.total is not None and total is not funds.total:
        problems.append(Finding("funds-total-blank", "年度资金总额行印为0（或空白），而其中各资金来源有数：按各来源合计计算执行率",
                                funds.total.location))

    denominator = _denominator(total, profile)
    if denominator is None or denominator <= 0 or total.executed is None:
        problems.append(
            Finding(
                "funds-incomplete",
                f"年度资金总额缺少{denominator_name}或全年执行数，预算执行率无法计算，按0分计",
                total.location,
            )
        )
        return (
            ExecutionResult(None, weight, Decimal("0.00"), f"{denominator_name}或执行数缺失，得0分"),
            problems,
        )

    rate = total.executed / denominator
    # Divide last: 执行数×分值/预算数 is correctly rounded, min(rate,1)×分值 may not be.
    score = round2(min(total.executed * weight / denominator, weight))
    # The text is written when first read (most results of a batch never are): same words.
    derivation = partial(_total_text, total.executed, denominator, unit, rate, weight, score, profile, None)

    unsplit = score
    lines = [FundLineResult(total, rate, weight, score, derivation, denominator, weight)]
    sources = [line for line in funds.lines if line.source != FundSource.TOTAL]
    for line in sources:
        lines.append(_score_source(line, denominator, weight, unit, profile))
    split = _split_score(sources, total, denominator, weight, profile)
    if split is not None and split != score:
        # Overspending one source cannot make up for money left unspent in another: with the
        # points split by source, each source is capped at its own budget.
        derivation = partial(_total_text, total.executed, denominator, unit, rate, weight, score, profile, split)
        problems.append(
            Finding(
                "execution-split",
                f"预算执行率按年度资金总额得{plain(score)}分，按资金来源分别计分合计{plain(split)}分，"
                f"以后者为准",
                total.location,
            )
        )
        score = split
        lines[0] = FundLineResult(total, rate, weight, score, derivation, denominator, weight)
    return ExecutionResult(rate, weight, score, derivation, tuple(lines), unsplit), problems


def _total_text(executed: Decimal, denominator: Decimal, unit: str, rate: Decimal, weight: Decimal, score: Decimal,
                profile: Profile, split: Decimal | None) -> str:
    """The total line's derivation; `split` when the sources' own scores replaced its score."""
    if profile.execution_in_tree:
        derivation = (f"{amount(executed)}{unit}/{amount(denominator)}{unit}={percent(rate)}；"
                      f"预算执行率作为绩效指标计分（{profile.source}），此处不另计分")
    else:
        derivation = (f"{amount(executed)}{unit}/{amount(denominator)}{unit}={percent(rate)}，"
                      f"min({percent(rate)},100%)×{short(weight)}={plain(score)}")
        if profile.execution_denominator != "budget":
            derivation += f"（以{DENOMINATOR_NAMES[profile.execution_denominator]}为分母）"
    if split is not None:
        derivation += f"；按资金来源分别计分合计{plain(split)}（某一来源超支不能抵补其他来源的结余），取{plain(split)}"
    return derivation


def score_at(rate: Decimal, weight: Decimal) -> Decimal:
    """A line's score (unrounded) at a given weight — a form's own printed share:
    min(执行率, 100%) × 分值."""
    return min(rate, ONE) * weight


def _split_score(
    sources: list[FundLine], total: FundLine, total_denominator: Decimal, weight: Decimal, profile: Profile
) -> Decimal | None:
    """Σ min(执行数_i, 预算数_i) × 分值 / 预算数_total, when the sources add up to the total line
    (budgets and amounts spent); sources that do not reconcile are the audit's to report."""
    if not profile.split_execution_by_source or not sources:
        return None
    budgets = [_denominator(line, profile) for line in sources]
    if any(b is None for b in budgets) or sum(budgets, Decimal(0)) != total_denominator:
        return None
    if any(line.executed is None for line in sources):
        return None
    if sum((line.executed for line in sources), Decimal(0)) != total.executed:
        return None
    spent = sum((min(line.executed, b) for line, b in zip(sources, budgets) if b), Decimal(0))
    return round2(spent * weight / total_denominator)


def _score_source(
    line: FundLine, total_denominator: Decimal, weight: Decimal, unit: str, profile: Profile
) -> FundLineResult:
    denominator = _denominator(line, profile)
    if denominator is None or denominator <= 0:
        return FundLineResult(line, None, None, None, "无预算，不计分")
    rate = line.executed / denominator if line.executed is not None else None
    if not profile.split_execution_by_source:
        return FundLineResult(line, rate, None, None, partial(_rate_text, rate), denominator)
    share = weight * denominator / total_denominator
    if rate is None:
        return FundLineResult(line, None, round2(share), None, "缺少执行数", denominator, share)
    score = round2(min(line.executed, denominator) * weight / total_denominator)
    text = partial(_source_text, line.executed, denominator, total_denominator, unit, rate, weight, share, score)
    return FundLineResult(line, rate, round2(share), score, text, denominator, share)


def _rate_text(rate: Decimal | None) -> str:
    return f"执行率{percent(rate)}" if rate is not None else ""


def _source_text(executed: Decimal, denominator: Decimal, total_denominator: Decimal, unit: str, rate: Decimal,
                 weight: Decimal, share: Decimal, score: Decimal) -> str:
    # min(rate, 1) × share = 执行数_i / 预算数_total × 分值 below 100%: the exact form is shown so a
    # reviewer can check it without the rounding of the displayed rate and share.
    if rate <= ONE:
        exact = f"{amount(executed)}/{amount(total_denominator)}×{short(weight)}={plain(score)}"
    else:
        exact = f"执行率超过100%按100%计，得满分{plain(score)}"
    return (f"分值{short(weight)}×{amount(denominator)}/{amount(total_denominator)}={plain(round2(share))}；"
            f"执行率{amount(executed)}{unit}/{amount(denominator)}{unit}={percent(rate)}；得分{exact}")
