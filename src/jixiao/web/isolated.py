"""Reading an upload in a process of its own, under a hard memory limit and a wall-clock limit
(issue 15 §2), so the web server never holds what a hostile file inflates to.

The readers already count what they read (ingest/budget.py: cells, characters, inflated bytes,
pages, seconds) and refuse a file the moment a budget is spent; that is what the command line
relies on. A web server needs more: one allocation the counters did not foresee, or a parser
stuck in C code, would otherwise grow or block the long-lived process every user shares, and
glibc keeps freed pages. So every web upload is read by a child process that

- lowers its own address-space limit (`RLIMIT_AS`, hard and soft) to what it holds when it
  starts plus the memory budget: an allocation beyond it fails (MemoryError) instead of
  growing; the budget is what *reading* may add, so it does not depend on how large the
  preloaded libraries are (some 350 MB of address space, 120 MB resident; the few MB of free heap
  the child inherits come on top);
- is given `seconds` of wall-clock time, after which it is killed with its process group
  (LibreOffice, which converts a legacy .xls/.doc inside the child, goes with it and inherits
  the same memory limit: it converts a form in about 200 MB);
- sends back the Package, or the InputError, exactly as `api.read_bytes` would return or raise
  them (both pickle as they are: frozen dataclasses without slots, and an exception whose
  findings travel in its __dict__); an unexpected exception is raised again in the server, as
  it would have been in-process.

A read that runs out of memory or time becomes a refusal like the counters' own:
`file-over-budget`, "超出读取限额：内存超过上限 1024 MB，拒绝读取" or "…读取时间超过上限 60秒…".
A child that dies some other way (a signal from a crashing parser library) is `file-unreadable`.
Nothing of it reaches the server as a 500.

How the child is started: `multiprocessing`'s forkserver, with the readers preloaded. `fork`
from a threaded server (waitress) is unsafe — a lock held by another thread at the moment of
the fork stays locked forever in the child; `spawn` is safe but starts a fresh interpreter and
imports jixiao and the readers for every upload (about 0.6 s); the forkserver is started once,
imports them once, and forks a clean single-threaded copy of itself per upload (tens of
milliseconds: bench/uploads.py prints the figures, docs/performance.md records them). One
process per upload (not a pool) because a process that was killed, or whose memory grew, is
never reused, and a timed-out read is stopped by killing exactly its own process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import resource
import signal
import threading
import time
import traceback
from dataclasses import dataclass

from .. import api
from ..document import Package
from ..findings import InputError, refuse
from ..model import Location

MB = 1024 * 1024
DEFAULT_MEMORY_MB = 1024
DEFAULT_SECONDS = 60.0
# What the forkserver imports once, so that a child reads without importing anything: this
# module (and with it the web package), the library, and the readers it otherwise imports on
# first use (openpyxl, python-docx, pdfplumber/pdfminer, pypdfium2); last, a read of each kind
# (reader_warmup), so the readers' first-use work is inherited too.
PRELOAD = ["jixiao.web.isolated", "jixiao.api", "jixiao.ingest.forms", "jixiao.ingest.xlsx", "jixiao.ingest.docx",
           "jixiao.ingest.pdf", "jixiao.ingest.pdf_pages", "jixiao.ingest.pdf_guard", "jixiao.ingest.text",
           "jixiao.ingest.plan_xlsx", "jixiao.ingest.department_sheet", "jixiao.ingest.yaml_loader", "pdfplumber",
           "pypdfium2", "jixiao.web.reader_warmup"]


@dataclass(frozen=True)
class Limits:
    """What reading one upload may cost: memory (MB the read may add) and wall-clock seconds."""

    memory_mb: int = DEFAULT_MEMORY_MB
    seconds: float = DEFAULT_SECONDS


def parse_limits(memory_mb: object = None, seconds: object = None) -> Limits:
    """Limits from settings (JIXIAO_UPLOAD_MEMORY_MB, JIXIAO_UPLOAD_SECONDS, or the app's
    UPLOAD_MEMORY_MB / UPLOAD_SECONDS); None takes the default. Raises ValueError in Chinese."""
    memory = DEFAULT_MEMORY_MB if memory_mb in (None, "") else memory_mb
    if not str(memory).strip().isdigit() or not 64 <= int(str(memory).strip()) <= 1024 * 1024:
        raise ValueError(f"JIXIAO_UPLOAD_MEMORY_MB 应为 64 至 1048576 之间的整数（MB），而不是“{memory_mb}”")
    limit = DEFAULT_SECONDS if seconds in (None, "") else seconds
    try:
        value = float(str(limit).strip())
    except ValueError:
        value = -1.0
    if not 0 < value <= 3600:
        raise ValueError(f"JIXIAO_UPLOAD_SECONDS 应为 0 至 3600 之间的秒数，而不是“{seconds}”")
    return Limits(int(str(memory).strip()), value)


def limits_from_environment() -> Limits:
    return parse_limits(os.environ.get("JIXIAO_UPLOAD_MEMORY_MB"), os.environ.get("JIXIAO_UPLOAD_SECONDS"))


def memory_refusal(name: str, memory_mb: int) -> InputError:
    return refuse("file-over-budget", f"超出读取限额：内存超过上限 {memory_mb} MB，拒绝读取", Location(file=name))


def time_refusal(name: str, seconds: float) -> InputError:
    return refuse("file-over-budget", f"超出读取限额：读取时间超过上限 {seconds:g}秒，拒绝读取", Location(file=name))


def crash_refusal(name: str, exitcode: int | None) -> InputError:
    how = f"（信号 {-exitcode}）" if exitcode is not None and exitcode < 0 else f"（退出码 {exitcode}）"
    return refuse("file-unreadable", f"读取进程异常终止{how}，无法读取该文件", Location(file=name))


_context_lock = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None


def _forkserver() -> multiprocessing.context.BaseContext:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            # Takes effect when the forkserver starts (the first upload): it is a process of its
            # own, started by exec, so it carries nothing of the server's threads or memory.
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def _address_space() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def _ran_out_of_memory(error: BaseException) -> bool:
    """A reader that catches every exception of a damaged file (pdfminer raises many types)
    also catches a MemoryError and refuses the file as damaged: the MemoryError is still in
    the refusal's context."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, MemoryError):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False


