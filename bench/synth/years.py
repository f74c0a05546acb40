"""Synthetic projects over several years, with target problems planted and an answer key.

Each project has self-evaluations for 2018–2020, the 2020 declaration its 2020 table was held
to, and a declaration for 2021. Clean data is built so that no target rule fires: every
target is above what the year before achieved (rates rise, costs fall), every actual meets its
target by less than 30%, execution is 96–100% with full marks, declarations carry every field.
Then, for a share of projects, exactly one problem is planted, and `Planted` lists every
finding it must produce (a target kept flat while beaten by 30% twice is also below last year's
actual: both are listed). Each project is drawn from its own `random.Random(f"{seed}:{index}")`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from decimal import Decimal

from jixiao.declaration import Declaration, DeclaredIndicator
from jixiao.model import Comparator, Evaluation, FundLine, Funds, FundSource, Goal, Indicator, Kind, Location
from jixiao.numbers import parse_value

from . import catalog
from .values import number_text, quantity, word

YEARS = (2018, 2019, 2020)
NEXT = 2021
HUNDRED = Decimal(100)
GRADES = (("达成", "按计划全部完成"), ("部分达成", "完成计划的80%以上"), ("未达成", "完成不足80%"))

# The problems that can be planted, and the finding codes each must produce.
HISTORY_PROBLEMS = ("below", "not-raised", "lowered", "dropped", "inflated", "full-marks")
REVIEW_PROBLEMS = ("vague", "no-quality", "grades", "cost", "survey", "weights", "duplicate", "equals", "field",
                   "changed", "weight-changed")
PROBLEMS = HISTORY_PROBLEMS + REVIEW_PROBLEMS


@dataclass(frozen=True)
class Planted:
    code: str
    project: str
    indicator: str | None
    year: int


@dataclass(frozen=True)
class Project:
    index: int
    unit: str
    name: str
    evaluations: tuple[Evaluation, ...]        # one per year of YEARS (a dropped indicator is absent later)
    declarations: tuple[Declaration, ...]      # 2020 (what the 2020 table was held to) and 2021
    planted: tuple[Planted, ...]
    problem: str | None


@dataclass(frozen=True)
class Line:
    """One indicator's plan: name, levels, unit, direction and its value per year."""

    level1: str
    level2: str
    name: str
    unit: str
    reverse: bool = False
    word: str | None = None
    weight: Decimal = Decimal(0)


def _lines(rng: random.Random) -> list[Line]:
    quantities = rng.sample([t for t in catalog.QUANTITY if t.shape == "count"], 4)
    quality = rng.choice([t for t in catalog.QUALITY if t.shape == "rate"])
    timely = rng.choice([t for t in catalog.TIMELINESS if t.shape == "timely"])
    cost = rng.choice([t for t in catalog.COST if t.unit != "%"])
    effect = rng.choice([t for t in catalog.ECONOMIC if t.shape == "amount"])
    satisfied = rng.choice(catalog.SATISFIED)
    lines = [Line(t.level1, t.level2, t.name, t.unit) for t in quantities]
    lines += [Line(quality.level1, quality.level2, quality.name, "%"),
              Line(timely.level1, timely.level2, timely.name, "", word="及时"),
              Line(cost.level1, cost.level2, cost.name, cost.unit, reverse=True),
              Line(effect.level1, effect.level2, effect.name, effect.unit),
              Line(catalog.SUSTAINABILITY.level1, catalog.SUSTAINABILITY.level2, catalog.SUSTAINABILITY.name, "",
                   word="具有"),
              Line(satisfied.level1, satisfied.level2, satisfied.name, "%")]
    weights = [Decimal(8)] * 4 + [Decimal(6), Decimal(6), Decimal(6)] + [Decimal(15), Decimal(15), Decimal(10)]
    return [replace(line, weight=w) for line, w in zip(lines, weights)]


