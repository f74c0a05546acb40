"""The runner: a check that crashes becomes a finding; mangled real text never crashes the audit;
interval reasoning decides what is an error."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from jixiao import api
from jixiao.audit import audit_documents, interval
from jixiao.document import Printed
from jixiao.audit.registry import CHECKS, check
from jixiao.ingest.text import read_text
from jixiao.model import Location
from jixiao.findings import InputError

SEED = (api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt").read_text(encoding="utf-8")


def test_a_crashing_check_becomes_a_finding_and_the_others_still_run():
    documents = read_text(SEED, "seed.txt")

    @check("test-crash", "check-failed")
    def crash(context):
        raise ZeroDivisionError("boom")

    try:
        report = audit_documents(documents)
    finally:
        CHECKS.remove("test-crash")
    failed = [f for f in report.findings if f.code == "check-failed"]
    assert [(f.severity, f.derivation) for f in failed] == [("error", "ZeroDivisionError: boom")]
    assert "审核项“test-crash”" in failed[0].message
    assert sum(1 for f in report.findings if f.code == "score-mismatch") == 27


@pytest.mark.parametrize("seed", range(12))
def test_mangled_seed_text_never_crashes(seed):
    rng = random.Random(seed)
    lines = SEED.split("\n")
    for _ in range(60):
        index = rng.randrange(len(lines))
        choice = rng.random()
        if choice < 0.3:
            del lines[index]
        elif choice < 0.6:
            cells = lines[index].split("\t")
            rng.shuffle(cells)
            lines[index] = "\t".join(cells)
        elif choice < 0.8:
            text = lines[index]
            cut = rng.randrange(len(text) + 1)
            lines[index] = text[:cut] + rng.choice(["\t", "0", "%", "≤", "—", "05", "9.999", "分"]) + text[cut:]
        else:
            lines.insert(index, lines[rng.randrange(len(lines))])
    try:
        documents = read_text("\n".join(lines), "mangled.txt")
    except InputError:
        return
    report = audit_documents(documents)
    assert [f for f in report.findings if f.code == "check-failed"] == []


def _p(text: str) -> Printed:
    percent = text.endswith("%")
    value = Decimal(text.rstrip("%")) / (100 if percent else 1)
    return Printed(text, value, Location(), percent)


def test_interval_bounds_follow_the_printed_precision():
    assert interval.bounds(_p("55%")) == (Decimal("0.545"), Decimal("0.555"))
    assert interval.bounds(_p("2.89")) == (Decimal("2.885"), Decimal("2.895"))
    assert interval.bounds(_p("63"), exact_integers=True) == (Decimal(63), Decimal(63))


def test_interval_consistency_decides_like_a_careful_reviewer():
    executed = interval.bounds(_p("53.92"))
    budget = (Decimal(63), Decimal(63))
    # 14.42% fits an executed amount that prints as 53.92 (e.g. 53.916): not an error
    assert interval.consistent(_p("14.42%"), interval.deviation(budget, executed))
    # 63 − 53.92 can only print as 9.08: 9.07 is an error
    assert not interval.consistent(_p("9.07"), interval.sub(budget, executed))
    # 3.00/3.00 may be 99.83% when both are rounded to cents
    assert interval.consistent(_p("99.83%"), interval.div(interval.bounds(_p("3.00")), interval.bounds(_p("3.00"))))
    # 209.81/210 is 99.91%, never 99.90%
    assert not interval.consistent(_p("99.90%"), interval.div(interval.bounds(_p("209.81")), (Decimal(210), Decimal(210))))
