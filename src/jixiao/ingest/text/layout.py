"""The vocabulary of the printed forms, as data: adding a province's layout means adding
words here, not code. Every list was read off real published forms (see docs/architecture.md)."""

from __future__ import annotations

# A line equal to one of these (spaces removed) starts a document.
DOCUMENT_TITLES: dict[str, str] = {
    "整体支出绩效自评报告": "department-report",
    "部门整体支出绩效自评报告": "department-report",
    "项目支出绩效自评表": "table",
    "部门整体支出绩效自评表": "department-table",
    "项目支出绩效评价报告": "evaluation-report",
    "项目支出绩效自评报告": "evaluation-report",
}

# A table whose 项目名称 contains one of these is a department's whole-expenditure table.
DEPARTMENT_PROJECT_WORDS = ("部门整体支出", "整体支出")

# Level-1 names (spaces and “(50分)” removed) and the family each belongs to.
LEVEL1_FAMILIES: dict[str, str] = {
    "产出指标": "产出指标",
    "效益指标": "效益指标",
    "满意度指标": "满意度指标",
    "社会公众或服务对象满意度指标": "满意度指标",
}
# The order level-1 blocks are printed in on the national form.
LEVEL1_ORDER = ("产出指标", "效益指标", "满意度指标")

# Words of a level-2 name and the level-1 family it belongs to. 成本 sits under 产出 on the
# 2019–2020 forms; forms with 成本指标 as its own level 1 keep it (no family conflict then).
LEVEL2_FAMILIES: tuple[tuple[str, str], ...] = (
    ("数量", "产出指标"),
    ("质量", "产出指标"),
    ("时效", "产出指标"),
    ("成本", "产出指标"),
    ("经济效益", "效益指标"),
    ("社会效益", "效益指标"),
    ("生态效益", "效益指标"),
    ("可持续影响", "效益指标"),
    ("满意度", "满意度指标"),
)

# Cells that label the block, not a level.
BLOCK_LABELS = ("绩效指标", "绩效目标")

# Funds block rows (spaces removed) → model FundSource value.
FUND_ROWS: tuple[tuple[str, str], ...] = (
    ("年度资金总额", "年度资金总额"),
    ("当年财政拨款", "当年财政拨款"),
    ("上年结转资金", "上年结转资金"),
    ("上年结转", "上年结转资金"),
    ("其他资金", "其他资金"),
)

# 综合评分结果 row labels → level keys.
RESULT_ROWS: dict[str, tuple[str, ...]] = {
    "项目执行": ("execution",),
    "预算执行": ("execution",),
    "预算执行情况": ("execution",),
    "项目产出": ("产出指标",),
    "项目效益": ("效益指标",),
    "项目满意度": ("满意度指标",),
    "综合绩效": ("total",),
    "总计": ("total",),
    "合计": ("total",),
}

# Section headings of an evaluation report's analysis → level keys.
SECTION_LEVELS: tuple[tuple[str, str], ...] = (
    ("项目产出情况", "产出指标"),
    ("项目效益情况", "效益指标"),
    ("项目满意度情况", "满意度指标"),
)

# Sentences that say the targets were rewritten after the year.
ADJUSTED_TARGET_PHRASES = ("调整后绩效目标", "调整后的绩效目标", "优化了部分自评指标", "调整了部分绩效指标")

# Keywords naming amounts in sentences (budget, spent, difference).
BUDGET_WORDS = ("预算安排", "年初预算数为", "预算数为", "预算金额", "预算经费", "预计经费", "调整为", "预算支出资金")
EXECUTED_WORDS = ("实际资金到位及支出为", "实际到位资金", "实际使用经费", "支出决算为", "实际支出资金", "实际支出成本",
                  "实际支出为", "实际支出")
DIFFERENCE_WORDS = ("实际与预算差异为", "与预算差异为", "差异为", "差异", "比预算减少", "尚有")
RATE_WORDS = ("成本控制偏差率为", "成本控制偏差率", "预算执行率为", "预算执行率", "资金执行率为", "为预算的", "为年初预算的")

