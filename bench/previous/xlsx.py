# The previous .xlsx reader's use of openpyxl (issue 14 §2), kept to compare with the current one:
# opening the workbook, each sheet as a grid and the hidden sheet's values. `previous_readers()`
# puts these in place of the current reader's, whose logic around them is shared.
"""Excel workbooks (.xlsx): the template jixiao writes, and workbooks laid out by hand. Each
sheet becomes a Grid (see office_grid), so every value read keeps its sheet!cell; a sheet
without an indicator table (a summary, notes) is skipped."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
import zipfile
from dataclasses import replace
from decimal import Decimal

from jixiao.findings import refuse
from jixiao.model import Evaluation, Kind, Location, RuleSpec
from jixiao.profile import PROFILES
from jixiao.ingest.office_grid import MAX_COLS, MAX_ROWS, Grid, GridCell
from jixiao.ingest.office_guard import check_office_zip
from jixiao.ingest.source import Source

META_SHEET = "_jixiao"
_PERCENT_DECIMALS = re.compile(r"0\.(0+)%")
_FIXED_DECIMALS = re.compile(r"^(#,##)?0\.(0+)$")


def _decimal(value: float | int) -> Decimal:
    # repr is the shortest text that reads back as the same float: 563.27, not 563.2699999…
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


def _plain(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _cell(value: object, number_format: str, location: Location, spanned: bool) -> GridCell:
    if value is None:
        return GridCell("", location, spanned=spanned)
    if isinstance(value, bool):
        return GridCell("是" if value else "否", location, spanned=spanned)
    if isinstance(value, (int, float)):
        number = _decimal(value)
        if "%" in (number_format or ""):
            # A percentage reads as what the user sees: 0.917361… shown as 91.74% is 0.9174.
            match = _PERCENT_DECIMALS.search(number_format)
            places = (len(match.group(1)) if match else 0) + 2
            number = number.quantize(Decimal(1).scaleb(-places))
            return GridCell(_plain(number * 100) + "%", location, number, percent=True, spanned=spanned)
        match = _FIXED_DECIMALS.search(number_format or "")
        if match:
            # Shown at the format's precision: a score 4 formatted 0.00 was printed "4.00".
            shown = number.quantize(Decimal(1).scaleb(-len(match.group(2))))
            text = f"{shown:,}" if match.group(1) else format(shown, "f")
            return GridCell(text, location, number, spanned=spanned)
        return GridCell(_plain(number), location, number, spanned=spanned)
    if isinstance(value, (dt.datetime, dt.date)):
        return GridCell(value.strftime("%Y-%m-%d"), location, spanned=spanned)
    return GridCell(str(value).strip(), location, spanned=spanned)


def sheet_grid(ws, file: str) -> Grid:
    """The sheet as a Grid, merged values repeated into every cell they cover."""
    rows = min(ws.max_row, MAX_ROWS + 1)
    cols = min(ws.max_column, MAX_COLS)
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for span in ws.merged_cells.ranges:
        for r in range(span.min_row, min(span.max_row, rows) + 1):
            for c in range(span.min_col, min(span.max_col, cols) + 1):
                if (r, c) != (span.min_row, span.min_col):
                    merged[(r, c)] = (span.min_row, span.min_col)
    grid_rows: list[list[GridCell]] = []
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=rows, max_col=cols), start=1):
        cells = []
        for c, cell in enumerate(row, start=1):
            location = Location(file=file, sheet=ws.title, cell=f"{column_letter(c)}{r}")
            origin = merged.get((r, c))
            source = ws.cell(*origin) if origin else cell
            cells.append(_cell(source.value, source.number_format, location, origin is not None))
        grid_rows.append(cells)
    return Grid(grid_rows, name=f"工作表“{ws.title}”", location=Location(file=file, sheet=ws.title))


def _param(value: object) -> object:
    if isinstance(value, str) and value in ("true", "false"):
        return value == "true"
    if isinstance(value, list):
        return tuple(_param(item) for item in value)
    return value


def _stored_rule(text: str, location: Location) -> RuleSpec | None:
    """An explicit rule (no 评分细则 text) that jixiao kept in its hidden sheet as JSON."""
    try:
        data = json.loads(text)
        return RuleSpec.of(str(data.pop("kind")), location=location,
                           **{k: _param(v) for k, v in data.items()})
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def _with_stored_rules(evaluation: Evaluation, rules: dict[str, str]) -> Evaluation:
    if not rules:
        return evaluation
    indicators = []
    for indicator in evaluation.indicators:
        cell = indicator.location.cell if indicator.location else None
        spec = _stored_rule(rules[cell], indicator.location) if cell in rules and indicator.rule is None else None
        indicators.append(replace(indicator, rule=spec) if spec else indicator)
    return evaluation.with_indicators(tuple(indicators))


def read_meta(workbook) -> dict[str, dict]:
    """What jixiao stored for each sheet in its hidden sheet: kind, profile, and explicit
    rules by score cell."""
    if META_SHEET not in workbook.sheetnames:
        return {}
    sheet = workbook[META_SHEET]
    # Bounded by the sheet's own extent: iter_rows creates every cell it is asked for.
    rows = list(sheet.iter_rows(values_only=True, max_row=min(sheet.max_row, MAX_ROWS),
                                max_col=min(sheet.max_column, 10)))
    if not rows:
        return {}
    header = [str(h) for h in rows[0] if h is not None]
    meta: dict[str, dict] = {}
    for row in rows[1:]:
        if not row or row[0] is None:
            continue
        values = {h: str(v) for h, v in zip(header, row) if v is not None}
        entry = meta.setdefault(str(row[0]), {"rules": {}})
        if values.get("cell") and values.get("rule"):
            entry["rules"][values["cell"]] = values["rule"]
        else:
            entry.update({k: v for k, v in values.items() if k in ("kind", "profile")})
    return meta


def apply_meta(evaluation: Evaluation, meta: dict) -> Evaluation:
    evaluation = _with_stored_rules(evaluation, meta.get("rules", {}))
    changes: dict[str, object] = {}
    if meta.get("kind") in {k.value for k in Kind}:
        changes["kind"] = Kind(meta["kind"])
    if meta.get("profile") in PROFILES:
        changes["profile"] = meta["profile"]
    return replace(evaluation, **changes) if changes else evaluation


def column_letter(column: int) -> str:
    """1 → 'A', 28 → 'AB' (as openpyxl's get_column_letter, without importing openpyxl)."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def open_workbook(source: Source):
    check_office_zip(source, "Excel")
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(source.stream(), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError, AttributeError) as error:
        raise refuse("file-malformed", f"Excel 文件已损坏，无法读取（{type(error).__name__}）", source.location) from None


