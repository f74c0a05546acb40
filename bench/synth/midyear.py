"""Synthetic monitoring tables as of a date (绩效运行监控), with warning conditions planted and an
answer key.

A clean table is on schedule: spending at 96–104% of the time elapsed, each amount reached at
100–106% of its pro-rata share, forecasts equal to the target, every likelihood 确定能; levels
(rates, unit costs, satisfaction) are reported by their forecast only, words as met. Then, for a
share of tables, one condition is planted and `Planted` lists every finding it must produce
(a target called certain at 60% of its pace is also a forecast far above the trend: both).
Each table is drawn from its own `random.Random(f"{seed}:{index}:midyear")`."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_UP, Decimal

from jixiao.model import Comparator, Location, Value
from jixiao.monitor.schedule import elapsed
from jixiao.monitoring import MonitoredIndicator, MonitoringTable

from . import catalog
from .values import quantity, word

AS_OF = date(2019, 7, 31)
CONDITIONS = ("behind", "gap", "impossible", "blank", "unexplained", "optimistic")
TWO = Decimal("0.01")


@dataclass(frozen=True)
class Planted:
    code: str
    project: str
    indicator: str | None


@dataclass(frozen=True)
class Table:
    index: int
    table: MonitoringTable
    planted: tuple[Planted, ...]
    condition: str | None


def _round(value: Decimal) -> Decimal:
    """Up, so an amount on pace never falls a rounding short of it."""
    return value.quantize(Decimal(1), ROUND_UP) if value >= 10 else value.quantize(TWO, ROUND_UP)


def table(seed: int, index: int, share: float = 0.6, as_of: date = AS_OF) -> Table:
    rng = random.Random(f"{seed}:{index}:midyear")
    place = rng.choice(catalog.PLACES)
    unit = f"{place}区{rng.choice(catalog.BODIES)}{index // 7 + 1:04d}"
    name = f"{rng.choice(catalog.PROJECT_NAMES)}-{index + 1:06d}"
    time = elapsed(as_of)
    condition = rng.choice(CONDITIONS) if rng.random() < share else None
    counts = rng.sample([t for t in catalog.QUANTITY if t.shape == "count"], 5)
    quality = rng.choice([t for t in catalog.QUALITY if t.shape == "rate"])
    timely = rng.choice([t for t in catalog.TIMELINESS if t.shape == "timely"])
    cost = rng.choice([t for t in catalog.COST if "/" in t.unit])
    effect = rng.choice([t for t in catalog.ECONOMIC if t.shape == "amount"])
    satisfied = rng.choice(catalog.SATISFIED)
    where = Location(file=f"{name}/{as_of.isoformat()}-监控表")
    rows: list[MonitoredIndicator] = []
    pace = {}
    for template in [*counts, effect]:
        target = Decimal(rng.randint(30, 300))
        q = Decimal(rng.randint(100, 106)) / 100
        pace[template.name] = (target, q)
        rows.append(MonitoredIndicator(template.level1, template.level2, template.name,
                                       quantity(target, template.unit, Comparator.GE), Decimal(8),
                                       quantity(_round(target * time * q), template.unit), quantity(target, template.unit),
                                       "确定能", location=replace(where, field=template.name)))
    level_target = Decimal(rng.randint(85, 95))
    rows.append(MonitoredIndicator(quality.level1, quality.level2, quality.name,
                                   quantity(level_target, "%", Comparator.GE), Decimal(6), quantity(level_target, "%"),
                                   quantity(level_target + 2, "%"), "确定能", location=replace(where, field=quality.name)))
    ceiling = Decimal(rng.randint(150, 300))
    rows.append(MonitoredIndicator(cost.level1, cost.level2, cost.name, quantity(ceiling, cost.unit, Comparator.LE),
                                   Decimal(6), quantity(ceiling - 5, cost.unit), quantity(ceiling - 3, cost.unit),
                                   "确定能", location=replace(where, field=cost.name)))
    rows.append(MonitoredIndicator(timely.level1, timely.level2, timely.name, word("及时"), Decimal(6), word("及时"),
                                   word("及时"), "确定能", location=replace(where, field=timely.name)))
    rows.append(MonitoredIndicator(catalog.SUSTAINABILITY.level1, catalog.SUSTAINABILITY.level2,
                                   catalog.SUSTAINABILITY.name, word("具有"), Decimal(15), word("具有"), word("具有"),
                                   "确定能", location=replace(where, field=catalog.SUSTAINABILITY.name)))
    rows.append(MonitoredIndicator(satisfied.level1, satisfied.level2, satisfied.name,
                                   quantity(Decimal(85), "%", Comparator.GE), Decimal(10), quantity(Decimal(88), "%"),
                                   quantity(Decimal(90), "%"), "确定能", location=replace(where, field=satisfied.name)))
    budget = Decimal(rng.randint(50, 900))
    r = Decimal(rng.randint(96, 104)) / 100
    executed = (budget * time * r).quantize(TWO)
    planted: list[Planted] = []
    picked = rng.randrange(6)  # one of the amounts

    def plant(code: str, indicator: str | None) -> None:
        planted.append(Planted(code, name, indicator))

    def change(at: int, **fields) -> None:
        rows[at] = replace(rows[at], **fields)

    if condition == "behind":
        executed = (budget * time * Decimal("0.5")).quantize(TWO)
        for at, template in enumerate([*counts, effect]):
            target, _ = pace[template.name]
            reached = _round(target * time * Decimal("0.5"))
            change(at, to_date=quantity(reached, template.unit), likelihood="有可能",
                   forecast=quantity(_round(reached / time), template.unit), cause="经费保障",
                   explanation="资金拨付滞后", measure="加快拨付进度")
        plant("spending-behind-schedule", None)
    elif condition == "gap":
        for at, template in enumerate([*counts, effect]):
            target, _ = pace[template.name]
            change(at, to_date=quantity(_round(target * time * Decimal("1.4")), template.unit))
        plant("progress-gap", None)
    elif condition == "impossible":
        template = [*counts, effect][picked]
        target, _ = pace[template.name]
        change(picked, to_date=quantity(_round(target * time * Decimal("0.6")), template.unit))
        plant("certain-but-impossible", template.name)
        plant("forecast-above-trend", template.name)
    elif condition == "blank":
        change(picked, forecast=Value(""), likelihood="")
        plant("forecast-missing", rows[picked].name)
    elif condition == "unexplained":
        change(picked, likelihood="有可能")
        plant("shortfall-unexplained", rows[picked].name)
    elif condition == "optimistic":
        template = [*counts, effect][picked]
        target, q = pace[template.name]
        change(picked, forecast=quantity(_round(target * q * Decimal("1.5")), template.unit))
        plant("forecast-above-trend", template.name)
    monitoring = MonitoringTable(project=name, as_of=as_of, unit=unit, department=f"{place}区人民政府", year=as_of.year,
                                 budget=budget, executed=executed, indicators=tuple(rows), location=where,
                                 executed_location=replace(where, field="funds.executed"))
    return Table(index, monitoring, tuple(planted), condition)


def generate(count: int, seed: int = 20190, start: int = 0, share: float = 0.6):
    for index in range(start, start + count):
        yield table(seed, index, share)


__all__ = ["AS_OF", "CONDITIONS", "Planted", "Table", "generate", "table"]
