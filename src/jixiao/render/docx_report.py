"""The 自评报告 as a Word document (.docx): the report blocks of report_text laid out with
Chinese styles (宋体 body, 黑体/楷体/仿宋 headings, tables with shaded header rows), the
charts, the 自评表 itself as an appended table in the standard layout, so the document can be
read back and audited like the workbook, and — unless left out — the 审核意见 appendix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from openpyxl import Workbook

from ..profile import profiles_stamp
from ..decimals import percent, plain, short
from ..engine.result import EvaluationResult
from . import charts
from .report_text import Block, Chart, Heading, PageBreak, Paragraph, Table, build_report, build_review
from .xlsx_form import TITLES, write_form

BODY_FONT = "宋体"
HEADING_FONTS = {0: ("黑体", 18), 1: ("黑体", 15), 2: ("楷体", 13), 3: ("仿宋", 12)}
PROMPT_FILL = "FFF2CC"
APPENDIX_TITLE = "附表"
CHART_SIZE = (Cm(15), Cm(7.5))
_INLINE_CHART = (
    '<wp:inline distT="0" distB="0" distL="0" distR="0"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    ' xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
    '<wp:docPr id="{id}" name="图表 {id}" descr="{descr}"/><wp:cNvGraphicFramePr/>'
    '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
    '<c:chart r:id="{rid}"/></a:graphicData></a:graphic></wp:inline>'
)


def _fonts(run_or_style, name: str, size: float | None = None, bold: bool | None = None) -> None:
    font = run_or_style.font
    font.name = name
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    r_pr = element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _shade(cell, color: str = "F2F2F2") -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    properties.append(shading)


class _Writer:
    def __init__(self):
        self.doc = Document()
        self.fund_unit = "万元"
        self.charts = 0
        section = self.doc.sections[0]
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.6)
        section.top_margin = section.bottom_margin = Cm(2.5)
        normal = self.doc.styles["Normal"]
        _fonts(normal, BODY_FONT, 12)
        normal.paragraph_format.line_spacing = 1.35
        for level, (name, size) in HEADING_FONTS.items():
            style = self.doc.styles["Title" if level == 0 else f"Heading {level}"]
            _fonts(style, name, size, bold=True)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.paragraph_format.space_before = Pt(12 if level else 0)
            style.paragraph_format.space_after = Pt(6)
            if level == 0:
                style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def block(self, block: Block) -> None:
        if isinstance(block, Heading):
            if block.level == 0:
                paragraph = self.doc.add_paragraph(block.text, style="Title")
                self._border_off(paragraph)
            else:
                self.doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Paragraph):
            paragraph = self.doc.add_paragraph(block.text)
            if block.style == "center":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                paragraph.paragraph_format.first_line_indent = Pt(24)
            if block.style == "note":
                for run in paragraph.runs:
                    run.font.size = Pt(10.5)
                    run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
            elif block.style == "prompt":
                # A section the unit has still to write: highlighted so the draft cannot be signed as is.
                _shade_paragraph(paragraph, PROMPT_FILL)
                for run in paragraph.runs:
                    run.font.color.rgb = RGBColor(0x80, 0x40, 0x00)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, PageBreak):
            self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    @staticmethod
    def _border_off(paragraph) -> None:
        # The built-in Title style draws a rule under the title; Chinese reports have none.
        properties = paragraph.style.element.get_or_add_pPr()
        for border in properties.findall(qn("w:pBdr")):
            properties.remove(border)

    def caption(self, text: str) -> None:
        if text:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.font.size = Pt(10.5)
            run.font.bold = True

    def table(self, block: Table) -> None:
        self.caption(block.caption)
        table = self.doc.add_table(rows=1 + len(block.rows), cols=len(block.headers))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        cells = table._cells  # table.cell() rebuilds this list on every call
        for row_index, values in enumerate((block.headers, *block.rows)):
            for col, value in enumerate(values):
                cell = cells[row_index * len(block.headers) + col]
                self._text(cell, value, bold=row_index == 0)
                if row_index == 0:
                    _shade(cell)
                if block.widths:
                    cell.width = Cm(block.widths[col])
        _column_widths(table, [Cm(w) for w in block.widths])
        self.doc.add_paragraph()

    @staticmethod
    def _text(cell, value: str, bold: bool = False, size: float = 10.5) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if len(value) <= 12 else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.first_line_indent = None
        paragraph.paragraph_format.line_spacing = 1.0
        run = paragraph.add_run(value)
        run.font.size = Pt(size)
        run.font.bold = bold

    def chart(self, block: Chart) -> None:
        if not block.data:
            return
        chart = (charts.level_chart(block.data) if block.kind == "levels"
                 else charts.funds_chart(block.data, self.fund_unit))
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        self._native_chart(paragraph.add_run(), chart, block.caption)
        self.caption(block.caption)

    def _native_chart(self, run, chart: charts.NativeChart, caption: str) -> None:
        """A chart part and its workbook in the package, and an inline frame showing it."""
        self.charts += 1
        package, document = self.doc.part.package, self.doc.part
        part = Part(PackURI(f"/word/charts/chart{self.charts}.xml"), CT.DML_CHART, chart.xml, package)
        workbook = Part(PackURI(f"/word/embeddings/Microsoft_Excel_Worksheet{self.charts}.xlsx"), CT.SML_SHEET,
                        chart.workbook, package)
        assert part.relate_to(workbook, RT.PACKAGE) == charts.WORKBOOK_RID
        width, height = CHART_SIZE
        inline = parse_xml(_INLINE_CHART.format(cx=int(width), cy=int(height), id=document.next_id,
                                                descr=escape(caption, {'"': "&quot;"}),
                                                rid=document.relate_to(part, RT.CHART)))
        drawing = OxmlElement("w:drawing")
        drawing.append(inline)
        run._r.append(drawing)

    def appendix(self, blocks: list[Block]) -> None:
        """The 审核意见 in its own portrait section after the forms, so it can be deleted whole."""
        section = self.doc.add_section()
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.0)
        for block in blocks:
            self.block(block)

    # -- the 自评表 as a Word table ----------------------------------------------------------
    def form(self, result: EvaluationResult, number: int) -> None:
        """The same grid as the workbook's sheet (written by xlsx_form), merges included."""
        section = self.doc.add_section()
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = Cm(1.5)
        section.top_margin = section.bottom_margin = Cm(1.5)
        ws = Workbook().active
        cells = write_form(ws, result)
        label = self.doc.add_paragraph()
        _fonts(label.add_run(f"{APPENDIX_TITLE}{number}"), "黑体", 12, bold=True)
        heading = self.doc.add_paragraph()
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = heading.add_run(TITLES[result.evaluation.kind])
        _fonts(run, "黑体", 15, bold=True)
        if result.evaluation.year:
            self.doc.add_paragraph(f"（{result.evaluation.year}年度）").alignment = WD_ALIGN_PARAGRAPH.CENTER
        last_col = ws.max_column
        table = self.doc.add_table(rows=ws.max_row - 2, cols=last_col)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        widths = [ws.column_dimensions[chr(64 + c)].width or 10 for c in range(1, last_col + 1)]
        scale = 26.5 / sum(widths)
        merged_rest = {(r, c) for span in ws.merged_cells.ranges for r in range(span.min_row, span.max_row + 1)
                       for c in range(span.min_col, span.max_col + 1) if (r, c) != (span.min_row, span.min_col)}
        _column_widths(table, [Cm(w * scale) for w in widths])
        for row in table.rows:
            # A row split over two pages reads back as two rows; keep each row on one page.
            cant_split = OxmlElement("w:cantSplit")
            row._tr.get_or_add_trPr().append(cant_split)
        grid = table._cells  # table.cell() rebuilds this list on every call: index it once
        for r in range(3, ws.max_row + 1):
            for c in range(1, last_col + 1):
                cell = grid[(r - 3) * last_col + c - 1]
                cell.width = Cm(widths[c - 1] * scale)
                if (r, c) in merged_rest:
                    continue
                source = ws.cell(r, c)
                self._text(cell, _display(source, cells.cache), bold=bool(source.font and source.font.b), size=9)
                if source.fill is not None and source.fill.fgColor is not None and source.fill.fill_type == "solid":
                    _shade(cell)
        # Merge last: the covered cells are empty, so the merged cell keeps just the first text.
        for span in ws.merged_cells.ranges:
            if span.min_row <= 2:
                continue
            grid[(span.min_row - 3) * last_col + span.min_col - 1].merge(
                grid[(span.max_row - 3) * last_col + span.max_col - 1])


