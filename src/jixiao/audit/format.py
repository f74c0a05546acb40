"""The audit report as text (grouped by document, sorted by location) and as JSON (the
stable schema in docs/audit-json.md)."""

from __future__ import annotations

import json

from .runner import AuditReport, DocumentSummary

SEVERITY_TEXT = {"error": "错误", "warning": "警告", "info": "提示"}
KIND_TEXT = {
    "department-report": "部门整体支出绩效自评报告",
    "department-table": "部门整体支出绩效自评表",
    "project-table": "项目支出绩效自评表",
    "evaluation-report": "项目支出绩效评价报告",
}
SCHEMA_VERSION = 1


def to_json(report: AuditReport) -> str:
    data = {"schema": SCHEMA_VERSION, **report.as_dict()}
    return json.dumps(data, ensure_ascii=False, indent=2)


def _owner(report: AuditReport, finding) -> int | None:
    """The document a finding belongs to: the last one starting at or before its line."""
    best = None
    for index, document in enumerate(report.documents):
        if document.source != finding.location.file:
            continue
        start = document.location.line or 0
        if (finding.location.line or 0) >= start and (best is None or start >= (report.documents[best].location.line or 0)):
            best = index
    return best


def _heading(document: DocumentSummary) -> str:
    text = f"{KIND_TEXT.get(document.kind, document.kind)}：{document.project or '（未注明项目）'}" \
           f"（{document.source} 第{document.location.line}行起）"
    if document.reported_total is not None:
        text += f"\n   自评总分 {document.reported_total}"
        if document.recomputed_total is not None:
            text += f"，重算 {document.recomputed_total}（{document.grade}）"
    return text


def to_text(report: AuditReport) -> str:
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
        for finding in groups[index]:
            where = f"{finding.location.line}" if finding.location.line else "-"
            lines.append(f"  第{where}行  [{SEVERITY_TEXT[finding.severity]}] {finding.code}：{finding.title}")
            lines.append(f"      {finding.message}")
        lines.append("")
    counts = {s: sum(1 for f in report.findings if f.severity == s) for s in SEVERITY_TEXT}
    lines.append(
        f"共审核 {len(report.documents)} 份文件，发现 {len(report.findings)} 项问题："
        f"错误 {counts['error']} 项，警告 {counts['warning']} 项，提示 {counts['info']} 项。"
    )
    return "\n".join(lines) + "\n"
