"""`jixiao template`: a blank 自评表 to fill in, in the layout jixiao reads back.

The standard 一级/二级 rows are laid out, everything else is blank; execution and totals
are live formulas. Data validation guides the entries without forbidding anything a
real form may need: 年度指标值 should start with a comparator (≥ ≤ = > <) or be a
qualitative word (a warning, not a refusal), 实际完成值 offers the qualitative words,
分值/得分/amounts must be numbers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

from ..engine.result import EvaluationResult, ExecutionResult, IndicatorResult
from ..model import Evaluation, Funds, Goal, Indicator, Kind, Value
from ..profile import Profile, get_profile
from ..rules.base import Outcome
from .xlsx_cache import fill_workbook
from .xlsx_department import SHEET_TITLE, write_blank_department_sheet
from .xlsx_form import FormWriter
from .xlsx_style import CENTER, LEFT, box

SKELETON: tuple[tuple[str, str, int], ...] = (
    ("产出指标", "数量指标", 3),
    ("产出指标", "质量指标", 2),
    ("产出指标", "时效指标", 2),
    ("产出指标", "成本指标", 2),
    ("效益指标", "经济效益指标", 1),
    ("效益指标", "社会效益指标", 2),
    ("效益指标", "生态效益指标", 1),
    ("效益指标", "可持续影响指标", 1),
    ("满意度指标", "服务对象满意度指标", 2),
)
COMPARATORS = ("≥", "≤", "=", ">", "<")
WORDS = ("及时", "基本及时", "不太及时", "不及时", "达成", "部分达成", "未达成", "具有", "不具有",
         "完成", "未完成", "是", "否", "有", "无", "满意", "基本满意", "不满意")
LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
          "可持续影响指标", "服务对象满意度指标")
GUIDE = (
    ("填表说明", ""),
    ("年度指标值", "写明比较符号与单位，如“≥100份”“≤5%”“=0起”；定性指标写“及时”“达成”“具有”等。"),
    ("实际完成值", "写实际数与单位，如“128份”“95%”；定性指标从下拉列表选择。"),
    ("分值、得分", "填数字；执行率、执行得分、总分与等级由公式自动计算。"),
    ("偏差原因分析及改进措施", "凡未得满分的指标，须写明偏差原因与改进措施。"),
    ("项目资金", "金额单位见表头（万元）；执行率 = 全年执行数 / 全年预算数。"),
    ("增删指标行", "可在各二级指标下插入行；“总分”行的求和范围会随之扩展。"),
)
BLANK = Value("")


def _blank_result(kind: Kind, year: int | None, profile: Profile) -> EvaluationResult:
    indicators = tuple(
        Indicator(level1, level2, "", BLANK, BLANK, Decimal(0), goal=1 if kind == Kind.DEPARTMENT else None)
        for level1, level2, rows in SKELETON for _ in range(rows)
    )
    goals = (Goal(""),)
    evaluation = Evaluation(kind=kind, project="", year=year, funds=Funds(), goals=goals,
                            indicators=indicators, profile=profile.name)
    execution = ExecutionResult(None, profile.execution_weight, Decimal(0), "")
    results = tuple(IndicatorResult(i, Outcome(None, "", ""), Decimal(0)) for i in indicators)
    return EvaluationResult(evaluation, profile, execution, results, (), Decimal(0), "差")


class TemplateWriter(FormWriter):
    def indicator_row(self, row: int, result: IndicatorResult) -> None:
        ind = result.indicator
        self.put(f"B{row}", ind.level1)
        self.put(f"C{row}", ind.level2)
        for col in "DEFGHI":
            self.put(f"{col}{row}", None, align=LEFT if col in "DI" else CENTER)
        self.ws.row_dimensions[row].height = 20
        self.cells.indicator_scores.append(f"H{row}")

    def merge_runs(self, first_row, results) -> None:
        # Rows stay unmerged so a user can insert rows anywhere in the block.
        return

    def fund_source(self, row: int, total_row: int, den: str, result) -> None:
        share = f"$G${total_row}*{den}{row}/${den}${total_row}"
        self.formula(f"G{row}", f'IF(N({den}{row})>0,ROUND({share},2),"")', "", "0.00")
        self.formula(f"H{row}", f'IF(N({den}{row})>0,F{row}/{den}{row},"")', "", "0.00%")
        self.formula(f"I{row}", f'IF(N({den}{row})>0,ROUND(MIN(F{row}/{den}{row},1)*{share},2),"")', "", "0.00")


def _validations(ws, first: int, last: int, fund_rows: range) -> None:
    def add(validation: DataValidation, ref: str) -> None:
        ws.add_data_validation(validation)
        validation.add(ref)

    words = ",".join(WORDS)
    target_ok = " ,".join(f'LEFT(E{first},1)="{c}"' for c in COMPARATORS)
    word_ok = ",".join(f'E{first}="{w}"' for w in WORDS)
    add(DataValidation(type="custom", formula1=f"OR(ISBLANK(E{first}),{target_ok},{word_ok})",
                       errorStyle="warning", showErrorMessage=True, error="年度指标值宜以 ≥、≤、=、>、< 开头并写明单位（如“≥100份”“≤5%”），定性指标写“及时”“达成”“具有”等。仍要保留吗？",
                       errorTitle="年度指标值", prompt="如“≥100份”“≤5%”“及时”", promptTitle="年度指标值",
                       showInputMessage=True), f"E{first}:E{last}")
    add(DataValidation(type="list", formula1=f'"{words}"', showErrorMessage=False, showInputMessage=True,
                       promptTitle="实际完成值", prompt="填实际数与单位，或从列表选择定性结果"), f"F{first}:F{last}")
    add(DataValidation(type="list", formula1=f'"{",".join(LEVEL1)}"', showErrorMessage=False), f"B{first}:B{last}")
    add(DataValidation(type="list", formula1=f'"{",".join(LEVEL2)}"', showErrorMessage=False), f"C{first}:C{last}")
    for col, title in (("G", "分值"), ("H", "得分")):
        add(DataValidation(type="decimal", operator="between", formula1="0", formula2="100", showErrorMessage=True,
                           errorTitle=title, error=f"{title}应为 0 到 100 之间的数字"), f"{col}{first}:{col}{last}")
    add(DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", showErrorMessage=True,
                       errorTitle="金额", error="金额应为不小于 0 的数字"),
        f"D{fund_rows.start}:F{fund_rows.stop - 1}")


def write_template(path: str | Path, *, kind: Kind = Kind.PROJECT, year: int | None = None,
                   profile: str = "national") -> Path:
    result = _blank_result(kind, year, get_profile(profile))
    workbook = Workbook()
    ws = workbook.active
    ws.title = "自评表"
    cells = TemplateWriter(ws, result).write()
    rows = [int(ref[1:]) for ref in cells.indicator_scores]
    exec_row = int(cells.execution_score[1:])
    _validations(ws, rows[0], rows[-1], range(exec_row, exec_row + 4))
    guide = workbook.create_sheet("填表说明")
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 80
    for item in GUIDE:
        guide.append(item)
    for row in guide.iter_rows(min_row=2):
        for cell in row:
            box(guide, cell.coordinate, align=LEFT)
    caches = [cells.cache, {}]
    if kind is Kind.DEPARTMENT:   # the department's own figures and text, read back with the form
        write_blank_department_sheet(workbook.create_sheet(SHEET_TITLE), year)
        caches.append({})
    path = Path(path)
    workbook.save(path)
    fill_workbook(path, caches)
    return path
