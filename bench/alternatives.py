"""Side by side with what a user would otherwise use, reported as ratios:

- recalculating the same scores in a spreadsheet: LibreOffice headless recalculation of an
  equivalent formula workbook (one row per indicator, the national default rules as formulas,
  a 总分 and 等级 per project), against jixiao.api.score on the same evaluations;
- reading the 自评表 workbooks: openpyxl normal vs read-only vs python-calamine;
- extracting text from the 自评报告 PDF: pdfplumber vs pdfminer.six vs pypdf vs pypdfium2.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from jixiao.api import score

from .measure import Report, best_time
from .synth import generate

SECTION = "alternatives"


# -- LibreOffice recalculation -------------------------------------------------------------


def _formula(row: int, indicator) -> tuple[object, object, str] | None:
    """(target, actual, score formula) for the national default; None when a word target
    or a stated rule makes the row something a plain formula cannot express."""
    target, actual = indicator.target, indicator.actual
    weight = f"C{row}"
    if target.word is not None:
        return target.word, actual.word or actual.text, f'=IF(B{row}=A{row},{weight},0)'
    if target.quantity is None or actual.quantity is None:
        return None
    t, a = float(target.quantity.base_value), float(actual.quantity.base_value)
    if t == 0:
        return t, a, f"=IF(B{row}<=0,{weight},0)"
    if target.comparator is not None and target.comparator.is_reverse:
        return t, a, f"=IF(B{row}<=A{row},{weight},ROUND(MAX(0,1-(B{row}-A{row})/A{row})*{weight},2))"
    return t, a, f"=IF(B{row}>=A{row},{weight},ROUND(B{row}/A{row}*{weight},2))"


def formula_workbook(evaluations: list, path: Path) -> dict[str, int]:
    """One sheet: indicator rows (A target, B actual, C weight, D score formula), then per
    project a row with the execution score, 总分 and 等级 formulas. Returns each project's
    total row (1-based), to read LibreOffice's results back."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    row = 1
    totals: dict[str, int] = {}
    for evaluation in evaluations:
        first = row
        for indicator in evaluation.indicators:
            cells = _formula(row, indicator)
            if cells is None:
                raise ValueError(indicator.name)
            target, actual, formula = cells
            sheet.cell(row, 1, target)
            sheet.cell(row, 2, actual)
            sheet.cell(row, 3, float(indicator.weight))
            sheet.cell(row, 4, formula)
            row += 1
        line = evaluation.funds.total
        sheet.cell(row, 1, float(line.budget))
        sheet.cell(row, 2, float(line.executed))
        sheet.cell(row, 3, f"=ROUND(MIN(B{row}/A{row},1)*10,2)")
        sheet.cell(row, 4, f"=C{row}+SUM(D{first}:D{row - 1})")
        sheet.cell(row, 5, f'=IF(D{row}>=90,"优",IF(D{row}>=80,"良",IF(D{row}>=60,"中","差")))')
        totals[evaluation.project] = row
        row += 1
    workbook.save(path)
    return totals


def soffice_recalc(path: Path, out: Path) -> float:
    """Seconds for LibreOffice headless to load the workbook, compute every formula and save CSV."""
    start = time.perf_counter()
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{out}/profile",
         "--convert-to", "csv", "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return time.perf_counter() - start


def _libreoffice(report: Report, quick: bool, folder: Path, jixiao_rate: float, explained_rate: float) -> None:
    if shutil.which("soffice") is None:
        report.skip(SECTION + " libreoffice", "未安装 soffice")
        return
    small_n, large_n = (50, 400) if quick else (1000, 10_000)
    plain = [p for p in generate(large_n * 2, seed=31) if not p.project.stated and not p.planted]
    sets = {"small": [p.evaluation for p in plain[:small_n]], "large": [p.evaluation for p in plain[:large_n]]}
    seconds, counts, totals = {}, {}, {}
    soffice_recalc_warm = folder / "warm"
    soffice_recalc_warm.mkdir()
    formula_workbook(sets["small"][:1], soffice_recalc_warm / "warm.xlsx")
    soffice_recalc(soffice_recalc_warm / "warm.xlsx", soffice_recalc_warm)  # first start builds the profile
    for name, evaluations in sets.items():
        out = folder / name
        out.mkdir()
        path = out / f"{name}.xlsx"
        totals[name] = formula_workbook(evaluations, path)
        seconds[name] = soffice_recalc(path, out)
        counts[name] = sum(len(e.indicators) for e in evaluations)
    rate = (counts["large"] - counts["small"]) / (seconds["large"] - seconds["small"])
    # LibreOffice's totals must be jixiao's, or the comparison is of different work.
    rows = list(csv.reader((folder / "large" / "large.csv").open(encoding="utf-8")))
    differ = []
    for evaluation, row in zip(sets["large"], totals["large"].values()):
        ours, theirs = score(evaluation).total, Decimal(rows[row - 1][3]).quantize(Decimal("0.01"))
        if ours != theirs:
            differ.append(f"{evaluation.project}：LibreOffice {theirs}，jixiao {ours}")
    agree = len(sets["large"]) - len(differ)
    report.add(
        SECTION,
        "libreoffice recalculation",
        rate,
        "indicators/s",
        f"{counts['large']}个指标用时{seconds['large']:.1f}s，减去{counts['small']}个指标的{seconds['small']:.1f}s"
        f"（含启动）；总分与 jixiao 一致 {agree}/{len(sets['large'])}",
    )
    if differ:
        # Seen so far: a score exactly on a half cent (0.625) that jixiao's divide-first
        # Decimal arithmetic rounds down (see tests/bench, the xfail on reverse scores).
        report.add(SECTION, "libreoffice disagreements", len(differ), "", "；".join(differ[:3]))
    report.add(SECTION, "jixiao vs libreoffice", f"{jixiao_rate / rate:.1f}×", "",
               f"jixiao {jixiao_rate:.0f} indicators/s（计算过程文字按需生成）")
    report.add(SECTION, "jixiao with every derivation vs libreoffice", f"{explained_rate / rate:.1f}×", "",
               f"jixiao {explained_rate:.0f} indicators/s（逐项读取计算过程文字）")


