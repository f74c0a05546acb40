"""The audit asks the engine: under every profile, a 自评表 printed exactly as `jixiao render`
writes it audits clean, and the same document with one figure changed gets exactly that
finding at that place. Before the audit asked the engine, an `initial-budget` form whose
shares matched `jixiao score` got two execution-mismatch errors expecting 5.00."""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import replace
from decimal import Decimal as D

import docx
import pytest

from jixiao import api
from jixiao.profile import PROFILES

# A project that exercises what the profiles change: two fund sources whose initial and
# full-year budgets differ, a reverse indicator, a ratio, a word and a stated rule; weights
# that add up with each profile's execution weight. Lost points carry their reasons.
FORM = """\
kind: project
year: 2023
project: 社区养老服务
department: 某区民政局
unit: 某街道办事处
profile: {profile}
funds:
  unit: 万元
  lines:
    - {{source: 年度资金总额, initial_budget: "100", budget: "120", executed: "102"}}
    - {{source: 当年财政拨款, initial_budget: "80", budget: "100", executed: "90"}}
    - {{source: 上年结转资金, initial_budget: "20", budget: "20", executed: "12"}}
goals:
  - {{expected: 为辖区老人提供助餐服务, actual: 全年助餐服务开展正常}}
indicators:
  - {{level1: 产出指标, level2: 数量指标, name: 助餐服务人次, target: ≥100人次, actual: 90人次, weight: "{w1}",
     deviation_reason: 冬季就餐人数减少}}
  - {{level1: 产出指标, level2: 成本指标, name: 餐费成本超支率, target: ≤5%, actual: 7%, weight: "{w2}",
     deviation_reason: 食材涨价}}
  - {{level1: 产出指标, level2: 时效指标, name: 服务及时性, target: 及时, actual: 及时, weight: "{w3}"}}
  - {{level1: 效益指标, level2: 社会效益指标, name: 老人就餐覆盖率, target: ≥80%, actual: 85%, weight: "{w4}",
     rule_text: "覆盖率≥80%，得满分；否则，不得分"}}
  - {{level1: 满意度指标, level2: 服务对象满意度指标, name: 服务对象满意度, target: ≥85%, actual: 90%, weight: "10"}}
{extra}"""
# Ningxia's form scores budget execution as an indicator in the tree, not as a block.
IN_TREE = """\
  - {level1: 项目管理, level2: 投入管理, name: 预算执行率, target: "100%", actual: 85%, weight: "10",
     deviation_reason: 结转资金未支出}
"""
WEIGHTS = {"national": (20, 15, 15, 30), "ratio-reverse": (20, 15, 15, 30), "initial-budget": (20, 15, 15, 30),
           "hubei-old": (20, 15, 15, 20), "sichuan": (20, 15, 15, 30), "ningxia": (20, 15, 15, 30)}


def evaluation(profile: str):
    w1, w2, w3, w4 = WEIGHTS[profile]
    text = FORM.format(profile=profile, w1=w1, w2=w2, w3=w3, w4=w4, extra=IN_TREE if profile == "ningxia" else "")
    (evaluation,) = api.read_bytes(text.encode("utf-8"), f"{profile}.yaml").evaluations
    return evaluation


def test_every_profile_is_covered():
    assert set(WEIGHTS) == set(PROFILES)


