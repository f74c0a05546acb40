"""Budget execution in the funds block, against the engine's scoring of the same funds:
each line's 执行率, its share of the execution weight and its score are the engine's (the
profile decides the denominator, the split and the cap); this check only judges whether the
printed figure is that value at the precision the figures were printed with. Lines with the
same inputs must agree; the sources must add up to the total line; a score needs no more
than two decimals.

A printed rate one unit off in its last digit changes no score: a `rounding` warning. Any
other difference is an error."""

from __future__ import annotations

from decimal import Decimal

from ...document import Printed
from ...engine.execution import score_at
from ...engine.result import ExecutionResult, FundLineResult
from ...findings import make
from ...model import FundSource
from .. import interval
from ..context import AuditContext
from ..registry import check
from ._util import num, pct, score, table_score_decimals


def _judge(printed: Printed, exact: Decimal, inputs: tuple[Decimal, ...]) -> str | None:
    """None when `printed` is `exact` at its precision (allowing for the precision of the
    amounts it came from); 'rounding' when one unit off in the last digit; else 'error'."""
    if interval.consistent(printed, interval.around(exact, *inputs)):
        return None
    # One unit off in the last digit of a figure printed to a percentage point or finer.
    fine = interval.half_unit(printed) * 2 <= Decimal("0.01")
    return "rounding" if fine and interval.units_off(printed, exact) == 1 else "error"


@check("execution", "execution-mismatch", "rounding", "rate-conflict", "number-format", "score-rounded",
       "funds-total-blank")
def execution(context: AuditContext):
    for table in context.tables:
        scored = context.result(table)
        result = scored.execution
        decimals = table_score_decimals(context.links(table))
        blank_total = False
        for problem in scored.problems:
            if problem.code == "funds-total-blank":
                blank_total = True
                yield problem.located(project=table.project)
        for scored in result.lines:
            printed = table.printed_fund(scored.line.source)
            if printed is not None:
                yield from _line(table, scored, printed, result, decimals)
        yield from _conflicts(table, result.lines)
        if not blank_total:
            yield from _sources_add_up(table)   # a total row left 0/0/0 is funds-total-blank already


def _line(table, scored: FundLineResult, printed, result: ExecutionResult, table_decimals: int):
    line = scored.line
    where = f"预算执行（{line.source.value}）"
    amounts = tuple(x for x in (line.executed, scored.denominator) if x is not None)
    rate_p, weight_p, score_p = printed.rate, printed.weight, printed.score
    if rate_p is not None and rate_p.value is not None and scored.rate is not None:
        verdict = _judge(rate_p, scored.rate, amounts)
        if verdict is not None:
            yield make("rounding" if verdict == "rounding" else "execution-mismatch", project=table.project,
                       location=rate_p.location, reported=rate_p.text, expected=pct(scored.rate),
                       where=f"{where}执行率", derivation=f"{num(line.executed)}/{num(scored.denominator)}"
                                                      f"={pct(scored.rate)}")
    is_source = line.source != FundSource.TOTAL
    if not is_source and weight_p is not None and weight_p.value is not None and weight_p.value != scored.weight \
            and scored.weight:
        # The execution weight is the profile's (10, or 20 on Hubei's old form).
        yield make("execution-mismatch", project=table.project, location=weight_p.location, reported=weight_p.text,
                   expected=f"{scored.weight:.{weight_p.decimals}f}", where=f"{where}分值",
                   derivation=f"本表样预算执行率分值为{num(scored.weight)}分")
    if is_source and weight_p is not None and weight_p.value is not None and scored.share is not None:
        total = result.lines[0].denominator
        shares = (scored.denominator,) + ((total,) if total else ())
        if _judge(weight_p, scored.share, shares) is not None:
            yield make("execution-mismatch", project=table.project, location=weight_p.location,
                       reported=weight_p.text, expected=score(scored.share), where=f"{where}分值",
                       derivation=scored.derivation.split("；", 1)[0])
    if score_p is None or score_p.value is None or scored.rate is None:
        return
    if score_p.decimals > 2:
        yield make("number-format", project=table.project, location=score_p.location, reported=score_p.text,
                   expected=score(score_p.value), where=f"{where}得分",
                   derivation=f"得分保留了{score_p.decimals}位小数，应按四舍五入保留两位")
        return
    own_weight = weight_p.value if weight_p is not None and weight_p.value is not None else None
    if own_weight is not None and score_p.value > own_weight:
        return  # a score above its own weight is the score-range check's finding
    if scored.score is None:
        return
    if _judge(score_p, scored.score, amounts) is None:
        if score_p.decimals < 2 and score_p.value != scored.score:
            # 6 printed for 5.96: right at its precision, but a score is printed to the cent. A
            # whole score in a table that prints decimals elsewhere is wrong, not rounded.
            rounds = score_p.decimals == 1 or table_decimals == 0
            yield make("score-rounded" if rounds else "execution-mismatch", project=table.project,
                       location=score_p.location, reported=score_p.text, expected=score(scored.score),
                       where=where if rounds else f"{where}得分", derivation=scored.derivation)
        return
    if own_weight is not None and own_weight != scored.weight:
        # The form printed its own weight (reported above when it is a share): a score right
        # at that weight is the same mistake, not a second one.
        if _judge(score_p, score_at(scored.rate, own_weight), amounts + (own_weight,)) is None:
            return
    severity = ""
    if not is_source and result.unsplit_score is not None and score_p.value == result.unsplit_score:
        # The total line's own rate, with one source overspent and another not: the engine caps
        # each source at its budget; the form's figure is what the national form computes.
        severity = "warning"
    yield make("execution-mismatch", project=table.project, location=score_p.location, reported=score_p.text,
               expected=score(scored.score), where=f"{where}得分", derivation=scored.derivation, severity=severity)


