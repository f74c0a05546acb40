"""The public API that the CLI and the web app call; nothing above this layer reaches deeper."""

from __future__ import annotations

from pathlib import Path

from .engine import grade, score
from .engine.result import EvaluationResult
from .model import Evaluation
from .problems import InputError, Problem
from .profile import PROFILES, Profile, get_profile
from .render.score_json import result_to_dict, results_to_dict

EXAMPLES_DIR = Path(__file__).parent / "examples"


def load_evaluation(path: str | Path) -> Evaluation:
    """Read a YAML evaluation file; raises InputError naming file, line and field."""
    from .ingest.yaml_loader import load_evaluation as _load

    return _load(path)


def load_evaluations(paths) -> tuple[list[Evaluation], list[Problem]]:
    """Evaluations from YAML files and 自评表 workbooks (.xlsx, one per sheet), with the
    non-fatal problems found; a missing or unreadable file raises InputError."""
    evaluations: list[Evaluation] = []
    problems: list[Problem] = []
    for name in paths:
        path = Path(name)
        if not path.is_file():
            raise InputError(Problem("file-missing", f"文件不存在：{name}"))
        if path.suffix.lower() == ".xlsx":
            found, found_problems = read_xlsx(path)
        else:
            evaluation, found_problems = load_evaluation_with_problems(path)
            found = [evaluation]
        evaluations.extend(found)
        problems.extend(found_problems)
    return evaluations, problems


def load_evaluation_with_problems(path: str | Path) -> tuple[Evaluation, list[Problem]]:
    from .ingest.yaml_loader import load_evaluation_with_problems as _load

    return _load(path)


def write_xlsx(results, path, findings=None):
    """The 自评表 workbook: one sheet per evaluation (plus a summary for a department), live formulas."""
    from .render.xlsx_book import write_xlsx as _write

    return _write(results, path, findings)


def write_docx(results, path, findings=None) -> Path:
    """The 自评报告 in Word, with its tables and charts."""
    from .render.docx_report import write_docx as _write

    return _write(results, path, findings)


def write_pdf(results, path, findings=None, docx=None) -> Path:
    """The 自评报告 as PDF (LibreOffice); reuses `docx` when it was just written."""
    from .render.pdf import write_pdf as _write

    return _write(results, path, findings, docx)


def read_xlsx(path):
    """Evaluations from a 自评表 workbook, with the problems found (sheet!cell locations)."""
    from .ingest.xlsx import read_xlsx as _read

    return _read(path)


def load_text_with_problems(text: str, filename: str) -> tuple[Evaluation, list[Problem]]:
    """Read a YAML evaluation from text (an upload, a stored document)."""
    from .ingest.yaml_loader import load_text_with_problems as _load

    return _load(text, filename)


def audit_paths(paths, pick=None, skip=None):
    """Audit report files (.txt extracted text, .xlsx, .docx, .pdf): an AuditReport of documents and findings."""
    from .audit import audit_paths as _audit

    return _audit(paths, pick=pick, skip=skip)


def audit_batch(paths, pick=None, skip=None, jobs=None, progress=None):
    """Audit a folder (recursively) or several files, each file as its own package, over `jobs`
    worker processes (default: one per CPU); a BatchReport in file order. An unreadable file
    becomes a `file-unreadable` finding; `progress(done, total, file)` follows the work."""
    from .audit.batch import audit_batch as _audit

    return _audit(paths, pick=pick, skip=skip, jobs=jobs, progress=progress)


def batch_text(batch) -> str:
    """A batch audit as text: each file's findings under its name, then the batch's counts."""
    from .audit.format import batch_to_text

    return batch_to_text(batch)


def batch_json(batch) -> str:
    """A batch audit in the documented JSON structure, with `files` and `skipped` added."""
    from .audit.format import batch_to_json

    return batch_to_json(batch)


def write_audit_summary(batch, path) -> Path:
    """The batch's summary workbook: one row per document, one per finding (docs/audit-json.md)."""
    from .render.audit_summary import write_summary

    return write_summary(path, batch.rows(), batch.findings)


def audit_documents(documents, pick=None, skip=None):
    from .audit import audit_documents as _audit

    return _audit(documents, pick=pick, skip=skip)


def audit_text(report) -> str:
    """The audit report as text grouped by document, sorted by location (the CLI's output)."""
    from .audit.format import to_text

    return to_text(report)


def audit_json(report) -> str:
    """The audit report in the documented JSON structure (docs/audit-json.md)."""
    from .audit.format import to_json

    return to_json(report)


def example_paths() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


__all__ = [
    "audit_batch",
    "audit_documents",
    "audit_json",
    "audit_paths",
    "audit_text",
    "batch_json",
    "batch_text",
    "PROFILES",
    "EvaluationResult",
    "Profile",
    "example_paths",
    "get_profile",
    "grade",
    "load_evaluation",
    "load_evaluation_with_problems",
    "load_evaluations",
    "load_text_with_problems",
    "read_xlsx",
    "result_to_dict",
    "results_to_dict",
    "score",
    "write_docx",
    "write_audit_summary",
    "write_pdf",
    "write_xlsx",
]


def audit_evaluation(evaluation: Evaluation, pick=None, skip=None):
    """Audit one evaluation (a YAML file, a stored project): its reported scores, totals and
    funds figures checked as a printed table would be; an AuditReport. Findings carry the
    model's locations, with `field` naming the value (`indicators[3].reported_score`)."""
    from .audit import audit_documents as _audit
    from .audit.from_model import evaluation_documents

    return _audit(evaluation_documents(evaluation), pick=pick, skip=skip)


__all__ += ["audit_evaluation"]
