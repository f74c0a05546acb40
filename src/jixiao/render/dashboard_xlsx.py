"""The bureau's monitoring list as a workbook (监控预警清单): one row per project at the
monitoring date, the worst first, with its light, figures and warnings — the list a finance
bureau writes its 纠偏 letters from — and one row per warning on a second sheet."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from .xlsx_form import set_cell
from .xlsx_style import BOLD, CENTER, HEADER_FILL, LEFT, TITLE, box, set_a4_landscape

PROJECT_COLUMNS = (("单位", 26), ("项目", 28), ("监控截止日期", 13), ("预警", 8), ("预算执行率", 11),
                   ("时间进度", 10), ("目标完成进度", 12), ("预计年终得分", 12), ("预计等级", 9), ("预警事项", 60))
FINDING_COLUMNS = (("单位", 26), ("项目", 28), ("监控截止日期", 13), ("严重程度", 9), ("代码", 26), ("名称", 26),
                   ("位置", 36), ("说明", 90))
FILLS = {"红灯": "F4CCCC", "黄灯": "FFF2CC", "绿灯": "D9EAD3"}


def _sheet(ws, title: str, columns, rows: Sequence[Sequence[object]], light_column: int | None = None) -> None:
    from openpyxl.styles import PatternFill

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    ws["A1"] = title
    ws["A1"].font, ws["A1"].alignment = TITLE, CENTER
    for index, (label, width) in enumerate(columns, start=1):
        ws.cell(2, index, label)
        ws.column_dimensions[ws.cell(2, index).column_letter].width = width
    box(ws, f"A2:{ws.cell(2, len(columns)).column_letter}2", font=BOLD, fill=HEADER_FILL)
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            set_cell(ws.cell(r, c), value)
        box(ws, f"A{r}:{ws.cell(r, len(columns)).column_letter}{r}", align=LEFT)
        if light_column is not None and row[light_column] in FILLS:
            ws.cell(r, light_column + 1).fill = PatternFill("solid", fgColor=FILLS[row[light_column]])
    ws.freeze_panes = "A3"
    set_a4_landscape(ws, "2:2")


def write_dashboard(projects: Sequence[Sequence[object]], findings: Sequence[Sequence[object]], path: str | Path,
                    title: str = "绩效运行监控预警清单") -> Path:
    """`projects`: rows in PROJECT_COLUMNS order (the light as 红灯/黄灯/绿灯); `findings`: rows
    in FINDING_COLUMNS order. Text is written as text (a name starting with = stays a name)."""
    path = Path(path)
    workbook = Workbook()
    _sheet(workbook.active, title, PROJECT_COLUMNS, projects, light_column=3)
    workbook.active.title = "项目"
    _sheet(workbook.create_sheet("预警明细"), "预警明细", FINDING_COLUMNS, findings)
    workbook.save(path)
    return path


__all__ = ["FINDING_COLUMNS", "PROJECT_COLUMNS", "write_dashboard"]
