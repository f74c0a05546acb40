"""The 自评表 workbook: the standard layout, live formulas carrying cached values, and
LibreOffice's own recalculation agreeing with jixiao."""

from __future__ import annotations

from decimal import Decimal as D

import openpyxl
import pytest

from jixiao.render.soffice import convert
from jixiao.render.xlsx_book import write_xlsx

from .samples import admin_project, build_result, department, needs_soffice


def _merged(ws) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_project_sheet_layout(tmp_path, admin_result):
    path = tmp_path / "a.xlsx"
    write_xlsx([admin_result], path)
    ws = openpyxl.load_workbook(path)["园区行政管理事务类专项"]
    assert ws["A1"].value == "项目支出绩效自评表"
    assert ws["A2"].value == "（2019年度）"
    assert (ws["A3"].value, ws["B3"].value) == ("项目名称", "园区行政管理事务类专项")
    assert (ws["A4"].value, ws["B4"].value) == ("主管部门", "武汉东湖新技术区开发区管理委员会")
    assert (ws["E4"].value, ws["F4"].value) == ("实施单位", "武汉东湖综合保税区建设管理办公室")
    assert ws["A5"].value == "项目资金（万元）"
    assert [ws.cell(5, c).value for c in range(4, 10)] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    assert [ws[f"B{r}"].value for r in range(6, 10)] == ["年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"]
    assert ws["E6"].value == 614 and ws["F6"].value == 563.27 and ws["E6"].number_format == "#,##0.00"
    assert ws["G8"].value == "—" and ws["I8"].value == "—"
    assert ws["A10"].value == "年度总体目标" and ws["B11"].value.startswith("负责综保区")
    assert [ws.cell(12, c).value for c in range(2, 10)] == [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    assert [ws[f"B{r}"].value for r in (13, 16, 17)] == ["产出指标（50分）", "效益指标（30分）", "满意度指标（10分）"]
    assert [ws[f"D{r}"].value for r in range(13, 18)] == [
        "订阅报刊杂志数", "公务接待人次", "报销及支付及时性", "部门工作正常开展率", "办公环境质量满意度"]
    assert ws["H14"].value == 1.51 and ws["H14"].comment.text == "得1.51分"
    merged = _merged(ws)
    # 一级 over its three rows, 二级 over the two 数量指标 rows, the 绩效指标 label over the block.
    assert {"B13:B15", "C13:C14", "A12:A17", "A5:A9", "B3:I3", "A18:F18"} <= merged
    assert ws["A18"].value == "总分" and ws["A19"].value == "自评等级"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9  # A4
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws["D13"].font.name == "宋体" and ws["D13"].border.left.style == "thin"


def test_formulas_and_cached_values(tmp_path, admin_result):
    path = tmp_path / "a.xlsx"
    cells = write_xlsx([admin_result], path)[0]
    formulas = openpyxl.load_workbook(path)["园区行政管理事务类专项"]
    values = openpyxl.load_workbook(path, data_only=True)["园区行政管理事务类专项"]
    assert (cells.execution_score, cells.total_score, cells.grade) == ("I6", "H18", "G19")
    assert formulas["I6"].value == "=IF(N(E6)>0,ROUND(MIN(F6/E6,1)*G6,2),0)"
    assert formulas["H18"].value == "=I6+SUM(H12:H17)"
    assert formulas["G18"].value == "=G6+SUM(G12:G17)"
    assert values["I6"].value == 9.17
    assert values["G7"].value == 10 and values["I7"].value == 9.17
    assert round(values["H6"].value, 4) == 0.9174
    # 9.17 + 4 + 1.51 + 1 + 15 + 5
    assert values["H18"].value == 35.68 and values["G18"].value == 40
    assert values["G19"].value == "差"


def test_department_workbook_has_goal_blocks_summary_and_findings(tmp_path, admin_result, department_result):
    path = tmp_path / "d.xlsx"
    finding = {"code": "score-mismatch", "severity": "error", "project": "园区行政管理事务类专项",
               "indicator": "公务接待人次", "location": {"file": "a.xlsx", "sheet": "园区行政管理事务类专项", "cell": "H14"},
               "reported": "1.51", "expected": "3.04", "derivation": "…", "message": "得分应为3.04"}
    write_xlsx([department_result, admin_result], path, findings=[finding])
    book = openpyxl.load_workbook(path, data_only=True)
    assert book.sheetnames == ["汇总", "武汉东湖综合保税区建设管理办公室部门整体支出", "园区行政管理事务类专项", "审核发现", "_jixiao"]
    assert book["_jixiao"].sheet_state == "veryHidden"
    summary = book["汇总"]
    assert [summary.cell(1, c).value for c in range(1, 10)] == [
        "序号", "项目名称", "类型", "实施单位", "年度", "报告总分", "重算总分", "等级", "差异"]
    assert [summary[f"G{r}"].value for r in (2, 3)] == [15.49, 35.68]
    assert summary["C2"].value == "部门整体支出" and summary["H3"].value == "差"
    dept = book["武汉东湖综合保税区建设管理办公室部门整体支出"]
    assert dept["A1"].value == "部门整体支出绩效自评表"
    goal_rows = [r for r in range(1, dept.max_row + 1) if dept[f"A{r}"].value == "年度总体目标"]
    assert [dept[f"B{r + 1}"].value for r in goal_rows] == ["进一步完善园区基础设施。", "搭建完成“招商大平台”。"]
    total_row = next(r for r in range(1, dept.max_row + 1) if dept[f"A{r}"].value == "总分")
    assert dept[f"H{total_row}"].value == 15.49 and dept["G7"].value == 9.99 and dept["G9"].value == 0.01
    findings = book["审核发现"]
    assert [findings.cell(2, c).value for c in range(1, 11)] == [
        1, "score-mismatch", "错误", "园区行政管理事务类专项", "公务接待人次",
        "a.xlsx 工作表“园区行政管理事务类专项”!H14", "1.51", "3.04", "…", "得分应为3.04"]


@pytest.fixture(scope="session")
def recalculated(session_dir):
    """One LibreOffice run for the session: the workbook as written, plus a copy of the
    department sheet where the user corrected an amount and a score by hand."""
    admin = build_result(admin_project(), ["4", "1.51", "1", "15", "5"])
    dept = build_result(department(), ["3.5", "2", "0.82"])
    path = session_dir / "recalc.xlsx"
    write_xlsx([dept, admin], path)
    book = openpyxl.load_workbook(path)
    edited = book.copy_worksheet(book["园区行政管理事务类专项"])
    edited.title = "改"
    edited["F6"] = 600  # 全年执行数 corrected: 600/614 = 97.72% → 9.77
    edited["F7"] = 600
    edited["H14"] = 3  # a score corrected
    book.save(session_dir / "edited.xlsx")
    out = session_dir / "lo"
    return (openpyxl.load_workbook(convert(path, "xlsx", out), data_only=True),
            openpyxl.load_workbook(convert(session_dir / "edited.xlsx", "xlsx", out / "e"), data_only=True))


@needs_soffice
def test_libreoffice_recalculates_the_same_totals(recalculated, admin_result, department_result):
    book, _ = recalculated
    admin, dept = book["园区行政管理事务类专项"], book["武汉东湖综合保税区建设管理办公室部门整体支出"]
    assert D(str(admin["H18"].value)) == admin_result.total == D("35.68")
    assert D(str(admin["I6"].value)) == admin_result.execution.score
    assert admin["G19"].value == "差"
    total_row = next(r for r in range(1, dept.max_row + 1) if dept[f"A{r}"].value == "总分")
    assert D(str(dept[f"H{total_row}"].value)) == department_result.total == D("15.49")
    assert [D(str(dept[f"{c}{r}"].value)) for c, r in (("G", 7), ("I", 7), ("G", 9), ("I", 9))] == [
        l.weight if c == "G" else l.score
        for l in department_result.execution.lines[1:] for c in "GI"]
    assert [D(str(book["汇总"][f"G{r}"].value)) for r in (2, 3)] == [D("15.49"), D("35.68")]


@needs_soffice
def test_totals_stay_live_after_a_user_edit(recalculated):
    _, book = recalculated
    edited = book["改"]
    assert D(str(edited["I6"].value)) == D("9.77")
    # 9.77 + 4 + 3 + 1 + 15 + 5
    assert D(str(edited["H18"].value)) == D("37.77")
