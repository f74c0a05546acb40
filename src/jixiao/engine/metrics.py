"""Metrics derived from the funds, never typed: 成本控制偏差率 = |全年预算数 − 全年执行数| / 全年预算数."""

from __future__ import annotations

from decimal import Decimal

from ..model import FundLine, Funds
from .execution import total_line


_UNREAD = object()


def derive_metrics(funds: Funds, total: FundLine | None = _UNREAD) -> dict[str, Decimal]:
    """`total`: total_line(funds), when the caller has it already."""
    metrics: dict[str, Decimal] = {}
    if total is _UNREAD:
        total = total_line(funds)
    if total is None or total.budget is None or total.executed is None or total.budget <= 0:
        return metrics
    metrics["budget"] = total.budget
    metrics["executed"] = total.executed
    metrics["execution_rate"] = total.executed / total.budget
    metrics["cost_deviation_rate"] = abs(total.budget - total.executed) / total.budget
    return metrics
