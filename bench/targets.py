"""Target review and history on the generator's multi-year projects (synth/years.py): every
planted target problem must be found (recall) and nothing else reported (false alarms), and the
time the checks take per 1,000 projects (three years of self-evaluations and two declarations
each, as one package per project, the way a unit's files are reviewed)."""

from __future__ import annotations

import collections
import time

from jixiao.audit import audit_documents
from jixiao.ingest.evaluation_document import evaluation_document
from jixiao.ingest.plan_yaml import declaration_document
from jixiao.plans.targets import TARGET_CODES
from jixiao.targets.history import HISTORY_CODES

from .measure import Report
from .synth.years import generate, year_of

SECTION = "targets"
CODES = tuple(dict.fromkeys(TARGET_CODES + HISTORY_CODES))


def documents(project) -> list:
    docs = [evaluation_document(e, e.location.file) for e in project.evaluations]
    docs += [declaration_document(d, d.location.file) for d in project.declarations]
    return docs


def check(project) -> list[tuple[str, str, str | None, int | None]]:
    report = audit_documents(documents(project), pick=CODES)
    return [(f.code, f.project, f.indicator, year_of(f.location)) for f in report.findings]


def accuracy(projects: list, found: list[list[tuple]]) -> dict:
    planted = collections.Counter()
    reported = collections.Counter()
    matched = collections.Counter()
    false = collections.Counter()
    missed: list[tuple] = []
    for project, findings in zip(projects, found):
        expected = collections.Counter((p.code, p.project, p.indicator, p.year) for p in project.planted)
        got = collections.Counter(findings)
        for key, n in expected.items():
            planted[key[0]] += n
            hit = min(n, got[key])
            matched[key[0]] += hit
            if hit < n:
                missed.append(key)
        for key, n in got.items():
            reported[key[0]] += n
            extra = n - min(n, expected[key])
            if extra:
                false[key[0]] += extra
    return {"planted": planted, "matched": matched, "false": false, "missed": missed, "reported": reported}


def run(report: Report, quick: bool) -> None:
    report.section("target review and history (synthetic multi-year projects)")
    count = 300 if quick else 1000
    projects = list(generate(count))
    started = time.perf_counter()
    found = [check(p) for p in projects]
    elapsed = time.perf_counter() - started
    result = accuracy(projects, found)
    planted, matched = sum(result["planted"].values()), sum(result["matched"].values())
    false = sum(result["false"].values())
    report.add(SECTION, "planted target problems found", f"{matched}/{planted}", "",
               f"{count}个项目×3年自评表+2张申报表，{sum(1 for p in projects if p.problem)}个项目各预置1个问题")
    report.add(SECTION, "false alarms", false, "", "答案之外的发现")
    for code in sorted(result["planted"]):
        report.add(SECTION, f"  {code}", f"{result['matched'][code]}/{result['planted'][code]}")
    report.add(SECTION, "time per 1,000 projects", elapsed / count * 1000, "s", "一核，审核全部目标与历史规则")