# -- xlsx readers --------------------------------------------------------------------------


def _read_openpyxl(path: Path, read_only: bool) -> int:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=read_only, data_only=False)
    cells = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += sum(1 for value in row if value is not None)
    if read_only:
        workbook.close()
    return cells


def _read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in workbook.sheet_names:
        for row in workbook.get_sheet_by_name(name).to_python():
            cells += sum(1 for value in row if value not in (None, ""))
    return cells


def _xlsx_readers(report: Report, quick: bool, folder: Path) -> None:
    try:
        from jixiao.render.xlsx_book import write_xlsx
    except ImportError as error:
        report.skip(SECTION + " xlsx", f"xlsx 写出模块不可用：{error}")
        return
    projects = 30 if quick else 300
    path = folder / "book.xlsx"
    write_xlsx([score(p.evaluation) for p in generate(projects, seed=41)], path)
    readers = {
        "openpyxl": lambda: _read_openpyxl(path, False),
        "openpyxl read-only": lambda: _read_openpyxl(path, True),
    }
    try:
        import python_calamine  # noqa: F401

        readers["python-calamine"] = lambda: _read_calamine(path)
    except ImportError:
        report.skip(SECTION + " calamine", "未安装 python-calamine")
    times = {name: best_time(read, 2 if quick else 3) for name, read in readers.items()}
    cells = {name: read() for name, read in readers.items()}
    base = times["openpyxl"]
    for name, seconds in times.items():
        report.add(SECTION, f"xlsx read {name}", projects / seconds, "sheets/s",
                   f"{base / seconds:.1f}× openpyxl；{cells[name]}个非空单元格；{path.stat().st_size // 1024} KiB")


# -- PDF text extractors ------------------------------------------------------------------


def _pdfplumber(path: Path) -> tuple[int, int]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        texts = [page.extract_text() or "" for page in pdf.pages]
    return len(texts), sum(len(t) for t in texts)


def _pdfminer(path: Path) -> tuple[int, int]:
    from pdfminer.high_level import extract_text

    text = extract_text(str(path))
    return text.count("\f") + 1, len(text)


def _pypdf(path: Path) -> tuple[int, int]:
    from pypdf import PdfReader

    texts = [page.extract_text() or "" for page in PdfReader(path).pages]
    return len(texts), sum(len(t) for t in texts)


def _pypdfium2(path: Path) -> tuple[int, int]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    document.close()
    return len(texts), sum(len(t) for t in texts)


def _pdf_extractors(report: Report, quick: bool, folder: Path) -> None:
    try:
        from jixiao.render.pdf import write_pdf
    except ImportError as error:
        report.skip(SECTION + " pdf", f"PDF 写出模块不可用：{error}")
        return
    projects = 2 if quick else 20
    path = folder / "report.pdf"
    try:
        write_pdf([score(p.evaluation) for p in generate(projects, seed=43)], path)
    except Exception as error:  # noqa: BLE001 - LibreOffice missing or failing: say so, skip
        report.skip(SECTION + " pdf", f"无法生成 PDF：{error}")
        return
    extractors = {"pdfplumber": _pdfplumber, "pdfminer.six": _pdfminer, "pypdf": _pypdf, "pypdfium2": _pypdfium2}
    results = {}
    for name, extract in extractors.items():
        try:
            pages, chars = extract(path)
        except ImportError:
            report.skip(f"{SECTION} {name}", "未安装")
            continue
        seconds = best_time(lambda extract=extract: extract(path), 1 if quick else 3)
        results[name] = (pages, chars, seconds)
    base = results.get("pdfplumber")
    for name, (pages, chars, seconds) in results.items():
        ratio = f"{base[2] / seconds:.1f}× pdfplumber；" if base else ""
        report.add(SECTION, f"pdf text {name}", pages / seconds, "pages/s", f"{ratio}{pages}页，{chars}个字符")


def run(report: Report, quick: bool) -> None:
    report.section("side by side: spreadsheet recalculation, xlsx readers, PDF extractors")
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-alt-"))
    from .scoring import evaluations, indicators_per_second

    items = evaluations(300 if quick else 3000)
    jixiao_rate, _ = indicators_per_second(items, 2)
    explained_rate, _ = indicators_per_second(items, 2, explained=True)
    _libreoffice(report, quick, folder, jixiao_rate, explained_rate)
    _xlsx_readers(report, quick, folder)
    _pdf_extractors(report, quick, folder)
