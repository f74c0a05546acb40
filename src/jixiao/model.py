"""The evaluation model: plain frozen dataclasses, Decimal numbers, no I/O.

Everything jixiao reads (YAML, extracted report text, .xlsx, .docx, .pdf) becomes
these records; everything it writes is made from them. Each record that came from a
document carries the `Location` it came from, so a finding can point back to it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from sys import intern
from typing import TYPE_CHECKING

from .decimals import share

if TYPE_CHECKING:  # the department's records import Location and Unit from here
    from .department import DepartmentFigures
    from .prose import Prose


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value came from, in the document's own terms. Unused fields stay None;
    locations narrow down file → sheet/page/table → row/line → cell, as frictionless
    reports do. A spreadsheet cell is `sheet` + `cell` ('H25'); a cell of a Word or PDF
    table is `table` + `row` + `column` (1-based), never a spreadsheet address; a YAML
    value is `line` + `field` (`indicators[3].weight`).

    `describe()` is the one way a location is shown to a user: the CLI, the JSON (`text`),
    the summary workbook and the web all print it."""

    file: str | None = None
    line: int | None = None
    sheet: str | None = None
    cell: str | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    paragraph: int | None = None
    field: str | None = None

    def where(self) -> str:
        """The place inside the file: 第65行, 工作表“汇总”!H25, 第2页 表1 第3行第2列, 第4段."""
        parts: list[str] = []
        if self.sheet:
            parts.append(f"工作表“{self.sheet}”" + (f"!{self.cell}" if self.cell else ""))
        elif self.cell:
            parts.append(self.cell)
        if self.page is not None:
            parts.append(f"第{self.page}页")
        if self.table is not None:
            parts.append(f"表{self.table}")
        if self.row is not None:
            parts.append(f"第{self.row}行" + (f"第{self.column}列" if self.column is not None else ""))
        elif self.column is not None:
            parts.append(f"第{self.column}列")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.line is not None:
            parts.append(f"第{self.line}行")
        text = " ".join(parts)
        if self.field:
            text += f"（{self.field}）"
        return text

    def describe(self) -> str:
        """The file and the place in it: `report.pdf 第75页 表60 第3行第2列`."""
        where = self.where()
        file = self.file or ""
        return f"{file} {where}".strip() if where else file

    def __str__(self) -> str:
        return self.describe() or "<输入>"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "sheet": self.sheet,
            "cell": self.cell,
            "page": self.page,
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "paragraph": self.paragraph,
            "field": self.field,
            "text": self.describe(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Location":
        """A location from its JSON form (`as_dict`); unknown keys (`text`) are ignored."""
        return cls(**{name: data.get(name) for name in cls.__slots__})

    def sort_key(self) -> tuple:
        """Document order: file, sheet/page/table, line, then row and column of the cell."""
        row, column = self.row or 0, self.column or 0
        if self.cell:
            row, column = _cell_position(self.cell)
        return (self.file or "", self.sheet or "", self.page or 0, self.table or 0, self.paragraph or 0,
                self.line or 0, row, column, self.field or "")


def _cell_position(cell: str) -> tuple[int, int]:
    """'H25' → (25, 8), so that H9 sorts before H25 and A25 before H25."""
    letters = cell.rstrip("0123456789")
    digits = cell[len(letters):]
    if not letters.isalpha() or not letters.isupper() or not digits:
        return (0, 0)
    column = 0
    for letter in letters:
        column = column * 26 + ord(letter) - ord("A") + 1
    return (int(digits), column)


NOWHERE = Location()


class Comparator(str, Enum):
    GE = "≥"
    LE = "≤"
    EQ = "="
    GT = ">"
    LT = "<"

    @property
    def is_reverse(self) -> bool:
        """≤ and < targets are met by staying under them (costs, error rates)."""
        return self in (Comparator.LE, Comparator.LT)


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written (`万单`), split into its scale (10^4) and base (`单`).

    `base` is '' for a bare number or a bare scale word (`4.996万`); '%' scales by
    0.01 and keeps base '%', so 85% and 0.85 are kept apart unless asked.
    """

    text: str = ""
    scale: Decimal = Decimal(1)
    base: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit, exactly as parsed; `text` keeps the original."""

    value: Decimal
    unit: Unit = Unit()
    text: str = ""

    @property
    def base_value(self) -> Decimal:
        """The value in the base unit: 4.996万单 → 49960 单; 85% → 0.85."""
        return self.value * self.unit.scale

    def __str__(self) -> str:
        return self.text or f"{self.value}{self.unit.text}"


@dataclass(frozen=True, slots=True)
class Part:
    """One labelled part of a composite value: `工业1个/服务业2个` → (工业, 1个), (服务业, 2个)."""

    label: str
    quantity: Quantity


@dataclass(frozen=True, slots=True)
class Value:
    """A target (年度指标值) or an actual (实际完成值), parsed but never guessed.

    Exactly one of `quantity`, `parts` or `word` is set when the text could be read;
    otherwise `problem` says, in Chinese, why it could not, and the text is kept.
    `comparator` is None when the form printed none (then `Profile` says how to read it).
    """

    text: str
    comparator: Comparator | None = None
    quantity: Quantity | None = None
    parts: tuple[Part, ...] = ()
    word: str | None = None
    problem: str | None = None

    @property
    def is_quantitative(self) -> bool:
        return self.quantity is not None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    def __str__(self) -> str:
        return self.text


def _frozen(value: object) -> object:
    """Lists (and lists of lists) as tuples; anything else as it is."""
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(item) for item in value)
    return value


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """A scoring rule by registry name and parameters, plus the 评分细则 text it came from."""

    kind: str
    params: tuple[tuple[str, object], ...] = ()
    text: str = ""
    location: Location | None = None

    def __post_init__(self) -> None:
        # Parameters arrive as YAML lists ([[及时, 满分], …]); held as tuples, a spec — and the
        # indicator, evaluation and result that hold it — stays immutable and hashable.
        object.__setattr__(self, "params", tuple((key, _frozen(value)) for key, value in self.params))

    def param(self, name: str, default: object = None) -> object:
        for key, value in self.params:
            if key == name:
                return value
        return default

    @staticmethod
    def of(kind: str, text: str = "", location: Location | None = None, **params: object) -> "RuleSpec":
        return RuleSpec(kind, tuple(sorted(params.items())), text, location)


