"""Write a synthetic evaluation as a jixiao YAML file (docs/architecture.md, "The YAML evaluation file").

Written by hand rather than with yaml.dump: every scalar is a double-quoted string (JSON string
syntax is valid YAML), so the loader reads text, never floats, and writing 100k files stays fast.
"""

from __future__ import annotations

import json
from decimal import Decimal

from jixiao.model import Evaluation, FundLine, Indicator, RuleSpec

from .draw import round2
from .values import number_text


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _d(value: Decimal) -> str:
    return _q(number_text(value))


def _param(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_param(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _d(value)
    return _q(str(value))


def _rule(spec: RuleSpec) -> str:
    parts = [f"kind: {spec.kind}"] + [f"{key}: {_param(value)}" for key, value in spec.params]
    return "{" + ", ".join(parts) + "}"


def _fund_line(line: FundLine) -> list[str]:
    out = [f"    - source: {line.source.value}"]
    for name in ("initial_budget", "budget", "executed"):
        value = getattr(line, name)
        if value is not None:
            out.append(f"      {name}: {_q(format(value, 'f'))}")
    reported = []
    if line.reported_weight is not None:
        reported.append(f"weight: {_d(line.reported_weight)}")
    if line.reported_rate is not None:
        reported.append(f"rate: {_q(format(round2(line.reported_rate * 100), 'f') + '%')}")
    if line.reported_score is not None:
        reported.append(f"score: {_q(format(line.reported_score, 'f'))}")
    if reported:
        out.append("      reported: {" + ", ".join(reported) + "}")
    return out


def _indicator(indicator: Indicator, previous: Indicator | None, with_rule_text: bool) -> list[str]:
    out = []
    first = "  - "
    # As on the printed forms, 一级/二级 are left out when they repeat the row above.
    if previous is None or previous.level1 != indicator.level1:
        out.append(f"{first}level1: {indicator.level1}")
        first = "    "
    if previous is None or previous.level2 != indicator.level2 or previous.level1 != indicator.level1:
        out.append(f"{first}level2: {indicator.level2}")
        first = "    "
    out.append(f"{first}name: {_q(indicator.name)}")
    out.append(f"    target: {_q(indicator.target.text)}")
    out.append(f"    actual: {_q(indicator.actual.text)}")
    out.append(f"    weight: {_d(indicator.weight)}")
    if indicator.rule is not None:
        if with_rule_text and indicator.rule.text:
            out.append(f"    rule_text: {_q(indicator.rule.text)}")
        else:
            out.append(f"    rule: {_rule(indicator.rule)}")
    if indicator.reported_score is not None:
        out.append(f"    reported_score: {_q(format(indicator.reported_score, 'f'))}")
    if indicator.deviation_reason:
        out.append(f"    deviation_reason: {_q(indicator.deviation_reason)}")
    return out


def to_yaml(evaluation: Evaluation, with_rule_text: bool = False) -> str:
    """The YAML text of one evaluation. `with_rule_text` writes each stated rule as its 评分细则
    text (parsed by jixiao.rules.text on load) instead of the explicit `rule:` mapping."""
    out = [
        f"kind: {evaluation.kind.value}",
        f"year: {evaluation.year}" if evaluation.year is not None else "",
        f"project: {_q(evaluation.project)}",
        f"department: {_q(evaluation.department)}",
        f"unit: {_q(evaluation.unit)}",
        f"profile: {evaluation.profile}",
        "funds:",
        f"  unit: {evaluation.funds.unit.text}",
        "  lines:",
    ]
    for line in evaluation.funds.lines:
        out += _fund_line(line)
    out.append("goals:")
    for goal in evaluation.goals:
        out.append(f"  - expected: {_q(goal.expected)}")
        out.append(f"    actual: {_q(goal.actual)}")
    if evaluation.declared_weights:
        out.append(
            "declared_weights: {" + ", ".join(f"{k}: {_d(v)}" for k, v in evaluation.declared_weights) + "}"
        )
    out.append("indicators:")
    previous = None
    for indicator in evaluation.indicators:
        out += _indicator(indicator, previous, with_rule_text)
        previous = indicator
    if evaluation.reported_total is not None:
        out.append(f"reported_total: {_q(format(evaluation.reported_total, 'f'))}")
    return "\n".join(line for line in out if line) + "\n"
