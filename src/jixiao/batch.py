"""Audit a folder of packages: every report file found (recursively) is audited as its own
package, spread over worker processes; a file that cannot be read is reported with the
reason and the others go on. Results come back in file order whatever the parallelism.

No output here: the CLI draws the progress bar (through the `progress` callback) and the
summary workbook is written by `jixiao.render.audit_summary`."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .audit import AuditReport, DocumentSummary, audit_package, check_codes
from .audit.format import KIND_TEXT, owner
from .catalog import SEVERITIES
from .findings import Finding, InputError, make
from .ingest import Source, read
from .ingest.layout import get_layout
from .ingest.readers import suffixes
from .model import Location

MAX_FILES = 20000  # a walk over a wrong root (/, a home directory) stops here, with a message

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str


@dataclass(frozen=True)
class FileAudit:
    """One file's audit, or the findings saying why it could not be read."""

    source: str
    report: AuditReport | None = None
    unreadable: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.report.findings if self.report is not None else self.unreadable


@dataclass(frozen=True)
class DocumentRow:
    """A row of the batch summary: a document, or a file that could not be read."""

    file: str
    kind: str
    project: str
    reported_total: str | None
    recomputed_total: str | None
    grade: str | None
    errors: int
    warnings: int
    infos: int
    note: str = ""


@dataclass(frozen=True)
class BatchReport:
    files: tuple[FileAudit, ...]
    skipped: tuple[Skipped, ...] = ()

    @property
    def documents(self) -> tuple[DocumentSummary, ...]:
        return tuple(d for f in self.files if f.report is not None for d in f.report.documents)

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(finding for f in self.files for finding in f.findings)

    @property
    def readable(self) -> int:
        return sum(1 for f in self.files if f.report is not None)

    @property
    def exit_code(self) -> int:
        """2 when nothing could be read; else 1 for any error-severity finding (an unreadable
        file is one), else 0."""
        if self.readable == 0:
            return 2
        return 1 if any(f.severity == "error" for f in self.findings) else 0

    def rows(self) -> list[DocumentRow]:
        """One row per document, in file order; a finding no document claims (rare: text
        before the first table) is counted on its file's first document."""
        rows: list[DocumentRow] = []
        for audited in self.files:
            if audited.report is None:
                rows.append(DocumentRow(audited.source, "无法读取", "", None, None, None, len(audited.unreadable), 0, 0,
                                        "；".join(f.message for f in audited.unreadable)))
                continue
            documents = audited.report.documents
            counts = [dict.fromkeys(SEVERITIES, 0) for _ in documents]
            for finding in audited.report.findings:
                index = owner(documents, finding)
                if counts:
                    counts[0 if index is None else index][finding.severity] += 1
            for document, count in zip(documents, counts):
                rows.append(DocumentRow(audited.source, KIND_TEXT.get(document.kind, document.kind),
                                        document.project, document.reported_total, document.recomputed_total,
                                        document.grade, count["error"], count["warning"], count["info"]))
        return rows

    def as_dict(self) -> dict:
        """The single-file JSON (documents, findings) plus `files` and `skipped`."""
        return {
            "documents": [d.as_dict() for d in self.documents],
            "findings": [f.as_dict() for f in self.findings],
            "files": [{"source": f.source, "readable": f.report is not None,
                       "documents": len(f.report.documents) if f.report is not None else 0,
                       "findings": len(f.findings)} for f in self.files],
            "skipped": [{"source": s.path, "reason": s.reason} for s in self.skipped],
        }


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """The files to audit, in order: each path as given; a directory's report files in sorted
    order, recursively (hidden and Office lock files, and files of other types, are skipped
    with a reason). A missing path is an InputError."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    seen: set[Path] = set()
    known = suffixes()

    def add(path: Path) -> None:
        resolved = path.resolve()
        if resolved not in seen:
            seen.add(resolved)
            files.append(path)

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path):
                if found.name.startswith((".", "~$")):
                    skipped.append(Skipped(str(found), "隐藏文件或临时文件"))
                elif found.suffix.lower() not in known:
                    skipped.append(Skipped(str(found), f"不是可审核的文件类型（{'、'.join(known)}）"))
                else:
                    add(found)
                if len(files) + len(skipped) > MAX_FILES:
                    raise InputError(Finding("too-many-files", f"目录“{path}”中的文件超过{MAX_FILES}个，请分批审核",
                                             Location(file=str(path))))
        elif path.is_file():
            add(path)  # named explicitly: audited whatever its suffix (its content tells the reader)
        else:
            raise InputError(Finding("file-not-found", f"文件不存在：{path}", Location(file=str(path))))
    return files, skipped


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for directory, subdirs, names in os.walk(root, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        found.extend(Path(directory) / name for name in sorted(names))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def audit_file(path: str, pick: tuple[str, ...] | None = None, skip: tuple[str, ...] | None = None,
               layout: str | None = None) -> FileAudit:
    """One file as one package. Runs in a worker process, so it never raises: what cannot be
    read, or a reader's own failure on odd data, becomes the file's finding."""
    try:
        return FileAudit(path, report=audit_package(read(Source.from_path(path), layout=layout), pick=pick, skip=skip))
    except InputError as error:
        return FileAudit(path, unreadable=tuple(error.findings))
    except Exception as error:  # noqa: BLE001 - one file's reader failure must not stop the batch
        return _unreadable(path, f"读取时出错（{type(error).__name__}: {error}）")


def audit_source(source: Source, pick: tuple[str, ...] | None = None, skip: tuple[str, ...] | None = None,
                 layout: str | None = None) -> FileAudit:
    """One file's content as one package: what a cluster's worker runs, on bytes the caller read
    (so workers need no share of the caller's disk). Never raises, as audit_file."""
    try:
        return FileAudit(source.name, report=audit_package(read(source, layout=layout), pick=pick, skip=skip))
    except InputError as error:
        return FileAudit(source.name, unreadable=tuple(error.findings))
    except Exception as error:  # noqa: BLE001 - one file's reader failure must not stop the batch
        return _unreadable(source.name, f"读取时出错（{type(error).__name__}: {error}）")


def _unreadable(path: str, message: str) -> FileAudit:
    return FileAudit(path, unreadable=(make("file-unreadable", location=Location(file=path), derivation=message),))


def _context():
    """fork where there is one: workers start at once with the readers already imported, and
    a caller's script needs no `if __name__ == "__main__"` guard (spawn would re-run it)."""
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else methods[0])


