"""The 部门整体支出绩效自评报告 jixiao writes: the seed report's structure, every figure from the
data and every stated rate computed from the figures beside it, the unit's own text as written,
nothing invented; and, written to Word and read back, its audit finds nothing."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import docx
import pytest

from jixiao import api
from jixiao.render.report_text import Heading, Paragraph, Table, build_report

EXAMPLE = api.EXAMPLES_DIR / "dept-2019-zongbaoban.yaml"
CORRECTED = Path(__file__).parent / "fixtures" / "dept-2019-corrected.yaml"


@pytest.fixture(scope="module")
def seed():
    return api.score(api.load_evaluation(EXAMPLE))


@pytest.fixture(scope="module")
def corrected():
    return api.score(api.load_evaluation(CORRECTED))


def _paragraphs(blocks):
    return [b.text for b in blocks if isinstance(b, Paragraph)]


def test_the_structure_is_the_seed_report_s(seed):
    blocks = build_report(seed)
    headings = [(b.level, b.text) for b in blocks if isinstance(b, Heading)]
    assert headings == [
        (0, "武汉东湖综合保税区建设管理办公室"), (0, "部门整体支出绩效自评报告"),
        (1, "一、基本情况"), (2, "（一）单位基本情况"), (3, "1.单位主要职能"), (3, "2.机构情况"), (3, "3.人员情况"),
        (2, "（二）部门整体支出预算绩效目标"),
        (1, "二、部门整体支出绩效分析"), (2, "（一）部门整体支出情况"), (3, "1.支出规模和结构"), (3, "2.基本支出情况"),
        (3, "3.项目支出情况"), (3, "4.共性指标情况"), (2, "（二）整体支出预算绩效目标的完成情况"),
        (1, "三、自评结论"), (2, "（一）自评结论"), (2, "（二）主要经验、存在的问题和改进措施"), (3, "1.主要经验"),
        (3, "2.存在的问题"), (3, "3.下一步改进措施")]


def test_figures_and_rates_come_from_the_data(seed):
    paragraphs = _paragraphs(build_report(seed))
    # the staff breakdown that does not add up (5 + 2 of 17) is not printed; its total is
    assert "武汉东湖综合保税区建设管理办公室编制人数16人，其中：事业编制16人（其中：参照公务员法管理16人）。" \
           "实有人数17人。无离退休人员。" in paragraphs
    assert "武汉东湖综合保税区建设管理办公室内设3个机构：保税业务处（综合处）、规划建设处、投资促进处。" in paragraphs
    assert "年初预算数为3,030.00万元，年中调整增加714.00万元后全年预算数为3,744.00万元，预算调整率23.56%，" \
           "实际支出为3,431.89万元，预算执行率为91.66%。" in paragraphs
    # 三公: the rates are computed (30.75%, not the printed 30.85%), the unit's reasons kept
    assert "3.公务接待费支出决算为1.23万元，占“三公”经费42.56%，为预算的30.75%，比预算减少2.77万元。" \
           "主要原因是按照相关文件，严格控制公务接待费范围和就餐人数、标准。" in paragraphs
    assert any(p.startswith("2019年度“三公”经费预算数为7.00万元，支出决算为2.89万元，为预算的41.29%，比预算减少4.11万元，"
                            "与2018年支出数20.45万元相比减少17.56万元，下降85.87%。主要原因是") for p in paragraphs)
    assert "2019年培训费支出2.16万元，共4次，参加培训125人，人均0.02万元。" in paragraphs
    assert "（4）基层活动专项经费预算安排63.00万元，实际支出53.92万元，实际与预算差异为9.08万元，预算执行率为85.59%。" \
           "主要原因：综合党委党群工作专项预算安排53万元，实际支出43.93万元，为做到坚决贯彻落实“八项规定”和过“紧日子”" \
           "等相关要求，优化部门支出，党建所开展的活动大都为公益活动，户外支出活动较少。" in paragraphs
    # the functional classes add up to 3,428.88, not the total 3,431.89: not printed
    assert not any(p.startswith("按功能分类") for p in paragraphs)


def test_the_common_indicators_table(seed):
    table = next(b for b in build_report(seed) if isinstance(b, Table) and b.caption == "表2 共性指标")
    assert table.rows == (
        ("在职人员控制率", "在职人员数/编制数", "17人/16人", "106.25%", "≤100%"),
        ("“三公经费”变动率", "(本年三公经费−上年三公经费)/上年三公经费", "(2.89万元−20.45万元)/20.45万元", "−85.87%", "≤0"),
        ("预算完成率", "全年执行数/全年预算数", "3,431.89万元/3,744.00万元", "91.66%", "—"),
        ("预算调整率", "(全年预算数−年初预算数)/年初预算数", "(3,744.00万元−3,030.00万元)/3,030.00万元", "23.56%", "—"),
        ("“三公经费”控制率", "本年三公经费/三公经费预算数", "2.89万元/7.00万元", "41.29%", "≤100%"),
    )


def test_the_unit_s_text_as_written_and_prompts_where_there_is_none(seed):
    blocks = build_report(seed)
    paragraphs = _paragraphs(blocks)
    assert paragraphs[-4].startswith("①进一步加强预算编制的准确性") and paragraphs[-1].startswith("④2019年将紧密结合")
    prompts = [b.text for b in blocks if isinstance(b, Paragraph) and b.style == "prompt"]
    assert "【待填写：“安全生产工作专项”预算未执行完的原因】" in prompts
    empty = replace(seed.evaluation, prose=None)
    prompts = [b.text for b in build_report(api.score(empty)) if isinstance(b, Paragraph) and b.style == "prompt"]
    assert "【待填写：主要经验】" in prompts
    assert any(p.startswith("【待填写：存在的问题及原因】可结合以下情况撰写：预算执行率91.66%，未执行312.11万元；失分指标：")
               for p in prompts)


def test_the_corrected_seed_prints_its_corrected_figures(corrected):
    paragraphs = _paragraphs(build_report(corrected))
    assert "武汉东湖综合保税区建设管理办公室编制人数16人，其中：事业编制16人（其中：参照公务员法管理16人）。" \
           "实有人数16人，其中：事业编制16人（其中：参照公务员法管理16人）。无离退休人员。" in paragraphs
    assert "按功能分类，一般公共服务支出为44.54万元，科学技术支出为2,549.87万元，城乡社区支出为837.48万元。" in paragraphs
    assert any("自评分为88.00分，评价等级为“良”" in p for p in paragraphs)
    summary = next(b for b in build_report(corrected) if isinstance(b, Table) and b.caption == "表3 自评分值")
    assert [row[2:] for row in summary.rows] == [("10", "9.17"), ("12.5", "10.36"), ("10", "10"), ("12.5", "7.41"),
                                                ("10", "10"), ("12.5", "11.56"), ("10", "10"), ("12.5", "9.5"),
                                                ("10", "10"), ("100", "88.00")]


@pytest.fixture(scope="module")
def written(corrected, tmp_path_factory):
    path = tmp_path_factory.mktemp("dept-report") / "部门整体支出绩效自评报告.docx"
    return api.write_docx([corrected], path, api.review_findings([corrected]))


def test_the_written_report_audits_to_nothing(written):
    report = api.audit([written])
    assert [d.kind for d in report.documents] == ["department-report", "department-table"]
    assert [(f.code, f.location.where()) for f in report.findings] == []


def test_the_written_report_reads_back_to_its_figures(written, corrected):
    (narrative,) = [d for d in api.read(written).documents if d.department is not None]
    figures, original = narrative.department, corrected.evaluation.department_figures
    assert figures.staff.actual.total == 16 and figures.staff.establishment.total == 16
    assert [(p.name, p.budget.value, p.actual.value) for p in figures.projects] == \
        [(p.name, p.budget.value, p.actual.value) for p in original.projects]
    reception = figures.three_public[2]
    assert [(s.measure, s.text) for s in reception.stated] == [
        ("share", "42.56%"), ("budget_rate", "30.75%"), ("budget_diff", "2.77")]
    assert figures.spending_total.value == D("3431.89")
    assert narrative.department.staff.actual.location.paragraph is not None   # located in the Word file


def test_a_wrong_figure_in_the_written_report_is_found_at_its_paragraph(written, tmp_path):
    document = docx.Document(str(written))
    target = next(p for p in document.paragraphs if p.text.startswith("3.公务接待费支出决算为1.23万元"))
    number = [p._p for p in document.paragraphs].index(target._p)
    for run in target.runs:
        run.text = run.text.replace("为预算的30.75%", "为预算的40.75%")
    changed = tmp_path / "changed.docx"
    document.save(str(changed))
    findings = [(f.code, f.reported, f.expected) for f in api.audit([changed]).findings]
    assert findings == [("department-figure-mismatch", "40.75%", "30.75%")]
    (finding,) = api.audit([changed]).findings
    assert finding.location.paragraph is not None and finding.location.paragraph >= number


def test_the_review_appendix_lists_the_seed_s_disagreements(seed, tmp_path):
    path = api.write_docx([seed], tmp_path / "seed.docx", api.review_findings([seed]))
    document = docx.Document(str(path))
    table = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows[0] == ["序号", "性质", "问题", "涉及", "审核意见"]
    about = {(row[2], row[3]) for row in rows[1:]}
    assert {("人员分类之和与合计不符", "人员情况"), ("部门支出的占比、比率或增减额有误", "支出总额"),
            ("部门支出的占比、比率或增减额有误", "项目支出"), ("总分与明细之和不符", "总分"),
            ("得分与评分规则不符", "指标“海关报关单量”")} <= about
    assert not any(".yaml" in row[3] or "indicators[" in row[4] for row in rows)
    without = api.write_docx([seed], tmp_path / "plain.docx", api.review_findings([seed]), review=False)
    assert not any("审核意见" in p.text for p in docx.Document(str(without)).paragraphs)


@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed")
def test_the_pdf_reads_its_prose_too(written, tmp_path):
    """The PDF of the written report: its prose read page by page, audited to nothing; a rate
    changed before printing is found at its page and line."""
    from jixiao.render.pdf import docx_to_pdf

    pdf = docx_to_pdf(written, tmp_path / "report.pdf")
    report = api.audit([pdf])
    assert [d.kind for d in report.documents] == ["department-report", "department-table"]
    assert report.findings == ()
    document = docx.Document(str(written))
    target = next(p for p in document.paragraphs if p.text.startswith("3.公务接待费支出决算为1.23万元"))
    for run in target.runs:
        run.text = run.text.replace("占“三公”经费42.56%", "占“三公”经费52.56%")
    changed = tmp_path / "changed.docx"
    document.save(str(changed))
    (finding,) = api.audit([docx_to_pdf(changed, tmp_path / "changed.pdf")]).findings
    assert (finding.code, finding.reported, finding.expected) == ("department-figure-mismatch", "52.56%", "42.56%")
    assert finding.location.page is not None and finding.location.line is not None