def test_the_profiles_score_the_form_differently():
    # So that a check copying one profile's policy would fail under another.
    totals = {name: api.score(evaluation(name)) for name in PROFILES}
    reverse = {name: str(result.indicators[1].score) for name, result in totals.items()}
    assert reverse == {"national": "9.00", "ratio-reverse": "10.71", "hubei-old": "9.00", "initial-budget": "9.00",
                       "sichuan": "9.00", "ningxia": "9.00"}
    shares = {name: [str(line.weight) for line in result.execution.lines] for name, result in totals.items()}
    assert shares == {"national": ["10", "8.33", "1.67"], "ratio-reverse": ["10", "8.33", "1.67"],
                      "hubei-old": ["20", "16.67", "3.33"], "initial-budget": ["10", "8.00", "2.00"],
                      "sichuan": ["10", "None", "None"], "ningxia": ["0", "0.00", "0.00"]}
    # Ningxia: 102/120 = 85%, scored as the indicator 预算执行率 (10 × 85% = 8.50), no block of its own.
    ningxia = totals["ningxia"]
    assert (str(ningxia.execution.score), str(ningxia.indicators[-1].score)) == ("0.00", "8.50")
    assert ningxia.indicators[-1].outcome.derivation == (
        "102.00/120.00=85.00%，min(85.00%,100%)×10=8.50（银川市本级部门项目支出绩效自评表：预算执行率在指标内计分）")


def _write(profile: str, folder, suffix: str):
    result = api.score(evaluation(profile))
    path = folder / f"{profile}.{suffix}"
    if suffix == "xlsx":
        api.write_xlsx([result], path)
    elif suffix == "docx":
        api.write_docx([result], path)
    else:
        api.write_pdf([result], path)
    return path


FORMATS = ["xlsx", "docx"] + (["pdf"] if shutil.which("soffice") else [])


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("suffix", FORMATS)
def test_a_form_as_jixiao_writes_it_audits_clean(profile, suffix, tmp_path):
    path = _write(profile, tmp_path, suffix)
    report = api.audit([path])
    assert [(f.code, f.location.where()) for f in report.findings] == []
    assert [d.reported_total for d in report.documents] == [d.recomputed_total for d in report.documents]


def _located(path, indicator: str | None = None, source: str | None = None):
    """Where the reader found an indicator's score, or a fund line's 分值."""
    (found,) = api.read(path).evaluations
    if indicator is not None:
        return next(i.location for i in found.indicators if i.name == indicator)
    line = next(line for line in found.funds.lines if line.source.value == source)
    return line.location


