"""Scoring rules: a registry with one module per rule kind. Importing this package
registers them all; `apply` scores an indicator by its own rule or the national default."""

from __future__ import annotations

from ..model import Indicator, RuleSpec
from ..registry import UnknownEntry
from . import (  # noqa: F401  (imported to register)
    bands,
    default,
    execution_rate,
    formula_rule,
    graded,
    qualitative,
    ratio,
    reported,
    reverse,
    steps,
    threshold,
    yesno,
    zero,
)
from ._common import problem_outcome
from .fast import KINDS as FAST_KINDS
from .fast import quick
from .text import UNPARSED
from .base import RULES, Context, Outcome, Param, Rule, get_rule, register



DEFAULT_SPEC = RuleSpec.of("default")


def apply(indicator: Indicator, ctx: Context) -> Outcome:
    """The indicator's own RuleSpec, else the national default. A rule that cannot read its
    parameters or the data becomes an Outcome with a problem, never an exception.

    The commonest shapes (the default, or a ratio, reverse, threshold or zero rule; a number
    against a number, or a word against a word) are scored by rules/fast.py without building
    their text; the derivation is then worked out by `explain` when first read, so it is the
    same text either way."""
    if indicator.rule is None or indicator.rule.kind in FAST_KINDS:
        try:
            outcome = quick(indicator, ctx)
        except ArithmeticError:
            outcome = None  # the full rule says what went wrong
        if outcome is not None:
            return outcome
    return explain(indicator, ctx)


def explain(indicator: Indicator, ctx: Context) -> Outcome:
    """`apply` by the full rule, its derivation written at once."""
    spec = indicator.rule or DEFAULT_SPEC
    if spec.kind == UNPARSED:
        # Readers keep a 评分细则 they could not read as kind 'unparsed'; scoring it by the
        # national default instead would guess at what the unit meant.
        return _located(problem_outcome("评分细则（无法识别）", f"评分细则无法识别：{spec.text.strip()}"), indicator)
    try:
        rule = get_rule(spec.kind)
    except UnknownEntry as error:
        return _located(problem_outcome(f"未知规则“{spec.kind}”", error.message), indicator)
    try:
        outcome = rule.score(indicator, spec, ctx)
    except (ValueError, ArithmeticError) as error:
        # ValueError covers FormulaError and ParamError: user-written rules, user data.
        outcome = problem_outcome(f"{rule.title}（{spec.kind}）", str(error))
    if outcome.full_marks_at is not None and outcome.score is not None and outcome.score >= indicator.weight:
        # "What would have earned full marks" answers only where points were lost.
        outcome = outcome.replace(full_marks_at=None)
    return _located(outcome, indicator)


def _located(outcome: Outcome, indicator: Indicator) -> Outcome:
    if outcome.problem is None:
        return outcome
    return outcome.replace(problem=outcome.problem.located(indicator.location, indicator=indicator.name))


__all__ = ["RULES", "Context", "Outcome", "Param", "Rule", "apply", "explain", "get_rule", "register"]
