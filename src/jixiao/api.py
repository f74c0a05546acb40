"""The public API that the CLI and the web app call; nothing above this layer reaches deeper.

One path from a file's bytes to its findings: `read` (any format, through the one reader
registry) → a `Package` of documents → `score` each evaluation, or `audit` the package.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from . import batch as _batch
from .audit import AuditReport, audit_documents, audit_package, check_codes
from .audit.format import batch_to_json, batch_to_text, to_json, to_text
from .catalog import CATALOG, Entry
from .document import Document, Package
from .engine import grade, score
from .engine import vector as _vector
from .engine.common_indicators import CommonIndicator
from .engine.common_indicators import compute as _common_indicators
from .engine.result import EvaluationResult
from .findings import Finding, InputError
from .ingest import Source
from .ingest import read as read_source
from .ingest.evaluation_document import evaluation_document
from .ingest.layout import Layout
from .ingest.layout import layouts as all_layouts
from .ingest.readers import READERS, Reader
from .model import Evaluation
from .profile import PROFILES, Profile, get_profile
from .render.audit_summary import write_summary
from .render.docx_report import write_docx as _write_docx
from .render.finding_rows import FindingRow
from .render.finding_rows import finding_rows as _finding_rows
from .render.pdf import write_pdf as _write_pdf
from .render.score_json import result_to_dict, results_to_dict
from .render.score_text import print_results, print_summary
from .render.xlsx_template import write_template
from .render.xlsx_book import write_xlsx as _write_xlsx
from .render.xlsx_table import write_table as _write_table
from .render.yaml_writer import dump_evaluation
from . import plans as _plans

EXAMPLES_DIR = Path(__file__).parent / "examples"
BatchReport = _batch.BatchReport


def score_tables(evaluations: Iterable[Evaluation], profile: Profile | None = None) -> _vector.Scores:
    """Many tables scored at once: every row's score, each table's execution score, total and
    grade, equal to `score`'s, computed in exact integer columns (engine/vector.py); `.result(i)`
    gives a table's full result with its derivations."""
    return _vector.compile_tables(evaluations, profile).score()


def read(path: str | Path, name: str | None = None, layout: str | None = None) -> Package:
    """Every document in the file at `path` (any format), shown to the user as `name`; its
    forms read by `layout` (see `layouts()`), else by the layout they show."""
    return read_source(Source.from_path(path, name), layout=layout)


def read_bytes(data: bytes, name: str, suffix: str | None = None, layout: str | None = None) -> Package:
    """Every document in an uploaded or stored file; `name` is how the user knows it, and
    `suffix` (e.g. '.yaml') says how to read it when the name does not."""
    return read_source(Source(name, data), suffix, layout)


def evaluations_of(packages: Iterable[Package]) -> tuple[list[Evaluation], list[Finding]]:
    """The evaluations the packages hold, and every finding their readers made."""
    evaluations: list[Evaluation] = []
    findings: list[Finding] = []
    for package in packages:
        evaluations.extend(package.evaluations)
        findings.extend(package.all_findings())
    return evaluations, findings


def load_evaluations(paths: Iterable[str | Path], layout: str | None = None) -> tuple[list[Evaluation], list[Finding]]:
    """The evaluations in the files (any format: YAML, .xlsx, .docx, .pdf, report text) and
    the non-fatal findings of reading them; a file that cannot be read raises InputError."""
    return evaluations_of(read(path, layout=layout) for path in paths)


def load_evaluation(path: str | Path) -> Evaluation:
    """The one evaluation in a file (a YAML evaluation file, a one-table workbook…)."""
    evaluations = read(path).evaluations
    if len(evaluations) != 1:
        raise InputError(Finding("no-evaluation", f"“{path}”中有{len(evaluations)}张自评表，应为一张"))
    return evaluations[0]


def audit(paths: Iterable[str | Path], pick: Iterable[str] | None = None,
          skip: Iterable[str] | None = None, layout: str | None = None) -> AuditReport:
    """Audit the files as one package (a report and its tables may come as several files)."""
    check_codes(pick, skip)
    packages = [read(path, layout=layout) for path in paths]
    documents = [document for package in packages for document in package.documents]
    notes = [finding for package in packages for finding in package.findings]
    return audit_documents(documents, pick=pick, skip=skip, notes=notes)


def audit_read(package: Package, pick: Iterable[str] | None = None,
               skip: Iterable[str] | None = None) -> AuditReport:
    return audit_package(package, pick=pick, skip=skip)