def _child(connection, data: bytes, name: str, suffix: str | None, layout: str | None, memory: int,
           seconds: float) -> None:
    """The reading process: limits itself, reads, sends back what read_bytes gave."""
    # What the forkserver imported is never collected here: a collection would walk (and so copy,
    # page by page) all of it, which cost more than the read of a small form.
    gc.freeze()
    # Its own process group, so a timeout kills LibreOffice (if it converts a legacy file) too.
    os.setpgid(0, 0)
    limit = _address_space() + memory
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    # Should the server die before it, a child never outlives its time by much.
    cpu = int(seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    try:
        try:
            answer = ("package", api.read_bytes(data, name, suffix=suffix, layout=layout))
        except InputError as error:
            answer = ("memory",) if _ran_out_of_memory(error) else ("refused", error)
        except MemoryError:
            answer = ("memory",)
        except BaseException as error:  # noqa: BLE001 - raised again in the server, as in-process
            answer = ("error", error, traceback.format_exc())
        try:
            connection.send(answer)
        except MemoryError:
            connection.send(("memory",))
        except Exception:  # noqa: BLE001 - an exception that does not pickle goes as its text
            connection.send(("error", None, traceback.format_exc() if answer[0] != "error" else answer[2]))
    finally:
        connection.close()


def read_isolated(data: bytes, name: str, suffix: str | None = None, layout: str | None = None, *,
                  limits: Limits | None = None) -> Package:
    """`api.read_bytes(data, name, suffix, layout)`, read in a child process under `limits`:
    the same Package, or the same InputError; a read over its memory or time is refused with
    `file-over-budget`."""
    limits = limits or Limits()
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, data, name, suffix, layout, limits.memory_mb * MB,
                                                   limits.seconds), daemon=True)
    process.start()
    sender.close()
    # From the child's start: the first upload also starts the forkserver, which is not the file's doing.
    deadline = time.monotonic() + limits.seconds
    try:
        answer = None
        if receiver.poll(max(deadline - time.monotonic(), 0)):
            try:
                answer = receiver.recv()
            except EOFError:
                answer = None
        else:
            _kill(process)
            raise time_refusal(name, limits.seconds)
    finally:
        receiver.close()
        process.join(5)
        if process.exitcode is None:
            _kill(process)
    if answer is None:
        # Gone without a word: killed by the kernel for its memory, or a crash in C code.
        if process.exitcode == -signal.SIGKILL:
            raise memory_refusal(name, limits.memory_mb)
        if process.exitcode == -signal.SIGXCPU:
            raise time_refusal(name, limits.seconds)
        raise crash_refusal(name, process.exitcode)
    kind = answer[0]
    if kind == "package":
        return answer[1]
    if kind == "refused":
        raise answer[1]
    if kind == "memory":
        raise memory_refusal(name, limits.memory_mb)
    error, text = answer[1], answer[2]
    if error is None:
        raise RuntimeError(f"reading {name!r} failed in the reader process:\n{text}")
    error.add_note(f"raised in the reader process:\n{text}")
    raise error


def _kill(process) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.kill()
    process.join()


__all__ = ["DEFAULT_MEMORY_MB", "DEFAULT_SECONDS", "Limits", "limits_from_environment", "parse_limits",
           "read_isolated"]
