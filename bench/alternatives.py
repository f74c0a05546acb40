"""Side by side with what a user would otherwise use, reported as ratios:

- recalculating the same scores in a spreadsheet: LibreOffice's hard recalculation
  (`calculateAll`, timed inside soffice, on one CPU) of an equivalent formula workbook (one row
  per indicator, the national default rules as formulas, a 总分 and 等级 per project), against
  jixiao's recalculation of the same evaluations compiled into columns (engine.vector), and
  against jixiao.api.score on them in memory; and both again with their loading;
- reading the 自评表 workbooks: openpyxl normal vs read-only vs python-calamine;
- extracting text from the 自评报告 PDF: pdfplumber vs pdfminer.six vs pypdf vs pypdfium2.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from jixiao.api import load_evaluation, score
from jixiao.engine.vector import compile_tables

from .measure import Report, best_time
from .synth import generate
from .synth.write import write_yaml

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


# What is timed on each side, so that the ratio compares the same work:
# - LibreOffice: a Basic macro run inside soffice loads the formula workbook (hidden), times
#   `calculateAll()` (a hard recalculation of every formula cell) several times, then saves the
#   results as CSV and writes its timings. Process start-up, the .xlsx load and the CSV save are
#   timed apart, in the process, and kept out of the recalculation figure. soffice is pinned to one
#   CPU: jixiao scores on one core, and Calc may otherwise spread formula groups over threads.
# - jixiao: `score` over the same evaluations, already in memory (no YAML parsing), best of N.
# Both sides are also given with their loading: LibreOffice reading the .xlsx, jixiao reading the
# same evaluations from YAML files.

_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="JixiaoBench" script:language="StarBasic">
Sub Recalc(sIn As String, sCsv As String, sOut As String, nRepeat As Integer)
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = &quot;Hidden&quot;
  aLoad(0).Value = True
  t0 = GetSystemTicks()
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, aLoad())
  tLoad = GetSystemTicks() - t0
  sCalc = &quot;&quot;
  For i = 1 To nRepeat
    t0 = GetSystemTicks()
    oDoc.calculateAll()
    sCalc = sCalc &amp; &quot; &quot; &amp; (GetSystemTicks() - t0)
  Next i
  Dim aSave(1) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = &quot;FilterName&quot;
  aSave(0).Value = &quot;Text - txt - csv (StarCalc)&quot;
  aSave(1).Name = &quot;FilterOptions&quot;
  aSave(1).Value = &quot;44,34,76,1&quot;
  t0 = GetSystemTicks()
  oDoc.storeToURL(ConvertToURL(sCsv), aSave())
  tSave = GetSystemTicks() - t0
  oDoc.close(True)
  iFile = FreeFile
  Open sOut For Output As #iFile
  Print #iFile, &quot;load &quot; &amp; tLoad
  Print #iFile, &quot;calc&quot; &amp; sCalc
  Print #iFile, &quot;save &quot; &amp; tSave
  Close #iFile
End Sub
</script:module>
"""

_ONE_CPU = None  # the CPU soffice is pinned to, chosen once


def _pin() -> None:
    """Run the child on one CPU (the one this process may use last in its set)."""
    if hasattr(os, "sched_setaffinity") and _ONE_CPU is not None:
        os.sched_setaffinity(0, {_ONE_CPU})


def _soffice(profile: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}", *args],
        check=True, capture_output=True, timeout=900, preexec_fn=_pin,
    )
    return time.perf_counter() - start


def soffice_profile(folder: Path) -> Path:
    """A LibreOffice user profile holding the timing macro in its Standard library (the one
    library soffice runs from a `macro:///` URL without a security prompt)."""
    profile = folder / "profile"
    _soffice(profile, "--terminate_after_init")
    library = profile / "user" / "basic" / "Standard"
    (library / "JixiaoBench.xba").write_text(_MACRO, encoding="utf-8")
    index = library / "script.xlb"
    text = index.read_text(encoding="utf-8")
    if 'library:name="JixiaoBench"' not in text:
        text = text.replace("</library:library>", ' <library:element library:name="JixiaoBench"/>\n</library:library>')
        index.write_text(text, encoding="utf-8")
    return profile


@dataclass
class Recalc:
    """Milliseconds inside soffice: the .xlsx load, each hard recalculation, the CSV save; and
    the whole process's wall clock in seconds (start-up and shut-down included)."""

    load: int
    calc: list[int]
    save: int
    process: float


