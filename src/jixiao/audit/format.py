"""The audit report as text (grouped by document, sorted by location) and as JSON (the
stable schema in docs/audit-json.md)."""

from __future__ import annotations

import json

from ..catalog import SEVERITY_NAMES as SEVERITY_TEXT
from ..document import DocKind
from .runner import AuditReport, DocumentSummary

KIND_TEXT = {kind.value: kind.title for kind in DocKind}
SCHEMA_VERSION = 2


def to_json(report: AuditReport) -> str:
    data = {"schema": SCHEMA_VERSION, **report.as_dict()}
    return json.dumps(data, ensure_ascii=False, indent=2)


def owner(documents, finding) -> int | None:
    """The index of the document a finding belongs to: in a text file, the last one starting
    at or before its line; in an office file, the one on the same sheet or table."""
    best = None
    for index, document in enumerate(documents):
        if document.source != finding.location.file:
            continue
        start = document.location
        if start.sheet is not None or start.table is not None:
            if (start.sheet, start.table) == (finding.location.sheet, finding.location.table):
                return index
            continue
        line = start.line or 0
        if (finding.location.line or 0) >= line and (best is None or line >= (documents[best].location.line or 0)):
            best = index
    return best


def _owner(report: AuditReport, finding) -> int | None:
    return owner(report.documents, finding)


def where(location) -> str:
    """A finding's place as a reviewer looks it up in the file (the file is the heading)."""
    return location.where() or "-"


def _heading(document: DocumentSummary) -> str:
    start = f"第{document.location.line}行起" if document.location.line else where(document.location)
    text = f"{KIND_TEXT.get(document.kind, document.kind)}：{document.project or '（未注明项目）'}" \
           f"（{document.source} {start}）"
    if document.reported_total is not None:
        text += f"\n   自评总分 {document.reported_total}"
        if document.recomputed_total is not None:
            text += f"，重算 {document.recomputed_total}（{document.grade}）"
    return text


def to_text(report: AuditReport, explain_layout: bool = False) -> str:
    groups: dict[int | None, list] = {}
    for finding in report.findings:
        groups.setdefault(_owner(report, finding), []).append(finding)
    lines: list[str] = []
    order = sorted(groups, key=lambda i: (-1 if i is None else i))
    for index in order:
        if index is None:
            lines.append("== 其他")
        else:
            lines.append("== " + _heading(report.documents[index]))
            if explain_layout and report.documents[index].layout:
                lines.append(f"   表样：{report.documents[index].layout}")
        for finding in groups[index]:
            lines.append(f"  {where(finding.location)}  [{SEVERITY_TEXT[finding.severity]}] {finding.code}：{finding.title}")
            lines.append(f"      {finding.message}")
        lines.append("")
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_TEXT}
    lines.append(
        f"共审核 {len(report.documents)} 份材料（自评表与报告），发现 {len(report.findings)} 项问题："
        f"错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项。"
    )
    return "\n".join(lines) + "\n"


def _counts(findings) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_TEXT}
    return (f"发现 {len(findings)} 项问题：错误 {counts['error']} 项，警告 {counts['warning']} 项，"
            f"提示 {counts['info']} 项。")


def batch_to_text(batch, explain_layout: bool = False) -> str:
    """A batch audit (audit.batch.BatchReport) as text: each file's audit under its name,
    then one line for the whole batch."""
    lines: list[str] = []
    for audited in batch.files:
        if audited.report is None:
            lines.append(f"【{audited.source}】无法读取")
            for finding in audited.unreadable:
                lines += [f"  [{SEVERITY_TEXT[finding.severity]}] {finding.code}：{finding.title}",
                          f"      {finding.message}"]
            lines.append("")
            continue
        report = audited.report
        lines.append(f"【{audited.source}】共 {len(report.documents)} 份材料，{_counts(report.findings)}")
        body = to_text(report, explain_layout).rstrip("\n").split("\n")[:-1]  # its last line is the file's count
        lines += body if body else [""]
    unreadable = len(batch.files) - batch.readable
    lines.append(
        f"共审核 {len(batch.files)} 个文件（无法读取 {unreadable} 个，跳过其他文件 {len(batch.skipped)} 个），"
        f"{len(batch.documents)} 份材料，{_counts(batch.findings)}")
    return "\n".join(lines) + "\n"


def batch_to_json(batch) -> str:
    """The single-file schema (documents, findings over all files) plus `files` and `skipped`."""
    return json.dumps({"schema": SCHEMA_VERSION, **batch.as_dict()}, ensure_ascii=False, indent=2)
