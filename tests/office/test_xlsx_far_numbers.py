"""A spreadsheet number far outside any form's figures (1e30 typed into a 0.00-formatted amount
cell) is refused at its cell, with the domain in the message; never a traceback."""

import subprocess
import sys
from pathlib import Path

import openpyxl

FORM = Path(__file__).resolve().parents[1] / "forms" / "national" / "ezhou-czj-2019.xlsx"


def test_a_number_cell_of_1e30_is_refused_at_its_cell(tmp_path):
    book = openpyxl.load_workbook(FORM)
    sheet = book.active
    sheet["F6"].value = 1e30          # 全年执行数 of 年度资金总额
    sheet["F6"].number_format = "0.00"
    path = tmp_path / "超大数.xlsx"
    book.save(path)
    run = subprocess.run([sys.executable, "-m", "jixiao", "audit", str(path)], capture_output=True, text=True)
    assert "Traceback" not in run.stderr
    assert run.returncode in (0, 1)
    assert "工作表“自评表”!F6  [警告] cell-not-number：单元格不是数字" in run.stdout
    assert "超出范围：金额的绝对值不能超过10^15" in run.stdout