def audit_evaluation(evaluation: Evaluation, pick: Iterable[str] | None = None,
                     skip: Iterable[str] | None = None, findings: Iterable[Finding] = ()) -> AuditReport:
    """Audit one evaluation (a YAML file, a stored project): its reported scores, totals and
    funds figures are checked as a printed table's would be; findings carry the model's
    locations, with `field` naming the value (`indicators[3].reported_score`)."""
    return audit_documents([evaluation_document(evaluation, findings=tuple(findings))], pick=pick, skip=skip)


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[tuple[str, str]]]:
    """The files `paths` name, a folder's report files found recursively, in order; and the
    files of a folder passed over, (path, reason in Chinese) each. A missing path is an InputError."""
    files, skipped = _batch.collect(paths)
    return files, [(s.path, s.reason) for s in skipped]


def audit_batch(paths: Iterable[str | Path], pick: Iterable[str] | None = None,
                skip: Iterable[str] | None = None, jobs: int | None = None,
                progress: _batch.Progress | None = None, layout: str | None = None,
                cluster: str | None = None) -> _batch.BatchReport:
    """Audit a folder (recursively) or several files, each file as its own package, over `jobs`
    worker processes (default: one per CPU), or on the Dask cluster whose scheduler is at
    `cluster`; a BatchReport in file order. A file that cannot be read is reported with the
    reason; `progress(done, total, file)` follows the work."""
    return _batch.audit_batch(paths, pick=pick, skip=skip, jobs=jobs, progress=progress, layout=layout,
                              cluster=cluster)


def audit_text(report: AuditReport, explain_layout: bool = False) -> str:
    """The audit report as text grouped by document, sorted by location (the CLI's output);
    with `explain_layout`, each document says which form layout it was read by, and why."""
    return to_text(report, explain_layout)


def audit_json(report: AuditReport) -> str:
    """The audit report in the documented JSON structure (docs/audit-json.md)."""
    return to_json(report)


def batch_text(batch: _batch.BatchReport, explain_layout: bool = False) -> str:
    return batch_to_text(batch, explain_layout)


def batch_json(batch: _batch.BatchReport) -> str:
    return batch_to_json(batch)


def finding_rows(findings: Iterable[Finding]) -> list[FindingRow]:
    """Findings as flat rows (code, severity, project, indicator, location text, …)."""
    return _finding_rows(findings)


def write_audit_summary(batch: _batch.BatchReport, path: str | Path) -> Path:
    """The batch's summary workbook: one row per document, one per finding (docs/audit-json.md)."""
    return write_summary(path, batch.rows(), batch.findings)


def write_xlsx(results: list[EvaluationResult], path: str | Path, findings=None, claimed: bool = False) -> Path:
    """The 自评表 workbook: one sheet per evaluation (plus a summary for a department), live formulas.
    `claimed`: the 自评得分 cells keep what each evaluation claims (the recomputed score in their
    comments), as a unit's own form does; otherwise they hold the recomputed scores."""
    return _write_xlsx(results, path, findings, claimed)


def write_docx(results: list[EvaluationResult], path: str | Path, findings=None, review: bool = True) -> Path:
    """The 自评报告 in Word, with its tables and charts; `findings` (see review_findings) go to
    the 审核意见 appendix, left out when `review` is False. The report itself never prints them."""
    return _write_docx(results, path, findings, review)


def write_pdf(results: list[EvaluationResult], path: str | Path, findings=None, docx=None,
              review: bool = True) -> Path:
    """The 自评报告 as PDF (LibreOffice); reuses `docx` when it was just written."""
    return _write_pdf(results, path, findings, docx, review)


def review_findings(results: Iterable[EvaluationResult]) -> list[Finding]:
    """What the audit says about each evaluation written (a claimed score the rules do not give,
    figures that do not add up): the content of the report's 审核意见 appendix."""
    return [finding for result in results for finding in audit_evaluation(result.evaluation).findings]


def common_indicators(evaluation: Evaluation) -> tuple[CommonIndicator, ...]:
    """A department's common indicators (共性指标), computed from its figures with derivations."""
    return _common_indicators(evaluation)


def write_table_xlsx(path: str | Path, sheet: str, headers, rows, widths=None) -> Path:
    """A plain list as a workbook (header row, text kept as text, auto-filter), e.g. a project's
    findings exported from the web app."""
    return _write_table(path, sheet, headers, rows, widths)


