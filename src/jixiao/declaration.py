"""The target declaration (绩效目标申报表): plain frozen records, no I/O.

A declaration is the indicator tree a unit submits with its budget, before the year: per
indicator the target and weight, what the target value is based on (指标值设定依据), where
the actual will come from (数据来源) and how it is taken (取值方式), and for a 定性
indicator what each of its three grades means. Once approved, a self-evaluation is held to
it; an approved change is an `Adjustment` carrying its approval reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .model import Kind, Location, Unit, Value

# 指标值设定依据, as the declaration forms list them.
BASES = ("计划标准", "行业标准", "历史标准", "预算支出标准", "其他")
# The three grades a 定性 indicator is judged by, best first.
GRADE_WORDS = ("达成", "部分达成", "未达成")


@dataclass(frozen=True, slots=True)
class DeclaredIndicator:
    level1: str
    level2: str
    name: str
    target: Value
    weight: Decimal | None = None
    basis: str = ""                  # one of BASES, or what the form printed
    basis_note: str = ""             # the figures the basis rests on (“2018年实际128份”)
    data_source: str = ""            # 数据来源
    method: str = ""                 # 取值方式
    grades: tuple[tuple[str, str], ...] = ()   # 定性: (grade word, what it means), in GRADE_WORDS order
    standard: Value | None = None    # 预算支出标准: the ceiling a cost target may not exceed
    goal: int | None = None
    location: Location | None = None

    @property
    def path(self) -> tuple[str, str, str]:
        return (self.level1, self.level2, self.name)


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A change to an approved target or weight, with the approval that allows it
    (预算调整时一并报批的绩效目标调整)."""

    indicator: str
    approval: str
    target: str | None = None
    weight: Decimal | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Declaration:
    project: str
    unit: str = ""
    department: str = ""
    year: int | None = None
    kind: Kind = Kind.PROJECT
    funds_unit: Unit = Unit("万元", Decimal(10000), "元")
    budget: Decimal | None = None            # 年度资金总额, in funds_unit
    goals: tuple[str, ...] = ()
    indicators: tuple[DeclaredIndicator, ...] = ()
    declared_weights: tuple[tuple[str, Decimal], ...] = ()
    execution_weight: Decimal = Decimal(10)
    approval: str = ""                       # 批复文号, when approved
    adjustments: tuple[Adjustment, ...] = ()
    note: str = ""                           # what the file says of itself (e.g. constructed data)
    location: Location | None = None

    def declared_weight(self, level1: str) -> Decimal | None:
        for name, weight in self.declared_weights:
            if name == level1:
                return weight
        return None

    def adjustment(self, name: str) -> Adjustment | None:
        for adjustment in self.adjustments:
            if adjustment.indicator == name:
                return adjustment
        return None


__all__ = ["BASES", "GRADE_WORDS", "Adjustment", "Declaration", "DeclaredIndicator"]
