"""The 自评报告: its outline and sentences (report_text), the Word file, its PDF rendered
by LibreOffice (page 1 to PNG with pdftoppm, text with pdfplumber), and reading both back."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from decimal import Decimal as D

import docx
import pdfplumber
import pytest

from jixiao.api import load_evaluations
from jixiao import api
from jixiao.render.docx_report import write_docx
from jixiao.render.pdf import docx_to_pdf
from jixiao.render.report_text import Chart, Heading, Paragraph, Table, build_report
from jixiao.render.submitted import as_submitted

from .samples import needs_soffice, only_seed_rule_defects
from .test_xlsx_roundtrip import without_locations

FINDING = {"code": "score-mismatch", "severity": "error", "project": "园区行政管理事务类专项",
           "indicator": "公务接待人次", "message": "“公务接待人次”得分应为3.04分，填报1.51分",
           "location": {"file": "seed.txt", "line": 779}}


def _example(stem: str):
    path = next(p for p in api.example_paths() if stem in p.name)
    return api.score(api.load_evaluation(path))


@pytest.fixture(scope="module")
def admin():
    return _example("xingzheng")


@pytest.fixture(scope="module")
def examples():
    return [api.score(api.load_evaluation(p)) for p in api.example_paths()]


def _texts(blocks, kind):
    return [b.text for b in blocks if isinstance(b, kind)]


def test_outline_follows_the_seed_reports(admin):
    blocks = build_report(admin)
    assert _texts(blocks, Heading) [:2] == ["园区行政管理事务类专项", "项目支出绩效自评报告"]
    sections = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert sections == ["一、基本情况", "二、资金执行情况", "三、绩效指标完成情况", "四、自评结论", "五、存在的问题和改进措施"]
    assert [b.text for b in blocks if isinstance(b, Heading) and b.level == 2] == [
        "（一）项目概况", "（二）绩效目标", "（一）产出指标", "（二）效益指标", "（三）满意度指标",
        "（一）存在的问题", "（二）改进措施"]
    assert [b.kind for b in blocks if isinstance(b, Chart)] == ["funds", "levels"]


def test_sentences_state_the_data(admin):
    paragraphs = _texts(build_report(admin, [FINDING]), Paragraph)
    assert ("园区行政管理事务类专项由武汉东湖综合保税区建设管理办公室实施，主管部门为武汉东湖新技术区开发区管理委员会，"
            "2019年度全年预算数614.00万元，年初预算数614.00万元。") in paragraphs
    assert "全年预算数614.00万元，全年执行数563.27万元，预算执行率91.74%，得9.17分（分值10分）。" in paragraphs
    assert "未执行资金50.73万元。" in paragraphs
    assert ("5. 公务接待人次：年度指标值≤200人次，实际完成值76%，分值4分，得"
            f"{admin.indicators[4].counted.normalize():f}分。") in paragraphs
    assert f"自评表填报总分93.68分，与重算总分相差{(D('93.68') - admin.total).normalize():f}分。" in paragraphs
    assert any(p.startswith("按评分规则（") and p.endswith(f"综合得分{admin.total:f}分，评价等级为“{admin.grade}”。")
               for p in paragraphs)
    assert "偏差原因：2019年综保办公务接待151人次。" in paragraphs
    assert any(p.endswith("审核发现[错误]“公务接待人次”得分应为3.04分，填报1.51分（seed.txt 第779行）") for p in paragraphs)
    assert any(p.endswith("核对并更正：“公务接待人次”得分应为3.04分，填报1.51分") for p in paragraphs)


def test_score_table_rows(admin):
    table = next(b for b in build_report(admin) if isinstance(b, Table) and b.caption == "表3 综合评分结果")
    assert table.headers == ("评价指标", "分值", "得分", "得分率", "评价等级")
    labels = [row[0] for row in table.rows]
    assert labels == ["预算执行率", "产出指标", "效益指标", "满意度指标", "综合绩效"]
    assert table.rows[0][1:] == ("10", "9.17", "91.70%", "优")
    assert table.rows[-1][1:3] == ("100", f"{admin.total.normalize():f}")
    assert table.rows[-1][4] == admin.grade


def test_department_report_is_organised_by_goal(examples):
    department = next(r for r in examples if r.evaluation.kind.value == "department")
    headings = [b.text for b in build_report(department) if isinstance(b, Heading) and b.level == 2]
    assert [h[:6] for h in headings[2:6]] == ["（一）目标1", "（二）目标2", "（三）目标3", "（四）目标4"]


@pytest.fixture(scope="module")
def written(examples, tmp_path_factory):
    """One Word report of the whole package and its PDF (one LibreOffice run)."""
    out = tmp_path_factory.mktemp("report")
    path = write_docx(examples, out / "package.docx", [FINDING])
    pdf = docx_to_pdf(path, out / "package.pdf") if shutil.which("soffice") else None
    return path, pdf


def test_docx_has_styles_tables_and_charts(written):
    document = docx.Document(str(written[0]))
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"
    assert len(document.inline_shapes) == 2 * 10
    assert all(t.style.name == "Table Grid" for t in document.tables)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:5] == ["一、基本情况", "二、资金执行情况", "三、绩效指标完成情况", "四、自评结论", "五、存在的问题和改进措施"]


def _form(evaluation):
    """What a 自评表 states: a department's own figures and the unit's text are in the report's
    prose, not in the form (tests/department reads them back from the report)."""
    return replace(evaluation, department_figures=None, prose=None)


def test_docx_round_trip(written, examples):
    evaluations, problems = load_evaluations([written[0]])
    assert only_seed_rule_defects(problems)
    assert [without_locations(e) for e in evaluations] == [without_locations(_form(as_submitted(r))) for r in examples]
    first = evaluations[1].indicators[0]
    assert (first.location.table, first.location.row, first.location.column) == (evaluations[1].location.table, 11, 8)


@needs_soffice
def test_pdf_page_one_renders_chinese(written, tmp_path):
    pdf = written[1]
    with pdfplumber.open(str(pdf)) as document:
        first = document.pages[0].extract_text()
    assert "武汉东湖综合保税区建设管理办公室部门整体支出" in first
    assert "部门整体支出绩效自评报告" in first and "一、基本情况" in first
    assert "\ufffd" not in first
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p*.png"))
    assert png.stat().st_size > 5000


def _squeezed(value):
    """PDF text loses the spaces that a wrapped line ended with: compare texts without them."""
    import dataclasses

    if isinstance(value, str):
        return "".join(value.split())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(_squeezed(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, tuple):
        return tuple(_squeezed(v) for v in value)
    return value


@needs_soffice
def test_pdf_round_trip(written, examples):
    evaluations, problems = load_evaluations([written[1]])
    assert only_seed_rule_defects(problems)
    assert [_squeezed(without_locations(e)) for e in evaluations] == [
        _squeezed(without_locations(_form(as_submitted(r)))) for r in examples]
    location = evaluations[1].indicators[0].location
    assert location.page is not None and location.table is not None and (location.row, location.column) == (11, 8)
