"""A model `Evaluation` (a YAML file, a project stored in the web app) as audit documents.

The evaluation's own reported figures — each indicator's 自评得分, the funds block's 分值 /
执行率 / 得分, the 总分 — become `Printed` values, so the audit checks them exactly as it
checks a printed table. Each printed value is located at its indicator's (or fund line's)
place in the source, with `field` naming the YAML field (`indicators[3].reported_score`),
so a finding can be shown beside the row it is about.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..decimals import plain, short
from ..document import DocKind, Document, Printed, PrintedFundLine, TableRow
from ..model import Evaluation, Kind, Location

HUNDRED = Decimal(100)


def _at(base: Location | None, fallback: Location, field: str) -> Location:
    return replace(base or fallback, field=field)


def _number(value: Decimal | None, location: Location) -> Printed | None:
    # A Decimal keeps the digits it was written with ("4", "9.17", "0.80"), so its text is
    # the figure as printed, at the precision it was printed.
    return None if value is None else Printed(plain(value), value, location)


def _rate(value: Decimal | None, location: Location) -> Printed | None:
    # The model keeps a rate as a fraction (0.9174); the form printed it in percent.
    return None if value is None else Printed(short(value * HUNDRED) + "%", value, location, percent=True)


def evaluation_document(evaluation: Evaluation, source: str | None = None, findings=()) -> Document:
    """The table document of one evaluation, with every figure it reports as printed."""
    origin = evaluation.location or Location(file=source)
    source = source or origin.file or ""
    origin = origin if origin.file else Location(file=source, line=origin.line)
    rows = []
    for index, indicator in enumerate(evaluation.indicators):
        field = f"indicators[{index}]"
        score_at = _at(indicator.location, origin, f"{field}.reported_score")
        score = _number(indicator.reported_score, score_at) or Printed("", None, score_at)
        rows.append(TableRow(
            index=index,
            weight=Printed(plain(indicator.weight), indicator.weight, _at(indicator.location, origin,
                                                                          f"{field}.weight")),
            score=score,
            target_text=indicator.target.text,
            actual_text=indicator.actual.text,
            location=score_at,
            printed_level1=indicator.level1,
            printed_level2=indicator.level2,
        ))
    funds = []
    for index, line in enumerate(evaluation.funds.lines):
        field = f"funds.lines[{index}].reported"
        funds.append(PrintedFundLine(
            line.source,
            _number(line.reported_weight, _at(line.location, origin, f"{field}.weight")),
            _rate(line.reported_rate, _at(line.location, origin, f"{field}.rate")),
            _number(line.reported_score, _at(line.location, origin, f"{field}.score")),
            tuple((name, _at(line.location, origin, f"funds.lines[{index}].{name}"))
                  for name in ("initial_budget", "budget", "executed")),
        ))
    total = _number(evaluation.reported_total, Location(file=origin.file, field="reported_total"))
    return Document(
        source=source,
        kind=DocKind.DEPARTMENT_TABLE if evaluation.kind == Kind.DEPARTMENT else DocKind.PROJECT_TABLE,
        project=evaluation.project,
        location=origin,
        evaluation=evaluation,
        rows=tuple(rows),
        total=total,
        printed_funds=tuple(funds),
        findings=tuple(findings),
    )


__all__ = ["evaluation_document"]
