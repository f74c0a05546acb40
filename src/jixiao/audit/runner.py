"""Run the registered checks over documents and collect an `AuditReport`.

A check that raises on odd data becomes a `check-failed` finding naming the check and the
error — the other checks still run — so the audit never ends in a traceback on user data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..model import Location
from ..problems import InputError, Problem
from . import checks  # noqa: F401  (registers the checks)
from .catalog import CATALOG
from .context import AuditContext
from ..document import Document
from .finding import Finding, make
from .readers import reader_for
from .registry import CHECKS


@dataclass(frozen=True)
class DocumentSummary:
    source: str
    kind: str
    project: str
    reported_total: str | None
    recomputed_total: str | None
    grade: str | None
    location: Location

    def as_dict(self) -> dict:
        return {
            "source": self.source,
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
        raise InputError(Problem("unknown-code", f"未知的审核代码：{'、'.join(unknown)}（可用：{known}）"))
    return codes


def audit_documents(documents: list[Document], pick: Iterable[str] | None = None,
                    skip: Iterable[str] | None = None) -> AuditReport:
    picked, skipped = _codes(pick), _codes(skip)
    context = AuditContext(list(documents))
    findings: list[Finding] = []
    for check in CHECKS.values():
        if picked is not None and not picked & set(check.codes):
            continue
        if skipped is not None and set(check.codes) <= skipped:
            continue
        try:
            found = list(check.run(context))
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


def _summaries(context: AuditContext) -> list[DocumentSummary]:
    from ..decimals import plain

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
                                         recomputed, grade, document.location))
    return summaries


def read_paths(paths: Iterable[str | Path]) -> list[Document]:
    documents: list[Document] = []
    for raw in paths:
        path = Path(raw)
        reader = reader_for(path)
        if reader is None:
            if path.is_dir():
                raise InputError(Problem("unreadable-input", f"无法读取“{path}”：这是一个目录，请列出其中的文件"))
            reader = reader_for(Path("x.txt"))
            assert reader is not None
        documents.extend(reader(path))
    return documents


def audit_paths(paths: Iterable[str | Path], pick: Iterable[str] | None = None,
                skip: Iterable[str] | None = None) -> AuditReport:
    """Read every file (a reader per suffix; unknown suffixes are tried as text) and audit."""
    return audit_documents(read_paths(paths), pick=pick, skip=skip)
