"""Run the benchmarks and print their figures: `python -m bench.run [--quick] [--only NAMES]`.

`--quick` (what `make bench` runs) uses small sizes and finishes in under two minutes; the full
run uses 1k/10k/100k projects. A benchmark whose subject does not exist yet, or whose tool is
missing, says so and is skipped; figures are never invented.
"""

from __future__ import annotations

import argparse
import importlib
import time
from pathlib import Path

from .measure import Report, machine

# In the order they run; each module exposes run(report, quick).
BENCHMARKS = ("scoring", "memory", "loading", "profiling", "audit", "readers", "alternatives", "web", "targets", "monitor",
              "uploads")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="jixiao 性能基准")
    parser.add_argument("--quick", action="store_true", help="小规模，2分钟内完成（make bench）")
    parser.add_argument("--only", default="", help="只运行这些基准，逗号分隔：" + ",".join(BENCHMARKS))
    parser.add_argument("--json", type=Path, help="把全部数字写入此 JSON 文件")
    args = parser.parse_args(argv)
    chosen = [name for name in BENCHMARKS if not args.only or name in args.only.split(",")]

    report = Report()
    print("machine: " + "; ".join(f"{k} {v}" for k, v in machine().items()))
    started = time.perf_counter()
    for name in chosen:
        try:
            module = importlib.import_module(f"bench.{name}")
        except ImportError as error:
            report.skip(name, f"无法导入：{error}")
            continue
        try:
            module.run(report, args.quick)
        except Exception as error:  # noqa: BLE001 - one broken subject must not hide the other figures
            report.skip(name, f"运行失败：{type(error).__name__}: {error}")
    report.add("run", "elapsed", time.perf_counter() - started, "s")
    if args.json:
        report.dump(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
