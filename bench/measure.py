"""Timing, the machine description, and the report every benchmark adds its figures to."""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def best_time(run: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs: the least disturbed by other load on the machine."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def memory_total() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                kib = int(line.split()[1])
                return f"{kib / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine() -> dict[str, str]:
    return {
        "cpus": str(os.cpu_count()),
        "cpu": cpu_model(),
        "memory": memory_total(),
        "python": sys.version.split()[0] + " " + platform.python_implementation(),
        "os": platform.platform(),
    }


@dataclass
class Figure:
    section: str
    name: str
    value: float | str
    unit: str = ""
    note: str = ""

    def line(self) -> str:
        value = self.value
        if isinstance(value, float):
            value = f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"
        text = f"{self.name}: {value}"
        if self.unit:
            text += f" {self.unit}"
        if self.note:
            text += f"  ({self.note})"
        return text


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def section(self, title: str) -> None:
        print(f"\n== {title} ==", flush=True)

    def add(self, section: str, name: str, value: float | str, unit: str = "", note: str = "") -> Figure:
        figure = Figure(section, name, value, unit, note)
        self.figures.append(figure)
        print(figure.line(), flush=True)
        return figure

    def skip(self, section: str, why: str) -> None:
        self.skipped.append((section, why))
        print(f"{section}: skipped — {why}", flush=True)

    def dump(self, path: Path) -> None:
        data = {
            "machine": machine(),
            "figures": [vars(f) for f in self.figures],
            "skipped": self.skipped,
        }
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
