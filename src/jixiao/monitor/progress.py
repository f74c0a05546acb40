"""Each indicator's progress as of the monitoring date, and what the year-end value will be
at the current rate.

An amount that accumulates over the year (份, 次, 万单, 亿元, and a % that measures completion of
the year's plan: 签约金额完成率) is projected linearly by the share of the year elapsed: year-end =
to-date ÷ elapsed. A level (满意度, 偏差率, 增长率 in %; a unit cost in 元/人/天) does not
accumulate: its year-end value is taken to be its current value. A word target (及时, 达成) has no arithmetic: the unit's forecast and its likelihood
speak for it. Every projection carries its derivation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..decimals import percent, round2, short
from ..model import Quantity, Value
from ..monitoring import MonitoredIndicator, MonitoringTable
from ..numbers import to_common
from ..targets.history import amount, reverse
from .schedule import TWELVE, elapsed

CUMULATIVE, RATE, WORD, NONE = "cumulative", "rate", "word", "none"
# A % indicator whose name says it measures completion of the year's plan accumulates.
ACCUMULATING = ("完成率", "完成进度", "执行率", "执行进度")
# A forecast this far above the linear projection is pointed out (info): the unit should say why.
OPTIMISM = Decimal("1.2")


@dataclass(frozen=True)
class Progress:
    indicator: MonitoredIndicator
    kind: str                               # cumulative / rate / word / none
    target: Decimal | None = None           # base values, in a common unit
    to_date: Decimal | None = None
    linear: Decimal | None = None           # the year-end value at the current rate
    like: Quantity | None = None            # the target's quantity: the unit values are shown in

    @property
    def share(self) -> Decimal | None:
        """to-date ÷ target (the target progress), None when there is no arithmetic."""
        if self.target is None or self.to_date is None or self.target <= 0:
            return None
        return self.to_date / self.target

    def shown(self, value: Decimal) -> str:
        assert self.like is not None
        return f"{short(round2(value / self.like.unit.scale))}{self.like.unit.text}"

    @property
    def met_linear(self) -> bool | None:
        if self.linear is None or self.target is None:
            return None
        return self.linear <= self.target if reverse(self.indicator.target) else self.linear >= self.target


def kind_of(target: Value, name: str = "") -> str:
    """How an indicator's value moves through the year. A % target is a level (满意度, 偏差率,
    增长率) unless the indicator measures completion of the year's plan (…完成率, …完成进度),
    which accumulates like an amount."""
    quantity = amount(target)
    if quantity is not None:
        if any(word in name for word in ACCUMULATING):
            return CUMULATIVE
        # A % or a unit per something (元/人/天, 元/平方米/月) is a level, not an amount that adds up.
        if quantity.unit.base == "%" or "/" in quantity.unit.text:
            return RATE
        return CUMULATIVE
    if target.word is not None:
        return WORD
    return NONE


def progress(indicator: MonitoredIndicator, as_of: date) -> Progress:
    kind = kind_of(indicator.target, indicator.name)
    like = amount(indicator.target)
    reached = amount(indicator.to_date)
    if kind in (WORD, NONE) or like is None or reached is None:
        return Progress(indicator, kind, like=like)
    pair = to_common(reached, like)
    if pair is None:
        return Progress(indicator, NONE, like=like)
    now, target = pair
    linear = now / elapsed(as_of) if kind == CUMULATIVE else now
    return Progress(indicator, kind, target, now, linear, like)


def months(as_of: date) -> tuple[Decimal, Decimal]:
    """(months elapsed, months left), exact."""
    gone = elapsed(as_of) * TWELVE
    return gone, TWELVE - gone


def month_text(value: Decimal) -> str:
    return f"{short(round2(value))}个月"


def needed(p: Progress, as_of: date) -> str:
    """What the rest of the year must bring for the target to be met, per month."""
    if p.kind != CUMULATIVE or p.target is None or p.to_date is None:
        return ""
    gone, left = months(as_of)
    if left <= 0:
        return ""
    rate_now = p.to_date / gone if gone > 0 else Decimal(0)
    if reverse(p.indicator.target):
        room = p.target - p.to_date
        if room < 0:
            return f"已超过全年上限{p.shown(p.target)}。"
        return (f"其余{month_text(left)}每月不得超过{p.shown(room / left)}"
                f"（目前每月{p.shown(rate_now)}）。")
    rest = p.target - p.to_date
    if rest <= 0:
        return ""
    return f"其余{month_text(left)}每月须完成{p.shown(rest / left)}（目前每月{p.shown(rate_now)}）。"


def linear_derivation(p: Progress, as_of: date) -> str:
    if p.kind == CUMULATIVE and p.to_date is not None:
        share = elapsed(as_of)
        return (f"{p.shown(p.to_date)}÷时间进度{percent(share)}={p.shown(p.linear)}"
                f"（截至{as_of.isoformat()}，按时间进度线性推算）")
    if p.kind == RATE and p.to_date is not None:
        return f"比率指标按当前值{p.shown(p.to_date)}推算"
    return ""


def spending(table: MonitoringTable) -> tuple[Decimal, Decimal] | None:
    """(execution rate to date, share of the year elapsed), None without budget or spending."""
    if table.budget is None or table.executed is None or table.budget <= 0:
        return None
    return table.executed / table.budget, elapsed(table.as_of)


def spending_needed(table: MonitoringTable) -> str:
    """The monthly spending that would bring execution to 100% by the year's end."""
    if table.budget is None or table.executed is None:
        return ""
    _, left = months(table.as_of)
    rest = table.budget - table.executed
    if left <= 0 or rest <= 0:
        return ""
    unit = table.funds_unit.text
    gone = TWELVE - left
    now = table.executed / gone if gone > 0 else Decimal(0)
    return (f"全年执行完毕须在其余{month_text(left)}每月支出{short(round2(rest / left))}{unit}"
            f"（目前每月{short(round2(now))}{unit}）。")


def target_progress(table: MonitoringTable) -> tuple[Decimal, str] | None:
    """The project's target progress: the weighted mean of its indicators' progress (to-date ÷
    target, at most 100%) over the ≥ amounts that accumulate through the year; a level (满意度
    85%) is met or not, it has no progress to set beside spending. None when there is none."""
    parts = []
    for indicator in table.indicators:
        p = progress(indicator, table.as_of)
        if p.share is None or reverse(indicator.target) or p.kind != CUMULATIVE:
            continue
        weight = indicator.weight if indicator.weight is not None and indicator.weight > 0 else Decimal(1)
        parts.append((min(p.share, Decimal(1)), weight, indicator.name))
    if not parts:
        return None
    total = sum((w for _, w, _ in parts), Decimal(0))
    value = sum((s * w for s, w, _ in parts), Decimal(0)) / total
    shown = "、".join(f"{name}{percent(s)}" for s, _, name in parts[:6]) + ("等" if len(parts) > 6 else "")
    return value, f"按分值加权的{len(parts)}项指标完成进度（{shown}）"


__all__ = ["CUMULATIVE", "NONE", "OPTIMISM", "RATE", "WORD", "Progress", "kind_of", "linear_derivation", "months",
           "needed", "progress", "spending", "spending_needed", "target_progress"]