@dataclass(frozen=True, slots=True)
class Indicator:
    """A 三级指标 with its place in the tree (一级 → 二级 → name)."""

    level1: str
    level2: str
    name: str
    target: Value
    actual: Value
    weight: Decimal
    rule: RuleSpec | None = None
    reported_score: Decimal | None = None
    deviation_reason: str = ""
    goal: int | None = None
    location: Location | None = None
    # False when the form prints no 分值 for the row (Hubei's old form gives weights per goal
    # block only): `weight` is then 0 until the engine infers it from its block.
    weight_given: bool = True

    def __post_init__(self) -> None:
        # Tables repeat their level names and weights on every row, and a bureau's thousands of
        # tables the same ones again: one object each, whichever reader made the row.
        put = object.__setattr__
        for name in ("level1", "level2", "name"):
            text = getattr(self, name)
            if type(text) is str and len(text) <= 64:
                put(self, name, intern(text))
        if type(self.weight) is Decimal:
            put(self, "weight", share(self.weight))
        if type(self.reported_score) is Decimal:
            put(self, "reported_score", share(self.reported_score))
        put(self, "target", _shared_value(self.target))
        put(self, "actual", _shared_value(self.actual))

    @property
    def path(self) -> tuple[str, str, str]:
        return (self.level1, self.level2, self.name)


# Values recur (≥85%, 100%, 及时, 具有): one object for each as written, whoever built it.
_VALUES: dict[tuple, "Value"] = {}
_VALUES_MAX = 1 << 15


def _shared_value(value: "Value") -> "Value":
    # Short texts only, so the table holds at most a few megabytes whatever a file brings.
    if type(value) is not Value or value.parts or len(value.text) > 64:
        return value
    quantity = value.quantity
    # Everything that is shown or computed, the number as written included (4 and 4.0 differ).
    key = (value.text, value.comparator, value.word, value.problem) if quantity is None else (
        value.text, value.comparator, quantity.text, str(quantity.value), quantity.unit)
    found = _VALUES.get(key)
    if found is not None:
        return found
    if len(_VALUES) < _VALUES_MAX:
        _VALUES[key] = value
    return value


class FundSource(str, Enum):
    TOTAL = "年度资金总额"
    CURRENT = "当年财政拨款"
    CARRYOVER = "上年结转资金"
    FISCAL_ACCOUNT = "财政专户管理资金"    # Sichuan's forms list it apart
    UNIT_FUNDS = "单位资金"
    OTHER = "其他资金"


@dataclass(frozen=True, slots=True)
class FundLine:
    """One row of the funds block; amounts in the block's unit. Reported figures are
    what the document printed, kept to be checked, never used to score."""

    source: FundSource
    initial_budget: Decimal | None = None
    budget: Decimal | None = None
    executed: Decimal | None = None
    reported_weight: Decimal | None = None
    reported_rate: Decimal | None = None
    reported_score: Decimal | None = None
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Funds:
    unit: Unit = Unit("万元", Decimal(10000), "元")
    lines: tuple[FundLine, ...] = ()

    def line(self, source: FundSource) -> FundLine | None:
        for fund_line in self.lines:
            if fund_line.source == source:
                return fund_line
        return None

    @property
    def total(self) -> FundLine | None:
        return self.line(FundSource.TOTAL)


@dataclass(frozen=True, slots=True)
class Goal:
    """A 年度总体目标 (or a department sub-goal): what was planned, what was achieved."""

    expected: str
    actual: str = ""
    location: Location | None = None


class Kind(str, Enum):
    PROJECT = "project"
    DEPARTMENT = "department"


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One self-evaluation table: a project's, or a department's whole-expenditure one.

    For a department, `goals` are its sub-goals and each indicator's `goal` is the
    index of the goal it belongs to.
    """

    kind: Kind
    project: str
    unit: str = ""
    department: str = ""
    year: int | None = None
    funds: Funds = Funds()
    goals: tuple[Goal, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    reported_total: Decimal | None = None
    declared_weights: tuple[tuple[str, Decimal], ...] = ()
    profile: str = "national"
    location: Location | None = None
    # A department's own figures (staff, spending, 三公) and the unit's own report text.
    department_figures: DepartmentFigures | None = None
    prose: Prose | None = None

    def declared_weight(self, level1: str) -> Decimal | None:
        for name, weight in self.declared_weights:
            if name == level1:
                return weight
        return None

    def with_indicators(self, indicators: tuple[Indicator, ...]) -> "Evaluation":
        return replace(self, indicators=indicators)


__all__ = [
    "NOWHERE",
    "Comparator",
    "Evaluation",
    "FundLine",
    "FundSource",
    "Funds",
    "Goal",
    "Indicator",
    "Kind",
    "Location",
    "Part",
    "Quantity",
    "RuleSpec",
    "Unit",
    "Value",
]
