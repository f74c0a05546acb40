"""Monitoring warnings on the generator's mid-year tables (synth/midyear.py): every planted
warning condition must be found (recall) and nothing else reported (false warnings), and the
time per 1,000 projects — the warnings alone, and with the two projected year-end scores."""

from __future__ import annotations

import collections
import time
from dataclasses import replace

from jixiao.audit import audit_documents
from jixiao.ingest.plan_yaml import monitoring_document
from jixiao.monitor.projection import project
from jixiao.plans.monitoring import MONITOR_CODES

from .measure import Report
from .synth.midyear import generate

SECTION = "monitor"


def check(table) -> list[tuple[str, str, str | None]]:
    document = monitoring_document(table.table, table.table.location.file)
    report = audit_documents([document], pick=MONITOR_CODES)
    return [(f.code, f.project, f.indicator) for f in report.findings]


def accuracy(tables: list, found: list[list[tuple]]) -> dict:
    planted, matched, false = collections.Counter(), collections.Counter(), collections.Counter()
    missed = []
    for table, findings in zip(tables, found):
        expected = collections.Counter((p.code, p.project, p.indicator) for p in table.planted)
        got = collections.Counter(findings)
        for key, n in expected.items():
            planted[key[0]] += n
            matched[key[0]] += min(n, got[key])
            if got[key] < n:
                missed.append(key)
        for key, n in got.items():
            if n > expected[key]:
                false[key[0]] += n - expected[key]
    return {"planted": planted, "matched": matched, "false": false, "missed": missed}


def run(report: Report, quick: bool) -> None:
    report.section("monitoring warnings (synthetic mid-year tables)")
    count = 300 if quick else 1000
    tables = list(generate(count))
    started = time.perf_counter()
    found = [check(t) for t in tables]
    warnings = time.perf_counter() - started
    started = time.perf_counter()
    for t in tables:
        project(t.table)
        project(replace(t.table, method="linear"))
    projections = time.perf_counter() - started
    result = accuracy(tables, found)
    planted, matched = sum(result["planted"].values()), sum(result["matched"].values())
    report.add(SECTION, "planted warning conditions found", f"{matched}/{planted}", "",
               f"{count}张监控表（截至2019-07-31），{sum(1 for t in tables if t.condition)}张各预置1个情形")
    report.add(SECTION, "false warnings", sum(result["false"].values()), "", "答案之外的预警")
    for code in sorted(result["planted"]):
        report.add(SECTION, f"  {code}", f"{result['matched'][code]}/{result['planted'][code]}")
    report.add(SECTION, "warnings per 1,000 projects", warnings / count * 1000, "s", "一核")
    report.add(SECTION, "projected score per 1,000 projects", projections / count * 1000, "s",
               "一核，单位预计与线性推算各一次")
