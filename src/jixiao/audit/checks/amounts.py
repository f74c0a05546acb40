"""Amounts and rates in sentences and in evaluation-report funds tables, recomputed from the
figures printed next to them with interval reasoning (see audit/interval.py): 差异 = 预算 − 支出,
执行率 = 支出 / 预算, 成本控制偏差率 = |预算 − 支出| / 预算, Σ 分项 = 合计; a rate printed
without its % sign is a format finding."""

from __future__ import annotations

from decimal import Decimal

from .. import interval
from ..context import AuditContext
from ...document import Printed
from ...findings import make
from ..registry import check
from ._util import num, pct, score

_KIND_TITLE = {"difference": "差异", "ratio": "执行率", "deviation": "成本控制偏差率", "parts": "合计"}


def _amount(printed: Printed):
    return interval.bounds(printed, exact_integers=True)


def _rate(printed: Printed) -> Printed:
    """A rate-column cell printed without % is still a percentage."""
    if printed.percent or printed.value is None:
        return printed
    return Printed(printed.text + "%", printed.value / 100, printed.location, True)


def _claim_findings(project: str, claim):
    stated = claim.stated
    if stated.value is None or any(p.value is None for p in claim.inputs):
        return
    if claim.kind == "difference":
        budget, executed = claim.inputs
        computed = interval.sub(_amount(budget), _amount(executed))
        exact = budget.value - executed.value
        derivation = f"{budget.text}−{executed.text}={num(exact)}"
        shown = score(exact)
    elif claim.kind in ("ratio", "deviation"):
        budget, executed = claim.inputs
        if budget.value <= 0:
            return
        if claim.kind == "ratio":
            computed = interval.div(_amount(executed), _amount(budget))
            exact = executed.value / budget.value
            derivation = f"{executed.text}/{budget.text}={pct(exact)}"
        else:
            computed = interval.deviation(_amount(budget), _amount(executed))
            exact = abs(budget.value - executed.value) / budget.value
            derivation = f"|{budget.text}−{executed.text}|/{budget.text}={pct(exact)}"
        shown = pct(exact)
    else:
        computed = interval.add(*(_amount(p) for p in claim.inputs))
        exact = sum((p.value for p in claim.inputs), Decimal(0))
        derivation = "+".join(p.text for p in claim.inputs) + f"={num(exact)}"
        shown = num(exact)
    if computed is None or interval.consistent(stated, computed, exact_integers=True):
        return
    code = "rounding" if claim.kind in ("ratio", "deviation") and interval.one_unit_off(stated, computed) \
        else "amount-mismatch"
    yield make(code, project=project, location=claim.location, reported=stated.text, expected=shown,
               derivation=derivation, where=f"{_KIND_TITLE[claim.kind]}“{claim.text[:30]}”")


def _table_findings(project: str, table):
    rows = [r for r in table.rows if not r.is_total]
    total = next((r for r in table.rows if r.is_total), None)
    for row in table.rows:
        if row.budget is None or row.executed is None or row.budget.value is None or row.executed.value is None:
            continue
        if row.difference is not None and row.difference.value is not None:
            computed = interval.sub(_amount(row.budget), _amount(row.executed))
            if not interval.consistent(row.difference, computed, exact_integers=True):
                exact = row.budget.value - row.executed.value
                yield make("amount-mismatch", project=project, location=row.location, reported=row.difference.text,
                           expected=score(exact), where=f"“{row.name}”的差异",
                           derivation=f"{row.budget.text}−{row.executed.text}={score(exact)}")
        if row.rate is not None and row.rate.value is not None and row.budget.value > 0:
            rate = _rate(row.rate)
            exact = row.executed.value / row.budget.value
            if not row.rate.percent:
                yield make("number-format", project=project, location=row.location, reported=row.rate.text,
                           expected=pct(exact), where=f"“{row.name}”的执行率", derivation="执行率缺少百分号")
            computed = interval.div(_amount(row.executed), _amount(row.budget))
            if computed is not None and not interval.consistent(rate, computed):
                code = "rounding" if interval.one_unit_off(rate, computed) else "amount-mismatch"
                yield make(code, project=project, location=row.location, reported=row.rate.text,
                           expected=pct(exact), where=f"“{row.name}”的执行率",
                           derivation=f"{row.executed.text}/{row.budget.text}={pct(exact)}")
    if total is None or not rows:
        return
    for field, label in (("budget", "调整预算数"), ("executed", "实际支出数"), ("difference", "差异")):
        parts = [getattr(r, field) for r in rows]
        stated = getattr(total, field)
        if stated is None or stated.value is None or any(p is None or p.value is None for p in parts):
            continue
        computed = interval.add(*(_amount(p) for p in parts))
        if not interval.consistent(stated, computed, exact_integers=True):
            exact = sum((p.value for p in parts), Decimal(0))
            yield make("amount-mismatch", project=project, location=total.location, reported=stated.text,
                       expected=num(exact), where=f"合计的{label}",
                       derivation="+".join(p.text for p in parts) + f"={num(exact)}")


@check("amounts", "amount-mismatch", "number-format", "rounding")
def amounts(context: AuditContext):
    for document in context.documents:
        for claim in document.claims:
            yield from _claim_findings(document.project, claim)
        for table in document.funds_tables:
            yield from _table_findings(document.project, table)
