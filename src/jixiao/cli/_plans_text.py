"""Text output shared by `jixiao targets`, `jixiao history` and `jixiao monitor`: a finding as
the audit prints it (place, severity, code, message), and its source."""

from __future__ import annotations

from ..catalog import SEVERITY_NAMES
from ..findings import Finding


def finding_lines(findings: list[Finding], cite=None) -> list[str]:
    lines = []
    for finding in findings:
        place = finding.location.describe() or "-"
        lines.append(f"  {place}  [{SEVERITY_NAMES[finding.severity]}] {finding.code}：{finding.title}")
        lines.append(f"      {finding.message}")
        if cite is not None:
            source = cite(finding.code)
            if source:
                quoted = f"：“{source['quote']}”" if source["quote"] and source["verified"] else ""
                unverified = "" if source["verified"] else "（原文未能核实）"
                lines.append(f"      依据：{source['document']}{source['article']}{unverified}{quoted}")
    return lines


def counts(findings: list[Finding]) -> str:
    by = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return f"错误 {by['error']} 项，警告 {by['warning']} 项，提示 {by['info']} 项"
