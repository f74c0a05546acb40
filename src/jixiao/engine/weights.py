"""Weights must add up as declared: each level to its declared weight (a level 1, a level 2
as `产出指标/数量指标`, a goal block as `目标N` and its parts as `目标N/产出指标`, all indicators
as `绩效指标`), and everything, with budget execution, to 100 (rules.md, "Weights"). The sums
are part of the result, so the audit reports them where the document printed the weights,
and never adds weights up itself.

A form that prints weights per block only (Hubei's old form: `年度绩效目标1（40分）`, no 分值
column) has its rows' weights inferred here, by the rules: a row that met its target earned its
full weight, so its score is its weight; one row left unmet in a block takes what the block
has left. Anything else cannot be inferred and is said so, never guessed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from ..decimals import share, short
from ..findings import Finding
from ..model import Evaluation, Indicator, RuleSpec
from ..profile import Profile
from ..rules import Context, apply

FULL_MARKS = Decimal(100)
ALL = "全表"
INDICATORS = "绩效指标"


def weight_keys(evaluation: Evaluation, indicator: Indicator) -> list[str]:
    """Every declared-weight key an indicator's weight counts towards."""
    keys = [indicator.level1, INDICATORS]
    if indicator.level2:
        keys.append(f"{indicator.level1}/{indicator.level2}")
    if indicator.goal is not None:
        keys += [f"目标{indicator.goal}", f"目标{indicator.goal}/{indicator.level1}"]
    return keys


@dataclass(frozen=True, slots=True)
class WeightSum:
    """The weights under `key` (a level, `目标N/level`, or 全表 with execution) against what
    they should add up to; `members` are the indices of the indicators summed."""

    key: str
    expected: Decimal
    actual: Decimal
    members: tuple[int, ...]
    execution: Decimal = Decimal(0)

    @property
    def agrees(self) -> bool:
        return self.actual == self.expected


def place_groups(indicators) -> dict[tuple, list]:
    """Rows by their place in the tree, (level1, level2, goal) → [weight sum, score sum (None
    here), row indices, first row]: a table has a handful of places, so each row costs one
    lookup and the levels' sums are then their groups' (exact: Decimal addition of numbers in
    the domain never rounds). engine.score builds the same groups with the scores as it goes."""
    zero = Decimal(0)
    groups: dict[tuple, list] = {}
    for index, indicator in enumerate(indicators):
        place = (indicator.level1, indicator.level2, indicator.goal)
        group = groups.get(place)
        if group is None:
            groups[place] = [zero + indicator.weight, None, [index], indicator]
        else:
            group[0] += indicator.weight
            group[2].append(index)
    return groups


def weight_sums(evaluation: Evaluation, profile: Profile, groups: dict[tuple, list] | None = None
                ) -> tuple[WeightSum, ...]:
    if not evaluation.indicators:
        return ()
    if groups is None:
        groups = place_groups(evaluation.indicators)
    zero = Decimal(0)
    sums: dict[str, Decimal] = {}
    members: dict[str, list[int]] = {}
    # Only the declared keys are looked up below: the others need no sum.
    declared = {key for key, _ in evaluation.declared_weights}
    for place, (total, _, indices, first) in groups.items():
        for key in _place_keys(place, evaluation, first):
            if key not in declared:
                continue
            found = sums.get(key)
            if found is None:
                sums[key] = zero + total
                members[key] = list(indices)
            else:
                sums[key] = found + total
                members[key].extend(indices)
    made = [_weight_sum(key, declared, share(sums.get(key, zero)), _indices(tuple(sorted(members.get(key, ())))),
                        zero)
            for key, declared in evaluation.declared_weights]
    indicators = sum((group[0] for group in groups.values()), zero)
    made.append(_weight_sum(ALL, FULL_MARKS, share(profile.execution_weight + indicators),
                            _every(len(evaluation.indicators)), profile.execution_weight))
    return tuple(made)


_KEYS: dict[tuple, tuple[str, ...]] = {}  # (level1, level2, goal) → weight_keys: they recur in every table


