"""Generated packages written as YAML and as extracted text read back through jixiao's own
readers to the same evaluation and the same scores."""

from __future__ import annotations

from decimal import Decimal


from bench.synth import generate
from bench.synth.text_writer import package_text, table_lines
from bench.synth.write import write_key, write_text, write_xlsx, write_yaml
from jixiao import api
from jixiao.api import load_evaluations
from jixiao.api import load_evaluation, score


def test_yaml_with_explicit_rules_loads_to_the_generated_evaluation(tmp_path):
    packages = list(generate(60, seed=4))
    paths = write_yaml(packages, tmp_path, with_rule_text=False)
    for package, path in zip(packages, paths):
        loaded = load_evaluation(path)
        assert loaded.project == package.name
        assert loaded.reported_total == package.evaluation.reported_total
        assert [i.reported_score for i in loaded.indicators] == [i.reported_score for i in package.evaluation.indicators]
        assert [i.deviation_reason for i in loaded.indicators] == [
            i.deviation_reason for i in package.evaluation.indicators
        ]
        result = score(loaded)
        assert [r.outcome.score for r in result.indicators] == list(package.scores), package.name
        assert result.total == package.total


def test_yaml_with_stated_rule_texts_scores_as_generated(tmp_path):
    packages = [p for p in generate(60, seed=4) if p.project.stated]
    assert len(packages) >= 10
    for package, path in zip(packages, write_yaml(packages, tmp_path, with_rule_text=True)):
        result = score(load_evaluation(path))
        assert [r.outcome.score for r in result.indicators] == list(package.scores), package.name
        assert result.total == package.total


def test_threshold_rule_text_with_compound_unit_is_read():
    from jixiao.rules.text import parse_rule_text

    spec, problem = parse_rule_text("单位面积物业费≤11元/平方米/月，得满分；否则，不得分。", Decimal("2.5"), "单位面积物业费")
    assert problem is None
    assert spec.kind == "threshold"
    assert spec.param("threshold") == "≤11元/平方米/月"


def test_text_table_has_the_seed_layout():
    package = next(iter(generate(1)))
    lines = table_lines(package.evaluation)
    assert lines[0] == "项目支出绩效自评表"
    assert lines[4].split("\t")[:3] == ["项目名称", "", package.name]
    assert lines[6].split("\t")[2:8] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    total = package.evaluation.funds.total
    assert lines[7].split("\t")[1:5] == ["年度资金总额", f"{total.initial_budget:,.2f}", f"{total.budget:,.2f}",
                                         f"{total.executed:,.2f}"]
    first = package.evaluation.indicators[0]
    assert lines[14].split("\t")[:4] == ["", "产出指标 (50分)", first.level2, first.name]
    assert lines[-1].split("\t") == ["总分", "", "", "", "", "", "100", str(package.evaluation.reported_total), ""]


def test_text_packages_read_back_with_every_table_and_total(tmp_path):
    packages = list(generate(20, seed=6))
    paths = write_text(packages, tmp_path)
    assert [p.name for p in paths] == ["unit-00001.txt", "unit-00002.txt"]
    documents = [d for path in paths for d in api.read(path).documents]
    tables = {d.project: d for d in documents if d.evaluation is not None}
    assert set(tables) == {p.name for p in packages}
    for package in packages:
        evaluation = tables[package.name].evaluation
        assert evaluation.reported_total == package.evaluation.reported_total
        assert [i.name for i in evaluation.indicators] == [i.name for i in package.evaluation.indicators]
        assert [i.reported_score for i in evaluation.indicators] == [
            i.reported_score for i in package.evaluation.indicators
        ]


def test_the_package_text_lists_each_report_after_the_tables():
    packages = list(generate(10))
    text = package_text(packages[0].evaluation.unit, 2019, [p.evaluation for p in packages])
    stated = [p.name for p in packages if p.project.stated]
    assert text.count("项目支出绩效自评表") == 10
    assert text.count("项目支出绩效评价报告") == len(stated)
    for name in stated:
        assert f"项目名称： {name}" in text


def test_answer_key_lists_every_planted_error(tmp_path):
    import json

    packages = list(generate(30))
    write_key(packages, tmp_path / "planted.json")
    key = json.loads((tmp_path / "planted.json").read_text(encoding="utf-8"))
    assert [entry["project"] for entry in key] == [p.name for p in packages]
    assert sum(len(entry["planted"]) for entry in key) == sum(len(p.planted) for p in packages)
    assert key[0]["planted"][0]["code"] == packages[0].planted[0].code == "score-mismatch"


def test_xlsx_workbooks_read_back_with_the_recomputed_scores(tmp_path):
    
    packages = list(generate(3, seed=12))
    paths = write_xlsx(packages, tmp_path)
    assert [p.name for p in paths] == ["000001.xlsx", "000002.xlsx", "000003.xlsx"]
    for package, path in zip(packages, paths):
        (evaluation,), _ = load_evaluations([path])
        assert evaluation.project == package.name
        # The workbook states jixiao's recomputation, so the correct total, not the planted one.
        assert evaluation.reported_total == package.total
        assert [i.name for i in evaluation.indicators] == [i.name for i in package.evaluation.indicators]
