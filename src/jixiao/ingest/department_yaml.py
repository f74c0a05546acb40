"""The `department_figures:` and `report_text:` blocks of a YAML evaluation file → the
department's own figures (`DepartmentFigures`) and the unit's own report text (`Prose`).

Called by the YAML loader with its converter, so every number is read as Decimal from text
and every problem is located at its line and field, in the loader's words. Amounts are in
the block's `unit` (万元 unless written otherwise); one written with its own unit
(`28887.98元`) is converted exactly. What the document printed about the figures sits under
`reported:` (share, budget_rate, budget_diff, yoy_diff, yoy_rate, per_person) and is kept to
be checked, never used to compute; a decrease is written negative (比预算减少2.77 → "-2.77").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..department import (
    MEASURES,
    PERCENT_MEASURES,
    WAN_YUAN,
    DepartmentFigures,
    Figure,
    HeadCount,
    Item,
    Staff,
    StaffTotal,
    Stated,
)
from ..model import Unit
from ..numbers import is_blank, parse_quantity, parse_unit
from ..prose import SECTIONS, Prose

ITEM_LISTS = ("basic", "projects", "functional", "activities")
_INTEGER_FIELDS = (("times", "次数"), ("people", "人数"), ("year", "年度"))


class _Department:
    def __init__(self, reader: Any, unit: Unit):
        self.reader = reader
        self.unit = unit

    def amount(self, value: Any, path: tuple, what: str) -> Figure | None:
        """An amount in the block's unit; a number written with 元/万元/亿元 is converted."""
        if not isinstance(value, str) or is_blank(value):
            return None
        text = value.strip()
        quantity = parse_quantity(text)
        if quantity is not None and quantity.unit.text and quantity.unit.base == self.unit.base:
            converted = quantity.value * quantity.unit.scale / self.unit.scale
            return Figure(converted, text, self.reader.location(path))
        if quantity is not None and quantity.unit.text:
            self.reader.error("not-a-number", f"{what}“{value}”的单位不是金额单位（应为元、万元或亿元）", path)
            return None
        number = self.reader.decimal(value, path, what)
        return None if number is None else Figure(number, text, self.reader.location(path))

    def count(self, value: Any, path: tuple, what: str) -> int | None:
        if not isinstance(value, str) or is_blank(value):
            return None
        text = value.strip().removesuffix("人")
        if not text.isdigit():
            self.reader.error("not-an-integer", f"{what}“{value}”不是整数", path)
            return None
        return int(text)

    def stated(self, data: Any, path: tuple, owner: str) -> tuple[Stated, ...]:
        if not isinstance(data, dict):
            return ()
        result = []
        for measure, value in data.items():
            where = path + (measure,)
            if measure not in MEASURES or not isinstance(value, str) or is_blank(value):
                continue
            percent = measure in PERCENT_MEASURES
            what = f"{owner}{MEASURES[measure]}"
            number = self.reader.rate(value, where, what) if percent else self.reader.decimal(value, where, what)
            if number is None:
                continue
            text = value.strip().lstrip("+-－")
            if percent and not text.endswith(("%", "％")):
                text = f"{Decimal(text.replace(',', '')) * 100:f}%" if text else text
            result.append(Stated(measure, text, number, percent, self.reader.location(where)))
        return tuple(result)

    def item(self, data: Any, path: tuple, default_name: str = "") -> Item | None:
        if not isinstance(data, dict):
            return None
        name = data.get("name") if isinstance(data.get("name"), str) else default_name
        if not name:
            self.reader.required(data, "name", path, "支出项目")
            return None
        owner = f"“{name}”"
        amounts = {key: self.amount(data.get(key), path + (key,), f"{owner}的{label}")
                   for key, label in (("budget", "预算数"), ("actual", "实际支出数"), ("last_year", "上年支出数"),
                                      ("initial_budget", "年初预算数"))}
        counts = {key: self.count(data.get(key), path + (key,), f"{owner}的{label}") for key, label in _INTEGER_FIELDS}
        return Item(
            name=name.strip(), **amounts, **counts,
            stated=self.stated(data.get("reported"), path + ("reported",), owner),
            note=self.reader.text(data, "note").strip(),
            location=self.reader.location(path, field=False),
        )

    def items(self, data: Any, path: tuple) -> tuple[Item, ...]:
        result = []
        for index, entry in enumerate(data if isinstance(data, list) else []):
            item = self.item(entry, path + (index,))
            if item is not None:
                result.append(item)
        return tuple(result)

    def staff_total(self, data: Any, path: tuple, what: str) -> StaffTotal:
        if not isinstance(data, dict):
            return StaffTotal()
        kinds = []
        for index, entry in enumerate(data.get("kinds") if isinstance(data.get("kinds"), list) else []):
            if not isinstance(entry, dict):
                continue
            where = path + ("kinds", index)
            kind = self.reader.required(entry, "kind", where, f"{what}的分类")
            count = self.count(entry.get("count"), where + ("count",), f"{what}“{kind}”的人数")
            if kind and count is not None:
                kinds.append(HeadCount(kind.strip(), count, self.reader.text(entry, "within").strip(),
                                       self.reader.location(where + ("count",))))
        return StaffTotal(self.count(data.get("total"), path + ("total",), f"{what}合计"), tuple(kinds),
                          self.reader.location(path + ("total",)))

    def staff(self, data: Any, path: tuple) -> Staff | None:
        if not isinstance(data, dict):
            return None
        return Staff(
            establishment=self.staff_total(data.get("establishment"), path + ("establishment",), "编制数"),
            actual=self.staff_total(data.get("actual"), path + ("actual",), "实有人数"),
            retired=self.count(data.get("retired"), path + ("retired",), "离退休人员数"),
            location=self.reader.location(path, field=False),
        )

    def inputs(self, data: Any, path: tuple) -> tuple[tuple[str, Figure], ...]:
        result = []
        for name, value in (data.items() if isinstance(data, dict) else ()):
            where = path + (name,)
            number = self.reader.rate(value, where, f"共性指标输入“{name}”")
            if number is not None:
                result.append((name, Figure(number, value.strip(), self.reader.location(where))))
        return tuple(result)


