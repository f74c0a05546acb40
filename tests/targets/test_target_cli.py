"""`jixiao targets` and `jixiao history` as a user runs them: what they print, exit codes, JSON."""

from __future__ import annotations

import json

from jixiao import api
from jixiao.cli import main

HISTORY = api.EXAMPLES_DIR / "history"


def test_targets_check_prints_grade_reasons_findings_and_sources(capsys):
    code = main(["targets", "check", str(HISTORY / "declaration-2020-xingzheng.yaml"), "--history", str(HISTORY)])
    out = capsys.readouterr().out
    assert code == 1  # graded 中: to be revised and resubmitted
    assert "== 绩效目标审核：园区行政管理事务类专项（2020年度" in out
    assert "   审核等级：中\n   存在须修改后重新报送的错误1项：成本指标高于预算支出标准1项。\n" in out
    assert "审核结果为“中”的，由相关部门或单位对其绩效目标进行修改完善，按程序重新报送审核。" in out
    assert ("依据：《中央部门预算绩效目标管理办法》（财预〔2015〕88号）第二十八条：“绩效目标确定后,一般不予调整。"
            "预算执行中因特殊原因确需调整的,应按照绩效目标管理要求和预算调整流程报批。”") in out
    assert "依据：《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》（财预〔2021〕101号）附件1（原文未能核实）" in out
    assert "   共 20 个指标，错误 2 项，警告 7 项，提示 0 项。" in out


def test_targets_check_json(capsys):
    assert main(["targets", "check", str(HISTORY / "declaration-2019-xingzheng.yaml"), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    [review] = data["reviews"]
    assert (review["project"], review["year"], review["grade"]) == ("园区行政管理事务类专项", 2019, "差")
    vague = next(f for f in review["findings"] if f["code"] == "declared-target-vague")
    assert vague["location"]["line"] == 19 and vague["source"]["verified"] is False


def test_targets_start_and_convert(tmp_path, capsys):
    out = tmp_path / "自评.yaml"
    assert main(["targets", "start", str(HISTORY / "declaration-2020-xingzheng.yaml"), "-o", str(out)]) == 0
    evaluation = api.load_evaluation(out)
    assert (evaluation.project, evaluation.year, len(evaluation.indicators)) == ("园区行政管理事务类专项", 2020, 20)
    assert evaluation.indicators[8].target.text == "≥95%"  # the approved adjustment of 租赁用房空间利用率
    assert main(["targets", "convert", str(HISTORY / "declaration-2020-xingzheng.yaml"), "-o",
                 str(tmp_path / "申报表.xlsx")]) == 0
    assert api.read(tmp_path / "申报表.xlsx").documents[0].declaration.approval == "武新管财〔2020〕3号（构造）"
    assert main(["targets", "template", str(tmp_path / "空白.xlsx"), "--year", "2021"]) == 0
    assert main(["targets", "convert", str(HISTORY / "declaration-2020-xingzheng.yaml"), "-o", str(tmp_path / "x.pdf")]) == 2
    assert "输出文件须为 .yaml 或 .yml 或 .xlsx" in capsys.readouterr().err


def test_history_prints_years_findings_and_suggestions(capsys):
    code = main(["history", str(HISTORY), "--project", "驻区海关专项"])
    out = capsys.readouterr().out
    assert code == 0
    assert "== 历年对比：驻区海关专项（武汉东湖综合保税区建设管理办公室，2018–2020年）" in out
    assert ("  产出指标/数量指标/报关单量\n      2018年  目标 ≥8万单  实际 8.3万单，得分 5/5\n"
            "      2019年  目标 ≥8万单  实际 4.996万，得分 3.12/5\n"
            "      2020年  目标 ≥5万单  实际 5.6万单，得分 5.00/5\n") in out
    assert "[警告] target-lowered-after-miss：未完成后调低目标" in out


def test_history_of_an_unknown_project_names_the_known_ones(capsys):
    assert main(["history", str(HISTORY), "--project", "不存在的项目"]) == 2
    assert "没有找到项目“不存在的项目”（已读到的项目：园区行政管理事务类专项、招商工作专项、驻区海关专项）" in capsys.readouterr().err


def test_history_link_must_name_old_and_new(capsys):
    assert main(["history", str(HISTORY), "--link", "只有一个名字"]) == 2
    assert "--link 应写作“旧名=新名”" in capsys.readouterr().err
