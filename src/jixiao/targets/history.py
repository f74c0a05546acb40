"""The same project across years: each indicator's target and actual year by year, and the
findings that need more than one year, each with the years as evidence.

Projects are grouped by unit and normalised project name; indicators are matched by
normalised name, or by a manual link (old name → new name) where a name changed. A year
known only from its declaration contributes its targets (nothing is achieved yet), so a
target set too low is found before it is approved."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ..decimals import percent, short
from ..declaration import Declaration
from ..engine.result import EvaluationResult
from ..findings import Finding, make
from ..model import Evaluation, Location, Quantity, Value
from ..numbers import to_common
from ..profile import get_profile
from .names import key, project_key

# The platform's 自评虚高 test: red when the execution rate falls more than 5% (relative)
# below the indicator score rate (targets/sources.py, self-score-inflated).
INFLATION = Decimal("0.05")
LOW_EXECUTION = Decimal("0.8")


@dataclass(frozen=True)
class Point:
    year: int
    name: str
    level1: str
    level2: str
    target: Value
    actual: Value | None          # None: only declared so far
    weight: Decimal | None
    score: Decimal | None         # the document's own score, else the recomputed one
    location: Location | None


@dataclass
class Series:
    key: str
    name: str                     # the latest name
    level1: str = ""
    level2: str = ""
    points: dict[int, Point] = field(default_factory=dict)

    def years(self) -> list[int]:
        return sorted(self.points)


@dataclass(frozen=True)
class Year:
    year: int
    evaluation: Evaluation | None = None
    result: EvaluationResult | None = None
    declaration: Declaration | None = None

    @property
    def location(self) -> Location:
        for document in (self.evaluation, self.declaration):
            if document is not None and document.location is not None:
                return document.location
        return Location()


def evaluated(year: Year) -> bool:
    """The year has a self-evaluation with at least one actual filled in."""
    return year.evaluation is not None and any(not i.actual.is_empty for i in year.evaluation.indicators)


@dataclass
class History:
    project: str
    unit: str
    years: dict[int, Year] = field(default_factory=dict)
    series: list[Series] = field(default_factory=list)
    notes: list[Finding] = field(default_factory=list)   # duplicate years set aside

    def find(self, name: str, links: Mapping[str, str] | None = None) -> Series | None:
        wanted = canonical(name, links or {})
        return next((s for s in self.series if s.key == wanted), None)


def canonical(name: str, links: Mapping[str, str]) -> str:
    """The key an indicator is matched by: its normalised name, followed through the manual
    links (old → new) as long as they lead somewhere new."""
    current = key(name)
    normalised = {key(old): key(new) for old, new in links.items()}
    for _ in range(len(normalised) + 1):
        following = normalised.get(current)
        if following is None or following == current:
            break
        current = following
    return current


def same_project(unit_a: str, project_a: str, unit_b: str, project_b: str) -> bool:
    """The same project: the same normalised name, and the same unit where both name one."""
    if project_key(project_a) != project_key(project_b):
        return False
    return not unit_a.strip() or not unit_b.strip() or key(unit_a) == key(unit_b)


def build(evaluations: Iterable[tuple[Evaluation, EvaluationResult | None]], declarations: Iterable[Declaration] = (),
          links: Mapping[str, str] | None = None) -> list[History]:
    """One History per (unit, project), years in order."""
    links = links or {}
    by_name: dict[str, list[History]] = {}

    def history_for(unit: str, project: str) -> History:
        group = by_name.setdefault(project_key(project), [])
        history = next((h for h in group if same_project(h.unit, h.project, unit, project)), None)
        if history is None:
            history = History(project, unit)
            group.append(history)
        history.project = project  # the latest document's spelling wins, as years are read in order
        history.unit = history.unit or unit
        return history

    for evaluation, result in sorted(evaluations, key=lambda pair: pair[0].year or 0):
        if evaluation.year is None:
            continue
        history = history_for(evaluation.unit, evaluation.project)
        year = history.years.get(evaluation.year)
        if year is not None and year.evaluation is not None:
            history.notes.append(make("history-duplicate-year", project=evaluation.project, year=evaluation.year,
                                      location=evaluation.location or Location(),
                                      expected=_source(year.evaluation), reported=_source(evaluation)))
            continue
        history.years[evaluation.year] = Year(evaluation.year, evaluation, result,
                                              year.declaration if year else None)
    for declaration in sorted(declarations, key=lambda d: d.year or 0):
        if declaration.year is None:
            continue
        history = history_for(declaration.unit, declaration.project)
        year = history.years.get(declaration.year)
        history.years[declaration.year] = Year(declaration.year, year.evaluation if year else None,
                                               year.result if year else None, declaration)
    histories = [history for group in by_name.values() for history in group]
    for history in histories:
        history.years = dict(sorted(history.years.items()))
        history.series = _series(history, links)
    return sorted(histories, key=lambda h: (h.unit, h.project))


def _source(document: Evaluation) -> str:
    return (document.location.file if document.location and document.location.file else "") or document.project


def _series(history: History, links: Mapping[str, str]) -> list[Series]:
    series: dict[str, Series] = {}
    for year in history.years.values():
        for point in _points(year):
            entry = series.setdefault(canonical(point.name, links), Series(canonical(point.name, links), point.name))
            if year.year in entry.points:
                continue  # two rows of one year under one name: the first is kept
            entry.points[year.year] = point
            entry.name, entry.level1, entry.level2 = point.name, point.level1, point.level2
    return list(series.values())


def _counted(year: Year) -> dict[int, Decimal]:
    """The recomputed scores by indicator position (the result scores the same indicators in
    the same order, possibly as copies carrying a stated rule)."""
    if year.result is None or year.evaluation is None \
            or len(year.result.indicators) != len(year.evaluation.indicators):
        return {}
    return {index: r.counted for index, r in enumerate(year.result.indicators)}


def _points(year: Year) -> list[Point]:
    if year.evaluation is not None:
        scores = _counted(year)
        points = []
        for index, indicator in enumerate(year.evaluation.indicators):
            own = indicator.reported_score if indicator.reported_score is not None else scores.get(index)
            # A blank actual is a year not yet evaluated (a table started from its declaration).
            actual = None if indicator.actual.is_empty else indicator.actual
            points.append(Point(year.year, indicator.name, indicator.level1, indicator.level2, indicator.target,
                                actual, indicator.weight if indicator.weight_given else None,
                                own if actual is not None else None, indicator.location))
        return points
    assert year.declaration is not None
    return [Point(year.year, i.name, i.level1, i.level2, i.target, None, i.weight, None, i.location)
            for i in year.declaration.indicators]


# -- comparing values ----------------------------------------------------------------------


def amount(value: Value | None) -> Quantity | None:
    """The value's one amount: its quantity, or the sum of its parts when they share a unit."""
    if value is None:
        return None
    if value.quantity is not None:
        return value.quantity
    if value.parts and all(p.quantity.unit == value.parts[0].quantity.unit for p in value.parts):
        first = value.parts[0].quantity
        total = sum((p.quantity.value for p in value.parts), Decimal(0))
        return Quantity(total, first.unit, f"{short(total)}{first.unit.text}")
    return None


