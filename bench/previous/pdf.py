# The previous PDF reader's use of its library (issue 14 §2), kept to compare with the current one:
# every page read by pdfplumber, and its own table finder, cell extraction and text in a box. The
# reading logic around it (tables continued across pages, rows and labels broken by the page, the
# text around a form) is the current reader's, shared, so a comparison measures the libraries only.
"""pdfplumber as the PDF reader used it before pdf_pages: `grids_of` over its pages."""

from __future__ import annotations

from jixiao.findings import refuse
from jixiao.ingest.budget import MAX_PAGES, Budget
from jixiao.ingest.pdf import _quiet, grids_of
from jixiao.ingest.source import MAX_BYTES, Source


class OriginalPage:
    def __init__(self, page):
        self.page = page
        self.width, self.height = page.width, page.height
        self.chars = page.chars

    def tables(self, budget):
        return self.page.find_tables()

    def extract(self, table):
        return table.extract()

    def text_within(self, bbox):
        return self.page.within_bbox(bbox).extract_text()


class OriginalDocument:
    def __init__(self, pdf):
        self.pdf = pdf
        self.keywords = str((pdf.metadata or {}).get("Keywords") or "")

    def __len__(self):
        return len(self.pdf.pages)

    def page(self, index):
        return OriginalPage(self.pdf.pages[index])


def _open(source: Source):
    source.check_size(MAX_BYTES)
    if not source.data.startswith(b"%PDF-"):
        raise refuse("file-malformed", "不是有效的 PDF 文件", source.location)
    import pdfplumber

    try:
        return pdfplumber.open(source.stream())
    except Exception as error:  # noqa: BLE001
        if "password" in str(error).lower() or type(error).__name__ == "PDFPasswordIncorrect":
            raise refuse("file-encrypted", "PDF 文件受密码保护，请先取消密码再导入", source.location) from None
        raise refuse("file-malformed", f"PDF 文件已损坏，无法读取（{type(error).__name__}）", source.location) from None


def pdf_grids(file: Source):
    with _quiet(), _open(file) as pdf:
        if len(pdf.pages) > MAX_PAGES:
            raise refuse("file-too-large", f"PDF 页数过多（{len(pdf.pages)}页），上限为{MAX_PAGES}页", file.location)
        return grids_of(OriginalDocument(pdf), file.name, Budget(file.location, seconds=3600))
