"""One catalog holds every code a user can be told (catalog.py): each code made anywhere in the
source is in it, each entry is used, a finding with an unknown code cannot be made, and a
check may only yield the codes it declared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import jixiao
from jixiao.audit import audit_documents
from jixiao.audit.registry import CHECKS, check
from jixiao.catalog import CATALOG, AUDIT, READER, UnknownCode, codes
from jixiao.cli import main
from jixiao.findings import Finding, make
from jixiao.ingest.evaluation_document import evaluation_document
from jixiao import api

SOURCE = Path(jixiao.__file__).parent
# Every way the source names a code: Finding("x", …), make("x", …), refuse("x", …),
# self.problem / self.error / self.warn("x", …), doubt(…, "x"), @check(name, "x", …).
MADE = re.compile(r"""(?:Finding|make|refuse|problem|error|warn)\(\s*["']([a-z][a-z0-9-]+)["']""")
DECLARED = re.compile(r"""@check\(\s*["'][^"']+["']((?:\s*,\s*["'][a-z0-9-]+["'])+)""")
DOUBT = re.compile(r"""doubt\([^)]*?,\s*["']([a-z][a-z0-9-]+)["']\)""", re.S)
MENTIONED = re.compile(r"""["']([a-z][a-z0-9-]+)["']""")


def _source_texts():
    return {path: path.read_text(encoding="utf-8") for path in SOURCE.rglob("*.py") if path.name != "catalog.py"}


def test_every_code_the_source_makes_is_in_the_catalog():
    made = set()
    for text in _source_texts().values():
        made.update(MADE.findall(text))
        made.update(DOUBT.findall(text))
        for group in DECLARED.findall(text):
            made.update(re.findall(r"[a-z0-9-]+", group))
    assert made and sorted(made - set(CATALOG)) == []


def test_every_catalog_entry_is_used_somewhere():
    mentioned = set()
    for text in _source_texts().values():
        mentioned.update(MENTIONED.findall(text))
    # Reader and audit codes reach the audit through the reader-problems check's declaration.
    unused = sorted(code for code in CATALOG if code not in mentioned and code not in codes(READER))
    assert unused == []


def test_a_finding_with_an_unknown_code_cannot_be_made():
    with pytest.raises(UnknownCode):
        Finding("no-such-code", "x")
    with pytest.raises(UnknownCode):
        make("file-misssing", message="x")


def test_every_audit_code_is_declared_by_a_check():
    declared = {code for item in CHECKS.values() for code in item.codes}
    # check-failed is the runner's own: a check that crashed.
    assert sorted(set(codes(AUDIT)) - declared) == ["check-failed"]
    assert set(codes(READER)) <= declared  # the readers' findings pass through reader-problems


def test_a_check_yielding_an_undeclared_code_is_refused():
    @check("test-undeclared", "total-mismatch")
    def undeclared(context):
        yield make("score-rounded", project="p", indicator="x", reported="1", expected="2", derivation="d")

    try:
        evaluation = api.load_evaluation(api.EXAMPLES_DIR / "proj-02-anquan.yaml")
        report = audit_documents([evaluation_document(evaluation)], pick=["score-rounded", "total-mismatch"])
    finally:
        CHECKS.remove("test-undeclared")
    assert [(f.code, f.derivation) for f in report.findings] == [
        ("check-failed", "UndeclaredCode: 审核项“test-undeclared”给出了未声明的代码“score-rounded”")]


def test_list_codes_prints_the_catalog(capsys):
    assert main(["audit", "--list-codes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(CATALOG) + 1
    assert any(line.split()[:1] == ["rule-text-defect"] and line.endswith("评分细则表述有误") for line in lines)
    assert any(line.split()[0] == "file-encrypted" and "读取文件" in line and "错误" in line for line in lines[1:])
