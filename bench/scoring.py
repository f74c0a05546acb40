"""Scoring throughput on one core: `jixiao.api.score` over evaluations built in memory by the
generator, so neither generation nor parsing is in the timed loop."""

from __future__ import annotations

import time

from jixiao.api import score

from .measure import Report, best_time
from .synth import generate

SECTION = "scoring"


def evaluations(projects: int, seed: int = 20190) -> list:
    return [p.evaluation for p in generate(projects, seed)]


def indicators_per_second(items: list, repeat: int = 3, explained: bool = False) -> tuple[float, int]:
    """Indicators scored per second; `explained` also reads every derivation (the text is
    written when first read, so this is what a report of every row costs)."""
    count = sum(len(e.indicators) for e in items)

    def run() -> None:
        for evaluation in items:
            result = score(evaluation)
            if explained:
                for scored in result.indicators:
                    scored.outcome.derivation
                result.execution.derivation

    return count / best_time(run, repeat), count


def run(report: Report, quick: bool) -> None:
    report.section("scoring throughput (one core)")
    projects = 500 if quick else 10_000
    start = time.perf_counter()
    items = evaluations(projects)
    generated = projects / (time.perf_counter() - start)
    rate, count = indicators_per_second(items)
    # The one line `make bench` promises, in exactly this form.
    report.add(SECTION, "scoring", int(rate), "indicators/s", "")
    started = time.process_time()
    for evaluation in items:
        score(evaluation)
    cpu = count / (time.process_time() - started)
    # CPU time is what one core spends, whatever else shares the machine: the steadier figure.
    report.add(SECTION, "scoring CPU", int(cpu), "indicators/s", f"{1e6 / cpu:.2f} µs CPU/indicator，按进程CPU时间")
    report.add(SECTION, "scoring projects", rate / (count / projects), "projects/s", f"{projects}个项目，{count}个指标")
    report.add(SECTION, "generate", generated, "projects/s", "合成项目表（含正确得分与预置错误）")
    explained, _ = indicators_per_second(items, explained=True)
    report.add(SECTION, "scoring with every derivation read", int(explained), "indicators/s",
               "计算过程文字在首次读取时生成；此处逐项读取")
    report.add(SECTION, "scoring target", "达标" if rate >= 200_000 else "未达标", "",
               f"目标 ≥ 200000 indicators/s；按墙钟{'达标' if rate >= 200_000 else '未达标'}，"
               f"按CPU时间{'达标' if cpu >= 200_000 else '未达标'}（机器另有负载时以CPU时间为准）")