def yaml_text(evaluation: Evaluation) -> str:
    return dump_evaluation(evaluation)


def catalog() -> list[Entry]:
    """Every code jixiao can report, with its title, severity and stage."""
    return list(CATALOG.values())


def layouts() -> list[Layout]:
    """Every form layout jixiao reads (ingest/layouts/*.yaml), the national base first."""
    return list(all_layouts().values())


def readers() -> list[Reader]:
    return list({id(reader): reader for reader in READERS.values()}.values())


def example_paths() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


__all__ = [
    "EXAMPLES_DIR",
    "PROFILES",
    "AuditReport",
    "BatchReport",
    "Document",
    "EvaluationResult",
    "Finding",
    "InputError",
    "Package",
    "Profile",
    "audit",
    "audit_batch",
    "audit_evaluation",
    "audit_json",
    "audit_read",
    "audit_text",
    "batch_json",
    "batch_text",
    "catalog",
    "collect_files",
    "common_indicators",
    "evaluations_of",
    "example_paths",
    "finding_rows",
    "get_profile",
    "grade",
    "layouts",
    "load_evaluation",
    "load_evaluations",
    "read",
    "read_bytes",
    "readers",
    "result_to_dict",
    "print_results",
    "print_summary",
    "results_to_dict",
    "review_findings",
    "score",
    "score_tables",
    "write_audit_summary",
    "write_docx",
    "write_pdf",
    "write_table_xlsx",
    "write_template",
    "write_xlsx",
    "yaml_text",
]


# -- targets, history and monitoring (issues 12 and 13): the work is in jixiao/plans/ ---------

TargetReview = _plans.TargetReview
ProjectHistory = _plans.ProjectHistory
MonitorReport = _plans.MonitorReport
LIGHT_TITLES = _plans.LIGHT_TITLES
read_documents = _plans.read_documents
review_targets = _plans.review
review_documents = _plans.review_documents
history = _plans.history
history_of = _plans.history_of
monitor = _plans.monitor
monitor_documents = _plans.monitor_documents
monitor_tables = _plans.monitor_tables
monitoring_from_fields = _plans.monitoring_from_fields
sort_reports = _plans.sort_reports
parse_date = _plans.parse_date
blank_monitoring = _plans.blank_monitoring
evaluation_from_declaration = _plans.evaluation_from_declaration
evaluation_from_monitoring = _plans.evaluation_from_monitoring
schedules = _plans.schedules
light = _plans.light
cite = _plans.cite_dict
chart_points = _plans.chart_points


def add_schedule_file(path: str | Path) -> str:
    """A deployment's warning lines from a YAML file ({name, title, lines: [{month, share}]});
    returns the name to use. InputError (Chinese, naming the file) on bad content."""
    return _plans.add_schedule_file(path)


def write_declaration_xlsx(declaration, path: str | Path) -> Path:
    """The 绩效目标申报表 workbook (read back by the same reader as any declaration)."""
    from .render.plan_xlsx import write_declaration

    return write_declaration(declaration, path)


def write_monitoring_xlsx(tables, path: str | Path) -> Path:
    """The 绩效目标执行监控表 workbook, one sheet per table."""
    from .render.plan_xlsx import write_monitoring

    return write_monitoring(list(tables), path)


def declaration_yaml(declaration) -> str:
    from .render.plan_yaml import dump_declaration

    return dump_declaration(declaration)


def monitoring_yaml(table) -> str:
    from .render.plan_yaml import dump_monitoring

    return dump_monitoring(table)


def write_monitoring_list(reports, path: str | Path) -> Path:
    """The bureau's 监控预警清单 workbook from monitor reports (worst first)."""
    from .render.dashboard_xlsx import write_dashboard

    projects, findings = _plans.dashboard_rows(list(reports))
    return write_dashboard(projects, findings, path)


__all__ += ["LIGHT_TITLES", "MonitorReport", "ProjectHistory", "TargetReview", "add_schedule_file", "blank_monitoring",
            "chart_points", "cite", "declaration_yaml", "evaluation_from_declaration", "evaluation_from_monitoring", "history",
            "history_of", "light", "monitor", "monitor_documents", "monitor_tables", "monitoring_from_fields",
            "monitoring_yaml", "parse_date", "read_documents", "sort_reports",
            "review_documents", "review_targets", "schedules", "write_declaration_xlsx", "write_monitoring_list",
            "write_monitoring_xlsx"]
