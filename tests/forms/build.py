"""Build the test documents of real provinces' forms from their transcriptions.

Each `*.form.yaml` under tests/forms/<family>/ is one published 自评表, transcribed cell by cell
(its source cited in the file), as a grid: `rows` is a list of rows, each a list of cells left
to right; a cell is a text, or a mapping {text, span: [rows, cols]} for a merged cell (the
positions it covers are left out of the following cells of its row and of the rows below,
as in the printed form). From each form this writes, beside it:

    <slug>.xlsx   one sheet, merged cells as printed, every value typed as text or number as given
    <slug>.docx   one Word table with the same merges, the title as paragraphs above it
    <slug>.pdf    the Word file printed by LibreOffice (only where `soffice` is installed)

and one variant per entry of `planted` (`<slug>.planted-N.{xlsx,docx,pdf}`), each with one
cell changed. Run `python -m tests.forms.build` after editing a transcription; the files are
committed so the tests need neither LibreOffice nor this script.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent


@dataclass
class Cell:
    text: str
    row: int          # 1-based grid position of its top-left corner
    col: int
    rows: int = 1
    cols: int = 1
    number: bool = False  # stored as a number in the workbook (else as text)


@dataclass
class Form:
    path: Path
    data: dict
    title: list[str] = field(default_factory=list)
    cells: list[Cell] = field(default_factory=list)
    width: int = 0
    height: int = 0

    @property
    def slug(self) -> str:
        return self.path.name.removesuffix(".form.yaml")


def _number(text: str) -> bool:
    try:
        Decimal(text.replace(",", ""))
    except (InvalidOperation, ValueError):
        return False
    return text.strip() != "" and "," not in text


def grid(data: dict, path: Path) -> Form:
    """Place the cells: a position covered by a merge above or to the left is skipped."""
    form = Form(path, data, list(data.get("title", [])))
    covered: set[tuple[int, int]] = set()
    numbers = data.get("numbers", "text")  # 'text': every cell typed as text (as Sichuan's are)
    for r, row in enumerate(data["rows"], start=1):
        c = 1
        for item in row:
            while (r, c) in covered:
                c += 1
            spec = item if isinstance(item, dict) else {"text": item}
            text = "" if spec.get("text") is None else str(spec.get("text"))
            rows, cols = spec.get("span", [1, 1])
            typed = spec.get("number", numbers == "numbers" and _number(text))
            form.cells.append(Cell(text, r, c, rows, cols, bool(typed)))
            for dr in range(rows):
                for dc in range(cols):
                    covered.add((r + dr, c + dc))
            c += cols
            form.width = max(form.width, c - 1)
        form.height = r
    return form


def with_change(form: Form, change: dict) -> Form:
    """The form with one cell's text replaced (a planted error)."""
    row, col = change["cell"]
    cells = []
    for cell in form.cells:
        if (cell.row, cell.col) == (row, col):
            cell = Cell(str(change["value"]), cell.row, cell.col, cell.rows, cell.cols, cell.number)
        cells.append(cell)
    found = [c for c in form.cells if (c.row, c.col) == (row, col)]
    if not found:
        raise SystemExit(f"{form.path.name}: planted cell {row},{col} is not the top-left of any cell")
    return Form(form.path, form.data, form.title, cells, form.width, form.height)


def write_xlsx(form: Form, path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = form.data.get("sheet", "Sheet1")
    offset = len(form.title)
    for index, line in enumerate(form.title, start=1):
        sheet.cell(index, 1, line)
        if form.width > 1:
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=form.width)
    for cell in form.cells:
        value: object = cell.text
        if cell.number and _number(cell.text):
            value = Decimal(cell.text) if "." in cell.text else int(cell.text)
            value = float(value) if isinstance(value, Decimal) else value
        target = sheet.cell(cell.row + offset, cell.col, value if value != "" else None)
        if isinstance(target.value, str) and target.value.startswith("="):
            target.data_type = "s"  # typed as text ('=100% in Excel), not a formula
        if cell.number and cell.text.endswith("%") and _number(cell.text[:-1]):
            target.value = float(Decimal(cell.text[:-1]) / 100)
            places = len(cell.text[:-1].split(".")[1]) if "." in cell.text else 0
            target.number_format = "0" + ("." + "0" * places if places else "") + "%"
        if cell.rows > 1 or cell.cols > 1:
            sheet.merge_cells(start_row=cell.row + offset, start_column=cell.col,
                              end_row=cell.row + offset + cell.rows - 1, end_column=cell.col + cell.cols - 1)
    book.save(path)


def write_docx(form: Form, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in form.title:
        document.add_paragraph(line)
    table = document.add_table(rows=form.height, cols=form.width)
    table.style = "Table Grid"
    for cell in form.cells:
        target = table.cell(cell.row - 1, cell.col - 1)
        if cell.rows > 1 or cell.cols > 1:
            target = target.merge(table.cell(cell.row + cell.rows - 2, cell.col + cell.cols - 2))
        target.text = cell.text
    document.save(path)


def write_pdf(docx_path: Path, pdf_path: Path) -> bool:
    soffice = shutil.which("soffice")
    if soffice is None:
        return False
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", out, str(docx_path)],
                       check=True, capture_output=True, timeout=120)
        shutil.move(str(Path(out) / (docx_path.stem + ".pdf")), pdf_path)
    return True


def load(path: Path) -> Form:
    return grid(yaml.safe_load(path.read_text(encoding="utf-8")), path)


def build(path: Path) -> list[Path]:
    form = load(path)
    written = []
    variants = [("", form)] + [(f".planted-{n}", with_change(form, change))
                               for n, change in enumerate(form.data.get("planted", []), start=1)]
    for suffix, variant in variants:
        stem = f"{form.slug}{suffix}"
        xlsx, docx, pdf = (path.parent / f"{stem}.{kind}" for kind in ("xlsx", "docx", "pdf"))
        write_xlsx(variant, xlsx)
        write_docx(variant, docx)
        written += [xlsx, docx]
        if write_pdf(docx, pdf):
            written.append(pdf)
    return written


def forms() -> list[Path]:
    return sorted(ROOT.glob("*/*.form.yaml"))


if __name__ == "__main__":
    targets = [Path(arg) for arg in sys.argv[1:]] or forms()
    for target in targets:
        for written in build(target):
            print(written.resolve().relative_to(ROOT))