def _patch_xlsx(path, cell: str, value: str, column_of_score: str | None = None) -> None:
    """Set a cell's value in the sheet XML, keeping its formula: what a person changing one
    figure and saving in Excel leaves (openpyxl would drop every cached value)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["xl/worksheets/sheet1.xml"].decode("utf-8")
    xml, count = re.subn(rf'(<c r="{cell}"[^>]*>(?:<f>[^<]*</f>)?<v>)[^<]*(</v>)', rf"\g<1>{value}\g<2>", xml)
    assert count == 1, cell
    members["xl/worksheets/sheet1.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _patch_docx(path, location, value: str) -> None:
    document = docx.Document(str(path))
    table = document.tables[location.table - 1]
    cell = table.rows[location.row - 1].cells[location.column - 1]
    cell.paragraphs[0].runs[0].text = value
    for run in cell.paragraphs[0].runs[1:]:
        run.text = ""
    document.save(str(path))


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_one_changed_score_is_exactly_one_finding(profile, suffix, tmp_path):
    path = _write(profile, tmp_path, suffix)
    where = _located(path, indicator="餐费成本超支率")
    right = api.score(evaluation(profile)).indicators[1].score
    if suffix == "xlsx":
        _patch_xlsx(path, where.cell, "12")
    else:
        _patch_docx(path, where, "12.00")
    report = api.audit([path])
    # The total printed beside it is now short of the rows: the same figure, reported twice,
    # is the finding and the sum it breaks.
    assert [(f.code, f.location.where(), f.reported, f.expected) for f in report.findings
            if f.code not in ("total-mismatch", "subtotal-mismatch")] == [
        ("score-mismatch", where.where(), "12.00", str(right))]
    assert [f.code for f in report.findings].count("total-mismatch") == 1
    if suffix == "docx":
        # The Word report's prose restates the 产出指标 subtotal (its analysis sentence and its
        # score table), as the engine gives it: both are now short of the changed form too.
        subtotal = api.score(evaluation(profile)).subtotal("产出指标").score
        restated = [(f.location.paragraph is not None or f.location.column is None, f.reported)
                    for f in report.findings if f.code == "subtotal-mismatch"]
        assert restated == [(True, f"{subtotal.normalize():f}")] * 2
    else:
        assert [f.code for f in report.findings].count("subtotal-mismatch") == 0


SPLITTING = sorted(name for name, p in PROFILES.items() if p.split_execution_by_source and p.execution_weight)


@pytest.mark.parametrize("profile", SPLITTING)
def test_one_changed_share_is_exactly_one_finding(profile, tmp_path):
    path = _write(profile, tmp_path, "docx")
    result = api.score(evaluation(profile))
    (found,) = api.read(path).evaluations
    carryover = found.funds.lines[2]
    document = docx.Document(str(path))
    # The 分值 of 上年结转资金: the cell printing the engine's share in that row.
    share = str(result.execution.lines[2].weight)
    table = document.tables[carryover.location.table - 1]
    row = table.rows[carryover.location.row - 1]
    column = next(c for c, cell in enumerate(row.cells) if cell.text.strip() == share)
    at = replace(carryover.location, column=column + 1)
    _patch_docx(path, at, "5.00")
    report = api.audit([path])
    assert [(f.code, f.location.where(), f.reported, f.expected) for f in report.findings] == [
        ("execution-mismatch", at.where(), "5.00", share)]


def test_initial_budget_shares_that_match_the_engine_are_not_reported():
    """The issue's reproduction: printed shares 6.00/4.00 under `initial-budget`."""
    text = FORM.format(profile="initial-budget", w1=20, w2=15, w3=15, w4=30, extra="").replace(
        '{source: 当年财政拨款, initial_budget: "80", budget: "100", executed: "90"}',
        '{source: 当年财政拨款, initial_budget: "60", budget: "100", executed: "90", reported: {weight: "6.00"}}').replace(
        '{source: 上年结转资金, initial_budget: "20", budget: "20", executed: "12"}',
        '{source: 上年结转资金, initial_budget: "40", budget: "20", executed: "12", reported: {weight: "4.00"}}')
    (read,) = api.read_bytes(text.encode("utf-8"), "ib.yaml").evaluations
    assert [str(line.weight) for line in api.score(read).execution.lines[1:]] == ["6.00", "4.00"]
    assert [f.code for f in api.audit_evaluation(read).findings if f.code == "execution-mismatch"] == []
    national = replace(read, profile="national")
    assert [(f.code, f.reported, f.expected) for f in api.audit_evaluation(national).findings
            if f.code == "execution-mismatch"] == [("execution-mismatch", "6.00", "8.33"),
                                                   ("execution-mismatch", "4.00", "1.67")]


def test_a_rate_one_unit_off_is_a_rounding_warning_not_an_error():
    # 215,457.6 / 250,000 = 86.18304%: a form printing 86.19% changes no score.
    text = FORM.format(profile="national", w1=20, w2=15, w3=15, w4=30, extra="").replace(
        '{source: 年度资金总额, initial_budget: "100", budget: "120", executed: "102"}',
        '{source: 年度资金总额, initial_budget: "250000", budget: "250000", executed: "215457.6", '
        'reported: {weight: "10", rate: "86.19%", score: "8.62"}}').replace(
        "    - {source: 当年财政拨款, initial_budget: \"80\", budget: \"100\", executed: \"90\"}\n", "").replace(
        "    - {source: 上年结转资金, initial_budget: \"20\", budget: \"20\", executed: \"12\"}\n", "")
    (read,) = api.read_bytes(text.encode("utf-8"), "r.yaml").evaluations
    found = [(f.code, f.severity, f.reported, f.expected) for f in api.audit_evaluation(read).findings
             if f.location.field and f.location.field.startswith("funds")]
    assert found == [("rounding", "warning", "86.19%", "86.18%")]
    assert api.score(read).execution.score == D("8.62")
