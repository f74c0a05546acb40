"""A target beaten by far (actual ≥ the profile's over-completion ratio × target, 130% on the
national platform) needs an explanation: the target may have been set too low."""

from __future__ import annotations

from decimal import Decimal

from ...numbers import to_common
from ...profile import get_profile
from ..context import AuditContext
from ...findings import make
from ..registry import check
from ._util import pct


def _target_amount(value):
    if value.quantity is not None:
        return value.quantity
    if value.parts:
        first = value.parts[0].quantity
        if all(p.quantity.unit == first.unit for p in value.parts):
            from dataclasses import replace

            total = sum((p.quantity.value for p in value.parts), Decimal(0))
            return replace(first, value=total, text=f"{total}{first.unit.text}")
    return None


@check("overcompletion", "overcompletion-unexplained")
def overcompletion(context: AuditContext):
    for table in context.tables:
        ratio_limit = get_profile(table.evaluation.profile).overcompletion_ratio
        for link in context.links(table):
            indicator = link.indicator
            target, actual = indicator.target, indicator.actual
            if target.comparator is not None and target.comparator.is_reverse:
                continue
            goal = _target_amount(target)
            if goal is None or actual.quantity is None or indicator.deviation_reason.strip():
                continue
            # A rate target (satisfaction ≥85%) cannot be beaten by 30%; only counts and amounts.
            pair = to_common(actual.quantity, goal)
            if pair is None or pair[1] <= 0:
                continue
            a, t = pair
            if goal.unit.base == "%" and actual.quantity.unit.base != "%":
                continue
            if a >= t * ratio_limit:
                yield make("overcompletion-unexplained", project=table.project, indicator=indicator.name,
                           location=link.row.location, reported=link.row.actual_text, expected=target.text,
                           ratio=pct(a / t), derivation=f"{a}/{t}={pct(a / t)}")
