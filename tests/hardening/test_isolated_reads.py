"""Every web upload is read in a child process under a hard memory and time limit (issue 15 §2,
web/isolated.py): what the child sends back is exactly what `api.read_bytes` returns or raises,
and a read over its memory or its time is refused like the readers' own budgets
(`file-over-budget`, naming the budget), never a 500."""

from __future__ import annotations

import io
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from jixiao import api
from jixiao.findings import InputError
from jixiao.model import Location
from jixiao.web.isolated import Limits, parse_limits, read_isolated

from . import hostile

FORMS = Path(__file__).resolve().parents[1] / "forms"
# One document of each format the web reads, from several provinces' forms, planted errors included.
SAMPLE = ["national/ezhou-czj-2019.xlsx", "national/ezhou-czj-2019.pdf", "anhui/chizhou-tangxi-weituo-2022.docx",
          "anhui/tianchang-shuili-shuihan-2022.planted-2.xlsx", "anhui/tianchang-shuili-shuihan-2022.planted-3.pdf",
          "hubei-old/huanggang-shuitu-jiance-2020.planted-1.docx", "sichuan/qingshen-fgj-gongzixing-2023.xlsx"]


def refused(data: bytes, name: str, limits: Limits) -> tuple[str, str, Location]:
    with pytest.raises(InputError) as caught:
        read_isolated(data, name, limits=limits)
    (finding,) = caught.value.findings
    return finding.code, finding.message, finding.location


@pytest.mark.parametrize("path", SAMPLE)
def test_a_form_read_in_the_child_is_the_package_read_in_process(path):
    data = (FORMS / path).read_bytes()
    name = Path(path).name
    expected = api.read_bytes(data, name)
    package = read_isolated(data, name)
    assert package == expected
    assert [(f.code, f.message, f.location) for f in package.all_findings()] == \
           [(f.code, f.message, f.location) for f in expected.all_findings()]


def test_the_seed_package_and_its_findings_come_back_whole():
    data = hostile.SEED.read_bytes()
    expected = api.read_bytes(data, "综保办2019自评报告.txt")
    package = read_isolated(data, "综保办2019自评报告.txt")
    assert len(package.documents) == len(expected.documents) == 14
    assert package == expected
    assert api.audit_read(package).findings == api.audit_read(expected).findings


def test_a_refusal_comes_back_with_its_code_message_and_location(tmp_path):
    damaged = hostile.damaged_office(FORMS / "national" / "ezhou-czj-2019.xlsx", tmp_path / "坏.xlsx",
                                     "xl/worksheets/sheet1.xml").read_bytes()
    with pytest.raises(InputError) as in_process:
        api.read_bytes(damaged, "坏.xlsx")
    with pytest.raises(InputError) as isolated:
        read_isolated(damaged, "坏.xlsx")
    assert isolated.value.findings == in_process.value.findings
    assert isolated.value.findings[0].code == "file-malformed"
    assert str(isolated.value) == str(in_process.value)


def test_a_read_over_its_memory_limit_is_refused_naming_the_budget():
    # The 5 MB text package (the seed ×48, 672 documents) needs 16–32 MB more than the
    # child starts with; held to 8 MB its allocations fail and the file is refused.
    data = hostile.seed_copies(48)
    assert refused(data, "综保办×48.txt", Limits(memory_mb=8, seconds=120)) == (
        "file-over-budget", "超出读取限额：内存超过上限 8 MB，拒绝读取", Location(file="综保办×48.txt"))
    assert multiprocessing.active_children() == []


def test_a_read_over_its_time_is_refused_and_its_process_is_gone():
    # Sixteen copies of the seed take about a second to read; the child is given 0.2 s.
    data = hostile.seed_copies(16)
    assert refused(data, "综保办×16.txt", Limits(memory_mb=1024, seconds=0.2)) == (
        "file-over-budget", "超出读取限额：读取时间超过上限 0.2秒，拒绝读取", Location(file="综保办×16.txt"))
    assert multiprocessing.active_children() == []


def test_the_counting_budgets_still_refuse_first_inside_the_child(tmp_path):
    data = hostile.xlsx_of_empty_cells(tmp_path / "空单元格.xlsx").read_bytes()
    assert refused(data, "空单元格.xlsx", Limits()) == (
        "file-over-budget", "超出读取限额：单元格数超过上限 1,000,000个，拒绝读取", Location(file="空单元格.xlsx"))


