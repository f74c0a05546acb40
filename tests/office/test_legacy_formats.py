"""Legacy and WPS formats (.xls, .et, .doc, .wps): opened with LibreOffice headless and read by
the same grid reader as .xlsx/.docx, so a form saved as .xls gives exactly the findings of the
same form saved as .xlsx, at the same cells, under the user's own file name. Without
LibreOffice the file is refused with the command that installs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao import api
from jixiao.findings import InputError
from jixiao.render.soffice import convert

from .samples import needs_soffice, without_locations

FORMS = Path(__file__).resolve().parents[1] / "forms"
SHEET = FORMS / "sichuan" / "qingshen-fgj-gongzixing-2023.xlsx"
WORD = FORMS / "anhui" / "tianchang-shuili-shuihan-2022.docx"


def _findings(path: Path) -> list[tuple]:
    report = api.audit([path])
    return sorted((f.code, f.location.sheet, f.location.cell, f.location.table, f.location.row,
                   f.location.column) for f in report.findings)


@pytest.fixture(scope="module")
def legacy(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("legacy")
    xls = convert(SHEET, "xls", out)
    # LibreOffice's own .doc export drops a python-docx table; through its own format it keeps it,
    # as a .doc saved by Word would.
    odt = convert(WORD, "odt", out / "odt")
    doc = convert(odt, "doc", out)
    files = {".xls": xls, ".doc": doc}
    for suffix, source in ((".et", xls), (".wps", doc)):
        files[suffix] = out / f"copy{suffix}"
        shutil.copy(source, files[suffix])
    files["xls-named-xlsx"] = out / "saved-by-wps.xlsx"
    shutil.copy(xls, files["xls-named-xlsx"])
    files["doc-unnamed"] = out / "no-suffix"
    shutil.copy(doc, files["doc-unnamed"])
    return files


@needs_soffice
@pytest.mark.parametrize("kind", [".xls", ".et", "xls-named-xlsx"])
def test_an_old_workbook_reads_and_audits_as_the_xlsx_does(legacy, kind):
    path = legacy[kind]
    (evaluation,) = api.read(path).evaluations
    (expected,) = api.read(SHEET).evaluations
    assert without_locations(evaluation) == without_locations(expected)
    assert evaluation.indicators[0].location.file == str(path)
    assert _findings(path) == _findings(SHEET)
    assert [f.location.cell for f in api.audit([path]).findings if f.code == "table-incomplete"] == ["I9", "J15",
                                                                                                      "J16"]


@needs_soffice
@pytest.mark.parametrize("kind", [".doc", ".wps", "doc-unnamed"])
def test_an_old_word_file_reads_and_audits_as_the_docx_does(legacy, kind):
    path = legacy[kind]
    (evaluation,) = api.read(path).evaluations
    (expected,) = api.read(WORD).evaluations
    assert without_locations(evaluation) == without_locations(expected)
    assert _findings(path) == _findings(WORD)


def test_without_libreoffice_an_old_file_is_refused_with_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setattr("jixiao.soffice.soffice_binary", lambda: None)
    xls = tmp_path / "旧表.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\x00" * 600)
    with pytest.raises(InputError) as raised:
        api.read(xls)
    (finding,) = raised.value.findings
    assert finding.code == "soffice-missing"
    assert finding.location.file == str(xls)
    assert finding.message == ("读取Excel 97-2003 工作簿（.xls）需要 LibreOffice，未找到 soffice；请安装："
                               "sudo apt-get install libreoffice-calc-nogui，或在 Excel/WPS 中另存为 .xlsx 后再导入")


def test_the_cli_refuses_without_libreoffice_with_exit_2(tmp_path):
    doc = tmp_path / "旧报告.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\x00" * 600)
    run = subprocess.run([sys.executable, "-m", "jixiao", "audit", str(doc)], capture_output=True, text=True,
                         env={"PATH": "/nonexistent", "HOME": str(tmp_path)})
    assert run.returncode == 2
    assert "读取Word 97-2003 文档（.doc）需要 LibreOffice" in run.stderr + run.stdout
    assert "sudo apt-get install libreoffice-writer-nogui" in run.stderr + run.stdout


def test_an_ole_file_that_holds_no_workbook_is_not_an_xls(tmp_path):
    junk = tmp_path / "坏表.xls"
    junk.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError) as raised:
        api.read(junk)
    assert [(f.code, f.message) for f in raised.value.findings] == [
        ("file-malformed", "不是有效的Excel 97-2003 工作簿（.xls）文件（文件已损坏或格式不符）")]


def test_a_password_protected_workbook_is_not_taken_for_an_old_one(tmp_path):
    """An encrypted .xlsx is an OLE container too: it is refused as protected, not converted."""
    xlsx = tmp_path / "加密.xlsx"
    xlsx.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64
                     + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600)
    with pytest.raises(InputError) as raised:
        api.read(xlsx)
    assert [(f.code, f.message) for f in raised.value.findings] == [
        ("file-encrypted", "Excel 文件受密码保护，请先取消密码再导入")]
