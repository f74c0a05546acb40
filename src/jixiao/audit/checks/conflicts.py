"""The same fact stated differently in two places: an indicator's weight, target (its
comparator and number) or actual between the table, the narrative and the evaluation
report; a total between the table and the other documents. Numbers that look mistyped
(`33` where every other place has `3`, a leading zero as in `05`) are reported as such."""

from __future__ import annotations

import re
from collections import Counter

from ...model import Comparator, Value
from ...numbers import parse_value
from ..context import AuditContext, Link
from ..document import DocKind, Printed
from ..finding import make
from ..registry import check
from ._actuals import quantities_in

_DIRECTION = {Comparator.GE: "≥", Comparator.GT: "≥", Comparator.LE: "≤", Comparator.LT: "≤", Comparator.EQ: "="}


def _place(printed: Printed) -> str:
    return f"第{printed.location.line}行"


def looks_mistyped(text: str, other: str) -> str | None:
    """Why `text` looks like a typing slip for `other`, or None."""
    digits = text.replace(".", "")
    if re.fullmatch(r"0\d+", text):
        return f"“{text}”带前导零"
    if other and len(text) == 2 * len(other) and text == other * 2:
        return f"“{text}”像是“{other}”重复录入"
    return None


def _weights(link: Link, project: str):
    places: list[tuple[Printed, str]] = [(link.row.weight, "自评表")]
    if link.rule_row is not None:
        places.append((link.rule_row.weight, "评分细则"))
    for statement, document in link.statements:
        if statement.weight is not None:
            places.append((statement.weight, "报告"))
    values = Counter(p.value for p, _ in places if p.value is not None)
    if len(values) < 2:
        return
    table_value = link.row.weight.value
    top = max(values.items(), key=lambda item: (item[1], item[0] == table_value))[0]
    majority = [p for p, _ in places if p.value == top]
    for printed, _ in places:
        if printed.value is None or printed.value == top:
            continue
        others = "、".join(_place(p) for p in majority)
        reason = looks_mistyped(printed.text, majority[0].text)
        if reason:
            yield make("mistyped-number", project=project, indicator=link.indicator.name, location=printed.location,
                       reported=printed.text, expected=majority[0].text, where=f"指标“{link.indicator.name}”的分值",
                       derivation=f"{reason}；{others}均为{majority[0].text}")
        else:
            yield make("conflicting-fact", project=project, indicator=link.indicator.name, location=printed.location,
                       reported=printed.text, expected=majority[0].text, where=f"指标“{link.indicator.name}”的分值",
                       derivation=others)


def _targets(link: Link, project: str):
    target = link.indicator.target
    if target.quantity is None:
        return
    others: list[tuple[Value, int]] = []
    if link.rule_row is not None:
        others.append((parse_value(link.rule_row.target_text), link.rule_row.location.line))
    for statement, _ in link.statements:
        if statement.target_text:
            others.append((parse_value(statement.target_text), statement.location.line))
    lost: list[tuple[Value, int]] = []
    direction: list[tuple[Value, int]] = []
    number: list[tuple[Value, int]] = []
    for value, line in others:
        if value.quantity is None or value.quantity.unit.base != target.quantity.unit.base:
            continue
        if value.quantity.base_value != target.quantity.base_value:
            number.append((value, line))
        elif target.comparator is None and value.comparator not in (None, Comparator.EQ):
            lost.append((value, line))
        elif (target.comparator is not None and value.comparator is not None
              and _DIRECTION[target.comparator] != _DIRECTION[value.comparator]):
            direction.append((value, line))
    where = f"指标“{link.indicator.name}”的目标值"
    if lost:
        value = lost[0][0]
        reverse = value.comparator.is_reverse
        effect = ("而其他位置为“≤”，按“≥”评分会把应当越低越好的指标评反。" if reverse
                  else "与其他位置一致，但表中应写明。")
        yield make("comparator-lost", project=project, indicator=link.indicator.name, location=link.row.location,
                   reported=link.row.target_text, expected=f"{value.comparator.value}{value.quantity}",
                   derivation="、".join(f"第{line}行" for _, line in lost), effect=effect,
                   severity="error" if reverse else "warning")
    if direction:
        value = direction[0][0]
        yield make("conflicting-fact", project=project, indicator=link.indicator.name, location=link.row.location,
                   reported=link.row.target_text, expected=f"{value.comparator.value}{value.quantity}", where=where,
                   derivation="比较方向相反；" + "、".join(f"第{line}行" for _, line in direction))
    if number:
        value = number[0][0]
        shown = (value.comparator.value if value.comparator else "") + str(value.quantity)
        yield make("conflicting-fact", project=project, indicator=link.indicator.name, location=link.row.location,
                   reported=link.row.target_text, expected=shown, where=where,
                   derivation="、".join(f"第{line}行" for _, line in number))


