"""What the unit claims: its 自评得分 per indicator and for budget execution, and the 自评总分
they add up to. A form prints its total beside the scores; when the unit changes a score in
the page, the total it claims changes with it (as the national platform sums it), so a
corrected score never leaves a stale total behind."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy.orm import Session

from ..decimals import plain
from ..numbers import SCORE
from . import models as m
from .edits import parse_amount

TOTAL_SOURCE = "年度资金总额"


def parse_score(text: str, what: str) -> Decimal | None:
    """A claimed or reviewed score typed in a form (blank: none), in the scores' domain."""
    return parse_amount(text, what, SCORE)


def execution_claim(lines: Iterable[tuple[str, Decimal | None]]) -> Decimal | None:
    """The execution score claimed: the 年度资金总额 line's, else the sum of the sources'
    (None when the form claims none)."""
    lines = list(lines)
    for source, score in lines:
        if source == TOTAL_SOURCE:
            return score
    scores = [score for _, score in lines if score is not None]
    return sum(scores, Decimal(0)) if scores else None


def claimed_sum(execution: Decimal | None, indicators: Iterable[Decimal | None]) -> tuple[Decimal | None, int]:
    """(the total of the claims, how many are missing); the total is None while any is missing."""
    claims = [execution, *indicators]
    missing = sum(1 for claim in claims if claim is None)
    return (None if missing else sum(claims, Decimal(0))), missing


def project_claims(project: m.Project) -> tuple[Decimal | None, int]:
    execution = execution_claim((line.source, line.reported_score) for line in project.fund_lines)
    return claimed_sum(execution, (ind.reported_score for ind in project.indicators))


def settle_total(session: Session, project: m.Project, user: m.User) -> m.Change | None:
    """After the unit changed a claimed score: the 自评总分 becomes the sum of the claims (or
    blank while some are missing), recorded in the history. Called inside the save that
    changed the score, so it shares that save's version."""
    total, _missing = project_claims(project)
    old = project.reported_total
    if (old is None and total is None) or (old is not None and total is not None and old == total):
        return None
    project.reported_total = total
    change = m.Change(project_id=project.id, user_id=user.id, username=user.username, field="自评总分",
                      old=_shown(old), new=_shown(total))
    session.add(change)
    session.flush()
    return change


def _shown(value: Decimal | None) -> str:
    return "" if value is None else plain(value)
