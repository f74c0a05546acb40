"""Parser errors that escaped (issue 15 §3): damaged XML in a workbook or a Word file, a PDF page
tree 5 000 levels deep. `jixiao audit` answered with a traceback (exit 1) and the web with 500;
batch mode already reported them. Every path now refuses them alike: a Chinese message naming the
file and what is wrong with it (a catalog code), exit 2, HTTP 422, nothing stored. And: a
password-protected PDF is said to be protected (it was "已损坏"), the web names a protected
workbook as such (it said the content was not a workbook), GBK text is read by the command line
and the web alike, and pdfminer's English warnings stay off stderr."""

from __future__ import annotations

import io

import pytest

from jixiao import api
from jixiao.findings import InputError

from . import hostile
from ._cli import jixiao

FORMS = api.EXAMPLES_DIR.parents[2] / "tests" / "forms"


def upload(client, url: str, name: str, data: bytes):
    return client.post(url, {"file": (io.BytesIO(data), name)}, content_type="multipart/form-data")


def refused(path) -> tuple[str, str]:
    with pytest.raises(InputError) as caught:
        api.read(path)
    (finding,) = caught.value.findings
    return finding.code, finding.message


def refused_everywhere(path, staff, projects, code: str, message: str) -> None:
    """The same refusal from the reader, `jixiao audit` (alone and in a folder), `jixiao score`,
    and the web's audit and import pages; nothing stored."""
    found_code, found_message = refused(path)
    assert found_code == code and found_message.startswith(message), found_message
    for command in (("audit", str(path)), ("score", str(path))):
        run = jixiao(*command)
        assert run.code == 2, run.stderr
        assert run.stderr == f"错误：{path}：{found_message}\n"
    run = jixiao("audit", str(path.parent), "--jobs", "1")
    assert run.code == 2 and f"{path}：{found_message}" in run.stderr   # a folder: each file's reason
    before = projects()
    for url in ("/audit", "/import"):
        response = upload(staff, url, path.name, path.read_bytes())
        assert response.status_code == 422, url
        assert found_message in response.get_data(as_text=True)
    assert projects() == before


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "written.xlsx"
    api.write_xlsx([api.score(api.load_evaluation(api.EXAMPLES_DIR / "proj-01-xingzheng.yaml"))], path)
    return path


@pytest.mark.parametrize("part", ["xl/worksheets/sheet1.xml", "xl/comments/comment1.xml", "xl/styles.xml",
                                  "xl/workbook.xml", "[Content_Types].xml"])
def test_a_workbook_with_damaged_xml_is_refused_as_damaged(tmp_path, workbook, part, staff, projects):
    folder = tmp_path / "files"
    folder.mkdir()
    path = hostile.damaged_office(workbook, folder / "损坏.xlsx", part)
    refused_everywhere(path, staff, projects, "file-malformed", "Excel 文件已损坏，无法读取（")


def test_a_workbook_whose_shared_strings_are_damaged_is_refused_as_damaged(tmp_path, staff, projects):
    folder = tmp_path / "files"
    folder.mkdir()
    whole = hostile.workbook_with_shared_strings(tmp_path / "完整.xlsx")
    assert refused(whole)[0] == "form-not-found"   # read whole: its strings are there, but no form
    path = hostile.damaged_office(whole, folder / "损坏.xlsx", "xl/sharedStrings.xml")
    refused_everywhere(path, staff, projects, "file-malformed", "Excel 文件已损坏，无法读取（")


@pytest.mark.parametrize("part", ["word/document.xml", "docProps/core.xml", "[Content_Types].xml", "_rels/.rels"])
def test_a_word_file_with_damaged_xml_is_refused_as_damaged(tmp_path, part, staff, projects):
    folder = tmp_path / "files"
    folder.mkdir()
    path = hostile.damaged_office(FORMS / "national" / "ezhou-czj-2019.docx", folder / "损坏.docx", part)
    refused_everywhere(path, staff, projects, "file-malformed", "Word 文件已损坏，无法读取（")


def test_a_pdf_page_tree_5000_levels_deep_is_refused_as_damaged(tmp_path, staff, projects):
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "深层.pdf"
    path.write_bytes(hostile.deep_page_tree(5000))
    refused_everywhere(path, staff, projects, "file-malformed", "PDF 文件已损坏，无法读取（")


def test_a_password_protected_pdf_is_said_to_be_protected(tmp_path, staff, projects):
    folder = tmp_path / "files"
    folder.mkdir()
    path = folder / "加密.pdf"
    path.write_bytes(hostile.encrypted_pdf())
    refused_everywhere(path, staff, projects, "file-encrypted", "PDF 文件受密码保护，请先取消密码再导入")


@pytest.mark.parametrize("name, kind", [("加密.xlsx", "Excel"), ("加密.docx", "Word")])
def test_the_web_names_a_password_protected_office_file_as_the_command_line_does(tmp_path, staff, projects, name,
                                                                                   kind):
    folder = tmp_path / "files"
    folder.mkdir()
    path = hostile.encrypted_office(folder / name)
    refused_everywhere(path, staff, projects, "file-encrypted", f"{kind} 文件受密码保护，请先取消密码再导入")


def test_gbk_text_is_read_alike_by_the_command_line_and_the_web(tmp_path, staff):
    text = hostile.SEED.read_text(encoding="utf-8")
    path = tmp_path / "种子-GBK.txt"
    path.write_bytes(text.encode("gbk"))
    expected = api.audit([hostile.SEED])
    read = api.audit([path])
    assert [(f.code, f.indicator, f.location.line) for f in read.findings] == \
        [(f.code, f.indicator, f.location.line) for f in expected.findings]
    run = jixiao("audit", str(path), "--format", "json")
    assert run.code == 1 and run.stderr == ""
    response = upload(staff, "/audit", path.name, path.read_bytes())
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f"“{path.name}”中的自评材料（{len(expected.documents)}）" in page
    assert f"“{path.name}”的审核发现（{len(expected.findings)}）" in page


def test_pdfminer_warnings_stay_off_stderr(tmp_path):
    # An operator pdfminer cannot read ("/Junk w"), on a page of rotated text (which pdfplumber
    # reads): pdfplumber alone prints "Cannot set line width because /'Junk' is an invalid float
    # value" on stderr.
    path = tmp_path / "警告.pdf"
    path.write_bytes(hostile.pdf([b"/Junk w BT /F1 12 Tf 0 1 -1 0 300 400 Tm (Rotated) Tj ET"]))
    run = jixiao("audit", str(path))
    assert run.code == 2
    assert run.stderr == f"错误：{path}：其中未找到绩效自评表（需要“三级指标”“分值”等表头）\n"
