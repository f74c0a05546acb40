"""Workbooks jixiao did not write: other column orders, two-row headers, amounts in 元,
numbers stored as text, percentages as 0.85 or "85%", merged 一级 cells; and files that
must be refused with a clear Chinese message."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal as D

import openpyxl
import pytest

from jixiao.api import evaluations_of, load_evaluations, read
from jixiao.ingest.office_guard import check_office_zip
from jixiao.ingest.source import Source
from jixiao.model import FundSource, Location
from jixiao.findings import InputError


def _hand_made(path):
    """A county office's own layout: title, a 单位：元 funds table, a two-row indicator
    header with 得分 before 分值, 一级 merged down, numbers typed as text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2023自评"
    ws.append(["2023年度项目支出绩效自评表"])
    ws.append(["项目名称：乡村道路养护"])
    ws.append(["实施单位", "某县交通运输局", None, "主管部门", "某县人民政府"])
    ws.append([None, "年初预算数", "全年预算数（元）", "全年执行数", "执行率", "分值", "得分"])
    ws.append(["年度资金总额", "1,200,000.00", 1200000, "1,080,000", "90%", 10, "9"])
    ws.append(["其中：当年财政拨款", 1200000, 1200000, 1080000, 0.9, 10, 9])
    ws.append(["预期目标", None, None, "实际完成情况"])
    ws.append(["完成乡道养护120公里", None, None, "完成118公里"])
    ws.append(["绩效指标", None, None, None, None, "分值", "得分", "偏差原因"])
    ws.append(["一级指标", "二级指标", "三级指标", "实际完成值", "年度指标值", None, None, None])
    ws.append(["产出指标", "数量指标", "养护里程", "118公里", "≥120公里", "20", "19.67", "雨季停工"])
    ws.append([None, "质量指标", "路面优良率", 0.85, "≥80%", 20, "20", None])
    ws.append(["效益指标", "社会效益指标", "群众出行满意度", "92%", "≥90%", "30", "30", None])
    ws.append(["满意度指标", "服务对象满意度指标", "服务对象满意度", "95%", "≥85%", "10", "一十", None])
    ws.append(["总分", None, None, None, None, "90", "88.67", None])
    ws.merge_cells("A11:A12")
    ws["D12"].number_format = "0%"
    wb.save(path)


@pytest.fixture
def hand_made(tmp_path):
    path = tmp_path / "county.xlsx"
    _hand_made(path)
    # Read under the name the user knows it by (an upload's), not its path.
    return evaluations_of([read(path, "county.xlsx")])


def test_header_names_not_positions(hand_made):
    (evaluation,), problems = hand_made
    assert evaluation.project == "乡村道路养护"
    assert (evaluation.unit, evaluation.department, evaluation.year) == ("某县交通运输局", "某县人民政府", 2023)
    assert [(i.level1, i.level2, i.name, i.target.text, i.actual.text, i.weight, i.reported_score)
            for i in evaluation.indicators[:3]] == [
        ("产出指标", "数量指标", "养护里程", "≥120公里", "118公里", D(20), D("19.67")),
        ("产出指标", "质量指标", "路面优良率", "≥80%", "85%", D(20), D(20)),
        ("效益指标", "社会效益指标", "群众出行满意度", "≥90%", "92%", D(30), D(30)),
    ]
    assert evaluation.indicators[0].deviation_reason == "雨季停工"
    assert evaluation.reported_total == D("88.67")
    assert evaluation.goals[0].expected == "完成乡道养护120公里" and evaluation.goals[0].actual == "完成118公里"


def test_amounts_in_yuan_text_numbers_and_both_percent_forms(hand_made):
    (evaluation,), _ = hand_made
    funds = evaluation.funds
    assert funds.unit.text == "元"
    total, current = funds.total, funds.line(FundSource.CURRENT)
    assert (total.initial_budget, total.budget, total.executed) == (D("1200000.00"), D(1200000), D(1080000))
    assert total.reported_rate == D("0.9") and current.reported_rate == D("0.9")
    assert (total.reported_weight, total.reported_score) == (D(10), D(9))
    assert total.location == Location(file="county.xlsx", sheet="2023自评", cell="G5")


def test_unreadable_score_is_a_problem_at_its_cell(hand_made):
    (evaluation,), problems = hand_made
    assert [(p.code, str(p.location)) for p in problems] == [
        ("cell-not-number", "county.xlsx 工作表“2023自评”!G14")]
    assert evaluation.indicators[3].reported_score is None
    assert "一十" in problems[0].message


def _zip_bytes(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("content, code, words", [
    (b"", "file-empty", "文件为空"),
    (b"this is not a spreadsheet at all", "file-malformed", "不是有效的 Excel 文件"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le"),
     "file-encrypted", "受密码保护"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "file-old-format", "另存为 .xlsx"),
    (_zip_bytes({"[Content_Types].xml": b"<x/>"}), "file-malformed", "Excel 文件已损坏"),
    (_zip_bytes({"xl/worksheets/sheet1.xml": b"0" * (80 * 1024 * 1024)}), "file-zip-bomb", "压缩"),
])
def test_bad_files_give_a_clear_error(tmp_path, content, code, words):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_evaluations([path])
    problem = caught.value.findings[0]
    assert problem.code == code and words in problem.message
    assert problem.location == Location(file=str(path))


def test_many_small_members_adding_up_are_refused(tmp_path):
    # Each member is modest, the sum is not: the total is checked, not only each ratio.
    members = {f"xl/media/m{i}.bin": bytes(range(256)) * 4096 * 7 for i in range(40)}
    path = tmp_path / "big.xlsx"
    path.write_bytes(_zip_bytes(members, zipfile.ZIP_STORED))
    with pytest.raises(InputError) as caught:
        check_office_zip(Source.from_path(path), "Excel")
    assert caught.value.findings[0].code in ("file-too-large", "file-zip-bomb")


def test_workbook_without_a_form(tmp_path):
    path = tmp_path / "notes.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["会议记录", "无表格"])
    wb.save(path)
    with pytest.raises(InputError) as caught:
        load_evaluations([path])
    assert [f.code for f in caught.value.findings] == ["form-not-found"]
