"""Run the registered checks over documents and collect an `AuditReport`.

A check that raises on odd data becomes a `check-failed` finding naming the check and the
error — the other checks still run — so the audit never ends in a traceback on user data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..catalog import CATALOG
from ..decimals import plain
from ..document import Document, Package
from ..findings import Finding, InputError, make
from ..model import Location
from . import checks  # noqa: F401  (registers the checks)
from .context import AuditContext
from .registry import CHECKS, Check


@dataclass(frozen=True)
class DocumentSummary:
    source: str
    kind: str
    project: str
    reported_total: str | None
    recomputed_total: str | None
    grade: str | None
    location: Location
    layout: str = ""

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "layout": self.layout,
            "kind": self.kind,
            "project": self.project,
            "reported_total": self.reported_total,
            "recomputed_total": self.recomputed_total,
            "grade": self.grade,
            "location": self.location.as_dict(),
        }


@dataclass(frozen=True)
class AuditReport:
    documents: tuple[DocumentSummary, ...]
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    @property
    def exit_code(self) -> int:
        return 1 if self.has_errors else 0

    def as_dict(self) -> dict:
        return {
            "documents": [d.as_dict() for d in self.documents],
            "findings": [f.as_dict() for f in self.findings],
        }


def _codes(values: Iterable[str] | None) -> set[str] | None:
    if values is None:
        return None
    codes = {v.strip() for value in values for v in str(value).split(",") if v.strip()}
    unknown = sorted(codes - set(CATALOG))
    if unknown:
        known = "、".join(sorted(CATALOG))
        raise InputError(Finding("unknown-code", f"未知的审核代码：{'、'.join(unknown)}（可用：{known}）"))
    return codes


def check_codes(pick: Iterable[str] | None, skip: Iterable[str] | None) -> None:
    """Refuse unknown codes in --pick/--skip before any work is done."""
    _codes(pick)
    _codes(skip)


class UndeclaredCode(Exception):
    """A check yielded a finding with a code it did not declare: a bug in the check."""


def _run(check: Check, context: AuditContext) -> list[Finding]:
    found = []
    for finding in check.run(context):
        if finding.code not in check.codes:
            raise UndeclaredCode(f"审核项“{check.name}”给出了未声明的代码“{finding.code}”")
        found.append(finding)
    return found


def audit_documents(documents: list[Document], pick: Iterable[str] | None = None,
                    skip: Iterable[str] | None = None, notes: Iterable[Finding] = ()) -> AuditReport:
    """Every registered check over the documents; `notes` are what the reader said about the
    file as a whole (a skipped sheet), reported with the rest."""
    picked, skipped = _codes(pick), _codes(skip)
    context = AuditContext(list(documents))
    findings: list[Finding] = list(notes)
    for check in CHECKS.values():
        if picked is not None and not picked & set(check.codes):
            continue
        if skipped is not None and set(check.codes) <= skipped:
            continue
        try:
            found = _run(check, context)
        except Exception as error:  # noqa: BLE001 - a check's bug must not hide the others' findings
            first = documents[0] if documents else None
            found = [make("check-failed", project=first.project if first else "", check=check.name,
                          location=first.location if first else Location(),
                          derivation=f"{type(error).__name__}: {error}")]
        findings.extend(found)
    if picked is not None:
        findings = [f for f in findings if f.code in picked or f.code == "check-failed"]
    if skipped is not None:
        findings = [f for f in findings if f.code not in skipped]
    unique: dict[tuple, Finding] = {}
    for finding in findings:
        unique.setdefault((finding.code, finding.location, finding.indicator, finding.reported, finding.message),
                          finding)
    ordered = sorted(unique.values(), key=Finding.sort_key)
    return AuditReport(tuple(_summaries(context)), tuple(ordered))


def audit_package(package: Package, pick: Iterable[str] | None = None,
                  skip: Iterable[str] | None = None) -> AuditReport:
    return audit_documents(list(package.documents), pick=pick, skip=skip, notes=package.findings)


def _summaries(context: AuditContext) -> list[DocumentSummary]:
    summaries = []
    for document in context.documents:
        reported = recomputed = grade = None
        if document.evaluation is not None:
            if document.total is not None:
                reported = document.total.text
            try:
                result = context.result(document)
                recomputed, grade = plain(result.total), result.grade
            except Exception:  # noqa: BLE001 - the scores check reports the failure
                recomputed = grade = None
        summaries.append(DocumentSummary(document.source, document.kind.value, document.project, reported,
                                         recomputed, grade, document.location, document.layout))
    return summaries