def reverse(target: Value) -> bool:
    return target.comparator is not None and target.comparator.is_reverse


def compared(a: Value | None, b: Value | None) -> tuple[Decimal, Decimal] | None:
    qa, qb = amount(a), amount(b)
    if qa is None or qb is None:
        return None
    return to_common(qa, qb)


def missed(point: Point) -> bool | None:
    """Whether the year's actual fell short of its target (None: cannot tell). A word target
(及时, 具有) is met by the same word only."""
    pair = compared(point.actual, point.target)
    if pair is None:
        if point.actual is not None and point.actual.word is not None and point.target.word is not None:
            return point.actual.word != point.target.word
        return None
    actual, target = pair
    return actual > target if reverse(point.target) else actual < target


def lost_points(point: Point) -> bool:
    return point.actual is not None and point.score is not None and point.weight is not None \
        and point.score < point.weight


# -- findings ------------------------------------------------------------------------------


def _ceiling(target: Value) -> bool:
    """A rate target of 100% or more (完成率 100%): beating it a little says nothing of how it
    was set, and it cannot be raised."""
    quantity = amount(target)
    return quantity is not None and not reverse(target) and quantity.unit.base == "%" and quantity.base_value >= 1


def _consecutive(series: Series) -> list[tuple[Point, Point]]:
    return [(series.points[y - 1], series.points[y]) for y in series.years() if y - 1 in series.points]


def below_last_actual(history: History) -> list[Finding]:
    found = []
    for series in history.series:
        for before, now in _consecutive(series):
            if before.actual is None:
                continue
            pair = compared(now.target, before.actual)
            if pair is None or _ceiling(now.target):
                continue
            target, achieved = pair
            easier = target > achieved if reverse(now.target) else target < achieved
            if easier:
                found.append(make("target-below-last-actual", project=history.project, indicator=now.name,
                                  location=now.location or Location(), reported=now.target.text,
                                  expected=before.actual.text, year=now.year, last_year=before.year,
                                  derivation=f"{before.year}年目标“{before.target.text}”，实际完成“{before.actual.text}”；"
                                             f"{now.year}年目标“{now.target.text}”"))
    return found


def not_raised(history: History, ratio: Decimal | None = None) -> list[Finding]:
    """Beaten by at least the profile's over-completion ratio (130%) in two running years,
    with the second year's target no higher than the first's."""
    found = []
    for series in history.series:
        for before, now in _consecutive(series):
            if reverse(now.target) or reverse(before.target) or now.actual is None or before.actual is None:
                continue
            limit = ratio if ratio is not None else _ratio(history, now.year)
            over = [_over(point, limit) for point in (before, now)]
            if not all(over):
                continue
            pair = compared(now.target, before.target)
            if pair is None or pair[0] > pair[1]:
                continue
            found.append(make("target-not-raised", project=history.project, indicator=now.name,
                              location=now.location or Location(), years=f"{before.year}年、{now.year}年",
                              reported=now.target.text, expected=before.target.text,
                              derivation="；".join(f"{p.year}年{text}" for p, text in zip((before, now), over))))
    return found


