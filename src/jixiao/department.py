"""A department's own figures for its whole year (部门整体支出): who it is, how many people it
has, how its money was spent, and what its report states about those figures.

Plain frozen records, Decimal amounts, no I/O, like `model`. The YAML loader, the report-text
reader and the workbook reader all produce a `DepartmentFigures`; the engine computes the
common indicators (共性指标) from it, the audit checks every stated share, rate and
difference against the figures it names, and the report writer prints it.

Amounts are kept in the block's unit (`DepartmentFigures.unit`, 万元 unless written
otherwise); an amount written with its own unit (`28887.98元`) is converted exactly and keeps
its text. What a document *states about* figures — “占“三公”经费42.72%”, “比预算减少2.77万元”
— is a `Stated`, kept to be checked, never used to compute.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .model import Location, Unit

WAN_YUAN = Unit("万元", Decimal(10000), "元")

# What a sentence can state about an item, and how the audit recomputes it:
#   share       actual / the parent total's actual        (占“三公”经费42.72%)
#   budget_rate actual / budget                            (为预算的30.85%)
#   budget_diff actual − budget, signed                    (比预算减少2.77万元 → −2.77)
#   yoy_diff    actual − last year's actual, signed        (与2018年相比减少7.59万元 → −7.59)
#   yoy_rate    (actual − last year) / last year, signed   (降低85.88% → −85.88%)
#   per_person  actual / people                            (人均0.02万元)
MEASURES: dict[str, str] = {
    "share": "所占比例",
    "budget_rate": "为预算的百分比",
    "budget_diff": "与预算的差额",
    "yoy_diff": "与上年的差额",
    "yoy_rate": "与上年相比的增减幅度",
    "per_person": "人均支出",
}
PERCENT_MEASURES = frozenset({"share", "budget_rate", "yoy_rate"})

# A report judging its own budget work favourably; set beside 预算调整率 by the audit.
GOOD_BUDGET_PHRASES = ("预算执行良好", "预算执行情况良好", "预算执行较好", "预算执行情况较好", "预算执行到位",
                       "预算编制科学", "预算编制准确", "预算编制合理", "预算编制精准", "预算管理规范")


@dataclass(frozen=True, slots=True)
class Figure:
    """An amount in its block's unit; `text` is how it was written (`3,431.89`, `28887.98元`)."""

    value: Decimal
    text: str = ""
    location: Location | None = None

    def __str__(self) -> str:
        return self.text or format(self.value, "f")


@dataclass(frozen=True, slots=True)
class Stated:
    """A figure a document states about an item. `value` is signed (减少/降低 negative) and a
    fraction when `percent` (42.72% → 0.4272); `text` is the number as printed, unsigned."""

    measure: str
    text: str
    value: Decimal
    percent: bool = False
    location: Location | None = None

    @property
    def title(self) -> str:
        return MEASURES[self.measure]


@dataclass(frozen=True, slots=True)
class Item:
    """One line of the department's spending: a project, a class of the functional
    classification, a 三公 item, a meeting or training cost. `year` is set for a line about
    another year than the evaluation's (会议费 of 2018); `times` and `people` count what the
    money paid for (4次, 125人); `note` is the unit's own explanation (主要原因…)."""

    name: str
    budget: Figure | None = None
    actual: Figure | None = None
    last_year: Figure | None = None
    initial_budget: Figure | None = None
    times: int | None = None
    people: int | None = None
    year: int | None = None
    stated: tuple[Stated, ...] = ()
    note: str = ""
    location: Location | None = None

    def statement(self, measure: str) -> Stated | None:
        return next((s for s in self.stated if s.measure == measure), None)


@dataclass(frozen=True, slots=True)
class Assessment:
    """A judgement the report makes about its own figures (“预算执行良好”), kept so the audit
    can set it beside the common indicators; `topic` is what it judges ('budget')."""

    topic: str
    text: str
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class HeadCount:
    """People of one kind (行政编制 5人); `within` names the kind it is part of
    (参照公务员法管理 within 事业编制), so only top-level kinds add up to the total."""

    kind: str
    count: int
    within: str = ""
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class StaffTotal:
    """A head count as printed (总编制人数16人) with its breakdown by kind."""

    total: int | None = None
    kinds: tuple[HeadCount, ...] = ()
    location: Location | None = None

    def top_level(self) -> tuple[HeadCount, ...]:
        return tuple(kind for kind in self.kinds if not kind.within)


@dataclass(frozen=True, slots=True)
class Staff:
    """编制数 (establishment) and 实有人数 (people actually employed), each by kind."""

    establishment: StaffTotal = StaffTotal()
    actual: StaffTotal = StaffTotal()
    retired: int | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class DepartmentFigures:
    """Everything the first half of a 部门整体支出绩效自评报告 states, as data.

    `spending_total` is the total the report states (财政拨款支出总额); `projects`,
    `functional` (按功能分类) and `basic` (人员经费, 公用经费) each break it down.
    `three_public` holds the 三公 items and `three_public_total` their total; `activities`
    other controlled costs (会议费, 培训费, 公务接待批次). `procurement` is 政府采购 (budget,
    actual); `carryover` the 结转结余 at the year's end (actual, last_year)."""

    unit: Unit = WAN_YUAN
    overview: str = ""
    functions: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()
    staff: Staff | None = None
    spending_total: Figure | None = None
    basic: tuple[Item, ...] = ()
    projects: tuple[Item, ...] = ()
    functional: tuple[Item, ...] = ()
    three_public_total: Item | None = None
    three_public: tuple[Item, ...] = ()
    activities: tuple[Item, ...] = ()
    procurement: Item | None = None
    carryover: Item | None = None
    key_projects: tuple[str, ...] = ()    # names of the projects the unit counts as 重点项目
    # Further named inputs of the common indicators (实际支付进度: 75%), for what has no field here.
    inputs: tuple[tuple[str, Figure], ...] = ()
    framework: str = "national"           # the common-indicator framework (engine/frameworks/*.yaml)
    assessments: tuple[Assessment, ...] = ()
    location: Location | None = None

    def all_items(self) -> tuple[tuple[str, Item], ...]:
        """Every item with the group it belongs to, in the order a report prints them."""
        groups: list[tuple[str, Item]] = []
        groups += [("basic", item) for item in self.basic]
        groups += [("projects", item) for item in self.projects]
        groups += [("functional", item) for item in self.functional]
        if self.three_public_total is not None:
            groups.append(("three_public_total", self.three_public_total))
        groups += [("three_public", item) for item in self.three_public]
        groups += [("activities", item) for item in self.activities]
        if self.procurement is not None:
            groups.append(("procurement", self.procurement))
        if self.carryover is not None:
            groups.append(("carryover", self.carryover))
        return tuple(groups)

    @property
    def is_empty(self) -> bool:
        return not (self.overview or self.functions or self.institutions or self.staff or self.spending_total
                    or self.all_items())


GROUP_TITLES: dict[str, str] = {
    "basic": "基本支出",
    "projects": "项目支出",
    "functional": "按功能分类的支出",
    "three_public_total": "“三公”经费",
    "three_public": "“三公”经费",
    "activities": "会议费、培训费等",
    "procurement": "政府采购",
    "carryover": "结转结余",
}


__all__ = [
    "GOOD_BUDGET_PHRASES",
    "GROUP_TITLES",
    "Assessment",
    "MEASURES",
    "PERCENT_MEASURES",
    "WAN_YUAN",
    "DepartmentFigures",
    "Figure",
    "HeadCount",
    "Item",
    "Staff",
    "StaffTotal",
    "Stated",
]
