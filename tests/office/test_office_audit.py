"""`jixiao audit` over office files: planted errors are found at their sheet!cell,
table/cell or page/cell."""

from __future__ import annotations

import docx
import openpyxl

from jixiao import api
from jixiao.api import audit as audit_paths
from jixiao.render.xlsx_book import write_xlsx

from .test_xlsx_reader import _hand_made


def _findings(path, code):
    return [(f.location.where(), f.reported, f.expected) for f in audit_paths([path]).findings if f.code == code]


def test_planted_score_in_a_workbook_jixiao_wrote(tmp_path):
    result = api.score(api.load_evaluation(next(p for p in api.example_paths() if "anquan" in p.name)))
    path = tmp_path / "anquan.xlsx"
    write_xlsx([result], path)
    assert _findings(path, "score-mismatch") == []
    book = openpyxl.load_workbook(path)
    book["安全生产专项"]["H14"] = 5  # 全年定期隐患排查次数: 2次 of 2次, full marks 6
    book.save(path)
    assert _findings(path, "score-mismatch") == [("工作表“安全生产专项”!H14", "5.00", "6.00")]


def test_planted_errors_in_a_hand_made_workbook(tmp_path):
    path = tmp_path / "county.xlsx"
    _hand_made(path)
    # 养护里程 118/120 × 20 = 19.67 as printed; 服务对象满意度 "一十" cannot be read.
    assert _findings(path, "score-mismatch") == []
    unreadable = [(f.location.sheet, f.location.cell) for f in audit_paths([path]).findings
                  if f.code == "cell-not-number"]
    assert unreadable == [("2023自评", "G14")]


def _word_form(path, score_text: str, total_text: str):
    """A 自评表 typed in Word by hand: one table, no merged cells."""
    document = docx.Document()
    document.add_paragraph("项目支出绩效自评表")
    document.add_paragraph("（2023年度）")
    rows = [
        ["项目名称", "社区图书室运行", "", "", "", "", ""],
        ["主管部门", "某区文旅局", "", "实施单位", "某街道办", "", ""],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "新增图书", "≥1000册", "800册", "40", score_text],
        ["效益指标", "社会效益指标", "借阅人次", "≥5000人次", "5200人次", "50", "50"],
        ["总分", "", "", "", "", "90", total_text],
    ]
    table = document.add_table(rows=len(rows), cols=7)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(path))


def test_planted_errors_in_a_hand_made_word_form(tmp_path):
    path = tmp_path / "library.docx"
    _word_form(path, "32", "82")
    assert _findings(path, "score-mismatch") == []
    _word_form(path, "35", "85")  # 800/1000 × 40 = 32, not 35
    # Located as a Word user finds it: table 1, row 4, column 7 (not a spreadsheet cell).
    assert _findings(path, "score-mismatch") == [("表1 第4行第7列", "35", "32.00")]