def _ratio(history: History, year: int) -> Decimal:
    evaluation = history.years[year].evaluation if year in history.years else None
    return get_profile(evaluation.profile if evaluation else "national").overcompletion_ratio


def _over(point: Point, limit: Decimal) -> str | None:
    """'实际128份/目标100份=128%' when the actual beats the target by the limit, else None. A rate
    target is beaten only by a rate (a bare 95 is not 95%)."""
    target, actual = amount(point.target), amount(point.actual)
    if target is None or actual is None or (target.unit.base == "%" and actual.unit.base != "%"):
        return None
    pair = to_common(actual, target)
    if pair is None or pair[1] <= 0 or pair[0] < pair[1] * limit:
        return None
    return f"实际{point.actual.text}/目标{point.target.text}={percent(pair[0] / pair[1])}"


def lowered_after_miss(history: History) -> list[Finding]:
    found = []
    for series in history.series:
        for before, now in _consecutive(series):
            if before.actual is None or not missed(before):
                continue
            pair = compared(now.target, before.target)
            if pair is None:
                continue
            lowered = pair[0] > pair[1] if reverse(now.target) else pair[0] < pair[1]
            if lowered:
                found.append(make("target-lowered-after-miss", project=history.project, indicator=now.name,
                                  location=now.location or Location(), reported=now.target.text,
                                  expected=before.target.text, year=now.year, last_year=before.year,
                                  derivation=f"目标“{before.target.text}”，实际“{before.actual.text}”"))
    return found


def dropped_after_loss(history: History) -> list[Finding]:
    found = []
    for series in history.series:
        for year in series.years():
            before = series.points[year]
            following = history.years.get(year + 1)
            if following is None or year + 1 in series.points or not lost_points(before):
                continue
            found.append(make("indicator-dropped-after-loss", project=history.project, indicator=before.name,
                              location=following.location, year=year + 1, last_year=year,
                              reported=short(before.score), expected=short(before.weight),
                              derivation=f"{year}年得{short(before.score)}分，分值{short(before.weight)}分"))
    return found


def score_rate(year: Year) -> tuple[Decimal, Decimal, bool] | None:
    """(Σ scores, Σ weights, every indicator at full marks) of the year's indicators, on the
    document's own scores where printed (what the unit claimed), else the recomputed ones."""
    if year.evaluation is None:
        return None
    counted = _counted(year)
    scores, weights, full = Decimal(0), Decimal(0), True
    for index, indicator in enumerate(year.evaluation.indicators):
        own = indicator.reported_score if indicator.reported_score is not None else counted.get(index)
        if own is None:
            return None
        scores += own
        weights += indicator.weight
        full = full and own >= indicator.weight
    return (scores, weights, full) if weights > 0 else None


def inflated(history: History) -> list[Finding]:
    found = []
    for year in history.years.values():
        if year.result is None or year.evaluation is None or year.result.execution.rate is None:
            continue
        rate = score_rate(year)
        if rate is None:
            continue
        scores, weights, full = rate
        execution = year.result.execution.rate
        where = _funds_location(year)
        if scores > 0:
            score = scores / weights
            shortfall = (score - execution) / score
            if shortfall > INFLATION:
                found.append(make("self-score-inflated", project=history.project, year=year.year, location=where,
                                  reported=percent(score), expected=percent(execution),
                                  derivation=f"指标得分{short(scores)}/分值{short(weights)}={percent(score)}，"
                                             f"({percent(score)}−{percent(execution)})/{percent(score)}"
                                             f"={percent(shortfall)}>5%"))
        if full and execution < LOW_EXECUTION:
            found.append(make("full-marks-low-execution", project=history.project, year=year.year, location=where,
                              expected=percent(execution),
                              derivation=f"{len(year.evaluation.indicators)}项指标均得满分，执行率{percent(execution)}<80%"))
    return found


def _funds_location(year: Year) -> Location:
    total = year.evaluation.funds.total if year.evaluation else None
    if total is not None and total.location is not None:
        return total.location
    return year.location


FINDINGS = (below_last_actual, not_raised, lowered_after_miss, dropped_after_loss, inflated)
HISTORY_CODES = ("target-below-last-actual", "target-not-raised", "target-lowered-after-miss",
                 "indicator-dropped-after-loss", "self-score-inflated", "full-marks-low-execution")


def findings(history: History) -> list[Finding]:
    """Every history finding of one project, with the duplicate years that were set aside.
    A project seen in one year only has no history, and nothing is said of it."""
    if len(history.years) < 2:
        return []
    return list(history.notes) + [f for rule in FINDINGS for f in rule(history)]


__all__ = ["FINDINGS", "HISTORY_CODES", "History", "Point", "Series", "Year", "amount", "build", "canonical",
           "compared", "evaluated", "findings", "lost_points", "missed", "same_project", "score_rate"]