def _series(line: Line, rng: random.Random) -> dict[int, tuple[Decimal, Decimal]]:
    """(target, actual) per year of YEARS and the target of NEXT (actual unused): clean."""
    if line.word is not None:
        return {}
    values: dict[int, tuple[Decimal, Decimal]] = {}
    if line.unit == "%":
        target = Decimal(rng.randint(80, 86))
        for year in (*YEARS, NEXT):
            actual = target + rng.randint(1, 2)
            values[year] = (target, actual)
            target = actual + 1
        return values
    if line.reverse:
        target = Decimal(rng.randint(150, 300))
        for year in (*YEARS, NEXT):
            actual = target - rng.randint(1, 3)
            values[year] = (target, actual)
            target = actual - 1
        return values
    target = Decimal(rng.randint(20, 200))
    for year in (*YEARS, NEXT):
        actual = target + max(1, int(target * Decimal(rng.randint(2, 15)) / HUNDRED))
        values[year] = (target, actual)
        target = actual + 1
    return values


def _value(line: Line, amount: Decimal, comparator: Comparator | None):
    return quantity(amount, line.unit, comparator)


def _comparator(line: Line) -> Comparator:
    return Comparator.LE if line.reverse else Comparator.GE


def project(seed: int, index: int, share: float = 0.6) -> Project:
    rng = random.Random(f"{seed}:{index}")
    place = rng.choice(catalog.PLACES)
    unit = f"{place}区{rng.choice(catalog.BODIES)}{index // 7 + 1:04d}"
    name = f"{rng.choice(catalog.PROJECT_NAMES)}-{index + 1:06d}"
    lines = _lines(rng)
    series = {line.name: _series(line, rng) for line in lines}
    problem = rng.choice(PROBLEMS) if rng.random() < share else None
    target_of = {n: {y: v[0] for y, v in s.items()} for n, s in series.items()}
    actual_of = {n: {y: v[1] for y, v in s.items()} for n, s in series.items()}
    dropped: dict[str, int] = {}
    execution = {year: Decimal(rng.randint(96, 100)) / HUNDRED for year in YEARS}
    full_claim: set[int] = set()
    planted: list[Planted] = []
    counted = [line for line in lines if line.word is None and line.unit != "%" and not line.reverse]
    pick = rng.choice(counted)

    def plant(code: str, indicator: str | None, year: int) -> None:
        planted.append(Planted(code, name, indicator, year))

    if problem == "below":
        # 2020's target below what 2019 achieved (and 2021's above 2020's actual again).
        target_of[pick.name][2020] = actual_of[pick.name][2019] - 1
        actual_of[pick.name][2020] = target_of[pick.name][2020] + 1
        target_of[pick.name][NEXT] = actual_of[pick.name][2020] + 1
        plant("target-below-last-actual", pick.name, 2020)
    elif problem == "not-raised":
        t = target_of[pick.name][2019]
        target_of[pick.name][2020] = t
        actual_of[pick.name][2019] = (t * Decimal("1.4")).quantize(Decimal(1))
        actual_of[pick.name][2020] = (t * Decimal("1.45")).quantize(Decimal(1))
        target_of[pick.name][NEXT] = actual_of[pick.name][2020] + 1
        plant("target-not-raised", pick.name, 2020)
        plant("target-below-last-actual", pick.name, 2020)   # flat below 2019's 140%: also true
    elif problem == "lowered":
        t = target_of[pick.name][2019]
        actual_of[pick.name][2019] = (t * Decimal("0.8")).quantize(Decimal(1))
        target_of[pick.name][2020] = (t * Decimal("0.9")).quantize(Decimal(1))
        actual_of[pick.name][2020] = target_of[pick.name][2020] + 1
        target_of[pick.name][NEXT] = actual_of[pick.name][2020] + 1
        plant("target-lowered-after-miss", pick.name, 2020)
    elif problem == "dropped":
        t = target_of[pick.name][2019]
        actual_of[pick.name][2019] = (t * Decimal("0.7")).quantize(Decimal(1))
        dropped[pick.name] = 2020
        plant("indicator-dropped-after-loss", pick.name, 2020)
    elif problem == "inflated":
        execution[2019] = Decimal("0.85")
        full_claim.add(2019)
        plant("self-score-inflated", None, 2019)
    elif problem == "full-marks":
        execution[2019] = Decimal("0.7")
        full_claim.add(2019)
        plant("self-score-inflated", None, 2019)
        plant("full-marks-low-execution", None, 2019)

    evaluations = []
    for year in YEARS:
        indicators = []
        for line in lines:
            if line.name in dropped and year >= dropped[line.name]:
                continue
            if line.word is not None:
                target = actual = word(line.word)
                score = line.weight
            else:
                t, a = target_of[line.name][year], actual_of[line.name][year]
                target = _value(line, t, _comparator(line))
                actual = _value(line, a, None)
                met = a <= t if line.reverse else a >= t
                score = line.weight if met or year in full_claim else (a / t * line.weight).quantize(Decimal("0.01"))
            indicators.append(Indicator(line.level1, line.level2, line.name, target, actual, line.weight,
                                        reported_score=score, location=Location(file=f"{name}/{year}-自评表",
                                                                                 field=line.name)))
        freed = sum((line.weight for line in lines if line.name in dropped and year >= dropped[line.name]),
                    Decimal(0))
        if freed:
            # The dropped indicator's weight goes to the first of its level, as in the declaration.
            level = next(line.level1 for line in lines if line.name in dropped)
            at = next(i for i, ind in enumerate(indicators) if ind.level1 == level)
            first = indicators[at]
            indicators[at] = replace(first, weight=first.weight + freed, reported_score=first.reported_score + freed)
        budget = Decimal(rng.randint(50, 900))
        spent = (budget * execution[year]).quantize(Decimal("0.01"))
        funds = Funds(lines=(FundLine(FundSource.TOTAL, budget, budget, spent,
                                      location=Location(file=f"{name}/{year}-自评表", field="funds")),))
        evaluations.append(Evaluation(Kind.PROJECT, name, unit, f"{place}区人民政府", year, funds,
                                      (Goal("完成年度工作任务。"),), tuple(indicators),
                                      declared_weights=(("产出指标", Decimal(50)), ("效益指标", Decimal(30)),
                                                        ("满意度指标", Decimal(10))),
                                      location=Location(file=f"{name}/{year}-自评表")))
    declared_2020 = _declaration(name, unit, 2020, lines, target_of, dropped)
    declared_next = _declaration(name, unit, NEXT, lines, target_of, dropped)
    if problem in REVIEW_PROBLEMS:
        declared_next, declared_2020, evaluations = _plant_review(problem, rng, name, lines, declared_next,
                                                                  declared_2020, evaluations, actual_of, plant)
    return Project(index, unit, name, tuple(evaluations), (declared_2020, declared_next), tuple(planted), problem)


