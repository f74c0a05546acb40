"""Where scoring spends its time, and what candidate fixes would gain, measured by patching the
running process only (the fixes themselves are for the owners of engine/ and rules/ to make).

Experiments, each checked to give exactly the same results as the unpatched code:
  memo    cache rule outcomes by what a rule reads (rule, target text, actual text, weight,
          reported score, profile, funds metrics): tables repeat rows like 100%/100%, 及时/及时
  slots   the model and result dataclasses re-created with __slots__ (in a child interpreter)
"""

from __future__ import annotations

import cProfile
import json
import pstats
import subprocess
import sys
from pathlib import Path

from jixiao import rules
from jixiao.api import score

from .loading import patched
from .measure import Report
from .scoring import evaluations, indicators_per_second

SECTION = "profiling"


def top_functions(items: list, count: int = 6) -> list[tuple[str, float]]:
    profiler = cProfile.Profile()
    profiler.enable()
    for evaluation in items:
        score(evaluation)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt
    rows = []
    for (filename, line, function), (_, _, tottime, _, _) in stats.stats.items():
        short = filename.split("/src/")[-1] if "/src/" in filename else Path(filename).name
        rows.append((f"{short}:{line}:{function}", tottime / total))
    rows.sort(key=lambda row: row[1], reverse=True)
    return rows[:count]


def floor_microseconds() -> dict[str, float]:
    """The work scoring one indicator cannot avoid, timed alone: the two result records, a
    derivation string, the Decimal arithmetic. What is left is dispatch and bookkeeping."""
    import timeit
    from decimal import Decimal

    from jixiao.decimals import round2, short
    from jixiao.engine.result import IndicatorResult
    from jixiao.rules.base import Outcome

    weight, actual, target = Decimal("3.5"), Decimal(89), Decimal(100)
    runs = 100_000
    parts = {
        "records": lambda: IndicatorResult(None, Outcome(weight, "x", "r"), weight),
        "derivation": lambda: f"{actual}%/{target}%×{short(weight)}={round2(actual / target * weight)}（按≥理解）",
        "arithmetic": lambda: round2(actual / target * weight) if actual < target else weight,
    }
    return {name: min(timeit.repeat(code, number=runs, repeat=3)) / runs * 1e6 for name, code in parts.items()}


def memo_apply(original):
    """rules.apply with outcomes cached by everything a rule may read. Outcome is frozen, so
    one outcome can serve every identical row."""
    cache: dict = {}
    stats = {"hits": 0, "calls": 0}

    def apply(indicator, ctx):
        stats["calls"] += 1
        spec = indicator.rule
        metrics = ctx.metrics.get("cost_deviation_rate")
        try:
            key = (
                (spec.kind, spec.params, spec.text) if spec is not None else None,
                indicator.target.text,
                indicator.actual.text,
                indicator.weight,
                indicator.reported_score,
                ctx.profile,
                metrics,
            )
            outcome = cache.get(key)
        except TypeError:  # a parameter list from hand-written YAML is unhashable: no caching
            return original(indicator, ctx)
        if outcome is None:
            outcome = cache[key] = original(indicator, ctx)
        else:
            stats["hits"] += 1
        return outcome

    return apply, stats


def _scores(items: list) -> list:
    return [[(r.outcome, r.counted) for r in score(e).indicators] for e in items]


def slots_child(projects: int) -> dict:
    from . import slots

    replaced = slots.install()
    from .scoring import evaluations as build
    from .scoring import indicators_per_second as rate

    value, count = rate(build(projects))
    # Problem alone is rarely created while scoring: only the per-indicator records count.
    held = [cls.__name__ for cls in replaced if cls.__name__ != "Problem"]
    return {"rate": value, "count": count, "replaced": len(held)}


def run(report: Report, quick: bool) -> None:
    report.section("scoring hot path (cProfile) and candidate fixes")
    projects = 500 if quick else 5000
    items = evaluations(projects)
    for name, share in top_functions(items):
        report.add(SECTION, "hot", f"{share:.0%}", "", name)

    before, count = indicators_per_second(items)
    report.add(SECTION, "scoring before", int(before), "indicators/s", f"{count}个指标，{1e6 / before:.1f} µs/indicator")
    floor = floor_microseconds()
    report.add(SECTION, "scoring floor", f"{sum(floor.values()):.1f}", "µs/indicator",
               "必要开销：" + "，".join(f"{k} {v:.2f}" for k, v in floor.items()) + f"；上限约 {1e6 / sum(floor.values()):.0f} indicators/s")

    reference = _scores(items)
    apply, stats = memo_apply(rules.apply)
    with patched(rules, "apply", apply):
        after, _ = indicators_per_second(items)
        same = _scores(items) == reference
    hit_rate = stats["hits"] / stats["calls"] if stats["calls"] else 0.0
    report.add(
        SECTION,
        "scoring with memo",
        int(after),
        "indicators/s",
        f"{after / before:.2f}×；命中率{hit_rate:.0%}；结果一致：{same}",
    )

    # How repetitive real tables are: the same cache over the seed's transcribed tables.
    from jixiao.api import example_paths, load_evaluation

    examples = [load_evaluation(path) for path in example_paths()]
    if examples:
        apply, stats = memo_apply(rules.apply)
        with patched(rules, "apply", apply):
            for evaluation in examples:
                score(evaluation)
        report.add(SECTION, "memo hit rate on the seed examples", f"{stats['hits'] / stats['calls']:.0%}", "",
                   f"{len(examples)}张示例表，{stats['calls']}个指标")

    process = subprocess.run(
        [sys.executable, "-m", "bench.profiling", str(projects)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        check=True,
    )
    slotted = json.loads(process.stdout.strip().splitlines()[-1])
    from . import memory

    points = [("now", memory.measure(300 if quick else 3000, "generated"))]
    if slotted["replaced"]:
        report.add(
            SECTION,
            "scoring with slots",
            int(slotted["rate"]),
            "indicators/s",
            f"{slotted['rate'] / before:.2f}×（model/结果类 dataclass(slots=True)，子进程）",
        )
        points.append(("with slots", memory.measure(300 if quick else 3000, "generated", slots=True)))
    else:
        report.add(SECTION, "scoring with slots", "—", "", "model 与结果类已是 dataclass(slots=True)")
    for label, point in points:
        n = point["indicators"]
        report.add(
            SECTION,
            f"memory {label}",
            f"{point['evaluations'] / n:.0f} + {point['results'] / n:.0f} = {(point['evaluations'] + point['results']) / n:.0f}",
            "B/indicator (evaluation + result)",
        )

    from enum import Enum

    from .anatomy import describe, footprint

    sample = items[1].indicators[3]
    report.add(SECTION, "anatomy indicator", describe(footprint(sample, (Enum,))), "", f"{sample.target.text} / {sample.actual.text}")
    outcome = score(items[1]).indicators[3].outcome
    report.add(SECTION, "anatomy outcome", describe(footprint(outcome, (Enum,))), "")


if __name__ == "__main__":
    print(json.dumps(slots_child(int(sys.argv[1]))))