def _shade_paragraph(paragraph, color: str) -> None:
    properties = paragraph._p.get_or_add_pPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), color)
    properties.append(shading)


def _column_widths(table, widths: list) -> None:
    """Fixed column widths: LibreOffice and Word size columns by the grid, not the cells."""
    if not widths:
        return
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width.twips)))


def _display(cell, cache: dict) -> str:
    """A worksheet cell as the form prints it; formulas show their cached value."""
    value = cell.value
    if cell.data_type == "f":  # user text starting with "=" is written as text, not a formula
        value = cache.get(cell.coordinate, "")
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if "%" in (cell.number_format or ""):
        return percent(number)
    if cell.number_format == "#,##0.00":
        return f"{number:,.2f}"
    if cell.number_format == "0.00":
        return plain(number.quantize(Decimal("0.01")))
    return short(number)


def write_docx(results: Sequence[EvaluationResult], path: str | Path,
               findings: Iterable[object] | None = None, review: bool = True) -> Path:
    """The report of each evaluation, its 自评表, and, when `review` and there are findings,
    the 审核意见 appendix listing them (the report itself never prints them)."""
    if not results:
        raise ValueError("no evaluation to write")
    writer = _Writer()
    findings = list(findings or ())
    for index, result in enumerate(results):
        if index:
            writer.block(PageBreak())
        writer.fund_unit = result.evaluation.funds.unit.text or "元"
        for block in build_report(result):
            writer.block(block)
    for number, result in enumerate(results, start=1):
        writer.form(result, number)
    appendix = build_review(results, findings) if review else []
    if appendix:
        writer.appendix(appendix)
    writer.doc.core_properties.keywords = profiles_stamp([result.evaluation.profile for result in results])
    path = Path(path)
    writer.doc.save(path)
    return path