def _declaration(name: str, unit: str, year: int, lines: list[Line], target_of, dropped) -> Declaration:
    indicators = []
    for line in lines:
        if line.name in dropped and year >= dropped[line.name]:
            continue
        where = Location(file=f"{name}/{year}-申报表", field=line.name)
        common = dict(weight=line.weight, basis="历史标准", basis_note="近年实际", data_source="业务台账",
                      method="年末统计", location=where)
        if line.word is not None:
            indicators.append(DeclaredIndicator(line.level1, line.level2, line.name, word(line.word),
                                                grades=GRADES, **common))
            continue
        target = _value(line, target_of[line.name][year], _comparator(line))
        extra = {}
        if line.reverse:
            extra["standard"] = _value(line, target_of[line.name][year] + 5, Comparator.LE)
        if "满意" in line.name or "满意" in line.level2:
            common.update(data_source="问卷调查", method="满意份数/有效问卷份数")
        indicators.append(DeclaredIndicator(line.level1, line.level2, line.name, target, **common, **extra))
    freed = sum((line.weight for line in lines if line.name in dropped and year >= dropped[line.name]), Decimal(0))
    if freed:
        # The freed weight goes to the first indicator of its level, so the declaration still adds up.
        level = next(line.level1 for line in lines if line.name in dropped)
        at = next(i for i, ind in enumerate(indicators) if ind.level1 == level)
        indicators[at] = replace(indicators[at], weight=indicators[at].weight + freed)
    return Declaration(project=name, unit=unit, year=year, indicators=tuple(indicators),
                       declared_weights=(("产出指标", Decimal(50)), ("效益指标", Decimal(30)),
                                         ("满意度指标", Decimal(10))),
                       location=Location(file=f"{name}/{year}-申报表"))


def _with(declaration: Declaration, name: str, **changes) -> Declaration:
    return replace(declaration, indicators=tuple(replace(i, **changes) if i.name == name else i
                                                 for i in declaration.indicators))


