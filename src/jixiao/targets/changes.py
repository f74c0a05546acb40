"""A self-evaluation against its approved declaration: one finding per change (declared →
used), unless the declaration records an approved adjustment that says exactly that.

Indicators are paired by normalised name, then by the closest name (a table that prints
`物业服务人员数量` for the declared `物业人员服务人员数量` is still the same indicator). A
target printed without a comparator is not a change by itself: the lost comparator is the
audit's `comparator-lost`, not a new target."""

from __future__ import annotations

from dataclasses import dataclass

from ..decimals import short
from ..declaration import Declaration, DeclaredIndicator
from ..findings import Finding, make
from ..model import Evaluation, Indicator, Location, Value
from ..numbers import parse_value, to_common
from .names import key, similarity

PAIRING = 0.6


@dataclass(frozen=True)
class Pair:
    declared: DeclaredIndicator
    used: Indicator
    location: Location | None


def pair(declared: list[DeclaredIndicator], used: list[tuple[Indicator, Location | None]]) -> tuple[
        list[Pair], list[DeclaredIndicator], list[tuple[Indicator, Location | None]]]:
    """(pairs, declared left over, used left over): exact keys first, then best similarity."""
    pairs: list[Pair] = []
    free_d = list(range(len(declared)))
    free_u = list(range(len(used)))
    for i in list(free_d):
        for j in free_u:
            if key(declared[i].name) == key(used[j][0].name):
                pairs.append(Pair(declared[i], used[j][0], used[j][1]))
                free_d.remove(i)
                free_u.remove(j)
                break
    scored = sorted(((similarity(declared[i].name, used[j][0].name), -i, -j, i, j) for i in free_d for j in free_u),
                    reverse=True)
    taken_d: set[int] = set()
    taken_u: set[int] = set()
    for score, _, _, i, j in scored:
        if score < PAIRING or i in taken_d or j in taken_u:
            continue
        taken_d.add(i)
        taken_u.add(j)
        pairs.append(Pair(declared[i], used[j][0], used[j][1]))
    return (pairs, [declared[i] for i in free_d if i not in taken_d],
            [used[j] for j in free_u if j not in taken_u])


def same_target(a: Value, b: Value) -> bool:
    """The same target: equal texts, the same word, or the same amount in the same base unit
    with no contradicting comparators (a missing comparator contradicts none)."""
    if a.text.strip() == b.text.strip():
        return True
    if a.word is not None or b.word is not None:
        return a.word == b.word
    if a.comparator is not None and b.comparator is not None and a.comparator != b.comparator:
        return False
    if a.quantity is not None and b.quantity is not None:
        pair = to_common(a.quantity, b.quantity)
        return pair is not None and pair[0] == pair[1] and a.quantity.unit.base == b.quantity.unit.base
    if a.parts and b.parts:
        return [(p.label, p.quantity.base_value) for p in a.parts] == [(p.label, p.quantity.base_value)
                                                                         for p in b.parts]
    return False


def changes(declaration: Declaration, evaluation: Evaluation,
            locations: list[Location | None] | None = None) -> list[Finding]:
    """`locations`: where the self-evaluation printed each of its indicators (its table rows),
    else the indicators' own locations."""
    spots = locations or [i.location for i in evaluation.indicators]
    pairs, unused, extra = pair(list(declaration.indicators), list(zip(evaluation.indicators, spots)))
    project = evaluation.project
    found: list[Finding] = []
    for p in pairs:
        adjustment = declaration.adjustment(p.declared.name) or declaration.adjustment(p.used.name)
        approved_target = parse_value(adjustment.target) if adjustment and adjustment.target else None
        target = approved_target or p.declared.target
        if not same_target(target, p.used.target):
            found.append(make("target-changed", project=project, indicator=p.used.name, location=p.location,
                              reported=p.used.target.text, expected=target.text,
                              derivation=_named(p)))
        weight = adjustment.weight if adjustment and adjustment.weight is not None else p.declared.weight
        if weight is not None and p.used.weight_given and weight != p.used.weight:
            found.append(make("weight-changed", project=project, indicator=p.used.name, location=p.location,
                              reported=short(p.used.weight), expected=short(weight), derivation=_named(p)))
    for indicator, location in extra:
        found.append(make("indicator-not-declared", project=project, indicator=indicator.name, location=location,
                          reported=indicator.target.text,
                          derivation=f"申报表有{len(declaration.indicators)}个指标，均与之不对应"))
    for declared in unused:
        found.append(make("declared-indicator-missing", project=project, indicator=declared.name,
                          location=evaluation.location or Location(), expected=declared.target.text,
                          weight=short(declared.weight) if declared.weight is not None else "未填"))
    return found


def _named(p: Pair) -> str:
    return "" if key(p.declared.name) == key(p.used.name) else f"申报表中名为“{p.declared.name}”"


CHANGE_CODES = ("target-changed", "weight-changed", "indicator-not-declared", "declared-indicator-missing")

__all__ = ["CHANGE_CODES", "Pair", "changes", "pair", "same_target"]
