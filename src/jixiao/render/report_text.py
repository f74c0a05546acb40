"""The 自评报告 as content blocks (headings, paragraphs, tables, charts), independent of
Word: the docx writer lays them out, tests read them directly.

A report is an official document the unit signs: it follows the structure real reports use
(report_project.py, report_department.py), every figure in it comes from the data, and it
never prints an internal diagnostic. What the audit has to say — a claimed score that the
rules do not give, figures that do not add up — goes to a separate appendix, 审核意见
(`build_review`), which the user can leave out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..catalog import CATALOG
from ..engine.result import EvaluationResult
from ..model import Kind, Location
from .finding_rows import finding_rows
from .official_text import official
from .report_blocks import Block, Chart, Heading, PageBreak, Paragraph, Table, prompt
from .report_department import build_department_report
from .report_project import build_project_report

REVIEW_TITLE = "审核意见"
REVIEW_NOTE = ("以下为审核中发现的问题及依据，供单位核对、更正，不属于自评报告正文；"
               "更正后可删除本附录，生成报告时也可选择不附。")


def build_report(result: EvaluationResult, findings: Iterable[object] = ()) -> list[Block]:
    """The report of one evaluation. `findings` are not printed in it (see build_review); the
    parameter stays for callers that pass them."""
    if result.evaluation.kind == Kind.DEPARTMENT:
        return build_department_report(result)
    return build_project_report(result)


def build_reports(results: Sequence[EvaluationResult], findings: Iterable[object] = ()) -> list[Block]:
    """Several evaluations (a department's package) in one document, a page each."""
    blocks: list[Block] = []
    for index, result in enumerate(results):
        if index:
            blocks.append(PageBreak())
        blocks.extend(build_report(result))
    return blocks


_FIELDS = (("department_figures.staff", "人员情况"), ("department_figures.projects", "项目支出"),
           ("department_figures.functional", "按功能分类的支出"), ("department_figures.three_public", "“三公”经费"),
           ("department_figures.activities", "会议费、培训费等"), ("department_figures.spending_total", "支出总额"),
           ("department_figures", "部门数据"), ("funds", "资金"), ("reported_total", "总分"), ("report_text", "报告文字"),
           ("goals", "年度总体目标"))
_ORDER = {"error": 0, "warning": 1, "info": 2}


def _get(item: object, name: str) -> object:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def _subject(item: object) -> str:
    """What a finding is about, as the report's reader knows it: the indicator, the part of
    the data, or the place in a document — never a YAML field or line."""
    indicator = _get(item, "indicator")
    if indicator:
        return f"指标“{official(str(indicator))}”"
    location = _get(item, "location")
    if isinstance(location, dict):
        location = Location.from_dict(location)
    if not isinstance(location, Location):
        return "—"
    field = location.field or ""
    for prefix, label in _FIELDS:
        if field.startswith(prefix):
            return label
    if location.page or location.table or location.paragraph or location.sheet:
        return replace(location, field=None, file=None).where()
    return "—"


def build_review(results: Sequence[EvaluationResult], findings: Iterable[object]) -> list[Block]:
    """The 审核意见 appendix: one row per finding about the evaluations reported (errors first),
    with what it is about and what the rules give; nothing when there is nothing to say."""
    projects = {result.evaluation.project for result in results}
    items = [f for f in findings if not _get(f, "project") or _get(f, "project") in projects]
    items.sort(key=lambda f: (str(_get(f, "project") or ""), _ORDER.get(str(_get(f, "severity")), 3)))
    if not items:
        return []
    rows = []
    for number, (item, row) in enumerate(zip(items, finding_rows(items)), start=1):
        title = CATALOG[row.code].title if row.code in CATALOG else row.code
        rows.append((str(number), row.severity_name, title, _subject(item), row.message))
    blocks: list[Block] = [Heading(f"附：{REVIEW_TITLE}", 1), Paragraph(REVIEW_NOTE, "note")]
    if len(projects) > 1:
        blocks.append(Paragraph("涉及：" + "、".join(sorted(official(p) for p in projects)), "note"))
    blocks.append(Table(("序号", "性质", "问题", "涉及", "审核意见"), tuple(rows), widths=(1.0, 1.2, 2.8, 3.0, 8.0)))
    return blocks


__all__ = ["REVIEW_TITLE", "Block", "Chart", "Heading", "PageBreak", "Paragraph", "Table", "build_report",
           "build_reports", "build_review", "prompt"]
