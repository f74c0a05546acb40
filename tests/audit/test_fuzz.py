"""The real package, damaged the way copies and extractions damage text: lines deleted,
duplicated, cut short, swapped, the file cut off mid-way (at a byte, maybe inside a
character). The audit must end every time either with findings or with a clear InputError —
never an exception, never a check that crashed (`check-failed`), and never slowly.

The cases are seeded: a failure names its case number, and `_damaged(case)` rebuilds it."""

from __future__ import annotations

import random
import time

import pytest

from jixiao import api
from jixiao.audit import audit_documents
from jixiao.ingest.text import read_text
from jixiao.ingest.source import Source
from jixiao.ingest.text import MAX_BYTES
from jixiao.findings import InputError

SEED_TEXT = (api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt").read_text(encoding="utf-8")
LINES = SEED_TEXT.split("\n")
TITLES = [i for i, line in enumerate(LINES) if line.strip().replace(" ", "").endswith(("自评报告", "自评表", "评价报告"))]
CASES = 200
# The whole seed audits in about 0.2 s; a damaged part may not take ten times that.
SECONDS_PER_CASE = 2.0


def _damage_lines(rng: random.Random, lines: list[str]) -> list[str]:
    lines = list(lines)
    for _ in range(rng.randint(1, 6)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        action = rng.choice(("delete", "duplicate", "truncate", "delete-run", "swap", "blank"))
        if action == "delete":
            del lines[i]
        elif action == "duplicate":
            lines.insert(i, lines[i])
        elif action == "truncate":
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
        elif action == "delete-run":
            del lines[i: i + rng.randint(2, 40)]
        elif action == "swap":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines.insert(i, "")
    return lines


def _damaged(case: int) -> bytes:
    """Case 0..CASES-1: a window of the seed (every eighth case the whole of it), its lines
    damaged, then cut off at a random character (cases 5, 15, 25…) or at a random byte,
    maybe inside a character (cases 0, 10, 20…)."""
    rng = random.Random(case)
    if case % 8 == 0:
        window = LINES
    else:
        start = rng.choice(TITLES + [rng.randrange(len(LINES))])
        window = LINES[start: start + rng.randint(5, 700)]
    text = "\n".join(_damage_lines(rng, window))
    if case % 10 == 5 and text:
        text = text[: rng.randrange(len(text))]
    data = text.encode("utf-8")
    if case % 10 == 0 and data:
        data = data[: rng.randrange(len(data))]
    return data


def _outcome(case: int):
    """The report, or the InputError that refused the input."""
    data = _damaged(case)
    try:
        return audit_documents(read_text(Source(f"case-{case}.txt", data).text(MAX_BYTES), f"case-{case}.txt"))
    except InputError as error:
        return error


def test_the_cases_are_damaged_copies_and_most_are_audited():
    cases = [_damaged(case) for case in range(CASES)]
    assert len(set(cases)) == CASES
    whole = _damaged(8)
    assert whole != SEED_TEXT.encode("utf-8") and len(whole) > len(SEED_TEXT.encode("utf-8")) // 2
    assert _damaged(7) == _damaged(7)
    # Refusals (a cut inside a character, no title left) are right, but must not be the rule:
    # the fuzz is meant to reach the readers and the checks.
    audited = sum(1 for case in range(0, CASES, 4) if not isinstance(_outcome(case), InputError))
    assert audited >= 35


@pytest.mark.parametrize("case", range(CASES))
def test_damaged_seed_is_audited_or_refused_cleanly(case):
    started = time.perf_counter()
    report = _outcome(case)
    if isinstance(report, InputError):
        assert [(f.location.file, f.stage) for f in report.findings] == [(f"case-{case}.txt", "input")]
    else:
        crashed = [f.derivation for f in report.findings if f.code == "check-failed"]
        assert crashed == []
        assert all(f.location.line for f in report.findings)
        assert report.documents
    assert time.perf_counter() - started < SECONDS_PER_CASE
