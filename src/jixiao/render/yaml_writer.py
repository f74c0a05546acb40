"""The one YAML writer: an evaluation (or a stored project's values) as the YAML evaluation
file (docs/architecture.md), every number a quoted string as written, so that loading the
result gives back an equal evaluation (locations aside).

The store builds a stored project's file from the same pieces (`fund_line_data`,
`indicator_data`), so every YAML jixiao writes has one form: a reported 执行率 is written as
printed, in percent."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import yaml

from ..decimals import plain, short
from ..model import Evaluation, FundLine, Indicator, RuleSpec
from .yaml_department import department_blocks

HUNDRED = Decimal(100)
# libyaml's emitter when PyYAML has it (about 3× faster; the project page writes YAML on every score).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=1000)


def _number(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def fund_line_data(source: str, amounts: Iterable[tuple[str, Decimal | None]],
                   weight: Decimal | None = None, rate: Decimal | None = None,
                   score: Decimal | None = None) -> dict[str, Any]:
    """One funds line: its source, amounts (initial_budget, budget, executed) and what the
    document printed (分值, 执行率 as a fraction, 得分)."""
    data: dict[str, Any] = {"source": source}
    data.update({key: plain(value) for key, value in amounts if value is not None})
    reported = {key: text for key, text in (("weight", _number(weight)),
                                             ("rate", None if rate is None else short(rate * HUNDRED) + "%"),
                                             ("score", _number(score))) if text is not None}
    if reported:
        data["reported"] = reported
    return data


def rule_data(rule_text: str, params: dict[str, Any] | None) -> dict[str, Any]:
    """The rule of an indicator: its 评分细则 text, else its explicit rule."""
    if rule_text:
        return {"rule_text": rule_text}
    if params:
        return {"rule": params}
    return {}


def indicator_data(*, level1: str, level2: str, name: str, target: str, actual: str, weight: Decimal,
                   rule: dict[str, Any], reported_score: Decimal | None, deviation_reason: str,
                   goal: int | None) -> dict[str, Any]:
    data: dict[str, Any] = {"level1": level1, "level2": level2, "name": name, "target": target, "actual": actual,
                            "weight": plain(weight), **rule}
    if reported_score is not None:
        data["reported_score"] = plain(reported_score)
    if deviation_reason:
        data["deviation_reason"] = deviation_reason
    if goal is not None:
        data["goal"] = str(goal)
    return data


def spec_params(spec: RuleSpec | None) -> dict[str, Any] | None:
    """An explicit rule as its YAML (or JSON) mapping — kind and parameters, every value text
    or a list of texts; None for a stated 评分细则."""
    if spec is None or spec.text:
        return None
    return {"kind": spec.kind, **{key: _param(value) for key, value in spec.params}}


def evaluation_data(evaluation: Evaluation) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": evaluation.kind.value}
    if evaluation.year is not None:
        data["year"] = str(evaluation.year)
    data["project"] = evaluation.project
    if evaluation.department:
        data["department"] = evaluation.department
    if evaluation.unit:
        data["unit"] = evaluation.unit
    if evaluation.profile != "national":
        data["profile"] = evaluation.profile
    if evaluation.funds.lines:
        data["funds"] = {"unit": evaluation.funds.unit.text, "lines": [_fund_line(line) for line in evaluation.funds.lines]}
    if evaluation.goals:
        data["goals"] = [{"expected": goal.expected, "actual": goal.actual} for goal in evaluation.goals]
    if evaluation.declared_weights:
        data["declared_weights"] = {name: plain(weight) for name, weight in evaluation.declared_weights}
    data["indicators"] = [_indicator(indicator) for indicator in evaluation.indicators]
    if evaluation.reported_total is not None:
        data["reported_total"] = plain(evaluation.reported_total)
    data.update(department_blocks(evaluation))
    return data


def dump_evaluation(evaluation: Evaluation) -> str:
    return dump(evaluation_data(evaluation))


def _fund_line(line: FundLine) -> dict[str, Any]:
    return fund_line_data(line.source.value, (("initial_budget", line.initial_budget), ("budget", line.budget),
                                              ("executed", line.executed)),
                          line.reported_weight, line.reported_rate, line.reported_score)


def _indicator(indicator: Indicator) -> dict[str, Any]:
    spec = indicator.rule
    return indicator_data(level1=indicator.level1, level2=indicator.level2, name=indicator.name,
                          target=indicator.target.text, actual=indicator.actual.text, weight=indicator.weight,
                          rule=rule_data(spec.text if spec else "", spec_params(spec)),
                          reported_score=indicator.reported_score, deviation_reason=indicator.deviation_reason,
                          goal=indicator.goal)


def _param(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, (tuple, list)):
        return [_param(item) for item in value]
    return value if isinstance(value, str) else str(value)


__all__ = ["dump", "dump_evaluation", "evaluation_data", "fund_line_data", "indicator_data", "rule_data",
           "spec_params"]
