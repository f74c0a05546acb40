"""Give formula cells their cached values.

openpyxl writes a formula with an empty value, so a viewer that does not recalculate
(a previewer, pandas, openpyxl with data_only=True, some web mail) shows nothing. jixiao
knows every value, so it stores both: the formula keeps totals live in Excel and
LibreOffice, the cached value is what every other reader sees."""

from __future__ import annotations

import os
import re
import stat
import tempfile
import zipfile
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

from ..decimals import plain

CachedValue = Decimal | int | str

_FORMULA_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>', re.S)


def _cell_xml(ref: str, attrs: str, formula: str, value: CachedValue) -> str:
    attrs = re.sub(r'\s+t="[^"]*"', "", attrs)
    if isinstance(value, str):
        return f'<c r="{ref}"{attrs} t="str"><f>{formula}</f><v>{escape(value)}</v></c>'
    return f'<c r="{ref}"{attrs}><f>{formula}</f><v>{plain(Decimal(value))}</v></c>'


def fill_sheet(xml: str, values: Mapping[str, CachedValue]) -> str:
    def replace(match: re.Match) -> str:
        ref, attrs, formula = match.group(1), match.group(2), match.group(3)
        if ref not in values or values[ref] is None:
            return match.group(0)
        return _cell_xml(ref, attrs, formula, values[ref])

    return _FORMULA_CELL.sub(replace, xml)


def fill_workbook(path: Path, caches: list[Mapping[str, CachedValue]]) -> None:
    """`caches[i]` holds the values of the i-th worksheet, in workbook order (openpyxl
    names them xl/worksheets/sheet{i+1}.xml). The file is replaced atomically."""
    path = Path(path)
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, suffix=".xlsx")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", zipfile.ZIP_DEFLATED) as target:
            for info, data in members:
                match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
                if match and int(match.group(1)) <= len(caches) and caches[int(match.group(1)) - 1]:
                    data = fill_sheet(data.decode("utf-8"), caches[int(match.group(1)) - 1]).encode("utf-8")
                target.writestr(info, data)
        # mkstemp makes the file 0600; keep the mode the workbook was written with (the user's umask).
        os.chmod(tmp_name, stat.S_IMODE(os.stat(path).st_mode))
        os.replace(tmp_name, path)
    except BaseException:
        os.unlink(tmp_name)
        raise
