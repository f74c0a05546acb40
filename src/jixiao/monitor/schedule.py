"""Spending warning lines: how far budget execution should have got by a date.

`national` is the time-proportional rule of the public budget-performance platform code
(targets/sources.py, spending-behind-schedule): value = 执行率 ÷ 时间进度 × 100, red below 60,
yellow below 80. No national month-by-month table could be read in the offline corpus.
`example-25-40-60-80` is the provincial kind of table the issue describes (cumulative execution
of 25% / 40% / 60% / 80% at the ends of April / June / August / October): its source (reported
as 川财绩〔2025〕10号) could not be verified, so it ships as an example only, never as a
province's rule. A deployment adds its own lines from a file (`schedule_from_data`)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..registry import Registry

TWELVE = Decimal(12)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Schedule:
    name: str
    title: str
    kind: str                                    # 'ratio' (against time elapsed) or 'lines' (by date)
    red: Decimal = Decimal(60)                   # ratio: red below this many % of the time schedule
    yellow: Decimal = Decimal(80)
    lines: tuple[tuple[int, Decimal], ...] = ()  # lines: (month, cumulative share due by its end)
    source: str = ""
    verified: bool = False


SCHEDULES: Registry[Schedule] = Registry("预警线")
SCHEDULES.add("national", Schedule(
    "national", "按时间进度：执行率÷时间进度低于60%为红灯、低于80%为黄灯", "ratio",
    source="公开的预算绩效管理平台配置代码 bgttracewarn（非官方文件）", verified=True))
SCHEDULES.add("example-25-40-60-80", Schedule(
    "example-25-40-60-80", "示例：4、6、8、10月末累计执行率不低于25%、40%、60%、80%（出处未能核实，不代表任何省份现行规定）",
    "lines", lines=((4, Decimal("0.25")), (6, Decimal("0.40")), (8, Decimal("0.60")), (10, Decimal("0.80"))),
    source="rules.md 所述的省级做法（川财绩〔2025〕10号），原文未能读到", verified=False))


def get_schedule(name: str) -> Schedule:
    return SCHEDULES.get(name)


def elapsed(as_of: date) -> Decimal:
    """The share of the year gone by the end of `as_of`: whole months over 12, plus the part
    of the current month (exactly month/12 at a month's end, as the platform computes it)."""
    days = calendar.monthrange(as_of.year, as_of.month)[1]
    return (Decimal(as_of.month - 1) + Decimal(as_of.day) / Decimal(days)) / TWELVE


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def due(schedule: Schedule, as_of: date) -> tuple[date, Decimal] | None:
    """For a table of lines: the latest line on or before `as_of` and the share it requires."""
    passed = [(month_end(as_of.year, m), share) for m, share in schedule.lines if month_end(as_of.year, m) <= as_of]
    return passed[-1] if passed else None


def schedule_from_data(data: dict, where: str) -> Schedule:
    """A schedule from a deployment's file: {name, title, lines: [{month, share}]} or
    {name, title, red, yellow} for a ratio schedule. ValueError (Chinese) on bad data."""
    from ..numbers import parse_decimal

    name = str(data.get("name", "")).strip()
    if not name:
        raise ValueError(f"{where}：预警线缺少名称（name）")
    title = str(data.get("title", name)).strip()
    lines = []
    for index, item in enumerate(data.get("lines") or []):
        try:
            month = int(str(item["month"]))
            text = str(item["share"]).strip()
            share = parse_decimal(text.rstrip("%")) / (HUNDRED if text.endswith("%") else 1)
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{where}：第{index + 1}条预警线应写作 {{month: 4, share: \"25%\"}}") from None
        if not 1 <= month <= 12 or not 0 <= share <= 1:
            raise ValueError(f"{where}：第{index + 1}条预警线的月份应在1–12之间、比例在0–100%之间")
        lines.append((month, share))
    if lines:
        return Schedule(name, title, "lines", lines=tuple(sorted(lines)), source=where)
    try:
        red = parse_decimal(str(data.get("red", "60")))
        yellow = parse_decimal(str(data.get("yellow", "80")))
    except ValueError:
        raise ValueError(f"{where}：red、yellow 应为数字（执行率占时间进度的百分比）") from None
    return Schedule(name, title, "ratio", red=red, yellow=yellow, source=where)


__all__ = ["SCHEDULES", "Schedule", "due", "elapsed", "get_schedule", "month_end", "schedule_from_data"]
