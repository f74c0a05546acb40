"""Audit throughput on one and two cores (text packages, .xlsx, .docx, .pdf), and how well the
audit finds the errors planted in the synthetic text packages (recall, and error findings on
tables where nothing was planted)."""

from __future__ import annotations

import collections
import multiprocessing
import tempfile
import time
from pathlib import Path

from jixiao.api import score

from .measure import Report
from .synth import generate
from .synth.write import write_text

SECTION = "audit"
# The generator's planted-error codes and the audit catalog codes that report them.
FINDING_FOR = {
    "score-mismatch": {"score-mismatch"},
    "score-over-weight": {"score-out-of-range"},
    "total-mismatch": {"total-mismatch"},
    "execution-rate-mismatch": {"execution-mismatch"},
    "execution-score-mismatch": {"execution-mismatch"},
    "deviation-reason-missing": {"missing-deviation-reason"},
    "overcompletion-unexplained": {"overcompletion-unexplained"},
    "weight-sum-mismatch": {"weights-mismatch", "subtotal-mismatch"},
}


def _audit_one(path: str) -> list[tuple[str, str, str, str | None]]:
    from jixiao.api import audit as audit_paths

    report = audit_paths([path])
    return [(f.code, f.severity, f.project, f.indicator) for f in report.findings]


def _timed(paths: list[str], cores: int) -> tuple[float, list]:
    start = time.perf_counter()
    if cores == 1:
        results = [_audit_one(p) for p in paths]
    else:
        with multiprocessing.get_context("fork").Pool(cores) as pool:
            results = pool.map(_audit_one, paths, chunksize=1)
    return time.perf_counter() - start, results


def _warm(paths: list) -> None:
    # Imports and regex compilation happen once per process, not per document.
    _audit_one(str(paths[0]))


def accuracy(packages: list, findings: list[tuple[str, str, str, str | None]]) -> dict:
    by_project: dict[str, list] = collections.defaultdict(list)
    for code, severity, project, indicator in findings:
        by_project[project].append((code, severity, indicator))
    found = collections.Counter()
    planted = collections.Counter()
    for package in packages:
        for error in package.planted:
            planted[error.code] += 1
            wanted = FINDING_FOR[error.code]
            if any(
                code in wanted and (error.indicator is None or indicator in (None, error.indicator)
                                    or error.code == "weight-sum-mismatch")
                for code, _, indicator in by_project.get(package.name, ())
            ):
                found[error.code] += 1
    clean = [p for p in packages if not p.planted]
    false_errors = collections.Counter(
        code for p in clean for code, severity, _ in by_project.get(p.name, ()) if severity == "error"
    )
    return {"found": found, "planted": planted, "clean": len(clean), "false_errors": false_errors}


def _text(report: Report, quick: bool, folder: Path) -> None:
    projects = 100 if quick else 1000
    packages = list(generate(projects))
    paths = [str(p) for p in write_text(packages, folder / "text")]
    _warm(paths)
    rates = {}
    for cores in (1, 2):
        seconds, results = _timed(paths, cores)
        rates[cores] = len(paths) / seconds
        report.add(
            SECTION,
            f"audit text {cores} core{'s' if cores > 1 else ''}",
            rates[cores],
            "packages/s",
            f"{len(paths)}个文本包（每包10个项目表），{projects / seconds:.0f} projects/s；目标 ≥ 20 packages/s/核",
        )
        if cores == 1:
            one_core = results
    _text_fixed(report, paths, rates[1], one_core)
    findings = [f for result in results for f in result]
    quality = accuracy(packages, findings)
    total_planted = sum(quality["planted"].values())
    total_found = sum(quality["found"].values())
    report.add(SECTION, "audit recall of planted errors", f"{total_found}/{total_planted}", "",
               "；".join(f"{code} {quality['found'][code]}/{n}" for code, n in sorted(quality["planted"].items())))
    report.add(SECTION, "audit error findings on clean tables", sum(quality["false_errors"].values()), "",
               f"{quality['clean']}张未预置错误的表；" + "，".join(f"{c} {n}" for c, n in quality["false_errors"].most_common(5)))


