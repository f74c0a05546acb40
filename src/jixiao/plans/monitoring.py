"""A monitoring table's warnings, light and projected year-end score, the bureau's list, and
the warning lines (issue 13)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml

from ..audit import audit_documents
from ..catalog import SEVERITY_NAMES
from ..decimals import percent
from ..document import Document
from ..findings import Finding, InputError
from ..ingest import Source
from ..ingest.evaluation_document import evaluation_document
from ..ingest.plan_yaml import monitoring_document, read_monitoring
from ..model import Evaluation, Location
from ..monitor.projection import Projection, project
from ..monitor.progress import target_progress
from ..monitor.schedule import SCHEDULES, Schedule, elapsed, schedule_from_data
from ..monitor.warnings import MONITORING_CODES
from ..monitoring import MonitoredIndicator, MonitoringTable
from ..render.yaml_writer import dump
from ..targets.names import project_key
from .reading import read_documents
from .targets import cite_dict

@dataclass
class MonitorReport:
    document: Document
    table: MonitoringTable
    findings: list[Finding]
    projection: Projection
    linear: Projection               # the same, projected linearly whatever the table's method

    @property
    def light(self) -> str:
        return light(self.findings)

    @property
    def execution_rate(self) -> Decimal | None:
        table = self.table
        return table.executed / table.budget if table.budget and table.executed is not None else None

    @property
    def time_elapsed(self) -> Decimal:
        return elapsed(self.table.as_of)

    @property
    def target_progress(self) -> Decimal | None:
        progress = target_progress(self.table)
        return progress[0] if progress is not None else None

    def as_dict(self) -> dict:
        def projected(p: Projection) -> dict:
            return {"total": str(p.total), "grade": p.grade, "spending": p.spending,
                    "execution": p.result.execution.derivation,
                    "indicators": [{"name": i.name, "target": i.target, "to_date": i.to_date,
                                    "projected": i.projected, "method": i.method,
                                    "score": str(r.counted), "derivation": r.outcome.derivation}
                                   for i, r in zip(p.indicators, p.result.indicators)]}

        return {"project": self.table.project, "unit": self.table.unit, "as_of": self.table.as_of.isoformat(),
                "source": self.document.source, "light": self.light, "method": self.table.method,
                "schedule": self.table.schedule, "projection": projected(self.projection),
                "linear_projection": projected(self.linear),
                "findings": [f.as_dict() | {"source": cite_dict(f.code)} for f in self.findings]}


LIGHTS = ("red", "yellow", "green")
LIGHT_TITLES = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}
MONITOR_CODES = MONITORING_CODES + ("certain-but-missed",)


def light(findings: Iterable[Finding]) -> str:
    """Red when any warning is an error, yellow when any is a warning, else green (a note
    alone leaves it green)."""
    severities = {f.severity for f in findings}
    return "red" if "error" in severities else "yellow" if "warning" in severities else "green"


def monitor_documents(documents: list[Document], as_of: date | None = None, schedule: str | None = None,
                      gap: Decimal | None = None, method: str | None = None) -> list[MonitorReport]:
    """Each monitoring table among the documents, checked (with the settings given overriding
    the table's own) and projected; a year-end self-evaluation among them is compared with
    the last table of its project."""
    tables = [d for d in documents if d.monitoring is not None]
    if not tables:
        raise InputError(Finding("form-not-found", "没有找到绩效目标执行监控表"))
    if schedule is not None:
        SCHEDULES.get(schedule)  # an unknown name is refused before anything is checked
    changed = []
    for document in documents:
        if document.monitoring is not None:
            settings = {k: v for k, v in (("as_of", as_of), ("schedule", schedule), ("gap", gap),
                                          ("method", method)) if v is not None}
            document = replace(document, monitoring=replace(document.monitoring, **settings))
        changed.append(document)
    report = audit_documents(changed, pick=MONITOR_CODES)
    reports = []
    for document in changed:
        table = document.monitoring
        if table is None:
            continue
        where = table.location.file if table.location else None
        mine = [f for f in report.findings if project_key(f.project) == project_key(table.project)
                and (f.location.file == where or f.code == "certain-but-missed")]
        reports.append(MonitorReport(document, table, mine, project(table), project(replace(table, method="linear"))))
    return reports


def monitor(paths: Iterable[str | Path], **settings) -> list[MonitorReport]:
    documents, _ = read_documents(paths)
    return monitor_documents(documents, **settings)


def blank_monitoring(evaluation: Evaluation, as_of: date) -> MonitoringTable:
    """A monitoring table to fill in, from a self-evaluation or a declaration's tree: targets and
    weights, the year's budget; nothing reached yet."""
    total = evaluation.funds.total
    budget = total.budget if total is not None else None
    return MonitoringTable(
        project=evaluation.project, as_of=as_of, unit=evaluation.unit, department=evaluation.department,
        year=evaluation.year or as_of.year, funds_unit=evaluation.funds.unit, budget=budget,
        indicators=tuple(MonitoredIndicator(i.level1, i.level2, i.name, i.target,
                                            i.weight if i.weight_given else None) for i in evaluation.indicators),
        profile=evaluation.profile)


def schedules() -> list[Schedule]:
    return SCHEDULES.values()


def add_schedule(schedule: Schedule) -> None:
    """A deployment's own warning lines (read from its file by the caller)."""
    if schedule.name in SCHEDULES:
        SCHEDULES.remove(schedule.name)
    SCHEDULES.add(schedule.name, schedule)




def add_schedule_file(path: str | Path) -> str:
    where = Location(file=str(path))
    source = Source.from_path(path, limit=64 * 1024)
    try:
        data = yaml.safe_load(source.text(64 * 1024))
    except yaml.YAMLError as error:
        raise InputError(Finding("yaml-syntax", f"预警线文件不是有效的 YAML：{error}", where)) from None
    if not isinstance(data, dict):
        raise InputError(Finding("not-a-mapping", "预警线文件应为映射（name、title、lines）", where))
    try:
        schedule = schedule_from_data(data, str(path))
    except ValueError as error:
        raise InputError(Finding("schema", str(error), where)) from None
    add_schedule(schedule)
    return schedule.name


def sort_reports(reports: list[MonitorReport]) -> list[MonitorReport]:
    """Worst first: red before yellow before green, then by how far spending lags the year."""
    def key(report: MonitorReport):
        table = report.table
        rate = table.executed / table.budget if table.budget and table.executed is not None else Decimal(0)
        return (LIGHTS.index(report.light), rate, table.unit, table.project)

    return sorted(reports, key=key)


def dashboard_rows(reports: list[MonitorReport]) -> tuple[list[list[object]], list[list[object]]]:
    projects, details = [], []
    for report in sort_reports(reports):
        table = report.table
        rate = percent(table.executed / table.budget) if table.budget and table.executed is not None else "—"
        progress = target_progress(table)
        titles = "；".join(dict.fromkeys(f.title for f in report.findings if f.severity != "info")) or "无"
        projects.append([table.unit, table.project, table.as_of.isoformat(), LIGHT_TITLES[report.light], rate,
                         percent(elapsed(table.as_of)), percent(progress[0]) if progress else "—",
                         float(report.projection.total), report.projection.grade, titles])
        for finding in report.findings:
            details.append([table.unit, table.project, table.as_of.isoformat(), SEVERITY_NAMES[finding.severity],
                            finding.code, finding.title, finding.location.describe(), finding.message])
    return projects, details




def monitor_tables(tables: list[MonitoringTable], evaluations: list[Evaluation] = (), **settings) -> list[MonitorReport]:
    """Reports for tables already read (stored ones), with the year-end self-evaluations to
    compare them with."""
    documents = [monitoring_document(t, t.location.file if t.location else t.project) for t in tables]
    documents += [evaluation_document(e, e.location.file if e.location else e.project) for e in evaluations]
    return monitor_documents(documents, **settings)


MONITOR_FIELDS = ("to_date", "forecast", "likelihood", "cause", "explanation", "measure")


def parse_date(text: str) -> date | None:
    """2019-07-31, 2019/7/31 or 2019年7月31日 (as the tables accept); None when not a date."""
    from ..ingest.plan_yaml import parse_date as parse

    return parse(text)


def monitoring_from_fields(header: dict[str, str], rows: list[dict[str, str]], name: str) -> MonitoringTable:
    """A monitoring table from a web form: the header (project, unit, department, year, as_of,
    budget, executed, profile, schedule, gap, method) and one row per indicator (the tree as
    stored, with what the unit typed). Read through the YAML reader like any file, so every
    value is checked the same way; InputError findings name `indicators[i].field`."""
    data: dict = {"kind": "monitoring"}
    for key in ("year", "as_of", "project", "department", "unit", "profile", "note"):
        if header.get(key, "").strip():
            data[key] = header[key].strip()
    funds = {"unit": header.get("funds_unit", "").strip() or "万元"}
    for key in ("budget", "executed"):
        if header.get(key, "").strip():
            funds[key] = header[key].strip()
    data["funds"] = funds
    data["warnings"] = {k: header[k].strip() for k in ("schedule", "gap", "method") if header.get(k, "").strip()}
    items = []
    for row in rows:
        item = {k: row[k] for k in ("level1", "level2", "name", "target", "weight") if row.get(k, "").strip()}
        item.update({k: row[k].strip() for k in MONITOR_FIELDS if row.get(k, "").strip()})
        items.append(item)
    data["indicators"] = items
    return read_monitoring(Source(name, dump(data).encode("utf-8")))


__all__ = ["LIGHT_TITLES", "LIGHTS", "MONITOR_CODES", "MonitorReport", "add_schedule", "add_schedule_file",
           "blank_monitoring", "dashboard_rows", "light", "monitor", "monitor_documents", "monitor_tables",
           "monitoring_from_fields", "parse_date", "schedules", "sort_reports"]
