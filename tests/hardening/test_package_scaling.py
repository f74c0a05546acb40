"""A text package made of many units' packages (a bureau's batch concatenated into one file,
issue 15 §2: the seed ×48, 5 MB, took 83 s) is audited as the sum of its parts: each report
is paired with its own unit's table, once for the whole package, so the work and the findings
grow linearly with the number of documents (bench/readers.py prints the time per document)."""

from __future__ import annotations

from collections import Counter

from jixiao import api
from jixiao.audit.context import AuditContext
from jixiao.document import DocKind

SEED = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"


def _package(copies: int):
    data = SEED.read_bytes()
    return api.read_bytes(b"\n".join([data] * copies), "汇总.txt")


def test_each_copy_of_the_seed_is_audited_as_the_seed_alone():
    once = Counter((f.code, f.indicator) for f in api.audit_read(_package(1)).findings)
    four = Counter((f.code, f.indicator) for f in api.audit_read(_package(4)).findings)
    assert sum(once.values()) == 125   # tests/audit/test_seed.py lists them
    assert four == Counter({item: 4 * count for item, count in once.items()})


def test_every_report_is_paired_with_its_own_copys_table():
    package = _package(3)
    documents = list(package.documents)
    context = AuditContext(documents)
    per_copy = len(documents) // 3
    reports = [d for d in documents if d.kind in (DocKind.EVALUATION_REPORT, DocKind.DEPARTMENT_REPORT)]
    assert len(reports) == 3 * 4
    for report in reports:
        table = context.table_for(report)
        assert table is not None
        if report.kind is DocKind.EVALUATION_REPORT:
            assert table.project == report.project
        else:
            assert table.kind is DocKind.DEPARTMENT_TABLE
        assert documents.index(table) // per_copy == documents.index(report) // per_copy
        assert context.companions(table) == [report]


def test_pairing_is_computed_once_for_the_package():
    context = AuditContext(list(_package(2).documents))
    calls = []
    original = context._pair_reports

    def counted():
        calls.append(1)
        original()

    context._pair_reports = counted
    for document in context.documents:
        context.table_for(document)
    for table in context.tables:
        context.companions(table)
    assert len(calls) == 1