def _place_keys(place: tuple, evaluation: Evaluation, first: Indicator) -> tuple[str, ...]:
    found = _KEYS.get(place)
    if found is None:
        found = tuple(weight_keys(evaluation, first))
        if len(_KEYS) < 4096 and sum(map(len, found)) <= 512:  # bounded, whatever names a file brings
            _KEYS[place] = found
    return found


_new = object.__new__
_set_key, _set_expected, _set_actual, _set_members, _set_execution = (
    WeightSum.__dict__[name].__set__ for name in WeightSum.__slots__)


def _weight_sum(key: str, expected: Decimal, actual: Decimal, members: tuple[int, ...],
                execution: Decimal) -> WeightSum:
    """WeightSum(...) through its slots' setters: the frozen dataclass's __init__ pays
    object.__setattr__ per field, for a handful of records per table."""
    made = _new(WeightSum)
    _set_key(made, key)
    _set_expected(made, expected)
    _set_actual(made, actual)
    _set_members(made, members)
    _set_execution(made, execution)
    return made


_EVERY: dict[int, tuple[int, ...]] = {}
_INDICES: dict[tuple[int, ...], tuple[int, ...]] = {}


def _indices(members: tuple[int, ...]) -> tuple[int, ...]:
    """One tuple per list of rows: tables of one template put their levels on the same rows."""
    if len(_INDICES) >= 1 << 12 or len(members) > 256:  # bounded: at most a few megabytes
        return members
    return _INDICES.setdefault(members, members)


def _every(count: int) -> tuple[int, ...]:
    """tuple(range(count)), one per count: every table's 全表 sum holds one."""
    found = _EVERY.get(count)
    if found is None:
        found = tuple(range(count))
        if count <= 256:
            _EVERY[count] = found
    return found


def weight_problems(evaluation: Evaluation, sums: tuple[WeightSum, ...]) -> list[Finding]:
    problems: list[Finding] = []
    for found in sums:
        if found.agrees:
            continue
        if found.key == ALL:
            problems.append(Finding(
                "weights-total",
                f"预算执行率{short(found.execution)}分与各指标分值合计为{short(found.actual)}分，不是100分",
                evaluation.location, project=evaluation.project))
        else:
            problems.append(Finding(
                "weights-declared",
                f"“{found.key}”声明分值{short(found.expected)}分，所含三级指标分值合计{short(found.actual)}分",
                evaluation.location, project=evaluation.project))
    return problems


def _block_of(evaluation: Evaluation, indicator: Indicator, declared: dict[str, Decimal]) -> str | None:
    """The most specific declared block an indicator belongs to."""
    keys = weight_keys(evaluation, indicator)
    for key in sorted((k for k in keys if k in declared), key=lambda k: (k.count("/"), k.startswith("目标")),
                      reverse=True):
        return key
    return None