def soffice_recalc(path: Path, csv_path: Path, profile: Path, repeat: int = 5) -> Recalc:
    timings = csv_path.with_suffix(".timings")
    timings.unlink(missing_ok=True)
    process = _soffice(profile, f'macro:///Standard.JixiaoBench.Recalc("{path}","{csv_path}","{timings}",{repeat})')
    if not timings.exists():
        raise RuntimeError(f"LibreOffice 未运行计时宏（{timings} 不存在）")
    fields = {line.split()[0]: [int(v) for v in line.split()[1:]] for line in timings.read_text().splitlines() if line}
    return Recalc(fields["load"][0], fields["calc"], fields["save"][0], process)


def _libreoffice(report: Report, quick: bool, folder: Path) -> None:
    global _ONE_CPU
    if shutil.which("soffice") is None:
        report.skip(SECTION + " libreoffice", "未安装 soffice")
        return
    if hasattr(os, "sched_getaffinity"):
        _ONE_CPU = max(os.sched_getaffinity(0))
    projects = 1000 if quick else 10_000
    plain = [p for p in generate(projects * 2, seed=31) if not p.project.stated and not p.planted][:projects]
    evaluations = [p.evaluation for p in plain]
    count = sum(len(e.indicators) for e in evaluations)
    path, csv_path = folder / "recalc.xlsx", folder / "recalc.csv"
    totals = formula_workbook(evaluations, path)
    profile = soffice_profile(folder)
    repeat = 7
    lo = soffice_recalc(path, csv_path, profile, repeat)
    best_calc = min(lo.calc) / 1000
    lo_rate = count / best_calc

    # LibreOffice's totals must be jixiao's, or the comparison is of different work.
    rows = list(csv.reader(csv_path.open(encoding="utf-8")))
    results = [score(e) for e in evaluations]
    differ = []
    for evaluation, result, row in zip(evaluations, results, totals.values()):
        theirs = Decimal(rows[row - 1][3]).quantize(Decimal("0.01"))
        if result.total != theirs:
            differ.append(f"{evaluation.project}：LibreOffice {theirs}，jixiao {result.total}")
    agree = len(evaluations) - len(differ)

    def scored(explained: bool) -> None:
        for evaluation in evaluations:
            result = score(evaluation)
            if explained:
                for row in result.indicators:
                    row.outcome.derivation
                result.execution.derivation

    jixiao_seconds = best_time(lambda: scored(False), repeat)
    explained_seconds = best_time(lambda: scored(True), 3)
    jixiao_rate, explained_rate = count / jixiao_seconds, count / explained_seconds

    # With their loading: LibreOffice reads the .xlsx; jixiao reads the same evaluations from YAML.
    yaml_folder = folder / "yaml"
    yaml_paths = write_yaml(plain, yaml_folder)
    start = time.perf_counter()
    for yaml_path in yaml_paths:
        score(load_evaluation(yaml_path))
    jixiao_loaded = time.perf_counter() - start
    lo_loaded = (lo.load + lo.calc[0]) / 1000

    where = f"CPU {_ONE_CPU}" if _ONE_CPU is not None else "未能绑定CPU"
    report.add(SECTION, "libreoffice recalculation", lo_rate, "indicators/s",
               f"calculateAll 重算全部公式，已载入的工作簿，单核（{where}），{repeat}次取最快 {best_calc * 1000:.0f} ms；"
               f"{count}个指标、{len(evaluations)}个项目；不含进程启动、读 xlsx 与写 CSV；"
               f"总分与 jixiao 一致 {agree}/{len(evaluations)}")
    if differ:
        report.add(SECTION, "libreoffice disagreements", len(differ), "", "；".join(differ[:3]))
    report.add(SECTION, "jixiao scoring, same evaluations", jixiao_rate, "indicators/s",
               f"jixiao.api.score，评价已在内存（不含 YAML 解析），{repeat}次取最快 {jixiao_seconds * 1000:.0f} ms")
    report.add(SECTION, "jixiao vs libreoffice", f"{jixiao_rate / lo_rate:.2f}×", "",
               "同一批评价、同样只计计算：LibreOffice 重算公式 对 jixiao 计分（计算过程文字按需生成）")
    report.add(SECTION, "jixiao with every derivation vs libreoffice", f"{explained_rate / lo_rate:.2f}×", "",
               f"jixiao {explained_rate:.0f} indicators/s（逐项读取计算过程文字）")
    report.add(SECTION, "jixiao vs libreoffice, both with loading", f"{(count / jixiao_loaded) / (count / lo_loaded):.2f}×",
               "", f"LibreOffice 读 xlsx 并重算 {lo_loaded:.2f} s（{count / lo_loaded:.0f} indicators/s）；"
               f"jixiao 读 {len(yaml_paths)} 个 YAML 文件并计分 {jixiao_loaded:.2f} s（{count / jixiao_loaded:.0f} indicators/s）；均不含进程启动")
    old = (lo.load + lo.calc[0] + lo.save) / 1000
    report.add(SECTION, "jixiao vs libreoffice, old measure", f"{jixiao_rate / (count / old):.1f}×", "",
               f"旧口径（不对等）：LibreOffice 读 xlsx＋重算＋写 CSV {old:.2f} s（{count / old:.0f} indicators/s），"
               f"jixiao 只计计分；soffice 进程全程 {lo.process:.1f} s")

    # jixiao's own recalculation: the rows compiled into integer columns once (each row's rule chosen
    # as engine.score chooses it: what writing the formula workbook did for LibreOffice), then the
    # whole batch scored in them. Their totals must be jixiao's and LibreOffice's.
    tables = compile_tables(evaluations)
    columns = tables.score()
    columns_same = sum(1 for index, result in enumerate(results) if columns.total(index) == result.total
                       and columns.grade(index) == result.grade)
    columns_seconds = best_time(tables.score, max(repeat, 21))
    compile_seconds = best_time(lambda: compile_tables(evaluations), 3)
    columns_rate = count / columns_seconds
    report.add(SECTION, "jixiao scoring in columns, same evaluations", columns_rate, "indicators/s",
               f"engine.vector：已编译的整数列上一次算出全部行得分、执行率得分、总分与等级（NumPy int64，精确），"
               f"{max(repeat, 21)}次取最快 {columns_seconds * 1000:.2f} ms；与 jixiao.api.score 一致 "
               f"{columns_same}/{len(evaluations)}")
    report.add(SECTION, "jixiao columns vs libreoffice", f"{columns_rate / lo_rate:.1f}×", "",
               "同样只计重算：LibreOffice calculateAll（公式已在工作簿中）对 jixiao 在已编译列上计分")
    report.add(SECTION, "compiling the columns", count / compile_seconds, "indicators/s",
               f"compile_tables：逐行按 engine.score 的规则选择并取出数值（相当于写出公式工作簿），"
               f"{compile_seconds * 1000:.0f} ms；编译加计分为 LibreOffice 重算的 "
               f"{(count / (compile_seconds + columns_seconds)) / lo_rate:.2f}×")

    # The floor: only the arithmetic the workbook's formulas do, in Decimal with the stated
    # rounding, from numbers already taken out of the model; nothing recorded but the totals.
    tables = _floor_tables(evaluations)
    floor_totals = _floor(tables)
    floor_same = sum(1 for ours, result in zip(floor_totals, results) if ours == result.total)
    floor_seconds = best_time(lambda: _floor(tables), repeat)
    report.add(SECTION, "floor: the arithmetic alone", count / floor_seconds, "indicators/s",
               f"{floor_seconds / count * 1e6:.2f} µs/指标，仅 Decimal 比较、乘除、ROUND_HALF_UP 与求和（输入已取出，不建结果）；"
               f"{(count / floor_seconds) / lo_rate:.1f}× LibreOffice；jixiao 计分为其 {floor_seconds / jixiao_seconds:.0%} 的速度；"
               f"总分一致 {floor_same}/{len(evaluations)}")