def _conflicts(table, lines: tuple[FundLineResult, ...]):
    """Lines with the same budget and spending cannot print different rates."""
    seen: dict[tuple, Printed] = {}
    for scored in lines:
        printed = table.printed_fund(scored.line.source)
        rate_p = printed.rate if printed is not None else None
        if rate_p is None or rate_p.value is None or scored.rate is None:
            continue
        key = (scored.denominator, scored.line.executed)
        if key in seen and seen[key].value != rate_p.value:
            odd, other = rate_p, seen[key]
            # The odd one out is the figure its own amounts contradict, whatever its printed
            # precision (100% is right for 9.48/9.48 as much as 100.00% is).
            amounts = tuple(x for x in key if x is not None)
            if _judge(rate_p, scored.rate, amounts) is None:
                odd, other = other, rate_p
            yield make("rate-conflict", project=table.project, location=odd.location, reported=odd.text,
                       expected=other.text, where="预算执行",
                       derivation=f"两行均为{num(scored.line.executed)}/{num(scored.denominator)}={pct(scored.rate)}")
        seen.setdefault(key, rate_p)


def _sources_add_up(table):
    """The printed sources' amounts add up to the printed total line's: one finding for the
    row, naming each amount that does not (a total row left 0/0/0 is one mistake, not three)."""
    funds = table.evaluation.funds
    total = funds.total
    if total is None:
        return
    sources = [line for line in funds.lines if line.source != FundSource.TOTAL]
    wrong = []
    for field, label in (("initial_budget", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数")):
        values = [getattr(line, field) for line in sources if getattr(line, field) is not None]
        stated = getattr(total, field)
        if values and stated is not None:
            found = sum(values, Decimal(0))
            if found != stated:
                wrong.append((label, stated, found, "+".join(num(v) for v in values) + f"={num(found)}", field))
    if wrong:
        # Said at the first figure that does not add up, where the form printed it.
        printed = table.printed_total_fund
        first = printed.amount_at(wrong[0][4]) if printed is not None else None
        yield make("execution-mismatch", project=table.project, location=first or total.location,
                   reported="、".join(num(stated) for _, stated, _, _, _ in wrong),
                   expected="、".join(num(found) for _, _, found, _, _ in wrong),
                   where="资金总额" + "、".join(label for label, _, _, _, _ in wrong),
                   derivation="；".join(f"{label}{how}" for label, _, _, how, _ in wrong))
