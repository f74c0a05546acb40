"""Forms found in an office file (.xlsx, .docx, .pdf) as documents: each 自评表 becomes a
table `Document` carrying its evaluation and what it printed (weights, scores, total, funds
figures) at sheet!cell, table/row/column or page/table/row/column, so findings point into
the file. The format readers find the forms; this module makes them documents."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from ..document import DocKind, Document, Package, Printed, PrintedFundLine, TableRow
from ..findings import Finding, make, refuse
from ..engine.metrics import derive_metrics
from ..engine.weights import infer_weights
from ..model import Kind, Location
from ..profile import get_profile
from .office_grid import FormRead, GridCell
from .source import Source
from .text.cells import printed as printed_text


def printed(cell: GridCell | None) -> Printed | None:
    if cell is None or (not cell.text.strip() and cell.number is None):
        return None
    if cell.number is not None:
        return Printed(cell.text, cell.number, cell.location, cell.percent)
    return printed_text(cell.text, cell.location)


def printed_rate(cell: GridCell | None) -> Printed | None:
    """执行率 as printed. A bare number above 1.5 in the rate column is a percentage without
    its sign (20 for 10/50), as the reader reads it: judged as 20%, not as 2000%."""
    found = printed(cell)
    if found is not None and found.value is not None and not found.percent and abs(found.value) > Decimal("1.5"):
        return Printed(found.text, found.value / 100, found.location, True)
    return found


def with_profiles(reads: list[FormRead], profiles: list[str]) -> list[FormRead]:
    """Give each form the profile jixiao stamped into the document it wrote (one per form, in
    order); a stamp that no longer matches the forms (the document was edited) is ignored."""
    forms = [read for read in reads if read.evaluation is not None]
    if profiles and len(profiles) == len(forms):
        for read, profile in zip(forms, profiles):
            read.evaluation = replace(read.evaluation, profile=profile)
    return reads


def form_document(read: FormRead, source: str) -> Document | None:
    evaluation = read.evaluation
    if evaluation is None:
        return None
    rows = tuple(
        TableRow(
            index=row.index,
            weight=printed(row.weight) or Printed("", None, row.weight.location),
            score=printed(row.score) or Printed("", None, row.score.location),
            target_text=row.target,
            actual_text=row.actual,
            location=row.score.location if row.score.location != Location() else row.weight.location,
            printed_level1=row.level1,
            printed_level2=row.level2,
        )
        for row in read.rows
    )
    evaluation, inferred = infer_weights(evaluation, get_profile(evaluation.profile), derive_metrics(evaluation.funds))
    findings = [finding.located(evaluation.location or Location(file=source), project=evaluation.project)
                for finding in [*read.findings, *inferred]]
    total = printed(read.total)
    layout = read.detection.layout if read.detection is not None else None
    if read.cut_at is not None:
        findings.append(make("table-incomplete", location=read.cut_at, project=evaluation.project,
                             derivation="表格在此行中断：本行只有指标名称等文字，没有分值和得分，其后再无内容"))
    elif total is None and (layout is None or layout.total_required):
        findings.append(make("table-incomplete", location=read.table_end or evaluation.location or Location(file=source),
                             project=evaluation.project, derivation="表格不完整：未找到“总分”行或总分为空"))
    findings += _blank_scores(read, evaluation)
    return Document(
        source=source,
        kind=DocKind.DEPARTMENT_TABLE if evaluation.kind == Kind.DEPARTMENT else DocKind.PROJECT_TABLE,
        project=evaluation.project,
        location=evaluation.location or Location(file=source),
        evaluation=evaluation,
        rows=rows,
        total=total,
        total_weight=printed(read.total_weight),
        declared_at=tuple(read.declared_at.items()),
        cut=read.cut_at is not None,
        printed_funds=tuple(PrintedFundLine(line.source, printed(line.weight), printed_rate(line.rate), printed(line.score),
                                            tuple((name, cell.location) for name, cell in line.amounts.items()))
                            for line in read.funds),
        findings=tuple(findings),
        layout=read.detection.explain() if read.detection is not None else "",
    )


def _blank_scores(read: FormRead, evaluation) -> list[Finding]:
    """A score the form must print and left blank: each indicator's 得分, and the execution
    得分 where its 分值 is printed (a form published unfilled, or a row forgotten)."""
    found = []
    for row, indicator in zip(read.rows, evaluation.indicators):
        if indicator.reported_score is None and row.score.location != Location() and not row.score.text.strip():
            found.append(make("table-incomplete", location=row.score.location, project=evaluation.project,
                              indicator=indicator.name, derivation=f"指标“{indicator.name}”的得分未填写"))
    for cells in read.funds:
        if cells.source.value == "年度资金总额" and cells.score is not None and cells.weight is not None \
                and cells.weight.text.strip() and not cells.score.text.strip() and cells.score.number is None:
            found.append(make("table-incomplete", location=cells.score.location, project=evaluation.project,
                              derivation="预算执行（年度资金总额）的得分未填写"))
    return found


def forms_package(source: Source, reads: list[FormRead], skipped: list[Finding]) -> Package:
    """The file's forms as a package. A blank form (a template: no amount and no indicator
    filled in) has nothing to evaluate: beside filled forms it is noted, alone it is refused; a file with no
    form at all is refused, naming what a form needs."""
    found = [d for d in (form_document(read, source.name) for read in reads) if d is not None]
    # A form with its funds filled in is read even when its text stops before any indicator
    # (a page missing from what was published): its execution can be checked, its cut is said.
    documents = tuple(d for d in found if d.evaluation is not None
                      and (d.evaluation.indicators or d.evaluation.funds.lines))
    blank = [d for d in found if d not in documents]
    if not documents:
        if blank:
            raise refuse("form-empty", "其中的自评表没有填写任何绩效指标（三级指标），是空白模板吗？", source.location)
        raise refuse("form-not-found", "其中未找到绩效自评表（需要“三级指标”“分值”等表头）", source.location)
    notes = [Finding("form-empty", f"{_where(d.location)}的自评表没有填写任何绩效指标，未读取", d.location,
                     severity="warning") for d in blank]
    return Package(source.name, documents, tuple(skipped + notes))


def _where(location: Location) -> str:
    return location.where() or "文件中"


__all__ = ["form_document", "forms_package", "printed"]
