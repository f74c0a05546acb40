"""The monitoring table (项目支出绩效目标执行监控表): plain frozen records, no I/O.

As of a date during the year: how much of the budget has been spent, and per indicator the
value reached so far (截至目前完成值), the unit's forecast for the year (全年预计完成值),
whether the year's target will be met (确定能 / 有可能 / 完全不可能) and, for a shortfall,
its cause, an explanation and the corrective measure (纠偏措施). The warning settings the
table is checked by travel with it, so a check is a function of the document alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .model import Location, Unit, Value

LIKELIHOODS = ("确定能", "有可能", "完全不可能")
CAUSES = ("经费保障", "制度保障", "人员保障", "硬件条件", "其他")
# How the year-end value is projected: the unit's own forecast (checked against the linear
# one), or linear by the share of the year elapsed.
METHODS = ("unit", "linear")


@dataclass(frozen=True, slots=True)
class MonitoredIndicator:
    level1: str
    level2: str
    name: str
    target: Value
    weight: Decimal | None = None
    to_date: Value = Value("")
    forecast: Value = Value("")
    likelihood: str = ""          # one of LIKELIHOODS, or blank
    cause: str = ""               # one of CAUSES, or blank
    explanation: str = ""
    measure: str = ""             # 纠偏措施
    location: Location | None = None

    @property
    def path(self) -> tuple[str, str, str]:
        return (self.level1, self.level2, self.name)


@dataclass(frozen=True, slots=True)
class MonitoringTable:
    project: str
    as_of: date
    unit: str = ""
    department: str = ""
    year: int | None = None
    funds_unit: Unit = Unit("万元", Decimal(10000), "元")
    budget: Decimal | None = None         # 全年预算数
    executed: Decimal | None = None       # 预算执行数, cumulative to `as_of`
    indicators: tuple[MonitoredIndicator, ...] = ()
    profile: str = "national"
    schedule: str = "national"            # the spending warning lines (monitor/schedule.py)
    gap: Decimal = Decimal(10)            # points between target and spending progress
    method: str = "unit"                  # one of METHODS
    note: str = ""                        # what the file says of itself (e.g. constructed data)
    location: Location | None = None
    budget_location: Location | None = None
    executed_location: Location | None = None


__all__ = ["CAUSES", "LIKELIHOODS", "METHODS", "MonitoredIndicator", "MonitoringTable"]
