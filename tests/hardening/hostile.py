"""Hostile files, built as the attack run built them (issue 15 §2–3): each small on disk and
costly to read, or damaged where a parser fails."""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from jixiao import api

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SEED = api.EXAMPLES_DIR / "seed-2019-wuhan-zongbaoban.txt"

_WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
        '+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override '
        'PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>'),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
        'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        'name="自评表" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
}


def xlsx_of_empty_cells(path: Path, rows: int = 160_000) -> Path:
    """A workbook whose one sheet is rows of 80 empty cells (`<c/>`): about 550 KB that inflate to
    55 MB, compressed 100:1 — under the zip guard's total and ratio limits — and 12.8 million cells
    to anyone who builds them."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _WORKBOOK_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>')
            cells = b"<c/>" * 80
            for row in range(1, rows + 1):
                sheet.write(b'<row r="%d">' % row + cells + b"</row>")
            sheet.write(b"</sheetData></worksheet>")
    return path


def workbook_with_shared_strings(path: Path) -> Path:
    """A minimal workbook as Excel saves one: its text in xl/sharedStrings.xml."""
    types = _WORKBOOK_PARTS["[Content_Types].xml"].replace(
        "</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in _WORKBOOK_PARTS.items():
            archive.writestr(name, types if name == "[Content_Types].xml" else text)
        archive.writestr("xl/worksheets/sheet1.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
            '2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
            '</sheetData></worksheet>'))
        archive.writestr("xl/sharedStrings.xml", (
            '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
            'main" count="2" uniqueCount="2"><si><t>项目名称</t></si><si><t>园区行政管理事务类专项</t></si></sst>'))
    return path


def damaged_office(source: Path, path: Path, part: str) -> Path:
    """A copy of an .xlsx/.docx whose `part` is cut in the middle of its XML."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in original.infolist():
            data = original.read(item)
            copy.writestr(item, data[: len(data) // 2] if item.filename == part else data)
    return path


def encrypted_office(path: Path) -> Path:
    """What Excel or Word saves with a password: an OLE compound file holding EncryptedPackage."""
    sector = bytearray(512)
    sector[:8] = OLE_MAGIC
    entry = "EncryptedPackage".encode("utf-16-le")
    path.write_bytes(bytes(sector) + entry + bytes(512 - len(entry)) + bytes(1024))
    return path


def pdf(pages: list[bytes], height: int = 792) -> bytes:
    """A PDF of these content streams (Helvetica as /F1), with a correct cross-reference table."""
    body = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in pages:
        number = len(body) + 1
        body.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 %d] /Resources << /Font << /F1 3 0 R >> >> "
                    b"/Contents %d 0 R >>" % (height, number + 1))
        body.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        kids.append(b"%d 0 R" % number)
    body[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    return _assemble(body)


def _assemble(body: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, item in enumerate(body, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + item + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(body) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(body) + 1, xref))
    return out.getvalue()


def pdf_flate_bomb(inflated: int = 1 << 30) -> bytes:
    """One page whose content stream is about 1 MB on disk and `inflated` bytes inflated."""
    compressor = zlib.compressobj(9)
    block = b" " * (1 << 20)
    stream = b"".join(compressor.compress(block) for _ in range(inflated >> 20)) + compressor.flush()
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R >>")
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"
    return _assemble([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
                      b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", page, content])


def ruled_table(rows: int, columns: int, top: float = 760, bottom: float = 40, left: float = 40,
                right: float = 572, label: str = "") -> bytes:
    """A page's content: a ruled table of rows × columns (and a line of text above it)."""
    lines = [b"0.2 w"]
    for r in range(rows + 1):
        y = top - (top - bottom) * r / rows
        lines.append(b"%.3f %.3f m %.3f %.3f l S" % (left, y, right, y))
    for c in range(columns + 1):
        x = left + (right - left) * c / columns
        lines.append(b"%.3f %.3f m %.3f %.3f l S" % (x, top, x, bottom))
    if label:
        lines.append(b"BT /F1 10 Tf %.3f %.3f Td (%s) Tj ET" % (left, top + 10, label.encode("latin-1")))
    return b"\n".join(lines)


def deep_page_tree(depth: int = 5000) -> bytes:
    """One page under `depth` levels of page-tree nodes."""
    body = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        body.append(b"<< /Type /Pages %s/Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    body.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] >>" % (depth + 1))
    return _assemble(body)


def encrypted_pdf(password: str = "财务2024") -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.encrypt(user_password=password, owner_password=password + "!", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def seed_copies(copies: int) -> bytes:
    return b"\n".join([SEED.read_bytes()] * copies)
