"""The audit of a stored project, as its pages show it: every finding of
`jixiao.api.audit_evaluation` over the evaluation being scored (saved, or as typed), placed
on the indicator row or funds line it is about, and counted by code for the queue and the
dashboard. Never re-implemented here: the checks are the audit's."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import api
from ..catalog import SEVERITY_NAMES

_FIELD = re.compile(r"(indicators|funds\.lines)\[(\d+)\](?:\.reported)?\.?(\w*)")
_FUND_FIELDS = {"weight": "分值", "rate": "执行率", "score": "得分"}


@dataclass(frozen=True)
class Flag:
    """One finding, with where on the page it belongs (`row`: indicator position)."""

    code: str
    severity: str
    title: str
    message: str
    derivation: str
    expected: str | None
    where: str
    row: int | None = None
    text: str = ""      # the message without the project's name, for the project's own page

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES.get(self.severity, self.severity)


@dataclass
class ProjectFindings:
    flags: list[Flag] = field(default_factory=list)

    def for_row(self, position: int) -> list[Flag]:
        return [flag for flag in self.flags if flag.row == position]

    @property
    def errors(self) -> int:
        return sum(1 for flag in self.flags if flag.severity == "error")

    def codes(self) -> list[str]:
        return [flag.code for flag in self.flags]


def _place(location, evaluation) -> tuple[str, int | None]:
    """A finding's place in Chinese, from the field the audit located it at."""
    match = _FIELD.match(location.field or "")
    if match is None:
        return ("总分" if location.field == "reported_total" else "全表"), None
    position = int(match.group(2))
    if match.group(1) == "indicators":
        if position < len(evaluation.indicators):
            return f"指标“{evaluation.indicators[position].name}”", position
        return "绩效指标", None
    lines = evaluation.funds.lines
    source = lines[position].source.value if position < len(lines) else "资金"
    return f"预算执行（{source}）{_FUND_FIELDS.get(match.group(3), '')}", None


def project_findings(evaluation) -> ProjectFindings:
    """The audit findings of one evaluation (None — it could not be read — has none)."""
    if evaluation is None:
        return ProjectFindings()
    report = api.audit_evaluation(evaluation)
    flags = []
    for finding in report.findings:
        where, row = _place(finding.location, evaluation)
        flags.append(Flag(finding.code, finding.severity, finding.title, finding.message, finding.derivation,
                          finding.expected, where, row,
                          finding.message.removeprefix(f"“{finding.project}”") or finding.message))
    return ProjectFindings(flags)


@dataclass(frozen=True)
class Frequent:
    code: str
    title: str
    count: int
    projects: int
    example: str


def most_frequent(audits: Iterable[ProjectFindings], limit: int = 10) -> list[Frequent]:
    """Findings by code over several projects: how often, in how many projects, one example."""
    counts: Counter = Counter()
    spread: Counter = Counter()
    examples: dict[str, Flag] = {}
    for audit in audits:
        for code in set(audit.codes()):
            spread[code] += 1
        for flag in audit.flags:
            counts[flag.code] += 1
            examples.setdefault(flag.code, flag)
    ordered = sorted(counts, key=lambda code: (-counts[code], code))[:limit]
    return [Frequent(code, examples[code].title, counts[code], spread[code], examples[code].message)
            for code in ordered]
