"""The common indicators (共性指标) of a department's whole spending, computed from its figures.

The framework — each indicator's name, formula, standard and the source of its formula — is
data (engine/frameworks/*.yaml), so a province's variant is a file, not code. A formula is
evaluated by the safe evaluator (jixiao.formula) over named inputs that are taken from the
evaluation: its funds block (年初预算数, 全年预算数, 全年执行数) and its department figures
(编制数, 在职人员数, 三公经费, 公用经费, 政府采购, 结转结余, 项目支出) or the inputs the
evaluation names itself. An indicator whose inputs are missing is listed with what is missing,
never computed from a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from ..decimals import amount, percent, short
from ..department import DepartmentFigures, Item
from ..formula import FormulaError, evaluate, names_in, render
from ..model import Comparator, Evaluation, Unit
from ..numbers import parse_value
from ..registry import Registry

FRAMEWORKS_DIR = Path(__file__).parent / "frameworks"
SOURCES = {
    "local-table": "地方指标表",
    "platform-code": "平台代码",
    "seed-form": "自评材料自身算法",
    "name-only": "按名称理解（未见公式原文）",
}


@dataclass(frozen=True)
class Definition:
    key: str
    name: str
    group: str
    formula: str
    standard: str
    explanation: str
    source: str
    reference: str
    explain_above: Decimal | None = None
    question_above: Decimal | None = None

    @property
    def source_title(self) -> str:
        return SOURCES.get(self.source, self.source)


@dataclass(frozen=True)
class Framework:
    name: str
    title: str
    basis: str
    verified: bool
    indicators: tuple[Definition, ...]

    def get(self, key: str) -> Definition | None:
        return next((d for d in self.indicators if d.key == key), None)


@dataclass(frozen=True)
class Input:
    """A named input as computed: its value, and how a derivation shows it (3,744.00万元, 17人)."""

    value: Decimal
    shown: str


@dataclass(frozen=True)
class CommonIndicator:
    """One indicator computed: `value` is the exact rate (None when inputs are missing or a
    divisor is zero, `missing` says which), `derivation` the formula with the values put in."""

    definition: Definition
    value: Decimal | None
    derivation: str
    missing: tuple[str, ...] = ()
    meets: bool | None = None

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def shown(self) -> str:
        return "—" if self.value is None else signed_percent(self.value)


def signed_percent(value: Decimal) -> str:
    """A rate as printed: 2 decimals, a decrease with the typographic minus (−85.87%)."""
    return percent(value).replace("-", "−")


def _rate(text: object) -> Decimal | None:
    if text in (None, ""):
        return None
    value = parse_value(str(text))
    if value.quantity is None:
        raise ValueError(f"无法识别的比率“{text}”")
    return value.quantity.base_value


def _definition(data: dict, file: Path) -> Definition:
    for field in ("key", "name", "formula", "source"):
        if not data.get(field):
            raise ValueError(f"{file.name}：指标缺少字段“{field}”")
    names_in(data["formula"])  # a framework file with a malformed formula fails on load
    return Definition(
        key=str(data["key"]), name=str(data["name"]), group=str(data.get("group", "")),
        formula=str(data["formula"]), standard=str(data.get("standard") or ""),
        explanation=str(data.get("explanation", "")), source=str(data["source"]),
        reference=" ".join(str(data.get("reference", "")).split()),
        explain_above=_rate(data.get("explain_above")), question_above=_rate(data.get("question_above")),
    )


@lru_cache(maxsize=1)
def frameworks() -> Registry[Framework]:
    """Every framework file, by name (national first)."""
    registry: Registry[Framework] = Registry("共性指标框架")
    for file in sorted(FRAMEWORKS_DIR.glob("*.yaml"), key=lambda f: (f.stem != "national", f.stem)):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        registry.add(str(data["name"]), Framework(
            name=str(data["name"]), title=str(data.get("title", data["name"])), basis=str(data.get("basis", "")),
            verified=bool(data.get("verified", False)),
            indicators=tuple(_definition(item, file) for item in data.get("indicators", ())),
        ))
    return registry


def get_framework(name: str = "national") -> Framework:
    return frameworks().get(name)


# -- inputs ------------------------------------------------------------------------------

def _money(value: Decimal, unit: Unit, target: Unit) -> Input:
    converted = value * unit.scale / target.scale
    return Input(converted, f"{amount(converted)}{target.text}")


def _find(items: tuple[Item, ...], *words: str) -> Item | None:
    return next((item for item in items if any(word in item.name for word in words)), None)


def inputs_of(evaluation: Evaluation) -> dict[str, Input]:
    """Every input the evaluation gives, by the name the framework formulas use. Amounts are
    converted to the department figures' unit (the funds block's when there are none)."""
    figures: DepartmentFigures | None = evaluation.department_figures
    unit = figures.unit if figures is not None else evaluation.funds.unit
    result: dict[str, Input] = {}
    total = evaluation.funds.total
    if total is not None:
        for name, value in (("年初预算数", total.initial_budget), ("全年预算数", total.budget),
                            ("全年执行数", total.executed)):
            if value is not None:
                result[name] = _money(value, evaluation.funds.unit, unit)
    if figures is None:
        return result

    def put(name: str, figure) -> None:
        if figure is not None:
            result[name] = _money(figure.value, unit, unit)

    staff = figures.staff
    if staff is not None:
        if staff.establishment.total is not None:
            result["编制数"] = Input(Decimal(staff.establishment.total), f"{staff.establishment.total}人")
        if staff.actual.total is not None:
            result["在职人员数"] = Input(Decimal(staff.actual.total), f"{staff.actual.total}人")
    three = figures.three_public_total
    if three is not None:
        put("本年三公经费", three.actual)
        put("上年三公经费", three.last_year)
        put("三公经费预算数", three.budget)
    elif figures.three_public and all(item.actual is not None for item in figures.three_public):
        result["本年三公经费"] = _money(sum((i.actual.value for i in figures.three_public), Decimal(0)), unit, unit)
    for words, label in ((("接待",), "公务接待费"), (("公务用车", "公车"), "公务用车购置及运行维护费")):
        item = _find(figures.three_public, *words)
        if item is not None:
            put(f"本年{label}", item.actual)
            put(f"上年{label}", item.last_year)
            put(f"{label}预算数", item.budget)
    for word in ("公用经费", "人员经费"):
        item = _find(figures.basic, word)
        if item is not None:
            put(f"{word}支出数", item.actual)
            put(f"{word}预算数", item.budget)
    if figures.procurement is not None:
        put("政府采购实际数", figures.procurement.actual)
        put("政府采购预算数", figures.procurement.budget)
    if figures.carryover is not None:
        put("结转结余总额", figures.carryover.actual)
        put("上年结转结余总额", figures.carryover.last_year)
    if figures.projects and all(item.actual is not None for item in figures.projects):
        result["项目支出总额"] = _money(sum((i.actual.value for i in figures.projects), Decimal(0)), unit, unit)
        if figures.key_projects:
            key = [i for i in figures.projects if i.name in figures.key_projects]
            result["重点项目支出数"] = _money(sum((i.actual.value for i in key), Decimal(0)), unit, unit)
    for name, figure in figures.inputs:
        result[name] = Input(figure.value, figure.text or short(figure.value))
    return result


# -- computation -------------------------------------------------------------------------

def _meets(value: Decimal, standard: str) -> bool | None:
    if not standard:
        return None
    target = parse_value(standard)
    if target.quantity is None:
        return None
    bound = target.quantity.base_value
    comparator = target.comparator or Comparator.EQ
    return {
        Comparator.GE: value >= bound, Comparator.GT: value > bound, Comparator.LE: value <= bound,
        Comparator.LT: value < bound, Comparator.EQ: value == bound,
    }[comparator]


def compute_one(definition: Definition, inputs: dict[str, Input]) -> CommonIndicator:
    needed = sorted(names_in(definition.formula))
    missing = tuple(name for name in needed if name not in inputs)
    if missing:
        return CommonIndicator(definition, None, f"缺少{'、'.join(missing)}，未计算", missing)
    shown = render(definition.formula, {name: inputs[name].shown for name in needed})
    try:
        value = evaluate(definition.formula, {name: inputs[name].value for name in needed})
    except (FormulaError, ZeroDivisionError, ArithmeticError):
        return CommonIndicator(definition, None, f"{shown}：除数为0，无法计算")
    return CommonIndicator(definition, value, f"{shown}={signed_percent(value)}", (), _meets(value, definition.standard))


def compute(evaluation: Evaluation, framework: Framework | None = None) -> tuple[CommonIndicator, ...]:
    """Every indicator of the framework (the evaluation's own, else national), computed from
    the evaluation; none for a project's evaluation."""
    if evaluation.department_figures is None and evaluation.kind.value != "department":
        return ()
    if framework is None:
        name = evaluation.department_figures.framework if evaluation.department_figures else "national"
        framework = get_framework(name)
    inputs = inputs_of(evaluation)
    return tuple(compute_one(definition, inputs) for definition in framework.indicators)


__all__ = ["CommonIndicator", "signed_percent", "Definition", "Framework", "Input", "compute", "compute_one", "frameworks",
           "get_framework", "inputs_of"]
