"""Declarations in and out: YAML and the .xlsx form read through the one reader registry, the
same declaration both ways, bad input refused with the file, line or cell and field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import Workbook

from _records import without_locations

from jixiao import api
from jixiao.document import DocKind
from jixiao.findings import InputError

HISTORY = api.EXAMPLES_DIR / "history"


@pytest.mark.parametrize("name", ["declaration-2019-xingzheng.yaml", "declaration-2020-xingzheng.yaml"])
def test_yaml_and_xlsx_carry_the_same_declaration(name, tmp_path):
    [document] = api.read(HISTORY / name).documents
    assert document.kind is DocKind.DECLARATION
    declaration = document.declaration
    again = api.read_bytes(api.declaration_yaml(declaration).encode(), "again.yaml").documents[0].declaration
    assert without_locations(again) == without_locations(declaration)
    api.write_declaration_xlsx(declaration, tmp_path / "申报表.xlsx")
    [sheet] = api.read(tmp_path / "申报表.xlsx").documents
    assert sheet.kind is DocKind.DECLARATION
    assert without_locations(sheet.declaration) == without_locations(declaration)
    assert sheet.declaration.indicators[1].location.describe() == f"{tmp_path / '申报表.xlsx'} 工作表“绩效目标申报表”!C9"


def test_a_target_starting_with_equals_stays_text_in_the_workbook(tmp_path):
    [document] = api.read(HISTORY / "declaration-2020-xingzheng.yaml").documents
    api.write_declaration_xlsx(document.declaration, tmp_path / "d.xlsx")
    from openpyxl import load_workbook

    cell = load_workbook(tmp_path / "d.xlsx")["绩效目标申报表"]["D8"]
    assert (cell.value, cell.data_type) == ("=100%", "s")


def test_a_hand_made_form_with_other_columns_and_order(tmp_path):
    book = Workbook()
    ws = book.active
    ws.title = "申报"
    ws.append(["XX区项目支出绩效目标申报表"])
    ws.append(["项目名称", "社区养老服务", "", "实施单位", "XX街道办事处"])
    ws.append(["年度", "2021", "", "年度资金总额", "120"])
    ws.append([])
    ws.append(["序号", "三级指标", "一级指标", "二级指标", "指标值", "权重", "数据来源", "取值方式", "指标值设定依据",
               "达成标准", "部分达成标准", "未达成标准"])
    ws.append([1, "服务老人人次", "产出指标（50分）", "数量指标", "≥1200人次", 50, "服务台账", "全年累计", "历史标准"])
    ws.append([2, "服务及时性", "效益指标（40分）", "社会效益指标", "及时", 40, "回访记录", "抽查", "计划标准",
               "48小时内上门", "72小时内上门", "超过72小时"])
    book.save(tmp_path / "hand.xlsx")
    [document] = api.read(tmp_path / "hand.xlsx").documents
    declaration = document.declaration
    assert (declaration.project, declaration.unit, declaration.year, declaration.budget) == \
        ("社区养老服务", "XX街道办事处", 2021, Decimal(120))
    assert declaration.declared_weights == (("产出指标", Decimal(50)), ("效益指标", Decimal(40)))
    first, second = declaration.indicators
    assert (first.name, first.target.text, first.weight, first.basis) == ("服务老人人次", "≥1200人次", Decimal(50), "历史标准")
    assert second.grades == (("达成", "48小时内上门"), ("部分达成", "72小时内上门"), ("未达成", "超过72小时"))
    assert second.location.describe() == f"{tmp_path / 'hand.xlsx'} 工作表“申报”!B7"


def test_a_bad_weight_in_a_workbook_names_its_cell(tmp_path):
    book = Workbook()
    ws = book.active
    ws.append(["项目支出绩效目标申报表"])
    ws.append(["项目名称", "测试"])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值", "分值"])
    ws.append(["产出指标", "数量指标", "培训次数", "≥2次", "五"])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(InputError) as raised:
        api.read(tmp_path / "bad.xlsx")
    assert str(raised.value) == f"{tmp_path / 'bad.xlsx'} 工作表“Sheet”!E4：指标“培训次数”的分值“五”不是数字"


def test_yaml_problems_are_all_reported_with_their_lines(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("kind: declaration\nyear: 20x0\nproject: 测试\nindicators:\n"
                    "  - level1: 产出指标\n    level2: 数量指标\n    name: 培训次数\n    target: ≥2次\n    weigth: \"5\"\n"
                    "  - name: 覆盖率\n    target: ≥90%\n    weight: 十\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        api.read(path)
    assert [str(f) for f in raised.value.findings] == [
        f"{path} 第2行（year）：年度“20x0”不是四位数字",
        f"{path} 第9行（indicators[0].weigth）：第1个指标中有未知字段“weigth”，是否应为“weight”？",
        f"{path} 第12行（indicators[1].weight）：指标“覆盖率”的分值“十”不是数字",
    ]


def test_an_evaluation_file_is_still_read_as_an_evaluation():
    [document] = api.read(api.EXAMPLES_DIR / "proj-01-xingzheng.yaml").documents
    assert document.kind is DocKind.PROJECT_TABLE and document.declaration is None
