"""Target suggestions by the 历史标准 and the 预算支出标准, each with its derivation. They are
offered, never applied: the user chooses one (or none) for the next declaration."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..decimals import round2, short
from ..declaration import Declaration
from ..model import Quantity
from ..numbers import to_common
from .history import History, Series, amount, canonical, reverse


@dataclass(frozen=True)
class Suggestion:
    label: str          # 上年实际 / 近三年平均 / 历史最优 / 预算支出标准
    target: str         # the target text it suggests, with comparator and unit
    derivation: str


def _in_unit(value: Decimal, like: Quantity) -> Decimal:
    """A base value expressed in `like`'s unit (万单, %, 元/人/天)."""
    return value / like.unit.scale


def _text(comparator: str, value: Decimal, like: Quantity) -> str:
    return f"{comparator}{short(round2(value))}{like.unit.text}"


def suggestions(series: Series, year: int, declaration: Declaration | None = None) -> list[Suggestion]:
    """What the history suggests as the target of `year` for one indicator."""
    latest = series.points[max(series.points)]
    like = amount(latest.target)
    if like is None:
        return []
    comparator = latest.target.comparator.value if latest.target.comparator else ("≤" if reverse(latest.target) else "≥")
    past = []
    for y in sorted(series.points):
        point = series.points[y]
        if y >= year or point.actual is None:
            continue
        achieved = amount(point.actual)
        pair = to_common(achieved, like) if achieved is not None else None
        if pair is None:
            continue
        past.append((y, point.actual.text, pair[0]))
    found: list[Suggestion] = []
    if past and past[-1][0] == year - 1:
        y, text, value = past[-1]
        found.append(Suggestion("上年实际", _text(comparator, _in_unit(value, like), like), f"{y}年实际完成{text}"))
    recent = past[-3:]
    if len(recent) >= 2:
        mean = sum((v for _, _, v in recent), Decimal(0)) / len(recent)
        shown = _text("", _in_unit(mean, like), like)
        found.append(Suggestion(f"近{len(recent)}年平均", _text(comparator, _in_unit(mean, like), like),
                                f"({'+'.join(t for _, t, _ in recent)})/{len(recent)}={shown}"
                                f"（{'、'.join(str(y) for y, _, _ in recent)}年）"))
    if past:
        pick = min if reverse(latest.target) else max
        y, text, value = pick(past, key=lambda item: item[2])
        found.append(Suggestion("历史最优", _text(comparator, _in_unit(value, like), like),
                                f"{y}年实际完成{text}，为{'历年最低' if reverse(latest.target) else '历年最高'}"))
    # A suggestion that is the target already set says nothing new.
    current = {latest.target.text.strip(), _text(comparator, _in_unit(like.base_value, like), like)}
    found = [s for s in found if s.target not in current]
    if declaration is not None:
        for indicator in declaration.indicators:
            if canonical(indicator.name, {}) == series.key and indicator.standard is not None:
                found.append(Suggestion("预算支出标准", indicator.standard.text,
                                        f"申报表所列预算支出标准{indicator.standard.text}（成本指标不得高于此标准）"))
    return found


def all_suggestions(history: History, year: int) -> dict[str, list[Suggestion]]:
    declaration = history.years[year].declaration if year in history.years else None
    return {series.key: suggestions(series, year, declaration) for series in history.series}


__all__ = ["Suggestion", "all_suggestions", "suggestions"]
