"""The report's charts are native Word charts: a DrawingML chart part and its workbook in the
.docx, written as text (no font, no drawing library on the writing machine), drawn by Word,
WPS or LibreOffice with the reader's fonts. LibreOffice opening them is checked by converting."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from decimal import Decimal as D

import docx
import pdfplumber
from docx.enum.shape import WD_INLINE_SHAPE
from lxml import etree
from openpyxl import load_workbook

from jixiao.render import charts
from jixiao.render.docx_report import write_docx
from jixiao.render.pdf import docx_to_pdf

from .samples import needs_soffice

C = {"c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
     "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
FUNDS = (("当年财政拨款", D("3741.00"), D("3428.89")), ("其他资金", D("3.00"), D("3.00")))


def _series(xml: bytes) -> list[tuple[str, list[str], list[str]]]:
    root = etree.fromstring(xml)
    return [(s.findtext("c:tx//c:v", namespaces=C), s.xpath("c:cat//c:pt/c:v/text()", namespaces=C),
             s.xpath("c:val//c:pt/c:v/text()", namespaces=C)) for s in root.iterfind(".//c:ser", C)]


def test_the_chart_part_holds_the_exact_figures_and_chinese_labels():
    chart = charts.funds_chart(FUNDS, "万元")
    assert _series(chart.xml) == [
        ("全年预算数", ["当年财政拨款", "其他资金"], ["3741.00", "3.00"]),
        ("全年执行数", ["当年财政拨款", "其他资金"], ["3428.89", "3.00"]),
    ]
    root = etree.fromstring(chart.xml)
    assert root.xpath("//c:valAx/c:title//a:t/text()", namespaces=C) == ["万元"]
    assert root.xpath("//c:ser[2]/c:dLbls/c:showVal/@val", namespaces=C) == ["1"]  # executed printed on its bar
    assert set(root.xpath("//a:ea/@typeface", namespaces=C)) == {"宋体"}
    assert root.xpath("//c:valAx/c:scaling/c:min/@val", namespaces=C) == ["0"]  # columns measured from zero


def test_labels_that_look_like_markup_are_text():
    chart = charts.level_chart((("A&B<目标>\"1\"", D("10"), D("9.17")),))
    assert _series(chart.xml)[1] == ("得分", ["A&B<目标>\"1\""], ["9.17"])


def test_the_embedded_workbook_is_the_charts_data():
    sheet = load_workbook(io.BytesIO(charts.funds_chart(FUNDS, "万元").workbook)).active
    assert sheet.title == charts.SHEET
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        [None, "全年预算数", "全年执行数"], ["当年财政拨款", 3741, 3428.89], ["其他资金", 3, 3]]


def test_the_report_embeds_two_charts_per_evaluation(admin_result, department_result, tmp_path):
    path = write_docx([admin_result, department_result], tmp_path / "r.docx")
    document = docx.Document(str(path))
    assert [s.type for s in document.inline_shapes] == [WD_INLINE_SHAPE.CHART] * 4
    ids = [s._inline.docPr.id for s in document.inline_shapes]
    assert len(set(ids)) == 4
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/charts/_rels/chart1.xml.rels").decode()
        first = package.read("word/charts/chart1.xml")
    assert sorted(n for n in names if n.startswith("word/charts/chart")) == [
        f"word/charts/chart{i}.xml" for i in range(1, 5)]
    assert sum(n.startswith("word/embeddings/") and n.endswith(".xlsx") for n in names) == 4
    assert 'PartName="/word/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument' \
           '.drawingml.chart+xml"' in types
    assert 'Target="../embeddings/Microsoft_Excel_Worksheet1.xlsx"' in rels
    assert _series(first)[0][1] == ["当年财政拨款"]  # the admin project's funds chart comes first


def test_writing_the_report_needs_no_drawing_library(tmp_path):
    # matplotlib made `make demo` depend on a CJK font on the writing machine; it is gone.
    code = ("import sys; sys.modules['matplotlib'] = None\n"
            "from jixiao import api\n"
            "results = [api.score(api.load_evaluation(p)) for p in api.example_paths()[:1]]\n"
            f"api.write_docx(results, {str(tmp_path / 'r.docx')!r})\n")
    subprocess.run([sys.executable, "-c", code], check=True)
    assert (tmp_path / "r.docx").stat().st_size > 10_000


@needs_soffice
def test_libreoffice_draws_the_charts_with_their_chinese_text(admin_result, tmp_path):
    pdf = docx_to_pdf(write_docx([admin_result], tmp_path / "r.docx"), tmp_path / "r.pdf")
    with pdfplumber.open(str(pdf)) as document:
        text = "".join((page.extract_text() or "") for page in document.pages)
    squeezed = "".join(text.split())
    # Legends, axis titles and data labels are text LibreOffice drew from the chart parts.
    assert "全年预算数全年执行数" in squeezed and "分值得分" in squeezed
    assert "563.27" in squeezed and "万元" in squeezed
    assert "\ufffd" not in text
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "p")], check=True)
    assert sum(p.stat().st_size for p in tmp_path.glob("p*.png")) > 20_000