@pytest.mark.parametrize("memory, seconds, message", [
    ("12", None, "JIXIAO_UPLOAD_MEMORY_MB 应为 64 至 1048576 之间的整数（MB），而不是“12”"),
    ("1g", None, "JIXIAO_UPLOAD_MEMORY_MB 应为 64 至 1048576 之间的整数（MB），而不是“1g”"),
    (None, "0", "JIXIAO_UPLOAD_SECONDS 应为 0 至 3600 之间的秒数，而不是“0”"),
    (None, "nan", "JIXIAO_UPLOAD_SECONDS 应为 0 至 3600 之间的秒数，而不是“nan”"),
])
def test_a_bad_limit_setting_is_refused_in_chinese(memory, seconds, message):
    with pytest.raises(ValueError) as caught:
        parse_limits(memory, seconds)
    assert str(caught.value) == message


def test_the_limits_default_to_a_gigabyte_and_a_minute_and_read_the_environment(monkeypatch):
    from jixiao.web.isolated import limits_from_environment

    monkeypatch.delenv("JIXIAO_UPLOAD_MEMORY_MB", raising=False)
    monkeypatch.delenv("JIXIAO_UPLOAD_SECONDS", raising=False)
    assert limits_from_environment() == Limits(1024, 60.0)
    monkeypatch.setenv("JIXIAO_UPLOAD_MEMORY_MB", "512")
    monkeypatch.setenv("JIXIAO_UPLOAD_SECONDS", "90")
    assert limits_from_environment() == Limits(512, 90.0)


def test_a_bad_limit_setting_stops_the_app_from_starting(monkeypatch, tmp_path):
    from jixiao.web import create_app

    monkeypatch.setenv("JIXIAO_UPLOAD_MEMORY_MB", "lots")
    with pytest.raises(ValueError, match="JIXIAO_UPLOAD_MEMORY_MB"):
        create_app(f"sqlite:///{tmp_path / 'x.db'}", SECRET_KEY="test-secret")


def test_a_web_upload_over_its_time_is_a_422_naming_the_budget(web, staff):
    app = web[0]
    app.config["UPLOAD_SECONDS"] = 0.2
    try:
        response = staff.post("/audit", {"file": (io.BytesIO(hostile.seed_copies(16)), "综保办×16.txt")},
                              content_type="multipart/form-data")
    finally:
        app.config.pop("UPLOAD_SECONDS")
    assert response.status_code == 422
    assert "综保办×16.txt：超出读取限额：读取时间超过上限 0.2秒，拒绝读取" in response.get_data(as_text=True)


def _signalled_while_reading(number: int) -> tuple[str, str, Location]:
    """Read the seed ×16 (about a second) and send the reading child `number` meanwhile, as the
    kernel's out-of-memory killer (SIGKILL) or a crashing parser library (SIGSEGV) would."""
    sent = threading.Event()

    def strike():
        deadline = time.monotonic() + 30
        while not sent.is_set() and time.monotonic() < deadline:
            for child in multiprocessing.active_children():
                time.sleep(0.2)   # let it start reading
                os.kill(child.pid, number)
                sent.set()
                return
            time.sleep(0.01)

    striker = threading.Thread(target=strike)
    striker.start()
    try:
        return refused(hostile.seed_copies(16), "综保办×16.txt", Limits(memory_mb=1024, seconds=60))
    finally:
        striker.join()
        assert sent.is_set()


def test_a_child_killed_by_the_kernel_is_refused_as_over_its_memory():
    assert _signalled_while_reading(signal.SIGKILL) == (
        "file-over-budget", "超出读取限额：内存超过上限 1024 MB，拒绝读取", Location(file="综保办×16.txt"))


def test_a_child_that_crashes_is_refused_as_unreadable():
    assert _signalled_while_reading(signal.SIGSEGV) == (
        "file-unreadable", "读取进程异常终止（信号 11），无法读取该文件", Location(file="综保办×16.txt"))


def test_an_app_told_not_to_isolate_reads_in_process(web, staff):
    # The same upload and time limit as above: read in the server's own process, it is not held to it.
    app = web[0]
    app.config.update(UPLOAD_SECONDS=0.2, UPLOAD_ISOLATED=False)
    try:
        response = staff.post("/audit", {"file": (io.BytesIO(hostile.seed_copies(16)), "综保办×16.txt")},
                              content_type="multipart/form-data")
    finally:
        app.config.pop("UPLOAD_SECONDS")
        app.config.pop("UPLOAD_ISOLATED")
    assert response.status_code == 200
    assert "读取时间超过上限" not in response.get_data(as_text=True)
