"""Budget execution in the funds block: each line's 执行率 from its budget and spending,
its share of the execution weight, its score; lines with the same inputs must agree; the
sources must add up to the total line; a score needs no more than two decimals."""

from __future__ import annotations

from decimal import Decimal

from .. import interval
from ..context import AuditContext
from ...document import Printed
from ..finding import make
from ..registry import check
from ._util import num, pct, score

TOTAL = "年度资金总额"


def _rate_range(line, denominator: str) -> tuple[Decimal, Decimal] | None:
    budget = line.initial_budget if denominator == "initial" else line.budget
    if budget is None or line.executed is None or budget <= 0:
        return None
    return interval.div(_amount_range(line.executed), _amount_range(budget))


def _amount_range(value: Decimal) -> tuple[Decimal, Decimal]:
    text = format(value, "f")
    return interval.bounds(Printed(text, value, None), exact_integers=True)  # type: ignore[arg-type]


@check("execution", "execution-mismatch", "rate-conflict", "number-format")
def execution(context: AuditContext):
    from ...profile import get_profile

    for table in context.tables:
        evaluation = table.evaluation
        profile = get_profile(evaluation.profile)
        lines = evaluation.funds.lines
        printed = {source: (weight, rate, score_p) for source, weight, rate, score_p in table.funds_printed}
        total = evaluation.funds.total
        for line in lines:
            weight_p, rate_p, score_p = printed.get(line.source.value, (None, None, None))
            where = f"预算执行（{line.source.value}）"
            rate_range = _rate_range(line, profile.execution_denominator)
            if rate_p is not None and rate_p.value is not None and rate_range is not None:
                if not interval.consistent(rate_p, rate_range):
                    exact = line.executed / line.budget
                    yield make("execution-mismatch", project=table.project, location=rate_p.location,
                               reported=rate_p.text, expected=pct(exact), where=f"{where}执行率",
                               derivation=f"{num(line.executed)}/{num(line.budget)}={pct(exact)}")
            # The execution weight is split across sources by budget share.
            if (line.source.value != TOTAL and total is not None and total.budget and line.budget is not None
                    and weight_p is not None and weight_p.value is not None):
                share = line.budget / total.budget * profile.execution_weight
                share_range = interval.mul(interval.div(_amount_range(line.budget), _amount_range(total.budget)),
                                           (profile.execution_weight, profile.execution_weight))
                if not interval.consistent(weight_p, share_range):
                    yield make("execution-mismatch", project=table.project, location=weight_p.location,
                               reported=weight_p.text, expected=score(share), where=f"{where}分值",
                               derivation=f"{num(line.budget)}/{num(total.budget)}×{num(profile.execution_weight)}"
                                          f"={score(share)}")
            if (score_p is not None and score_p.value is not None and weight_p is not None
                    and weight_p.value is not None and rate_range is not None):
                capped = (min(rate_range[0], Decimal(1)), min(rate_range[1], Decimal(1)))
                weight_range = interval.bounds(weight_p, exact_integers=True)
                score_range = interval.mul(capped, weight_range)
                expected = min(line.executed / line.budget, Decimal(1)) * weight_p.value
                if score_p.decimals > 2:
                    yield make("number-format", project=table.project, location=score_p.location,
                               reported=score_p.text, expected=score(score_p.value), where=f"{where}得分",
                               derivation=f"得分保留了{score_p.decimals}位小数，应按四舍五入保留两位")
                elif score_p.value <= weight_p.value and not interval.consistent(score_p, score_range):
                    yield make("execution-mismatch", project=table.project, location=score_p.location,
                               reported=score_p.text, expected=score(expected), where=f"{where}得分",
                               derivation=f"min({pct(line.executed / line.budget)}, 100%)×{weight_p.text}"
                                          f"={score(expected)}")
        # Lines with the same budget and spending cannot have different rates.
        seen: dict[tuple, Printed] = {}
        for line in lines:
            rate_p = printed.get(line.source.value, (None, None, None))[1]
            if rate_p is None or rate_p.value is None or line.budget is None or line.executed is None:
                continue
            key = (line.budget, line.executed)
            if key in seen and seen[key].value != rate_p.value:
                odd, other = rate_p, seen[key]
                if pct(line.executed / line.budget) == rate_p.text:
                    odd, other = other, rate_p
                yield make("rate-conflict", project=table.project, location=odd.location,
                           reported=odd.text, expected=other.text, where="预算执行",
                           derivation=f"两行均为{num(line.executed)}/{num(line.budget)}="
                                      f"{pct(line.executed / line.budget)}")
            seen.setdefault(key, rate_p)
        # Sources add up to the total line.
        if total is not None:
            sources = [l for l in lines if l.source.value != TOTAL]
            for field, label in (("initial_budget", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数")):
                values = [getattr(l, field) for l in sources if getattr(l, field) is not None]
                stated = getattr(total, field)
                if values and stated is not None:
                    found = sum(values, Decimal(0))
                    if found != stated:
                        yield make("execution-mismatch", project=table.project, location=total.location,
                                   reported=num(stated), expected=num(found), where=f"资金总额{label}",
                                   derivation="+".join(num(v) for v in values) + f"={num(found)}")
