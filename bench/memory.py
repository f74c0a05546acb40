"""Memory held per indicator, and how it grows with the number of projects.

Each size runs in a fresh interpreter (`python -m bench.memory N MODE`) so one size's garbage
cannot inflate the next. tracemalloc counts the bytes held by the evaluations and, separately,
by their scoring results; ru_maxrss gives the whole process's peak for comparison.

MODE 'generated' builds evaluations in memory (names and units shared, as a careful loader
could); 'yaml' loads them from YAML files with jixiao's loader (every string its own object,
as a plain loader makes them) — the realistic figure.
"""

from __future__ import annotations

import gc
import json
import resource
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

from .measure import Report

SECTION = "memory"
KIB = 1024


def _load_all(count: int) -> list:
    from jixiao.api import load_evaluation

    from .synth import generate
    from .synth.write import write_yaml

    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-mem-"))
    paths = write_yaml(generate(count), folder)
    gc.collect()
    tracemalloc.start()
    evaluations = [load_evaluation(p) for p in paths]
    return evaluations


def child(count: int, mode: str) -> dict:
    from jixiao.api import score

    from .synth import generate

    if mode == "yaml":
        evaluations = _load_all(count)
    else:
        gc.collect()
        tracemalloc.start()
        evaluations = [p.evaluation for p in generate(count)]
    gc.collect()
    held_evaluations = tracemalloc.get_traced_memory()[0]
    tracemalloc.reset_peak()
    results = [score(e) for e in evaluations]
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    indicators = sum(len(e.indicators) for e in evaluations)
    del results
    return {
        "projects": count,
        "indicators": indicators,
        "evaluations": held_evaluations,
        "results": current - held_evaluations,
        "peak": peak,
        "maxrss": peak_rss(),
    }


def peak_rss() -> int:
    """This process's peak resident set in bytes. VmHWM, not ru_maxrss: Linux carries
    ru_maxrss across exec, so a child would report its parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * KIB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * KIB


def measure(count: int, mode: str, slots: bool = False) -> dict:
    """One size in a fresh interpreter; `slots` first re-creates the records with __slots__."""
    process = subprocess.run(
        [sys.executable, "-m", "bench.memory", str(count), mode] + (["slots"] if slots else []),
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        check=True,
    )
    return json.loads(process.stdout.strip().splitlines()[-1])


def _slope(points: list[dict], key: str) -> float:
    """Least-squares bytes per indicator: the growth rate, free of the fixed start-up cost."""
    xs = [p["indicators"] for p in points]
    ys = [p[key] for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    num = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys))
    den = sum((x - mean_x) ** 2 for x in xs)
    return num / den if den else 0.0


def yaml_loader_available() -> bool:
    try:
        from jixiao.ingest import yaml_loader  # noqa: F401
    except ImportError:
        return False
    return True


def run(report: Report, quick: bool) -> None:
    report.section("memory vs size")
    sizes = (100, 300, 1000) if quick else (1000, 10_000, 100_000)
    modes = ["generated"] + (["yaml"] if yaml_loader_available() else [])
    for mode in modes:
        # Loading YAML under tracemalloc is slow: smaller sizes for it (still three, to fit a line).
        mode_sizes = sizes if mode == "generated" else (25, 50, 100) if quick else (500, 1000, 2000)
        points = [measure(n, mode) for n in mode_sizes]
        for point in points:
            n = point["indicators"]
            report.add(
                SECTION,
                f"memory {mode} {point['projects']} projects",
                f"{point['evaluations'] / n:.0f} + {point['results'] / n:.0f}",
                "B/indicator (evaluation + result)",
                f"{n}个指标，峰值{point['peak'] / KIB / KIB:.1f} MiB，进程RSS峰值{point['maxrss'] / KIB / KIB:.0f} MiB",
            )
        evaluation_slope, result_slope = _slope(points, "evaluations"), _slope(points, "results")
        rss_slope = _slope(points, "maxrss")
        report.add(
            SECTION,
            f"memory {mode} growth",
            f"{evaluation_slope:.0f} + {result_slope:.0f} = {evaluation_slope + result_slope:.0f}",
            "B/indicator",
            f"按规模线性拟合；RSS斜率{rss_slope:.0f} B/indicator；目标 < 1024",
        )
    if "yaml" not in modes:
        report.skip(SECTION + " yaml", "jixiao.ingest.yaml_loader 尚不存在")


if __name__ == "__main__":
    if sys.argv[3:] == ["slots"]:
        from . import slots

        slots.install()
    print(json.dumps(child(int(sys.argv[1]), sys.argv[2])))
