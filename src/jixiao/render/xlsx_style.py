"""Cell styles of the printed 自评表: one place, so every sheet jixiao writes looks the same.

宋体 is the font Chinese government forms are set in; LibreOffice falls back to the
installed Noto CJK glyphs where 宋体 is absent, so the text renders either way."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "宋体"
BODY = Font(name=FONT_NAME, size=10)
BOLD = Font(name=FONT_NAME, size=10, bold=True)
TITLE = Font(name=FONT_NAME, size=16, bold=True)
SUBTITLE = Font(name=FONT_NAME, size=11)
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", wrap_text=True)

AMOUNT_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"
SCORE_FORMAT = "0.00"


def box(ws: Worksheet, ref: str, *, font: Font = BODY, align: Alignment = CENTER,
        fill: PatternFill | None = None) -> None:
    """Border, font and alignment on every cell of `ref` (a merged range keeps its border
    only if each covered cell has one)."""
    for row in ws[ref] if ":" in ref else ((ws[ref],),):
        for cell in row:
            cell.border = BOX
            cell.font = font
            cell.alignment = align
            if fill is not None:
                cell.fill = fill


def set_a4_landscape(ws: Worksheet, title_rows: str | None = None) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows


def fit_row_height(ws: Worksheet, row: int, texts_and_widths: list[tuple[str, float]],
                   line_height: float = 14.0) -> None:
    """Wrapped rows need an explicit height: neither Excel nor LibreOffice grows a row
    whose cells are merged. A CJK character is about two width units."""
    lines = 1
    for text, width in texts_and_widths:
        if not text or width <= 0:
            continue
        units = sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(text))
        lines = max(lines, -(-units // max(int(width) - 1, 1)))
    ws.row_dimensions[row].height = max(18.0, lines * line_height + 4)
