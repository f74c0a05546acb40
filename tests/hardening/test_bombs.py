"""Bombs that passed the guards (issue 15 §2), each rebuilt here and refused, or read, within a
bounded time and memory: a workbook of millions of empty cells under the zip limits, a PDF whose
content inflates to a gigabyte, a PDF table of 400×60 ruled cells, 300 pages of tables. Every
reader counts what it reads against the file's budgets (ingest/budget.py) and names the one spent.

The bounds checked (CPU seconds and peak memory of a `jixiao` process) are far above what these
now cost and far below what they cost before (120 s and 4.9 GB, 18 s and 3.2 GB, 64 s, 45 s and
883 MB): they are the safe outcome, not a speed target (bench/readers.py measures speed)."""

from __future__ import annotations

import io

import pytest

from jixiao import api
from jixiao.findings import InputError
from jixiao.ingest import budget
from jixiao.ingest.office_guard import check_office_zip
from jixiao.ingest.source import Source

from . import hostile
from ._cli import jixiao

BASELINE_MB = 250       # a jixiao process reading anything stays under this (it starts near 100)


def upload(client, url: str, name: str, data: bytes):
    return client.post(url, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def refusal(path) -> tuple[str, str]:
    with pytest.raises(InputError) as caught:
        api.read(path)
    (finding,) = caught.value.findings
    return finding.code, finding.message


def test_a_workbook_of_empty_cells_under_the_zip_limits_is_refused_by_its_cell_budget(tmp_path, staff, projects):
    path = hostile.xlsx_of_empty_cells(tmp_path / "空单元格.xlsx")
    assert path.stat().st_size < 600_000
    check_office_zip(Source.from_path(path), "Excel")   # the zip guard lets it through, as it did
    assert refusal(path) == ("file-over-budget", "超出读取限额：单元格数超过上限 1,000,000个，拒绝读取")
    for command in ("score", "audit"):
        run = jixiao(command, str(path))
        assert run.code == 2
        assert run.stderr == f"错误：{path}：超出读取限额：单元格数超过上限 1,000,000个，拒绝读取\n"
        assert run.cpu_seconds < 15 and run.peak_mb < BASELINE_MB
    before = projects()
    response = upload(staff, "/import", "空单元格.xlsx", path.read_bytes())
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "“空单元格.xlsx”未能导入" in page and "超出读取限额：单元格数超过上限 1,000,000个，拒绝读取" in page
    assert projects() == before
    response = upload(staff, "/audit", "空单元格.xlsx", path.read_bytes())
    assert response.status_code == 422 and "单元格数超过上限" in response.get_data(as_text=True)


def test_a_pdf_stream_inflating_to_a_gigabyte_is_refused_before_it_is_inflated(tmp_path, staff, projects):
    path = tmp_path / "炸弹.pdf"
    path.write_bytes(hostile.pdf_flate_bomb())
    assert path.stat().st_size < 1_200_000
    assert refusal(path) == ("file-over-budget", "超出读取限额：解压后大小超过上限 60 MB，拒绝读取")
    run = jixiao("audit", str(path))
    assert run.code == 2 and run.stderr == f"错误：{path}：超出读取限额：解压后大小超过上限 60 MB，拒绝读取\n"
    assert run.cpu_seconds < 10 and run.peak_mb < BASELINE_MB
    before = projects()
    response = upload(staff, "/import", "炸弹.pdf", path.read_bytes())
    assert response.status_code == 422 and "解压后大小超过上限 60 MB" in response.get_data(as_text=True)
    assert projects() == before


def test_a_table_of_400_by_60_ruled_cells_on_one_page_is_refused_by_its_cell_budget(tmp_path):
    path = tmp_path / "大表格.pdf"
    # Rows 7 points apart (closer ones would be snapped together) on a page tall enough for them.
    path.write_bytes(hostile.pdf([hostile.ruled_table(400, 60, top=2860, bottom=60)], height=2900))
    code, message = refusal(path)
    assert code == "file-over-budget"
    assert message == "超出读取限额：单个表格的单元格数超过上限 20,000个（一页有24,461个表格交点），拒绝读取"
    run = jixiao("audit", str(path))
    assert run.code == 2 and "单个表格的单元格数超过上限" in run.stderr
    assert run.cpu_seconds < 10 and run.peak_mb < BASELINE_MB


def test_300_pages_of_tables_are_read_in_bounded_time_and_memory(tmp_path):
    path = tmp_path / "三百页.pdf"
    path.write_bytes(hostile.pdf([hostile.ruled_table(30, 8, label=f"Table {n}") for n in range(300)]))
    assert refusal(path)[0] == "form-not-found"   # every page read: none holds a 自评表
    run = jixiao("audit", str(path))
    assert run.code == 2 and "其中未找到绩效自评表" in run.stderr
    assert run.cpu_seconds < 30 and run.peak_mb < BASELINE_MB


def test_a_pdf_of_more_pages_than_the_budget_is_refused_naming_it(tmp_path):
    path = tmp_path / "页数.pdf"
    path.write_bytes(hostile.pdf([b"BT /F1 10 Tf 72 700 Td (x) Tj ET"] * (budget.MAX_PAGES + 1)))
    assert refusal(path) == ("file-too-large", "PDF 页数过多（301页），上限为300页")


@pytest.mark.parametrize("suffix", [".xlsx", ".docx", ".pdf"])
def test_every_office_reader_stops_at_the_time_budget(tmp_path, monkeypatch, suffix):
    source = next(p for p in sorted((api.EXAMPLES_DIR.parents[2] / "tests" / "forms").rglob(f"*{suffix}")))
    monkeypatch.setattr(budget, "MAX_SECONDS", 0.0)
    assert refusal(source) == ("file-over-budget", "超出读取限额：读取时间超过上限 0秒，拒绝读取")


def test_every_office_reader_stops_at_the_character_budget(monkeypatch):
    forms = api.EXAMPLES_DIR.parents[2] / "tests" / "forms"
    monkeypatch.setattr(budget, "MAX_CHARACTERS", 100)
    for suffix in (".xlsx", ".docx", ".pdf"):
        source = next(p for p in sorted(forms.rglob(f"*{suffix}")))
        assert refusal(source) == ("file-over-budget", "超出读取限额：文字数超过上限 100个字符，拒绝读取"), suffix


def test_a_package_of_the_seed_48_times_is_audited_in_the_web(staff):
    data = hostile.seed_copies(48)
    assert len(data) > 5_000_000
    response = upload(staff, "/audit", "种子×48.txt", data)
    assert response.status_code == 200
    once = api.audit_read(api.read_bytes(hostile.SEED.read_bytes(), "种子.txt"))
    page = response.get_data(as_text=True)
    assert f"“种子×48.txt”中的自评材料（{48 * len(once.documents)}）" in page
    assert f"“种子×48.txt”的审核发现（{48 * len(once.findings)}）" in page