def infer_weights(evaluation: Evaluation, profile: Profile, metrics: dict | None = None
                  ) -> tuple[Evaluation, list[Finding]]:
    """The evaluation with the weights of rows that print none inferred from their blocks, and
    a finding for each row saying how (or that it could not be). In order, per block:
    1. the printed scores add up to the block's points: every row earned full marks, so each
       score is its weight (a sound deduction);
    2. a row that met its target earned full marks (its score is its weight), and a single row
       left takes what the block has left;
    3. where the block is still open, or does not add up, its points are shared equally by its
       level-1 groups (or as their own （N分） say) and a group's equally by its rows — the
       convention of these forms, said in every derivation."""
    missing = [i for i, indicator in enumerate(evaluation.indicators) if not indicator.weight_given]
    if not missing:
        return evaluation, []
    declared = dict(evaluation.declared_weights)
    context = Context(profile, metrics or {})
    blocks: dict[str | None, list[int]] = {}
    for index in missing:
        blocks.setdefault(_block_of(evaluation, evaluation.indicators[index], declared), []).append(index)
    indicators = list(evaluation.indicators)
    findings: list[Finding] = []

    def settle(index: int, weight: Decimal, how: str, code: str = "weight-inferred") -> None:
        indicator = indicators[index]
        changes: dict = {"weight": weight}
        if code == "weight-unknown":
            changes["rule"] = RuleSpec.of("reported")
        indicators[index] = replace(indicator, **changes)
        findings.append(Finding(code, f"指标“{indicator.name}”未印分值：{how}", indicator.location,
                                project=evaluation.project, indicator=indicator.name))

    for block, members in blocks.items():
        total = declared.get(block) if block is not None else None
        given = sum((ind.weight for i, ind in enumerate(indicators) if i not in members and block is not None
                     and block in weight_keys(evaluation, ind)), Decimal(0))
        scores = [indicators[i].reported_score for i in members]
        if total is not None and None not in scores and given + sum(scores, Decimal(0)) == total:
            for index in members:
                settle(index, indicators[index].reported_score,
                       f"{block}共{short(total)}分，与各项得分之和相等，各项均得满分，分值即得分"
                       f"{short(indicators[index].reported_score)}")
            continue
        chosen = _met_and_remainder(indicators, members, total, given, context)
        if total is not None and (None in chosen.values() or sum(chosen.values(), given) != total):
            for index, weight, how in _equal_shares(evaluation, indicators, members, block, total, declared):
                settle(index, weight, how)
            continue
        for index, weight in chosen.items():
            if weight is None:
                reported = indicators[index].reported_score
                settle(index, reported if reported is not None else Decimal(0),
                       "所在的目标块没有印出分值，无法推定，沿用自评得分", "weight-unknown")
            elif weight == indicators[index].reported_score:
                settle(index, weight, f"实际达到目标，得满分，分值即得分{short(weight)}")
            else:
                settle(index, weight, f"{block}共{short(total)}分，其余指标合计{short(total - weight)}分，"
                                      f"推定本项分值{short(weight)}")
    return replace(evaluation, indicators=tuple(indicators)), findings


def _met_and_remainder(indicators: list[Indicator], members: list[int], total: Decimal | None, given: Decimal,
                       context: Context) -> dict[int, Decimal | None]:
    """Step 2: met rows weigh what they scored; one row left takes the remainder; None: open."""
    chosen: dict[int, Decimal | None] = {}
    for index in members:
        indicator = indicators[index]
        probe = apply(replace(indicator, weight=Decimal(1), reported_score=None), context)
        met = indicator.reported_score is not None and probe.score == Decimal(1)
        chosen[index] = indicator.reported_score if met else None
    open_rows = [index for index, weight in chosen.items() if weight is None]
    if len(open_rows) == 1 and total is not None:
        rest = total - given - sum((w for w in chosen.values() if w is not None), Decimal(0))
        if rest > 0:
            chosen[open_rows[0]] = rest
    return chosen


def _equal_shares(evaluation: Evaluation, indicators: list[Indicator], members: list[int], block: str,
                  total: Decimal, declared: dict[str, Decimal]):
    """Step 3: the block's points over its level-1 groups (their own points where printed),
    then equally over each group's rows."""
    groups: dict[str, list[int]] = {}
    for index in members:
        groups.setdefault(indicators[index].level1, []).append(index)
    prefix = block + "/" if block.startswith("目标") and "/" not in block else ""
    stated = {group: declared.get(prefix + group) for group in groups} if prefix else {}
    free = [group for group in groups if stated.get(group) is None]
    left = total - sum((points for points in stated.values() if points is not None), Decimal(0))
    for group, rows in groups.items():
        share = stated.get(group) if stated.get(group) is not None else (left / len(free) if free else Decimal(0))
        each = (share / len(rows)).quantize(Decimal("0.01"))
        how = (f"{block}共{short(total)}分，表中未印各项分值，按一级指标“{group}”{short(share)}分"
               f"由其{len(rows)}项指标平均分配，推定本项分值{short(each)}")
        for index in rows:
            yield index, each, how
