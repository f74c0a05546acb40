"""User text stays text in every workbook jixiao writes: a target "=100" or a name
"=HYPERLINK(…)" is neither turned into a formula (losing the value, or running in the
reader's Excel) nor an error value; only jixiao's own formulas are formulas."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import openpyxl

from jixiao.api import load_evaluations
from jixiao import api
from jixiao.cli import main
from jixiao.render.audit_summary import write_summary
from jixiao.render.xlsx_template import write_template

LINK = '=HYPERLINK("http://x","点击")'
HOSTILE = {
    "name: 园区安全应急预案制定完成情况": f"name: '{LINK}'",
    "target: 2次": 'target: "=100"',
    "target: 28家": 'target: "+28家"',
    "name: 专项行动检查次数": 'name: "-专项行动检查次数"',
    "name: 安全生产教育培训": 'name: "@安全生产教育培训"',
    "actual: 5次": 'actual: 5次\n    deviation_reason: "=超出计划1次"',
    "expected: 确保安全生产经费有保障": 'expected: "#N/A"\n    x: 确保安全生产经费有保障',
}


def anquan() -> Path:
    return next(p for p in api.example_paths() if p.stem == "proj-02-anquan")


def hostile_yaml(tmp_path: Path) -> Path:
    text = anquan().read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    text = text.replace("\n    x: 确保安全生产经费有保障，满足相关部门要求，保障园区安全生产零事故。", "")
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def formula_cells(path: Path) -> dict[str, set[str]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: {c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"}
            for ws in book.worksheets}


def test_render_keeps_targets_names_and_reasons_starting_with_formula_signs_as_text(tmp_path, capsys):
    source = hostile_yaml(tmp_path)
    out, plain_out = tmp_path / "o.xlsx", tmp_path / "plain.xlsx"
    assert main(["render", str(source), "--xlsx", str(out)]) == 0
    assert main(["render", str(anquan()), "--xlsx", str(plain_out)]) == 0
    capsys.readouterr()
    (evaluation,), problems = load_evaluations([out])
    assert problems == []
    indicators = evaluation.indicators
    assert [i.name for i in indicators[:5]] == [
        LINK, "全年定期隐患排查次数", "排查企业数", "-专项行动检查次数", "@安全生产教育培训"]
    assert [i.target.text for i in indicators[1:3]] == ["=100", "+28家"]
    assert indicators[4].deviation_reason == "=超出计划1次"
    assert evaluation.goals[0].expected == "#N/A"
    # The same formulas, in the same cells, as the workbook of the unchanged table: none is user text.
    assert formula_cells(out) == formula_cells(plain_out)
    ws = openpyxl.load_workbook(out)["安全生产专项"]
    texts = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in (LINK, "=100", "+28家", "-专项行动检查次数", "@安全生产教育培训", "=超出计划1次"):
        assert texts[text].data_type == "s" and texts[text].quotePrefix, text
    assert texts["#N/A"].data_type == "s"
    # Values shown to a reader that does not recalculate (data_only) are the texts too.
    shown = openpyxl.load_workbook(out, data_only=True)["安全生产专项"]
    assert shown[texts["=100"].coordinate].value == "=100"


def test_summary_findings_and_hidden_sheets_keep_user_text_as_text(tmp_path):
    evaluation = api.load_evaluation(hostile_yaml(tmp_path))
    renamed = replace(evaluation, project="=1+1", unit="@某单位")
    results = [api.score(evaluation), api.score(renamed)]
    finding = {"code": "score-mismatch", "severity": "error", "project": "=1+1", "indicator": LINK,
               "location": {"file": "=a.xlsx"}, "reported": "=100", "expected": "-3", "derivation": "+1",
               "message": "@得分有误"}
    path = tmp_path / "package.xlsx"
    api.write_xlsx(results, path, findings=[finding])
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["汇总", "安全生产专项", "=1+1", "审核发现", "_jixiao"]
    summary = book["汇总"]
    assert [(summary[ref].value, summary[ref].data_type) for ref in ("B3", "D3")] == [("=1+1", "s"), ("@某单位", "s")]
    assert summary["G3"].data_type == "f" and summary["G3"].value == "='=1+1'!H25"
    findings = book["审核发现"]
    assert [findings.cell(2, c).value for c in range(4, 11)] == [
        "=1+1", LINK, "=a.xlsx", "=100", "-3", "+1", "@得分有误"]
    assert {findings.cell(2, c).data_type for c in range(4, 11)} == {"s"}
    meta = book["_jixiao"]
    assert (meta["A3"].value, meta["A3"].data_type) == ("=1+1", "s")
    assert formula_cells(path)["审核发现"] == formula_cells(path)["_jixiao"] == set()
    assert formula_cells(path)["=1+1"] == formula_cells(path)["安全生产专项"]
    evaluations, problems = load_evaluations([path])
    assert problems == []
    assert [(e.project, e.unit, e.indicators[0].name, e.indicators[1].target.text) for e in evaluations] == [
        ("安全生产专项", "武汉东湖综合保税区建设管理办公室", LINK, "=100"), ("=1+1", "@某单位", LINK, "=100")]


def test_the_audit_summary_keeps_file_names_and_messages_as_text(tmp_path):
    document = SimpleNamespace(file="=cmd.xlsx", kind="项目支出绩效自评表", project=LINK, reported_total="=90",
                               recomputed_total="88.5", grade="良", errors=1, warnings=0, infos=0, note="-无")
    finding = {"code": "score-mismatch", "severity": "warning", "project": "+x", "indicator": "@y",
               "location": {"file": "=cmd.xlsx", "line": 3}, "reported": "=1", "expected": "2",
               "message": "=HYPERLINK(\"http://x\")"}
    path = write_summary(tmp_path / "s.xlsx", [document], [finding])
    book = openpyxl.load_workbook(path)
    documents, findings = book["文件汇总"], book["审核发现"]
    assert [documents.cell(2, c).value for c in (2, 4, 5, 6, 11)] == ["=cmd.xlsx", LINK, "=90", 88.5, "-无"]
    assert [findings.cell(2, c).value for c in (2, 5, 6, 7, 8, 10)] == [
        "=cmd.xlsx", "+x", "@y", "第3行", "=1", "=HYPERLINK(\"http://x\")"]
    assert formula_cells(path) == {"文件汇总": set(), "审核发现": set()}


def test_the_template_has_only_jixiaos_formulas(tmp_path):
    path = write_template(tmp_path / "t.xlsx", year=2024)
    cells = formula_cells(path)
    # Execution weight, rate and score per fund source, the total's weight, score and the grade.
    assert cells == {"自评表": {"H6", "I6", "G7", "H7", "I7", "G8", "H8", "I8", "G9", "H9", "I9",
                               "G29", "H29", "G30"}, "填表说明": set()}


def test_the_word_report_prints_text_that_starts_with_an_equals_sign(tmp_path):
    import docx

    from jixiao import api

    source = tmp_path / "eq.yaml"
    source.write_text(
        "kind: project\nyear: 2019\nproject: 等号测试\nfunds:\n  unit: 万元\n  lines:\n"
        "    - {source: 年度资金总额, budget: '10', executed: '10'}\nindicators:\n"
        "  - {level1: 产出指标, level2: 数量指标, name: 指标甲, target: '=100', actual: '100', weight: '90'}\n",
        encoding="utf-8",
    )
    result = api.score(api.load_evaluation(source))
    api.write_docx([result], tmp_path / "eq.docx")
    texts = [c.text for t in docx.Document(tmp_path / "eq.docx").tables for r in t.rows for c in r.cells]
    assert "=100" in texts
