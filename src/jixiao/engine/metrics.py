"""Metrics derived from the funds, never typed: 成本控制偏差率 = |全年预算数 − 全年执行数| / 全年预算数."""

from __future__ import annotations

from decimal import Decimal

from ..model import Funds
from .execution import total_line


def derive_metrics(funds: Funds) -> dict[str, Decimal]:
    metrics: dict[str, Decimal] = {}
    total = total_line(funds)
    if total is None or total.budget is None or total.executed is None or total.budget <= 0:
        return metrics
    metrics["budget"] = total.budget
    metrics["executed"] = total.executed
    metrics["execution_rate"] = total.executed / total.budget
    metrics["cost_deviation_rate"] = abs(total.budget - total.executed) / total.budget
    return metrics
