"""The target review of a declaration with its grade, and a project's history with its findings
and suggestions (issue 12)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from ..audit import audit_documents
from ..declaration import Declaration
from ..document import Document
from ..engine import score
from ..findings import Finding, InputError
from ..model import Evaluation
from ..targets.changes import CHANGE_CODES
from ..numbers import to_common
from ..targets.history import (History, amount, build, evaluated, findings as history_findings, missed,
                               same_project)
from ..targets.names import project_key
from ..targets.review import REVIEW_CODES, Grade, grade
from ..targets.sources import SOURCES
from ..targets.suggest import Suggestion, suggestions
from .reading import read_documents

@dataclass
class TargetReview:
    """The review of one declaration: its grade, the findings behind it (with the changes a
    self-evaluation made and the history of its targets when those were given)."""

    document: Document
    grade: Grade
    findings: list[Finding]

    @property
    def declaration(self) -> Declaration:
        assert self.document.declaration is not None
        return self.document.declaration

    def as_dict(self) -> dict:
        return {
            "project": self.declaration.project,
            "year": self.declaration.year,
            "source": self.document.source,
            "grade": self.grade.grade,
            "reasons": list(self.grade.reasons),
            "consequence": self.grade.consequence,
            "findings": [finding.as_dict() | {"source": cite_dict(finding.code)} for finding in self.findings],
        }


def cite_dict(code: str) -> dict | None:
    source = SOURCES.get(code)
    if source is None:
        return None
    return {"document": source.document, "article": source.article, "quote": source.quote,
            "verified": source.verified, "url": source.url, "note": source.note}


HISTORY_TARGET_CODES = ("target-below-last-actual", "target-lowered-after-miss", "target-not-raised")
TARGET_CODES = REVIEW_CODES + CHANGE_CODES + HISTORY_TARGET_CODES


def review_documents(documents: list[Document], context: list[Document] = ()) -> list[TargetReview]:
    """Each declaration among `documents`, reviewed with everything else in them and in
    `context` (other years, read but not reviewed themselves): its year's self-evaluation
    (changes after approval) and earlier years' (a target equal to, or below, what was already
    achieved; a target lowered after a miss)."""
    declarations = [d for d in documents if d.declaration is not None]
    documents = list(documents) + [d for d in context if not any(d is mine for mine in documents)]
    if not declarations:
        raise InputError(Finding("form-not-found", "没有找到绩效目标申报表（项目支出绩效目标申报表）"))
    report = audit_documents(documents, pick=REVIEW_CODES + CHANGE_CODES)
    reviews = []
    for document in declarations:
        declaration = document.declaration
        where = declaration.location.file if declaration.location else None
        mine = [f for f in report.findings if project_key(f.project) == project_key(declaration.project)
                and (f.code in CHANGE_CODES and _same_year(f, documents, declaration) or f.location.file == where)]
        mine += _earlier_years(declaration, documents)
        review_only = [f for f in mine if f.code in REVIEW_CODES or f.code in HISTORY_TARGET_CODES]
        reviews.append(TargetReview(document, grade(review_only, len(declaration.indicators)),
                                    sorted(mine, key=Finding.sort_key)))
    return reviews


def _same_year(finding: Finding, documents: list[Document], declaration: Declaration) -> bool:
    """A change finding on the self-evaluation of the declaration's own year."""
    return any(d.evaluation is not None and d.evaluation.year == declaration.year
               and finding.location.file == (d.location.file or d.source) for d in documents)


def _earlier_years(declaration: Declaration, documents: list[Document]) -> list[Finding]:
    """The history findings on this declaration's targets, against the same project's earlier
    self-evaluations."""
    if declaration.year is None:
        return []
    earlier = [(_with_unit(d), None) for d in documents if d.evaluation is not None
               and d.evaluation.year is not None and d.evaluation.year < declaration.year
               and same_project(d.evaluation.unit or d.unit, d.evaluation.project, declaration.unit,
                                declaration.project)]
    if not earlier:
        return []
    found = []
    for project in build([(e, score(e)) for e, _ in earlier], [declaration]):
        found += [f for f in history_findings(project) if f.code in HISTORY_TARGET_CODES
                  and f.location.file == (declaration.location.file if declaration.location else None)]
    return found


