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
from ..department import GROUP_TITLES

_FIELD = re.compile(r"(indicators|funds\.lines)\[(\d+)\](?:\.reported)?\.?(\w*)")
_FUND_FIELDS = {"weight": "分值", "rate": "执行率", "score": "自评得分", "executed": "全年执行数", "budget": "全年预算数",
                "initial_budget": "年初预算数"}
_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


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
    field: str = ""     # the evaluation's field it is about (indicators[3].reported_score), for a tooltip

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES.get(self.severity, self.severity)

    @property
    def severity_rank(self) -> int:
        return _SEVERITY_ORDER.get(self.severity, 3)

    @property
    def key(self) -> str:
        """What a reviewer's mark is kept under: the code and the place (never a row number,
        which moves when indicators are added or reordered)."""
        return f"{self.code}|{self.where}"


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

    def severities(self) -> list[tuple[str, str, int]]:
        """(severity, its name, count) for the panel's filter, most severe first."""
        counts = Counter(flag.severity for flag in self.flags)
        return [(s, SEVERITY_NAMES.get(s, s), counts[s]) for s in sorted(counts, key=lambda s: _SEVERITY_ORDER.get(s, 3))]

    def code_choices(self) -> list[tuple[str, str, int]]:
        """(code, catalog title, count) for the panel's filter, by title."""
        counts = Counter(flag.code for flag in self.flags)
        titles = {flag.code: flag.title for flag in self.flags}
        return sorted(((code, titles[code], n) for code, n in counts.items()), key=lambda item: (item[1], item[0]))


def _department_part(field: str) -> str | None:
    """A finding on a department's own figures, by the part of the figures it is about."""
    if not field.startswith("department_figures"):
        return None
    part = field.removeprefix("department_figures.").split(".", 1)[0].split("[", 1)[0]
    titles = {"staff": "人员情况", "spending_total": "支出总额", "three_public": "“三公”经费", **GROUP_TITLES}
    return f"部门数据·{titles[part]}" if part in titles else "部门数据"


def _place(location, evaluation) -> tuple[str, int | None]:
    """A finding's place in Chinese, from the field the audit located it at."""
    match = _FIELD.match(location.field or "")
    if match is None:
        part = _department_part(location.field or "")
        if part is not None:
            return part, None
        return ("总分" if location.field == "reported_total" else "全表"), None
    position = int(match.group(2))
    if match.group(1) == "indicators":
        if position < len(evaluation.indicators):
            return f"指标“{evaluation.indicators[position].name}”", position
        return "绩效指标", None
    lines = evaluation.funds.lines
    source = lines[position].source.value if position < len(lines) else "资金"
    return f"预算执行（{source}）{_FUND_FIELDS.get(match.group(3), '')}", None


def flag_of(finding, evaluation) -> Flag:
    where, row = _place(finding.location, evaluation)
    if row is None and finding.indicator:
        # A scoring problem located by the YAML line only: placed by the indicator it names.
        names = [ind.name for ind in evaluation.indicators]
        if finding.indicator in names:
            row = names.index(finding.indicator)
            where = f"指标“{finding.indicator}”"
    text = finding.message.removeprefix(f"“{finding.project}”") if finding.project else finding.message
    return Flag(finding.code, finding.severity, finding.title, finding.message, finding.derivation,
                finding.expected, where, row, text or finding.message, finding.location.field or "")


def placed(findings, evaluation) -> list[Flag]:
    """Reading and scoring problems as the page shows them: at the indicator or funds line
    they are about, never at a line of the YAML the store wrote."""
    if evaluation is None:
        return [Flag(f.code, f.severity, f.title, f.message, f.derivation, f.expected, "全表", None, f.message,
                     f.location.field or "") for f in findings]
    return [flag_of(finding, evaluation) for finding in findings]


def marks_by_key(project) -> dict:
    return {mark.key: mark for mark in project.marks}


def project_findings(evaluation) -> ProjectFindings:
    """The audit findings of one evaluation (None — it could not be read — has none)."""
    if evaluation is None:
        return ProjectFindings()
    report = api.audit_evaluation(evaluation)
    return ProjectFindings([flag_of(finding, evaluation) for finding in report.findings])


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


def placed_problems(scored) -> list[Flag]:
    """A scored project's reading and scoring problems, placed on the page (see `placed`)."""
    return placed(scored.problems, scored.evaluation)
