"""The 自评报告: its outline and sentences (report_text), the Word file, its PDF rendered
by LibreOffice (page 1 to PNG with pdftoppm, text with pdfplumber), and reading both back."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

import docx
import pdfplumber
import pytest

from jixiao.api import load_evaluations
from jixiao import api
from jixiao.render.docx_report import write_docx
from jixiao.render.pdf import docx_to_pdf
from jixiao.render.report_text import Chart, Heading, Paragraph, Table, build_report, build_review
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
    """A project's report has the sections of the seed's 评价报告."""
    blocks = build_report(admin)
    assert _texts(blocks, Heading)[:2] == ["园区行政管理事务类专项", "项目支出绩效自评报告"]
    sections = [b.text for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert sections == ["一、基本情况", "二、工作开展情况", "三、综合评价情况及评价结论", "四、绩效指标分析",
                        "五、主要经验及做法、存在的问题及原因分析", "六、改进措施和有关建议"]
    assert [b.text for b in blocks if isinstance(b, Heading) and b.level == 2] == [
        "（一）项目概况", "（二）项目绩效目标", "（一）综合评分结果", "（二）综合评价结论", "（一）项目产出情况",
        "（二）项目效益情况", "（三）项目满意度情况", "（一）主要经验及做法", "（二）存在的问题及原因分析",
        "（一）下一步改进措施", "（二）有关建议"]
    assert [b.kind for b in blocks if isinstance(b, Chart)] == ["funds", "levels"]


def test_sentences_state_the_data(admin):
    paragraphs = _texts(build_report(admin, [FINDING]), Paragraph)
    assert "本项目全年预算数为614.00万元，实际支出为563.27万元，预算执行率为91.74%。" in paragraphs
    counted = f"{admin.indicators[4].counted.normalize():f}"
    assert f"指标目标值≤200人次，设定分值4分，实际完成值76%，得{counted}分。" in paragraphs
    assert f"本项目绩效自评综合评分为{admin.total:.2f}分，综合评价级别为“{admin.grade}”。" \
        "其中预算执行率91.74%，得9.17分（分值10分）。评分规则：全国通用（财预〔2020〕10号）：执行率10分，反向指标线性扣分。" \
        in paragraphs
    assert "偏差原因：2019年综保办公务接待151人次。" in paragraphs
    assert "本项指标总分值30分，综合得分30分，得分率100.00%，评价等级为“优”。" in paragraphs


def test_the_report_prints_no_diagnostics_and_invents_nothing(admin):
    """An official document: no audit message, no reader's complaint, no doubled punctuation;
    what the unit has not written is a prompt naming the data, never text made up for it."""
    blocks = build_report(admin, [FINDING])
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert not any(word in text for text in texts for word in ("审核发现", "无法识别", "得分应为3.04分", "重算"))
    assert not any(mark in text for text in texts for mark in ("。，", "，，", "。。", "，。"))
    prompts = [b.text for b in blocks if isinstance(b, Paragraph) and b.style == "prompt"]
    assert prompts[0] == "【待填写：项目概况（项目的主要内容、资金用途、实施单位）】"
    assert "【待填写：存在的问题及原因】可结合以下情况撰写：预算执行率91.74%，未执行50.73万元；失分指标：" \
           "公务接待人次（得1.51分，分值4分）" in "".join(prompts)
    # 目标完成质量达标率 lost points and the table gives no reason: the reason is asked for.
    assert "【待填写：“目标完成质量达标率”的偏差原因及改进措施】" in prompts


def test_the_unit_s_own_text_replaces_the_prompts(admin):
    from jixiao.prose import Prose

    evaluation = replace(admin.evaluation, prose=Prose((("experience", "坚持“先有预算，后有支出”的原则,严格执行预算"),
                                                        ("problems", "预算编制的精细程度不够强。\n绩效意识不强"))))
    blocks = build_report(api.score(evaluation))
    texts = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert "坚持“先有预算，后有支出”的原则，严格执行预算。" in texts
    assert ["1.预算编制的精细程度不够强。", "2.绩效意识不强。"] == [t for t in texts if t[:2] in ("1.", "2.")][-2:]
    assert "【待填写：主要经验及做法】" not in texts


def test_score_table_rows(admin):
    table = next(b for b in build_report(admin) if isinstance(b, Table) and b.caption == "表2 综合评分结果")
    assert table.headers == ("评价指标", "评级分值", "项目得分", "得分率", "评价等级")
    labels = [row[0] for row in table.rows]
    assert labels == ["项目执行", "项目产出", "项目效益", "项目满意度", "综合绩效"]
    assert table.rows[0][1:] == ("10", "9.17", "91.70%", "优")
    assert table.rows[-1][1:3] == ("100", f"{admin.total:.2f}")
    assert table.rows[-1][4] == admin.grade


def test_review_appendix_lists_what_the_audit_found(admin):
    (heading, note, table) = build_review([admin], [FINDING])
    assert heading.text == "附：审核意见" and "不属于自评报告正文" in note.text
    assert table.rows == (("1", "错误", "得分与评分规则不符", "指标“公务接待人次”",
                           "“公务接待人次”得分应为3.04分，填报1.51分"),)
    assert build_review([admin], []) == []


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
    assert headings[:3] == ["一、基本情况", "二、部门整体支出绩效分析", "三、自评结论"]
    # the appendix the audit's findings make, after the forms, in a section of its own
    assert headings[-1] == "附：审核意见"


def test_docx_without_review_has_no_appendix(examples, tmp_path):
    path = write_docx(examples[:2], tmp_path / "plain.docx", [FINDING], review=False)
    document = docx.Document(str(path))
    assert not any("审核意见" in p.text for p in document.paragraphs)


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
    assert "武汉东湖综合保税区建设管理办公室" in first
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