def _plant_review(problem, rng, project_name, lines, declared, declared_2020, evaluations, actual_of, plant):
    counted = [line for line in lines if line.word is None and line.unit != "%" and not line.reverse]
    pick = rng.choice(counted)
    if problem == "vague":
        target = declared_indicator(declared, pick.name).target
        declared = _with(declared, pick.name, target=parse_value(target.text.lstrip("≥≤")))
        plant("declared-target-vague", pick.name, NEXT)
    elif problem == "no-quality":
        quality = next(i for i in declared.indicators if i.level2 == "质量指标")
        moved = replace(quality, level2="数量指标")
        declared = replace(declared, indicators=tuple(moved if i is quality else i for i in declared.indicators))
        plant("output-quantity-quality-missing", None, NEXT)
    elif problem == "grades":
        timely = next(line for line in lines if line.word == "及时")
        declared = _with(declared, timely.name, grades=GRADES[:1])
        plant("qualitative-grades-missing", timely.name, NEXT)
    elif problem == "cost":
        cost = next(line for line in lines if line.reverse)
        target = declared_indicator(declared, cost.name).target
        declared = _with(declared, cost.name, standard=_value(cost, target.quantity.value - 3, Comparator.LE))
        plant("cost-above-standard", cost.name, NEXT)
    elif problem == "survey":
        satisfied = lines[-1]
        declared = _with(declared, satisfied.name, data_source="服务对象", method="年末统计")
        plant("satisfaction-survey-missing", satisfied.name, NEXT)
    elif problem == "weights":
        declared = _with(declared, pick.name, weight=pick.weight + 2)
        plant("declared-weights-sum", None, NEXT)   # the 产出 level and the whole both: one code, twice
        plant("declared-weights-sum", None, NEXT)
    elif problem == "duplicate":
        source = declared_indicator(declared, pick.name)
        copy = replace(source, name=source.name + "量", weight=Decimal(1))
        donor = next(i for i in declared.indicators if i.level1 == source.level1 and i.name != pick.name)
        indicators = []
        for i in declared.indicators:
            indicators.append(replace(i, weight=i.weight - 1) if i is donor else i)
            if i.name == pick.name:
                indicators.append(copy)
        declared = replace(declared, indicators=tuple(indicators))
        plant("duplicate-indicator", copy.name, NEXT)
    elif problem == "equals":
        achieved = actual_of[pick.name][2020]
        declared = _with(declared, pick.name, target=_value(pick, achieved, Comparator.GE))
        plant("target-equals-last-actual", pick.name, NEXT)
    elif problem == "field":
        declared = _with(declared, pick.name, data_source="")
        plant("declaration-field-missing", pick.name, NEXT)
    elif problem == "changed":
        last = evaluations[-1]
        changed = []
        for i in last.indicators:
            if i.name == pick.name:
                lower = i.target.quantity.value - 1
                i = replace(i, target=_value(pick, lower, Comparator.GE))
            changed.append(i)
        evaluations = evaluations[:-1] + [last.with_indicators(tuple(changed))]
        plant("target-changed", pick.name, 2020)
    elif problem == "weight-changed":
        last = evaluations[-1]
        other = next(line for line in counted if line is not pick)
        changed = [replace(i, weight=i.weight + 1, reported_score=i.weight + 1) if i.name == pick.name else
                   replace(i, weight=i.weight - 1, reported_score=i.weight - 1) if i.name == other.name else i
                   for i in last.indicators]
        evaluations = evaluations[:-1] + [last.with_indicators(tuple(changed))]
        plant("weight-changed", pick.name, 2020)
        plant("weight-changed", other.name, 2020)
    return declared, declared_2020, evaluations


def declared_indicator(declaration: Declaration, name: str) -> DeclaredIndicator:
    return next(i for i in declaration.indicators if i.name == name)


def generate(count: int, seed: int = 20190, start: int = 0, share: float = 0.6):
    for index in range(start, start + count):
        yield project(seed, index, share)


def year_of(location: Location) -> int | None:
    """The year a synthetic document's location names (`项目/2020-自评表`)."""
    file = location.file or ""
    head = file.rsplit("/", 1)[-1][:4]
    return int(head) if head.isdigit() else None


__all__ = ["NEXT", "PROBLEMS", "Planted", "Project", "YEARS", "generate", "number_text", "project", "year_of"]
