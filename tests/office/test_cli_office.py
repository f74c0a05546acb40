"""`jixiao template` and `jixiao render`."""

from __future__ import annotations

import openpyxl
import pytest

from jixiao.api import load_evaluations
from jixiao import api
from jixiao.cli import main
from jixiao.findings import InputError


def test_template_has_validations_and_reads_back_empty(tmp_path, capsys):
    out = tmp_path / "blank.xlsx"
    assert main(["template", str(out), "--year", "2024"]) == 0
    assert "已生成空白自评表" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out)["自评表"]
    assert ws["A2"].value == "（2024年度）"
    validations = {str(v.sqref): v for v in ws.data_validations.dataValidation}
    assert validations["F13:F28"].type == "list" and "基本及时" in validations["F13:F28"].formula1
    assert validations["E13:E28"].type == "custom" and 'LEFT(E13,1)="≥"' in validations["E13:E28"].formula1
    assert validations["E13:E28"].errorStyle == "warning"
    assert validations["G13:G28"].type == "decimal"
    assert [ws[f"C{r}"].value for r in (13, 16, 22, 27)] == ["数量指标", "质量指标", "经济效益指标", "服务对象满意度指标"]
    with pytest.raises(InputError) as caught:
        load_evaluations([out])
    assert [(f.code, f.message) for f in caught.value.findings] == [
        ("form-empty", "其中的自评表没有填写任何绩效指标（三级指标），是空白模板吗？")]


def test_a_blank_template_is_not_scored(tmp_path, capsys):
    blank = tmp_path / "空白模板.xlsx"
    assert main(["template", str(blank)]) == 0
    capsys.readouterr()
    assert main(["score", str(blank)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "总分" not in captured.err
    assert captured.err.splitlines() == [f"错误：{blank}：其中的自评表没有填写任何绩效指标（三级指标），是空白模板吗？"]


def test_render_writes_workbook_and_report(tmp_path, capsys):
    source = next(p for p in api.example_paths() if "anquan" in p.name)
    xlsx, report = tmp_path / "a.xlsx", tmp_path / "a.docx"
    assert main(["render", str(source), "--xlsx", str(xlsx), "--docx", str(report)]) == 0
    assert capsys.readouterr().out.splitlines() == [f"已写入自评表：{xlsx}", f"已写入自评报告：{report}"]
    (evaluation,), problems = load_evaluations([xlsx])
    assert problems == [] and evaluation.project == "安全生产专项"
    assert report.stat().st_size > 20000


def test_render_needs_an_output(tmp_path, capsys):
    source = next(p for p in api.example_paths() if "anquan" in p.name)
    assert main(["render", str(source)]) == 2
    assert "请至少指定" in capsys.readouterr().err


def test_auditing_a_blank_template_is_refused_clearly(tmp_path):
    from jixiao.cli import main

    blank = tmp_path / "空白.xlsx"
    assert main(["template", str(blank)]) == 0
    assert main(["audit", str(blank)]) == 2
