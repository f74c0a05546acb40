"""What reading a web upload in a child process costs (issue 15 §2, web/isolated.py).

For one form of each format the web reads (and the seed's 14-document text package), the best
wall time (of runs taken in turn with the other way) of `api.read_bytes` in this process and of `read_isolated` (a forkserver child under
the default limits: 1024 MB, 60 s); the difference is the per-upload overhead: forking the
preloaded forkserver, sending the bytes, pickling the Package back, reaping the child. Then what
the other safe start method would cost: `spawn` starts a fresh interpreter per upload and imports
jixiao and the readers again. The first upload also starts the forkserver (once per server).

Wall time, not CPU time: the child's work is not this process's. Run it on an otherwise idle
machine: `python -m bench.uploads` (or `python -m bench.run --only uploads`)."""

from __future__ import annotations

import multiprocessing
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from jixiao import api
from jixiao.web import isolated

from .measure import Report

SECTION = "uploads"
FORMS = Path(__file__).resolve().parents[1] / "tests" / "forms"
SAMPLES = {
    ".xlsx": FORMS / "national" / "ezhou-czj-2019.xlsx",
    ".pdf": FORMS / "national" / "ezhou-czj-2019.pdf",
    ".docx": FORMS / "anhui" / "chizhou-tangxi-weituo-2022.docx",
    ".txt (14 documents)": api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt",
    ".yaml": api.EXAMPLES_DIR / "proj-01-xingzheng.yaml",
}


def _times_ms(run) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def _interleaved(inline, child, repeat: int) -> tuple[list[float], list[float]]:
    """Both ways in turn, so that the machine's other load falls on both alike."""
    pairs = [(_times_ms(inline), _times_ms(child)) for _ in range(repeat)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def _legacy_sample(folder: Path) -> Path | None:
    if shutil.which("soffice") is None:
        return None
    from jixiao.render.soffice import convert

    return convert(FORMS / "sichuan" / "qingshen-fgj-gongzixing-2023.xlsx", "xls", folder)


def run(report: Report, quick: bool) -> None:
    report.section("web uploads read in a child process (forkserver, 1024 MB / 60 s)")
    repeat = 7 if quick else 21
    limits = isolated.Limits()
    first = SAMPLES[".xlsx"].read_bytes()
    started = time.perf_counter()
    isolated.read_isolated(first, "warm.xlsx", limits=limits)
    report.add(SECTION, "first upload (starts the forkserver, imports the readers once)",
               (time.perf_counter() - started) * 1000, "ms")
    overheads = []
    with tempfile.TemporaryDirectory() as folder:
        samples = dict(SAMPLES)
        legacy = _legacy_sample(Path(folder))
        if legacy is not None:
            samples[".xls (LibreOffice)"] = legacy
        for label, path in samples.items():
            data, name = path.read_bytes(), path.name
            assert isolated.read_isolated(data, name, limits=limits) == api.read_bytes(data, name), name
            # LibreOffice's own start (about a second) dwarfs everything: a few runs suffice.
            count = 3 if label.startswith(".xls ") else repeat
            inline, child = _interleaved(lambda: api.read_bytes(data, name),
                                         lambda: isolated.read_isolated(data, name, limits=limits), count)
            best = min(child) - min(inline)
            overheads.append(best)
            report.add(SECTION, f"{label}: in-process {min(inline):.1f} ms, in a child {min(child):.1f} ms", best,
                       "ms overhead", f"best of {count}; medians {statistics.median(inline):.1f} and "
                       f"{statistics.median(child):.1f} ms")
    report.add(SECTION, "per-upload overhead, median over the formats", statistics.median(overheads), "ms")
    # The alternative start method, for the record (isolated.py's docstring says why not).
    saved = isolated._context
    isolated._context = multiprocessing.get_context("spawn")
    try:
        data = SAMPLES[".xlsx"].read_bytes()
        spawned = min(_times_ms(lambda: isolated.read_isolated(data, "a.xlsx", limits=limits)) for _ in range(3))
    finally:
        isolated._context = saved
    report.add(SECTION, ".xlsx in a spawned child (fresh interpreter per upload)", spawned, "ms", "best of 3")


def main() -> None:
    from .measure import machine

    print("machine: " + "; ".join(f"{k} {v}" for k, v in machine().items()))
    run(Report(), quick=False)


if __name__ == "__main__":
    main()