def _preload(names: list[str]) -> None:
    # Import the readers before forking: a child never waits on an import lock another
    # thread of the parent might hold, and each child does not import them again.
    from .ingest import text, yaml_loader  # noqa: F401

    if any(Path(name).suffix.lower() in (".xlsx", ".docx", ".pdf") for name in names):
        from .ingest import docx, forms, pdf, xlsx  # noqa: F401


def audit_batch(paths: Iterable[str | Path], pick: Iterable[str] | None = None,
                skip: Iterable[str] | None = None, jobs: int | None = None,
                progress: Progress | None = None, layout: str | None = None,
                cluster: str | None = None) -> BatchReport:
    """Audit every report file under `paths`, each as its own package, with `jobs` worker
    processes (default: one per CPU), or, given a Dask scheduler's address as `cluster`
    (`tcp://10.1.2.3:8786`), on that cluster's workers (docs/performance.md, "Scaling out").
    `progress(done, total, file)` is called as each file finishes. Unknown codes in pick/skip,
    or a missing path, raise InputError before any work; an unreadable file is always reported,
    whatever pick/skip say (as check-failed is)."""
    pick = tuple(pick) if pick is not None else None
    skip = tuple(skip) if skip is not None else None
    check_codes(pick, skip)  # an unknown code or layout is refused before any file is read
    if layout is not None:
        get_layout(layout)
    files, skipped = collect(paths)
    names = [str(path) for path in files]
    if cluster is not None:
        return BatchReport(tuple(_on_cluster(cluster, names, pick, skip, layout, progress)), tuple(skipped))
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    results: list[FileAudit | None] = [None] * len(names)
    if jobs == 1 or len(names) <= 1:
        for index, name in enumerate(names):
            results[index] = audit_file(name, pick, skip, layout)
            if progress:
                progress(index + 1, len(names), name)
    else:
        _preload(names)
        with ProcessPoolExecutor(max_workers=min(jobs, len(names)), mp_context=_context()) as pool:
            futures = {pool.submit(audit_file, name, pick, skip, layout): index for index, name in enumerate(names)}
            for done, future in enumerate(as_completed(futures), start=1):
                index = futures[future]
                try:
                    results[index] = future.result()
                except Exception as error:  # noqa: BLE001 - a worker killed (memory) or broken pool
                    results[index] = _unreadable(names[index], f"审核进程异常退出（{type(error).__name__}）")
                if progress:
                    progress(done, len(names), names[index])
    return BatchReport(tuple(result for result in results if result is not None), tuple(skipped))


