"""A self-evaluation started from an approved declaration: its tree, targets and weights
carried over, approved adjustments applied (and held to them: any later change is a `target-changed`/`weight-changed`
finding unless approved), the actuals left blank for the unit to fill in."""

from __future__ import annotations

from decimal import Decimal

from ..declaration import Declaration
from ..model import Evaluation, FundLine, Funds, FundSource, Goal, Indicator, Value
from ..numbers import parse_value


def evaluation_from_declaration(declaration: Declaration, profile: str = "national") -> Evaluation:
    lines = ()
    if declaration.budget is not None:
        lines = (FundLine(FundSource.TOTAL, initial_budget=declaration.budget, budget=declaration.budget),)
    indicators = []
    for i in declaration.indicators:
        # An approved adjustment is what the year is held to.
        adjustment = declaration.adjustment(i.name)
        target = parse_value(adjustment.target) if adjustment and adjustment.target else i.target
        weight = adjustment.weight if adjustment and adjustment.weight is not None else i.weight
        indicators.append(Indicator(level1=i.level1, level2=i.level2, name=i.name, target=target, actual=Value(""),
                                    weight=weight if weight is not None else Decimal(0), goal=i.goal,
                                    weight_given=weight is not None, location=i.location))
    return Evaluation(
        kind=declaration.kind,
        project=declaration.project,
        unit=declaration.unit,
        department=declaration.department,
        year=declaration.year,
        funds=Funds(declaration.funds_unit, lines),
        goals=tuple(Goal(text) for text in declaration.goals),
        indicators=tuple(indicators),
        declared_weights=declaration.declared_weights,
        profile=profile,
        location=declaration.location,
    )


__all__ = ["evaluation_from_declaration"]