def _audit_fixes():
    """Patches for the audit's measured hot path: `AuditContext.stated_rule` memoized per link
    (checks ask for it again and again, and each call compares the 评分细则 with every other
    indicator's name), and `match.key` cached (names are normalised again for every pair)."""
    import functools

    from jixiao.audit import context, match

    original = context.AuditContext.stated_rule

    def stated_rule(self, link):
        cache = self.__dict__.setdefault("_bench_stated", {})
        if id(link) not in cache:
            cache[id(link)] = original(self, link)
        return cache[id(link)]

    cached_key = functools.lru_cache(maxsize=65536)(match.key)
    return [(context.AuditContext, "stated_rule", stated_rule), (context, "key", cached_key),
            (match, "key", cached_key)]


def _text_fixed(report: Report, paths: list[str], before: float, reference: list) -> None:
    from contextlib import ExitStack

    from .loading import patched

    with ExitStack() as stack:
        for owner, name, value in _audit_fixes():
            stack.enter_context(patched(owner, name, value))
        seconds, results = _timed(paths, 1)
    rate = len(paths) / seconds
    report.add(SECTION, "audit text 1 core with fixes", rate, "packages/s",
               f"{rate / before:.2f}×（stated_rule 按行缓存，match.key 缓存）；审核结果一致：{results == reference}")


def _office(report: Report, quick: bool, folder: Path) -> None:
    from jixiao.ingest.readers import READERS

    try:
        from jixiao.render.docx_report import write_docx
        from jixiao.render.pdf import write_pdf
        from jixiao.render.xlsx_book import write_xlsx
    except ImportError as error:
        report.skip(SECTION + " office", f"办公文档写出模块不可用：{error}")
        return
    count = {"xlsx": 10 if quick else 100, "docx": 10 if quick else 100, "pdf": 2 if quick else 20}
    results = [score(p.evaluation) for p in generate(max(count.values()), seed=77)]
    writers = {"xlsx": write_xlsx, "docx": write_docx, "pdf": write_pdf}
    for suffix, writer in writers.items():
        if "." + suffix not in READERS:
            report.skip(f"{SECTION} {suffix}", f"审核尚未注册 .{suffix} 读取器")
            continue
        target = folder / suffix
        target.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        paths = []
        for index, result in enumerate(results[: count[suffix]]):
            path = target / f"{index:04d}.{suffix}"
            writer([result], path)
            paths.append(str(path))
        write_rate = len(paths) / (time.perf_counter() - start)
        pages = _pages(paths) if suffix == "pdf" else None
        _warm(paths)
        for cores in (1, 2):
            seconds, _ = _timed(paths, cores)
            report.add(
                SECTION,
                f"audit {suffix} {cores} core{'s' if cores > 1 else ''}",
                len(paths) / seconds,
                "files/s",
                f"{len(paths)}个文件（每个1张自评表）；写出 {write_rate:.2f} files/s"
                + (f"；{pages / seconds:.1f} pages/s（共{pages}页）" if pages else "")
                + ("；目标 ≥ 10 files/s/核" if suffix == "xlsx" else ""),
            )


def _pages(paths: list[str]) -> int:
    import pypdfium2

    total = 0
    for path in paths:
        document = pypdfium2.PdfDocument(path)
        total += len(document)
        document.close()
    return total


def run(report: Report, quick: bool) -> None:
    report.section("audit throughput")
    try:
        import jixiao.audit  # noqa: F401
    except ImportError as error:
        report.skip(SECTION, f"jixiao.audit 不可用：{error}")
        return
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-audit-"))
    _text(report, quick, folder)
    _office(report, quick, folder)