# -- on a Dask cluster ----------------------------------------------------------------------
# Dask distributed (BSD-3, pure Python) rather than Ray: a scheduler and workers started with one
# command each on ordinary machines, no object store or raylet to run, and the same pickled
# FileAudit the local pool returns (docs/performance.md, "Scaling out"). The client reads each file
# itself and sends its bytes with the task, so workers need no share of the folder; files are sent
# a bounded window ahead of the results, so a province's folder never sits in memory at once.

CLUSTER_WINDOW = 4  # tasks in flight per worker thread


def _jixiao_version() -> str:
    import jixiao  # read when called: on a worker, its own installed version

    return jixiao.__version__


def _on_cluster(address: str, names: list[str], pick, skip, layout, progress: Progress | None) -> list[FileAudit]:
    try:
        from distributed import Client, as_completed as completed
    except ImportError:
        raise InputError(Finding("cluster-unavailable", "分布式审核需要 Dask：pip install 'jixiao[cluster]'",
                                 Location(field="--cluster"))) from None
    try:
        client = Client(address, timeout=30)
    except (OSError, TimeoutError) as error:
        raise InputError(Finding("cluster-unavailable", f"无法连接分布式审核集群“{address}”：{error}",
                                 Location(field="--cluster"))) from None
    results: list[FileAudit | None] = [None] * len(names)
    try:
        ours = _jixiao_version()
        theirs = {worker: version for worker, version in client.run(_jixiao_version).items() if version != ours}
        if theirs:
            found = "、".join(f"{worker}（{version}）" for worker, version in sorted(theirs.items()))
            raise InputError(Finding("cluster-unavailable",
                                     f"集群工作进程的 jixiao 版本与本机（{ours}）不同：{found}，请统一版本",
                                     Location(field="--cluster")))
        window = max(1, CLUSTER_WINDOW * sum(client.nthreads().values()))
        pending = iter(enumerate(names))
        futures = {}
        stream = completed()

        def submit_next() -> bool:
            for index, name in pending:
                try:
                    source = Source.from_path(name)
                except InputError as error:  # read here: what cannot be read never travels
                    results[index] = FileAudit(name, unreadable=tuple(error.findings))
                    done_one(index)
                    continue
                future = client.submit(audit_source, source, pick, skip, layout, pure=False,
                                       key=f"jixiao-audit-{index}-{os.getpid()}-{id(results)}")
                futures[future] = index
                stream.add(future)
                return True
            return False

        finished = 0

        def done_one(index: int) -> None:
            nonlocal finished
            finished += 1
            if progress:
                progress(finished, len(names), names[index])

        for _ in range(window):
            if not submit_next():
                break
        for future in stream:
            index = futures.pop(future)
            try:
                results[index] = future.result()
            except Exception as error:  # noqa: BLE001 - a worker lost (memory, machine) mid-file
                results[index] = _unreadable(names[index], f"分布式审核任务失败（{type(error).__name__}）")
            future.release()
            done_one(index)
            submit_next()
    finally:
        client.close()
    return [result for result in results if result is not None]


__all__ = ["BatchReport", "DocumentRow", "FileAudit", "Skipped", "audit_batch", "audit_file", "audit_source", "collect"]