def review(paths: Iterable[str | Path], history: Iterable[str | Path] = ()) -> list[TargetReview]:
    documents, _ = read_documents(paths)
    named = {str(Path(d.source)) for d in documents}
    earlier = []
    if history:
        earlier, _ = read_documents(history, strict=False)
        earlier = [d for d in earlier if str(Path(d.source)) not in named]
    return review_documents(documents, earlier)


# -- history ----------------------------------------------------------------------------------


@dataclass
class ProjectHistory:
    history: History
    findings: list[Finding]
    next_year: int
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)

    @property
    def years(self) -> list[int]:
        return list(self.history.years)

    def as_dict(self) -> dict:
        series = []
        for s in self.history.series:
            series.append({
                "name": s.name, "level1": s.level1, "level2": s.level2,
                "years": [{"year": p.year, "target": p.target.text, "actual": p.actual.text if p.actual else None,
                           "weight": str(p.weight) if p.weight is not None else None,
                           "score": str(p.score) if p.score is not None else None,
                           "location": p.location.as_dict() if p.location else None}
                          for _, p in sorted(s.points.items())],
                "suggestions": [{"label": g.label, "target": g.target, "derivation": g.derivation}
                                for g in self.suggestions.get(s.key, [])],
            })
        return {"project": self.history.project, "unit": self.history.unit, "years": self.years,
                "next_year": self.next_year, "indicators": series,
                "findings": [f.as_dict() for f in self.findings]}


def history_of(evaluations: Iterable[Evaluation], declarations: Iterable[Declaration] = (),
               project: str | None = None, links: Mapping[str, str] | None = None) -> list[ProjectHistory]:
    """The history of every project (or of `project`, by its name or a part of it) in the
    documents given, with the findings and the suggestions for the year after the last."""
    pairs = [(evaluation, score(evaluation)) for evaluation in evaluations]
    histories = build(pairs, list(declarations), links or {})
    if project:
        wanted = project_key(project)
        chosen = [h for h in histories if project_key(h.project) == wanted] or \
                 [h for h in histories if wanted in project_key(h.project)]
        if not chosen:
            known = "、".join(sorted({h.project for h in histories})) or "无"
            raise InputError(Finding("no-evaluation", f"没有找到项目“{project}”（已读到的项目：{known}）"))
        histories = chosen
    reports = []
    for history in histories:
        last = max(history.years)
        following = last + 1 if evaluated(history.years[last]) else last
        found = sorted(history_findings(history), key=Finding.sort_key)
        declared = history.years[following].declaration if following in history.years else None
        reports.append(ProjectHistory(history, found, following,
                                      {s.key: suggestions(s, following, declared) for s in history.series}))
    return reports


def history(paths: Iterable[str | Path], project: str | None = None,
            links: Mapping[str, str] | None = None) -> tuple[list[ProjectHistory], list[Finding]]:
    """History from files and folders: (reports, notes on files that could not be read)."""
    documents, notes = read_documents(paths, strict=False)
    evaluations = [_with_unit(d) for d in documents if d.evaluation is not None]
    declarations = [d.declaration for d in documents if d.declaration is not None]
    return history_of(evaluations, declarations, project, links), notes


def _with_unit(document: Document) -> Evaluation:
    evaluation = document.evaluation
    assert evaluation is not None
    return replace(evaluation, unit=document.unit) if not evaluation.unit and document.unit else evaluation


__all__ = ["HISTORY_TARGET_CODES", "TARGET_CODES", "ProjectHistory", "TargetReview", "chart_points", "cite_dict",
           "history",
           "history_of", "review", "review_documents"]


def chart_points(series) -> list[tuple[int, Decimal | None, Decimal | None, bool | None, str, str]]:
    """One indicator's years for a chart: (year, target, actual, met?, target text, actual
    text), values in the unit of its latest target (None where not comparable)."""
    latest = amount(series.points[max(series.points)].target)
    points = []
    for year in series.years():
        point = series.points[year]

        def value(v):
            quantity = amount(v) if v is not None else None
            pair = to_common(quantity, latest) if quantity is not None and latest is not None else None
            return pair[0] / latest.unit.scale if pair is not None else None

        outcome = missed(point) if point.actual is not None else None
        points.append((year, value(point.target), value(point.actual), None if outcome is None else not outcome,
                       point.target.text, point.actual.text if point.actual is not None else ""))
    return points
