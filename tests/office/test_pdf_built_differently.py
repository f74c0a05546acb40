"""A 自评表 jixiao did not write: typed in Word by a finance office in its own layout
(no 绩效指标 column, 分值 before the targets, 得分 after the actuals, its own column widths,
一级 cells merged down, a funds block with 执行率 after 分值), long enough to run onto a
second page, printed to PDF by LibreOffice. One score and the total are wrong; the audit of
the PDF reports exactly those two, each on its page."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm, Pt

from jixiao.api import load_evaluations
from jixiao import api
from jixiao.render.soffice import convert

from .samples import needs_soffice

PROJECT = "基层干部能力提升培训"
# 一级, 二级, 三级, 分值, 年度指标值, 实际完成值, 得分, 偏差原因分析及改进措施
INDICATORS = [
    ("产出指标", "数量指标", "培训场次", "10", "≥20场", "18场", "10", "两场培训因场地检修延至次年"),  # 18/20×10 = 9
    ("产出指标", "数量指标", "参训人数", "10", "≥1000人次", "1000人次", "10", ""),
    ("产出指标", "数量指标", "发放教材", "10", "≥1000册", "1000册", "10", ""),
    ("产出指标", "质量指标", "考核合格率", "10", "≥90%", "90%", "10", ""),
    ("产出指标", "时效指标", "培训完成及时性", "10", "及时", "及时", "10", ""),
    ("产出指标", "成本指标", "人均培训成本", "10", "≤200元/人次", "180元/人次", "10", ""),
    ("效益指标", "社会效益指标", "基层干部培训覆盖率", "10", "≥80%", "85%", "10", ""),
    ("效益指标", "可持续影响指标", "培训制度可持续性", "10", "具有", "具有", "10", ""),
    ("满意度指标", "服务对象满意度指标", "参训学员满意度", "10", "≥90%", "95%", "10", ""),
]
WIDTHS_CM = (2.0, 2.6, 3.4, 1.2, 2.2, 2.2, 1.2, 3.2)
TOTAL_PRINTED = "97.50"  # the printed details add up to 9.50 + 9 × 10 = 99.50


def _merge(table, row: int, first: int, last: int, text: str):
    cell = table.cell(row, first).merge(table.cell(row, last)) if last > first else table.cell(row, first)
    cell.text = text
    return cell


def build_form(path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin = section.right_margin = Cm(1.5)
    style = document.styles["Normal"]
    style.font.size = Pt(9)
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("（2022年度）")
    head_rows = 8
    table = document.add_table(rows=head_rows + 1 + len(INDICATORS) + 1, cols=8)
    table.style = "Table Grid"
    table.autofit = False
    _merge(table, 0, 0, 1, "项目名称")
    _merge(table, 0, 2, 7, PROJECT)
    _merge(table, 1, 0, 1, "主管部门")
    _merge(table, 1, 2, 4, "某市委组织部")
    table.cell(1, 5).text = "实施单位"
    _merge(table, 1, 6, 7, "某市干部学院")
    funds_header = ("项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    _merge(table, 2, 0, 1, funds_header[0])
    for col in range(2, 8):
        table.cell(2, col).text = funds_header[col]
    for row, label in ((3, "年度资金总额"), (4, "其中：当年财政拨款")):
        _merge(table, row, 0, 1, label)
        for col, value in enumerate(("100.00", "100.00", "95.00", "10", "95.00%", "9.50"), start=2):
            table.cell(row, col).text = value
    _merge(table, 5, 0, 7, "")
    goal = table.cell(6, 0).merge(table.cell(7, 0))
    goal.text = "年度总体目标"
    _merge(table, 6, 1, 4, "预期目标")
    _merge(table, 6, 5, 7, "实际完成情况")
    _merge(table, 7, 1, 4, "全年举办基层干部培训20场，培训1000人次。")
    _merge(table, 7, 5, 7, "举办培训18场，培训1000人次。")
    header = ("一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因分析及改进措施")
    for col, text in enumerate(header):
        table.cell(head_rows, col).text = text
    first = head_rows + 1
    for offset, values in enumerate(INDICATORS):
        row = table.rows[first + offset]
        row.height, row.height_rule = Cm(2.8), WD_ROW_HEIGHT_RULE.AT_LEAST
        for col, text in enumerate(values):
            if col > 0:
                row.cells[col].text = text
    # 一级 merged down over its rows, as the standard form prints it.
    start = 0
    for end in range(1, len(INDICATORS) + 1):
        if end == len(INDICATORS) or INDICATORS[end][0] != INDICATORS[start][0]:
            cell = table.cell(first + start, 0).merge(table.cell(first + end - 1, 0))
            cell.text = INDICATORS[start][0]
            start = end
    last = first + len(INDICATORS)
    _merge(table, last, 0, 2, "总分")
    table.cell(last, 3).text = "100"
    table.cell(last, 6).text = TOTAL_PRINTED
    for row in table.rows:
        for width, cell in zip(WIDTHS_CM, row.cells):
            cell.width = Cm(width)
    document.save(str(path))
    return path


@pytest.fixture(scope="session")
def built_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("handmade-pdf")
    return convert(build_form(out / "培训自评表.docx"), "pdf", out)


@needs_soffice
def test_form_runs_onto_a_second_page(built_pdf):
    import pdfplumber

    with pdfplumber.open(str(built_pdf)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) == 2
    assert "培训场次" in pages[0] and "总分" in pages[1]


@needs_soffice
def test_merged_level_cell_split_by_the_page_break_is_read(built_pdf):
    
    (evaluation,), problems = load_evaluations([built_pdf])
    assert problems == []
    assert [(i.level1, i.level2, i.name, i.location.page, i.location.row, i.location.column)
            for i in evaluation.indicators] == [
        (level1, level2, name, 1 if n < 7 else 2, 10 + n, 7)
        for n, (level1, level2, name, *_rest) in enumerate(INDICATORS)]


@needs_soffice
def test_audit_finds_exactly_the_planted_score_and_total(built_pdf):
    report = api.audit([built_pdf])
    [document] = report.documents
    # Recomputed: 9.50 + 9 + 8 × 10 = 98.50.
    assert (document.kind, document.project, document.reported_total, document.recomputed_total) == (
        "project-table", PROJECT, TOTAL_PRINTED, "98.50")
    found = [(f.code, f.indicator, f.location.where(), f.reported, f.expected) for f in report.findings]
    assert found == [
        ("score-mismatch", "培训场次", "第1页 表1 第10行第7列", "10", "9.00"),
        ("total-mismatch", None, "第2页 表1 第19行第7列", TOTAL_PRINTED, "99.50"),
    ]
