"""Targets that cannot be measured, and actuals that cannot be compared with their target
(another unit, or a word where a number is required)."""

from __future__ import annotations

import re

from ...rules._common import comparable
from ..context import AuditContext
from ...findings import make
from ..registry import check

# Qualitative words that make a target a clear yes/no criterion.
CRITERION_WORDS = ("具有", "达成", "完成", "及时", "达标", "优良", "合格", "满意", "到位")


# What forms print in the target column of a row that has no target by design.
NOT_APPLICABLE = frozenset({"—", "-", "一", "/", "／", "——", "无"})

# Level-1 names of process indicators (决策/过程, Ningxia's 项目管理): judged in words against a
# scoring standard, with no annual target value by design.
PROCESS_LEVELS = ("决策", "过程", "管理")

# A negative word (无, 未完成) is comparable: it means nothing was achieved.
NEGATIVE_WORDS = frozenset({"无", "否", "未完成", "未达成", "不具有", "不及时"})


def _is_criterion(text: str) -> bool:
    return any(word in text for word in CRITERION_WORDS)


@check("measurable", "target-not-measurable", "unit-mismatch", "actual-not-comparable")
def measurable(context: AuditContext):
    for table in context.tables:
        for link in context.links(table):
            indicator = link.indicator
            target, actual = indicator.target, indicator.actual
            project, name, location = table.project, indicator.name, link.row.location
            if target.text.strip() in NOT_APPLICABLE:
                continue  # “—”: no target by design (a 决策/过程 row judged in words)
            if target.is_empty and any(word in indicator.level1 for word in PROCESS_LEVELS):
                continue
            if target.is_empty and link.row.score.value is not None:
                yield make("target-not-measurable", project=project, indicator=name, location=location,
                           reported="", derivation="年度指标值为空，得分无从衡量")
                continue
            if target.quantity is None and not target.parts and target.word is None and not target.is_empty:
                if not _is_criterion(target.text):
                    why = "只有年份，没有目标数" if re.search(r"\d{4}\s*年", target.text) else "没有数值、计量单位或是/否标准"
                    yield make("target-not-measurable", project=project, indicator=name, location=location,
                               reported=link.row.target_text, derivation=why)
                continue
            if target.quantity is not None and actual.quantity is not None and actual.comparator is not None:
                yield make("actual-not-comparable", project=project, indicator=name, location=location,
                           reported=link.row.actual_text, expected=link.row.target_text,
                           derivation="实际完成值写成了带比较符的目标，而不是实际达到的数值")
            elif target.quantity is not None and actual.quantity is not None:
                if not comparable(target.quantity, actual.quantity):
                    yield make("unit-mismatch", project=project, indicator=name, location=location,
                               reported=link.row.actual_text, expected=link.row.target_text,
                               derivation=f"目标单位“{target.quantity.unit.text or '无'}”，"
                                          f"实际单位“{actual.quantity.unit.text or '无'}”")
            elif target.quantity is not None and actual.word is not None and actual.word not in NEGATIVE_WORDS:
                yield make("actual-not-comparable", project=project, indicator=name, location=location,
                           reported=link.row.actual_text, expected=link.row.target_text,
                           derivation="定量目标需要填写实际数值")
