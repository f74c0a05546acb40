"""Run `jixiao` in a child process and measure it: exit code, output, and the CPU time and peak
memory the child used (what an attack would have cost the machine)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

# The child reports its own peak resident memory after the command has run.
_RUN = """
import resource, sys
from jixiao.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
sys.stdout.flush(); sys.stderr.flush()
usage = resource.getrusage(resource.RUSAGE_SELF)
# The peak of this process image (VmHWM, in kB): ru_maxrss would count the forking parent's size too.
try:
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = usage.ru_maxrss
print(f"\\nMEASURED {code} {usage.ru_utime + usage.ru_stime:.3f} {peak}", file=sys.__stdout__)
"""


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    cpu_seconds: float
    peak_mb: float


def jixiao(*args: str, timeout: float = 120) -> Run:
    done = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, timeout=timeout)
    body, _, measured = done.stdout.rpartition("\nMEASURED ")
    code, cpu, rss = measured.split()
    return Run(int(code), body, done.stderr, float(cpu), int(rss) / 1024)
