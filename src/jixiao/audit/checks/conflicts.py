"""The same fact stated differently in two places: an indicator's weight, target (its
comparator and number) or actual between the table, the narrative and the evaluation
report; a total between the table and the other documents. Numbers that look mistyped
(`33` where every other place has `3`, a leading zero as in `05`) are reported as such."""

from __future__ import annotations

import re
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal

from ...model import Comparator, Value
from ...numbers import parse_value
from ..context import AuditContext, Link
from ...document import Printed
from ...findings import make
from ..registry import check
from ._actuals import quantities_in
from ._util import place

_DIRECTION = {Comparator.GE: "≥", Comparator.GT: "≥", Comparator.LE: "≤", Comparator.LT: "≤", Comparator.EQ: "="}


def _place(printed: Printed) -> str:
    return place(printed.location)


def looks_mistyped(text: str, other: str) -> str | None:
    """Why `text` looks like a typing slip for `other`, or None."""
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
    others: list[tuple[Value, object, str]] = []
    if link.rule_row is not None:
        others.append((parse_value(link.rule_row.target_text), link.rule_row.location, link.rule_row.target_text))
    for statement, _ in link.statements:
        if statement.target_text:
            others.append((parse_value(statement.target_text), statement.location, statement.target_text))
    comparable = [(v, loc, text) for v, loc, text in others
                  if v.quantity is not None and v.quantity.unit.base == target.quantity.unit.base]
    name = link.indicator.name
    lost = [(v, loc) for v, loc, _ in comparable if v.quantity.base_value == target.quantity.base_value
            and target.comparator is None and v.comparator not in (None, Comparator.EQ)]
    if lost:
        value = lost[0][0]
        reverse = value.comparator.is_reverse
        effect = ("而其他位置为“≤”，按“≥”评分会把应当越低越好的指标评反。" if reverse
                  else "与其他位置一致，但表中应写明。")
        yield make("comparator-lost", project=project, indicator=name, location=link.row.location,
                   reported=link.row.target_text, expected=f"{value.comparator.value}{value.quantity}",
                   derivation="、".join(place(loc) for _, loc in lost), effect=effect,
                   severity="error" if reverse else "warning")
    table_place = (target, link.row.location, link.row.target_text)
    # Direction (≥ against ≤) and number, each decided by majority; the table wins a tie.
    for facet in ("direction", "number"):
        if facet == "direction":
            places = [p for p in [table_place] + comparable if p[0].comparator not in (None, Comparator.EQ)]
            keyed = [(_DIRECTION[p[0].comparator], p) for p in places]
            label = "比较方向相反"
        else:
            places = [table_place] + comparable
            keyed = [(p[0].quantity.base_value, p) for p in places]
            label = "目标数值不同"
        if len({k for k, _ in keyed}) < 2 or not any(p is table_place for _, p in keyed):
            continue
        counts = Counter(k for k, _ in keyed)
        table_key = next(k for k, p in keyed if p is table_place)
        top = max(counts, key=lambda k: (counts[k], k == table_key))
        majority = [p for k, p in keyed if k == top]
        for k, (value, location, text) in keyed:
            if k == top:
                continue
            shown = majority[0][2] if majority[0] is table_place else \
                (majority[0][0].comparator.value if majority[0][0].comparator else "") + str(majority[0][0].quantity)
            yield make("conflicting-fact", project=project, indicator=name, location=location, reported=text.strip(),
                       expected=shown, where=f"指标“{name}”的目标值",
                       derivation=label + "；" + "、".join(place(p[1]) for p in majority))


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
                       derivation=f"{document.kind.title}{place(statement.location)}")


def _refuted_in_place(document, quantity, actual) -> bool:
    """The document's rate is refuted by its own inputs, which give the table's figure: the
    document is the one in error, and the amounts check reports it where it is printed."""
    if quantity.unit.base != "%" or actual.unit.base != "%":
        return False
    for claim in document.claims:
        if claim.kind not in ("ratio", "deviation") or claim.stated.value != quantity.base_value:
            continue
        budget, executed = claim.inputs
        if budget.value is None or executed.value is None or budget.value <= 0:
            continue
        rate = executed.value / budget.value if claim.kind == "ratio" else \
            abs(budget.value - executed.value) / budget.value
        decimals = -actual.value.as_tuple().exponent if actual.value.as_tuple().exponent < 0 else 0
        if (rate * 100).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP) == actual.value:
            return True
    return False


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
            elif not _refuted_in_place(document, quantity, actual):
                conflicts.append(quantity)
        if conflicts and not agrees:
            yield make("conflicting-fact", project=project, indicator=link.indicator.name, location=link.row.location,
                       reported=link.row.actual_text, expected=str(conflicts[0]),
                       where=f"指标“{link.indicator.name}”的实际完成值",
                       derivation=f"{document.kind.title}{place(statement.location)}")


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
