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

from ..decimals import short
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


def weight_sums(evaluation: Evaluation, profile: Profile) -> tuple[WeightSum, ...]:
    if not evaluation.indicators:
        return ()
    members: dict[str, list[int]] = {}
    sums: dict[str, Decimal] = {}
    for index, indicator in enumerate(evaluation.indicators):
        for key in weight_keys(evaluation, indicator):
            sums[key] = sums.get(key, Decimal(0)) + indicator.weight
            members.setdefault(key, []).append(index)
    found = [WeightSum(key, declared, sums.get(key, Decimal(0)), tuple(members.get(key, ())))
             for key, declared in evaluation.declared_weights]
    indicators = sum((i.weight for i in evaluation.indicators), Decimal(0))
    found.append(WeightSum(ALL, FULL_MARKS, profile.execution_weight + indicators,
                           tuple(range(len(evaluation.indicators))), profile.execution_weight))
    return tuple(found)


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
    a finding for each row: how its weight was inferred, or that it could not be."""
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
        met, unmet = [], []
        for index in members:
            indicator = indicators[index]
            probe = apply(replace(indicator, weight=Decimal(1)), context)
            if indicator.reported_score is not None and probe.score == Decimal(1):
                met.append(index)
            else:
                unmet.append(index)
        for index in met:
            settle(index, indicators[index].reported_score,
                   f"实际达到目标，得满分，分值即得分{short(indicators[index].reported_score)}")
        total = declared.get(block) if block is not None else None
        others = sum((indicators[i].weight for i, ind in enumerate(indicators)
                      if block is not None and block in weight_keys(evaluation, ind) and i not in unmet),
                     Decimal(0))
        if len(unmet) == 1 and total is not None and total - others > 0:
            settle(unmet[0], total - others,
                   f"{block}共{short(total)}分，其余指标合计{short(others)}分，推定本项分值{short(total - others)}")
            continue
        for index in unmet:
            reported = indicators[index].reported_score
            where = f"所在的{block}（{short(total)}分）中" if total is not None else "表中"
            settle(index, reported if reported is not None else Decimal(0),
                   f"{where}不止一项未达到目标，无法推定，沿用自评得分", "weight-unknown")
    return replace(evaluation, indicators=tuple(indicators)), findings
