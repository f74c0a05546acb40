"""The 自评报告 as content blocks (headings, paragraphs, tables, charts), independent of
Word: the docx writer lays them out, tests read them directly.

A report is an official document the unit signs: it follows the structure real reports use
(report_project.py, report_department.py), every figure in it comes from the data, and it
never prints an internal diagnostic. What the audit has to say — a claimed score that the
rules do not give, figures that do not add up — goes to a separate appendix, 审核意见
(`build_review`), which the user can leave out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..catalog import CATALOG
from ..engine.result import EvaluationResult
from ..model import Kind
from .finding_rows import FindingRow, finding_rows
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


def _rows(findings: Iterable[object]) -> list[FindingRow]:
    rows = finding_rows(findings)
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(rows, key=lambda row: (row.project, order.get(row.severity, 3)))


def build_review(results: Sequence[EvaluationResult], findings: Iterable[object]) -> list[Block]:
    """The 审核意见 appendix: one row per finding of the evaluations reported, with where it
    is and what the rules give; nothing when there is nothing to say."""
    projects = {result.evaluation.project for result in results}
    rows = [row for row in _rows(findings) if not row.project or row.project in projects]
    if not rows:
        return []
    table_rows = tuple((str(number), official(row.project) or "—", row.severity_name,
                        CATALOG[row.code].title if row.code in CATALOG else row.code,
                        row.location or "—", row.message)
                       for number, row in enumerate(rows, start=1))
    return [
        Heading(f"附：{REVIEW_TITLE}", 1),
        Paragraph(REVIEW_NOTE, "note"),
        Table(("序号", "项目", "性质", "问题", "位置", "审核意见"), table_rows, widths=(1.0, 3.0, 1.2, 2.6, 2.6, 5.4)),
    ]


__all__ = ["REVIEW_TITLE", "Block", "Chart", "Heading", "PageBreak", "Paragraph", "Table", "build_report",
           "build_reports", "build_review", "prompt"]
