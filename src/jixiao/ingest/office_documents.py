"""Office files as audit documents: each 自评表 found in an .xlsx, .docx or .pdf becomes a
table `Document` carrying its evaluation and what it printed (weights, scores, total,
funds figures) at sheet!cell, table/cell or page/cell, so findings point into the file.

`jixiao.audit.readers` registers these readers for .xlsx, .docx and .pdf."""

from __future__ import annotations

from pathlib import Path

from ..document import DocKind, Document, Printed, ReadProblem, TableRow
from ..model import Kind, Location
from ..findings import Finding, InputError
from .office_grid import FormRead, GridCell

# The readers' problem codes, as the audit catalog names them.
PROBLEM_CODES = {
    "cell-not-number": "unreadable-row",
    "indicator-weight-unreadable": "unreadable-row",
    "indicator-score-unreadable": "unreadable-row",
    "form-no-project": "table-incomplete",
    "table-too-large": "table-incomplete",
    "rule-text-unparsed": "rule-text-defect",
}


def printed(cell: GridCell | None) -> Printed | None:
    if cell is None or (not cell.text.strip() and cell.number is None):
        return None
    if cell.number is not None:
        return Printed(cell.text, cell.number, cell.location, cell.percent)
    from .text.cells import printed as printed_text

    return printed_text(cell.text, cell.location)


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
            location=row.score.location if row.score.location.cell else row.weight.location,
            printed_level1=row.level1,
            printed_level2=row.level2,
        )
        for row in read.rows
    )
    problems = tuple(
        ReadProblem(PROBLEM_CODES[p.code], p.message, p.location or Location(file=source), evaluation.project)
        for p in read.problems if p.code in PROBLEM_CODES
    )
    total = printed(read.total)
    if total is None:
        problems += (ReadProblem("table-incomplete", "表格不完整：未找到“总分”行或总分为空",
                                 evaluation.location or Location(file=source), evaluation.project),)
    return Document(
        source=source,
        kind=DocKind.DEPARTMENT_TABLE if evaluation.kind == Kind.DEPARTMENT else DocKind.PROJECT_TABLE,
        project=evaluation.project,
        location=evaluation.location or Location(file=source),
        evaluation=evaluation,
        rows=rows,
        total=total,
        funds_printed=tuple((name, printed(w), printed(r), printed(s)) for name, w, r, s in read.funds),
        problems=problems,
    )


def _documents(reads: list[FormRead], source: str) -> list[Document]:
    found = [d for d in (form_document(read, source) for read in reads) if d is not None]
    # A blank form (a template, or every row left empty) has nothing to audit.
    documents = [d for d in found if d.evaluation is None or d.evaluation.indicators]
    if found and not documents:
        raise InputError(Finding("form-empty", f"无法审核“{source}”：其中的自评表没有填写任何绩效指标（空白模板？）",
                                 Location(file=source)))
    if not documents:
        raise InputError(Finding("unreadable-input", f"无法读取“{source}”：其中未找到绩效自评表（需要“三级指标”“分值”等表头）",
                                 Location(file=source)))
    return documents


def xlsx_documents(path: Path) -> list[Document]:
    from .office_grid import read_form_cells
    from .xlsx import META_SHEET, apply_meta, open_workbook, read_meta, read_rule_text, sheet_grid

    source = str(path)
    workbook = open_workbook(Path(path))
    # What jixiao stored beside the printed form (explicit rules with no 评分细则 text, kind,
    # profile): without it the audit would score a workbook jixiao wrote by other rules.
    meta = read_meta(workbook)
    reads = []
    for ws in workbook.worksheets:
        if ws.title == META_SHEET or ws.sheet_state == "veryHidden":
            continue
        read = read_form_cells(sheet_grid(ws, source), read_rule_text)
        if read.evaluation is not None:
            read.evaluation = apply_meta(read.evaluation, meta.get(ws.title, {}))
        reads.append(read)
    return _documents(reads, source)


def docx_documents(path: Path) -> list[Document]:
    from .docx import read_docx_forms

    return _documents(read_docx_forms(path, str(path)), str(path))


def pdf_documents(path: Path) -> list[Document]:
    from .pdf import read_pdf_forms

    return _documents(read_pdf_forms(path, str(path)), str(path))


__all__ = ["docx_documents", "form_document", "pdf_documents", "xlsx_documents"]