def _strings(data: Any) -> tuple[str, ...]:
    return tuple(item.strip() for item in data if isinstance(item, str) and item.strip()) \
        if isinstance(data, list) else ()


def read_department_figures(reader: Any, data: Any, path: tuple) -> DepartmentFigures | None:
    """The block, or None when the file has none. `reader` is the YAML loader's converter."""
    if not isinstance(data, dict):
        return None
    unit_text = reader.text(data, "unit").strip()
    unit = parse_unit(unit_text) if unit_text else WAN_YUAN
    if unit_text and (unit.base != "元" or unit.scale <= 0):
        reader.error("not-a-number", f"部门数据的金额单位“{unit_text}”不是元、万元或亿元", path + ("unit",))
        unit = WAN_YUAN
    block = _Department(reader, unit)
    three = data.get("three_public") if isinstance(data.get("three_public"), dict) else {}
    framework = reader.text(data, "framework").strip() or "national"
    from ..engine.common_indicators import frameworks

    if framework not in frameworks():
        reader.error("unknown-framework",
                     f"未知的共性指标框架“{framework}”，可用：{'、'.join(frameworks().names())}", path + ("framework",))
        framework = "national"
    lists = {name: block.items(data.get(name), path + (name,)) for name in ITEM_LISTS}
    return DepartmentFigures(
        unit=unit,
        overview=reader.text(data, "overview").strip(),
        functions=_strings(data.get("functions")),
        institutions=_strings(data.get("institutions")),
        staff=block.staff(data.get("staff"), path + ("staff",)),
        spending_total=block.amount(data.get("spending_total"), path + ("spending_total",), "支出总额"),
        three_public_total=block.item(three.get("total"), path + ("three_public", "total"), "“三公”经费"),
        three_public=block.items(three.get("items"), path + ("three_public", "items")),
        procurement=block.item(data.get("procurement"), path + ("procurement",), "政府采购"),
        carryover=block.item(data.get("carryover"), path + ("carryover",), "结转结余"),
        key_projects=_strings(data.get("key_projects")),
        inputs=block.inputs(data.get("inputs"), path + ("inputs",)),
        framework=framework,
        location=reader.location(path, field=False),
        **lists,
    )


def read_prose(reader: Any, data: Any, path: tuple) -> Prose | None:
    """The unit's own report text by section (see jixiao.prose.SECTIONS)."""
    if not isinstance(data, dict):
        return None
    sections = tuple((key, data[key].strip()) for key in SECTIONS if isinstance(data.get(key), str))
    return Prose(sections, reader.location(path, field=False))


__all__ = ["read_department_figures", "read_prose"]