def _grams(text: str) -> set[str]:
    text = re.sub(r"\s", "", text)
    return {text[i: i + 2] for i in range(len(text) - 1)}


_NOTHING = frozenset({"无", "否", "未完成"})


def _nothing_done(link: Link, project: str):
    """The table says nothing was achieved (无) while the report names a quantity achieved."""
    target = link.indicator.target.quantity
    if link.indicator.actual.word not in _NOTHING or target is None:
        return
    for statement, document in link.results():
        done = [q for q in quantities_in(statement.actual_text) if q.unit.base == target.unit.base and q.value > 0]
        if done:
            yield make("conflicting-fact", project=project, indicator=link.indicator.name, location=link.row.location,
                       reported=link.row.actual_text, expected=str(done[0]),
                       where=f"指标“{link.indicator.name}”的实际完成值",
                       derivation=f"{document.kind.title}第{statement.location.line}行")


def _actuals(link: Link, project: str):
    actual = link.indicator.actual.quantity
    if actual is None:
        yield from _nothing_done(link, project)
        return
    name_grams = _grams(link.indicator.name)
    for statement, document in link.results():
        text = statement.actual_text
        conflicts = []
        agrees = False
        for quantity in quantities_in(text):
            same = quantity.unit.base == actual.unit.base or (actual.unit.base == "%" and quantity.unit.base == "分")
            if not same:
                continue
            value = quantity.value if quantity.unit.base == "分" else quantity.base_value
            mine = actual.value if quantity.unit.base == "分" else actual.base_value
            position = text.find(quantity.text.split(quantity.unit.text)[0] if quantity.unit.text else quantity.text)
            window = re.sub(r"\s", "", text[max(0, position - 14): position])
            if not name_grams or len(_grams(window) & name_grams) / len(name_grams) < 0.3:
                continue
            # “指标偏差率为 0%” in a report is a separate fact, not the actual.
            if "偏差率" in window[-5:] and "偏差率" not in link.indicator.name:
                continue
            if value == mine:
                agrees = True
            else:
                conflicts.append(quantity)
        if conflicts and not agrees:
            yield make("conflicting-fact", project=project, indicator=link.indicator.name, location=link.row.location,
                       reported=link.row.actual_text, expected=str(conflicts[0]),
                       where=f"指标“{link.indicator.name}”的实际完成值",
                       derivation=f"{document.kind.title}第{statement.location.line}行")


def _totals(context: AuditContext, table):
    if table.total is None or table.total.value is None:
        return
    places = [(table.total, "自评表")]
    for document in context.companions(table):
        for level in document.level_scores:
            if level.key == ("total",) and level.score is not None and level.score.value is not None:
                places.append((level.score, document.kind.title))
    values = Counter(p.value for p, _ in places)
    if len(values) < 2:
        return
    top = max(values.items(), key=lambda item: (item[1], item[0] == table.total.value))[0]
    for printed, _ in places:
        if printed.value != top:
            majority = [p for p, _ in places if p.value == top]
            yield make("conflicting-fact", project=table.project, location=printed.location, reported=printed.text,
                       expected=majority[0].text, where="总分",
                       derivation="、".join(_place(p) for p in majority))


@check("conflicts", "conflicting-fact", "mistyped-number", "comparator-lost")
def conflicts(context: AuditContext):
    for table in context.tables:
        for link in context.links(table):
            yield from _weights(link, table.project)
            yield from _targets(link, table.project)
            yield from _actuals(link, table.project)
        yield from _totals(context, table)