_CENT = Decimal("0.01")


def _floor_tables(evaluations: list) -> list[tuple]:
    """Per table: (budget, executed, execution weight, rows); a row is (kind, actual, target,
    weight) as `_formula` writes it: 0 ratio, 1 linear reverse, 2 zero target, 3 word."""
    from jixiao.profile import get_profile

    tables = []
    for evaluation in evaluations:
        rows = []
        for indicator in evaluation.indicators:
            target, actual = indicator.target, indicator.actual
            if target.word is not None:
                rows.append((3, actual.word or actual.text, target.word, indicator.weight))
                continue
            t, a = target.quantity.base_value, actual.quantity.base_value
            kind = 2 if t == 0 else 1 if target.comparator is not None and target.comparator.is_reverse else 0
            rows.append((kind, a, t, indicator.weight))
        line = evaluation.funds.total
        tables.append((line.budget, line.executed, get_profile(evaluation.profile).execution_weight, rows))
    return tables


def _floor(tables: list[tuple]) -> list[Decimal]:
    totals = []
    for budget, executed, weight, rows in tables:
        total = min(executed * weight / budget, weight).quantize(_CENT, ROUND_HALF_UP)
        for kind, a, t, w in rows:
            if kind == 0:
                total += w if a >= t else (a * w / t).quantize(_CENT, ROUND_HALF_UP)
            elif kind == 1:
                total += w if a <= t else max((2 * t - a) * w / t, _ZERO).quantize(_CENT, ROUND_HALF_UP)
            elif kind == 2:
                total += w if a <= 0 else _ZERO
            else:
                total += w if a == t else _ZERO
        totals.append(total)
    return totals


_ZERO = Decimal(0)


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
    _libreoffice(report, quick, folder)
    _xlsx_readers(report, quick, folder)
    _pdf_extractors(report, quick, folder)
