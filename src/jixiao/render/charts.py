"""Report charts as native Word charts: a DrawingML chart part (``word/charts/chartN.xml``)
and the small workbook holding its data (``word/embeddings/…xlsx``), both written as text.

Nothing is drawn when the report is written, so no font is needed on the machine that writes
it: Word, WPS or LibreOffice draw the chart with the reader's own Chinese fonts, and the chart
stays editable there (右键 → 编辑数据 opens the embedded workbook). The text in the chart uses
the report's body font (宋体, any CJK font where it is missing), like the rest of the document."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

BODY_FONT = "宋体"
FULL_COLOR, ACTUAL_COLOR = "B4C7E7", "2F5597"
SHEET = "Sheet1"
# The chart part's one relationship, to its workbook: the first id of a new part.
WORKBOOK_RID = "rId1"


@dataclass(frozen=True)
class NativeChart:
    """A clustered column chart of (label, full, actual) rows: its chart part and workbook."""

    xml: bytes
    workbook: bytes


def _text(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _points(values: Sequence[str]) -> str:
    return "".join(f'<c:pt idx="{i}"><c:v>{_text(v)}</c:v></c:pt>' for i, v in enumerate(values))


def _strings(ref: str, values: Sequence[str]) -> str:
    return (f"<c:strRef><c:f>{ref}</c:f><c:strCache><c:ptCount val=\"{len(values)}\"/>{_points(values)}"
            f"</c:strCache></c:strRef>")


def _numbers(ref: str, values: Sequence[Decimal]) -> str:
    # Decimal → text as it is: the cached values are the exact figures, never floats.
    return (f"<c:numRef><c:f>{ref}</c:f><c:numCache><c:formatCode>General</c:formatCode>"
            f"<c:ptCount val=\"{len(values)}\"/>{_points([format(v, 'f') for v in values])}"
            f"</c:numCache></c:numRef>")


def _run_properties(size: int, bold: bool = False) -> str:
    return (f'<a:defRPr sz="{size}" b="{int(bold)}"><a:solidFill><a:srgbClr val="404040"/></a:solidFill>'
            f'<a:latin typeface="{BODY_FONT}"/><a:ea typeface="{BODY_FONT}"/></a:defRPr>')


def _text_properties(size: int, rotation: int | None = None) -> str:
    body = "<a:bodyPr/>" if rotation is None else f'<a:bodyPr rot="{rotation}" vert="horz"/>'
    return (f"<c:txPr>{body}<a:lstStyle/><a:p><a:pPr>{_run_properties(size)}</a:pPr>"
            f'<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')


def _series(index: int, name: str, color: str, categories: str, values: Sequence[Decimal],
            label_format: str | None) -> str:
    column = "BC"[index]
    labels = ""
    if label_format:  # the actual's value on its bar, as the figures are printed in the report
        labels = (f'<c:dLbls><c:numFmt formatCode="{label_format}" sourceLinked="0"/>'
                  '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' + _text_properties(700)
                  + '<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/>'
                  '<c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/>'
                  '<c:showBubbleSize val="0"/></c:dLbls>')
    return (f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
            f"<c:tx>{_strings(f'{SHEET}!${column}$1', [name])}</c:tx>"
            f'<c:spPr><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></c:spPr>'
            f'<c:invertIfNegative val="0"/>{labels}'
            f"<c:cat>{categories}</c:cat>"
            f"<c:val>{_numbers(f'{SHEET}!${column}$2:${column}${len(values) + 1}', values)}</c:val></c:ser>")


def _axis_title(unit: str) -> str:
    return (f'<c:title><c:tx><c:rich><a:bodyPr rot="0" vert="horz"/><a:lstStyle/><a:p><a:pPr>{_run_properties(800)}'
            f'</a:pPr><a:r><a:rPr lang="zh-CN" sz="800"/><a:t>{_text(unit)}</a:t></a:r></a:p></c:rich></c:tx>'
            '<c:overlay val="0"/></c:title>')


def chart_xml(data: Sequence[tuple[str, Decimal, Decimal]], full_label: str, actual_label: str,
              unit: str = "", amounts: bool = False) -> bytes:
    """The chart part: paired columns per label (full vs actual), the actual's value on its column
    (amounts as the report prints them, 3,428.89; scores without trailing zeros, 9.6)."""
    rows = len(data)
    labels = [label for label, _, _ in data]
    categories = _strings(f"{SHEET}!$A$2:$A${rows + 1}", labels)
    series = (_series(0, full_label, FULL_COLOR, categories, [full for _, full, _ in data], None)
              + _series(1, actual_label, ACTUAL_COLOR, categories, [actual for _, _, actual in data],
                      "#,##0.00" if amounts else "General"))
    grey_line = '<a:ln w="6350"><a:solidFill><a:srgbClr val="BFBFBF"/></a:solidFill></a:ln>'
    axis_format = "#,##0" if amounts else "General"
    # Columns start at zero (LibreOffice would otherwise start 614 vs 563 at 530: twice as tall).
    floor = '<c:min val="0"/>' if all(v >= 0 for _, full, actual in data for v in (full, actual)) else ""
    rotation = -2700000 if rows > 5 else None  # long label lists are slanted, as before
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'{series}<c:gapWidth val="80"/><c:overlap val="0"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>'
        '<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:spPr>{grey_line}</c:spPr>'
        f'{_text_properties(800, rotation)}<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>{floor}</c:scaling><c:delete val="0"/>'
        f'<c:axPos val="l"/><c:majorGridlines><c:spPr>{grey_line}</c:spPr></c:majorGridlines>'
        f'{_axis_title(unit) if unit else ""}<c:numFmt formatCode="{axis_format}" sourceLinked="0"/>'
        '<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>{_text_properties(800)}<c:crossAx val="1001"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>'
        '<c:legend><c:legendPos val="t"/><c:overlay val="0"/>' + _text_properties(800) + '</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>' + _text_properties(800) +
        f'<c:externalData r:id="{WORKBOOK_RID}"><c:autoUpdate val="0"/></c:externalData>'
        '</c:chartSpace>'
    )
    return xml.encode("utf-8")


def chart_workbook(data: Sequence[tuple[str, Decimal, Decimal]], full_label: str, actual_label: str) -> bytes:
    """The chart's data as Word keeps it: a workbook whose Sheet1 the series refer to."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(["", full_label, actual_label])
    for label, full, actual in data:
        sheet.append([label, full, actual])
    sheet.column_dimensions["A"].width = 24
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bars(data: Sequence[tuple[str, Decimal, Decimal]], full_label: str, actual_label: str,
         unit: str = "", amounts: bool = False) -> NativeChart:
    return NativeChart(chart_xml(data, full_label, actual_label, unit, amounts),
                       chart_workbook(data, full_label, actual_label))


def level_chart(data: Sequence[tuple[str, Decimal, Decimal]]) -> NativeChart:
    return bars(data, "分值", "得分", "分")


def funds_chart(data: Sequence[tuple[str, Decimal, Decimal]], unit: str) -> NativeChart:
    return bars(data, "全年预算数", "全年执行数", unit, amounts=True)
