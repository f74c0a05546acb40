"""Every indicator score against the engine's (jixiao.engine.score) with the rule the
documents state (the 评价报告's 评分细则), else the national default; both are shown when
they disagree with the document. A score the rule accepts (its own, or one inside the band
the rule states as acceptable: the qualitative bands) agrees; so does a score the actual's
printed precision can explain (55% may be 54.5%–55.5%: the engine scores both ends).
Indicators that appear only in an evaluation report are scored from the report's own
target, rule and actual."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from ...decimals import round2
from ...engine import score as score_evaluation
from ...model import Evaluation, Indicator, Kind
from ...numbers import parse_value
from ...profile import get_profile
from ...rules.execution_rate import is_execution
from ..context import AuditContext, Link
from ...document import Printed
from ...findings import make
from ..registry import check
from ._actuals import precision_variants, quantities_in, same_kind
from ._util import num, place, score, table_score_decimals


def _score_one(evaluation: Evaluation, indicator: Indicator):
    return score_evaluation(evaluation.with_indicators((indicator,))).indicators[0].outcome


def _explained(evaluation: Evaluation, indicator: Indicator, reported: Decimal) -> bool:
    variants = precision_variants(indicator.actual)
    if variants is None:
        return False
    scores = []
    for actual in variants:
        outcome = _score_one(evaluation, replace(indicator, actual=actual))
        if outcome.score is None:
            return False
        scores.append(round2(min(outcome.score, indicator.weight)))
    return min(scores) <= reported <= max(scores)


def _scored_from_funds(evaluation: Evaluation, indicator: Indicator) -> bool:
    return get_profile(evaluation.profile).execution_in_tree and is_execution(indicator)


def _compare(project: str, evaluation: Evaluation, indicator: Indicator, printed: Printed, outcome, default,
             rule_label: str, table_decimals: int = 2):
    if outcome is None or outcome.score is None or printed.value is None:
        return None
    target = indicator.target
    if indicator.rule is None and target.quantity is None and not target.parts and target.word is None \
            and outcome.band is None and not _scored_from_funds(evaluation, indicator):
        # A free-text target cannot verify a score (target-not-measurable reports the target),
        # unless the actual says how far it was reached (a qualitative band), or the row is
        # budget execution scored from the funds (Ningxia's 预算执行率 prints no target).
        return None
    expected = round2(min(outcome.score, indicator.weight))
    reported = printed.value
    if reported == expected or outcome.accepts(reported) or _explained(evaluation, indicator, reported):
        return None
    derivation = outcome.derivation
    if outcome.score > indicator.weight:
        derivation += f"，超过分值按{num(indicator.weight)}计"
    if default is not None and default.score is not None and round2(default.score) != expected:
        derivation += f"；按全国默认规则：{default.derivation}"
    # A stated rule at odds with its own target (实际×分值 for a ≥85% target gives less than full
    # marks at the target), or a score that follows the national default instead: the document's
    # score is then defensible, so the disagreement is a warning, not an error.
    follows_default = default is not None and default.score is not None and \
        round2(min(default.score, indicator.weight)) == reported
    doubtful_rule = outcome.problem is not None or follows_default
    # A form printing every score to whole points rounds on purpose (6 for 5.96); a whole 2 for
    # 1.80 in a table that prints 1.51 elsewhere is a wrong score, not a precision.
    rounds = printed.decimals == 1 or (printed.decimals == 0 and table_decimals == 0)
    if rounds and not follows_default \
            and expected.quantize(Decimal(1).scaleb(-printed.decimals), ROUND_HALF_UP) == reported:
        return make("score-rounded", project=project, indicator=indicator.name, location=printed.location,
                    reported=printed.text, expected=score(expected), derivation=derivation)
    return make("score-mismatch", project=project, indicator=indicator.name, location=printed.location,
                reported=printed.text, expected=score(expected), derivation=derivation, rule=rule_label,
                severity="warning" if doubtful_rule else None)


def _rule_label(link: Link, outcome) -> str:
    if link.rule_row is not None and link.indicator.rule is None and outcome is not None:
        return f"评分细则（{place(link.rule_row.location)}）"
    return outcome.rule if outcome is not None else "评分规则"


@check("scores", "score-mismatch", "score-rounded", "conflicting-fact")
def scores(context: AuditContext):
    for table in context.tables:
        result = context.result(table)
        default = context.result(table, stated=False)
        scored = context.evaluation_for_scoring(table)
        decimals = table_score_decimals(context.links(table))
        for link, outcome, plain_outcome, indicator in zip(context.links(table), result.indicators,
                                                           default.indicators, scored.indicators):
            stated = indicator.rule is not None
            label = (f"评分细则（{place(link.rule_row.location)}）" if stated and link.rule_row
                     else outcome.outcome.rule)
            finding = _compare(table.project, scored, indicator, link.row.score, outcome.outcome,
                               plain_outcome.outcome if stated else None, label, decimals)
            if finding is not None:
                yield finding
            yield from _statements(table, link, scored, indicator, outcome.outcome,
                                   plain_outcome.outcome if stated else None, label)
    yield from _report_only(context)


def _statements(table, link: Link, scored: Evaluation, indicator: Indicator, outcome, default, label: str):
    """A narrative or report that restates a score differently from the table: checked against
    the recomputation (a restatement equal to the table's is covered by the table's finding)."""
    for statement, document in link.results():
        printed = statement.score
        if printed is None or printed.value is None or printed.value == link.row.score.value:
            continue
        if re.fullmatch(r"0\d+", printed.text):
            continue  # a leading zero is reported as a mistyped number
        finding = _compare(table.project, scored, indicator, printed, outcome, default, label)
        if finding is not None:
            yield replace(finding, derivation=finding.derivation + f"；自评表{place(link.row.location)}为"
                                                                   f"{link.row.score.text}")
        elif outcome is None or outcome.score is None:
            yield make("conflicting-fact", project=table.project, indicator=indicator.name,
                       location=printed.location, reported=printed.text, expected=link.row.score.text,
                       where=f"指标“{indicator.name}”的得分", derivation=f"自评表{place(link.row.location)}")


def _report_only(context: AuditContext):
    """Rule rows of a report with no row in its table, scored from the report's paragraph."""
    for report in context.documents:
        table = context.table_for(report)
        if table is None:
            continue
        for rule_row in context.unmatched_rule_rows(report):
            statement = next((s for s in report.statements if s.section == "result" and s.score is not None
                              and s.name and (s.name == rule_row.name or s.name in rule_row.name
                                              or rule_row.name in s.name)), None)
            if statement is None or rule_row.weight.value is None:
                continue
            target = parse_value(rule_row.target_text)
            actuals = quantities_in(statement.actual_text)
            if target.quantity is not None:
                actuals = [q for q in actuals if same_kind(q, target.quantity)]
            if not actuals:
                continue
            actual = parse_value(actuals[-1].text)
            spec = rule_row.rule
            indicator = Indicator(rule_row.level1, rule_row.level2, rule_row.name, target, actual,
                                  rule_row.weight.value, rule=spec, reported_score=statement.score.value,
                                  location=statement.location)
            evaluation = Evaluation(kind=Kind.PROJECT, project=report.project, funds=table.evaluation.funds,
                                    indicators=(indicator,))
            outcome = _score_one(evaluation, indicator)
            label = f"评分细则（{place(rule_row.location)}）" if spec is not None else outcome.rule
            finding = _compare(report.project, evaluation, indicator, statement.score, outcome, None, label)
            if finding is not None:
                yield finding
