"""Scoring profiles: the rule variants of rules.md, chosen by name and named in derivations."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from .model import Comparator
from .registry import UnknownEntry


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    execution_weight: Decimal = Decimal(10)
    # 'linear': (1-(B-A)/A)×分值, zero at B ≥ 2A (national platform); 'ratio': A/B×分值.
    reverse_formula: str = "linear"
    # 'budget' 全年预算数; 'initial' 年初预算数.
    execution_denominator: str = "budget"
    split_execution_by_source: bool = True
    # How a target printed without a comparator ("100%", "30份") is read.
    implied_comparator: Comparator = Comparator.GE
    # Over-completion above this share of target needs an explanation.
    overcompletion_ratio: Decimal = Decimal("1.3")
    # Budget execution scored as an indicator inside the tree (预算执行率 under 投入管理), not
    # as a block of its own: the execution block is then worth 0 and adds nothing.
    execution_in_tree: bool = False
    # Where the profile's rules come from, cited in its derivations.
    source: str = "财预〔2020〕10号"

    def with_options(self, **changes: object) -> "Profile":
        return replace(self, **changes)


PROFILES: dict[str, Profile] = {
    "national": Profile("national", "全国通用（财预〔2020〕10号）：执行率10分，反向指标线性扣分"),
    "ratio-reverse": Profile(
        "ratio-reverse", "执行率10分，反向指标按 目标/实际×分值", reverse_formula="ratio",
        source="用户选定的比例反向评分方案"
    ),
    "hubei-old": Profile("hubei-old", "湖北旧版（2020年及以前）：执行率20分，分值按年度绩效目标块给出", execution_weight=Decimal(20),
                         source="湖北省旧版项目支出绩效自评表"),
    "sichuan": Profile("sichuan", "四川部门预算项目支出绩效自评表：执行率10分，只按总额计分", split_execution_by_source=False,
                       source="四川部门预算项目支出绩效自评表"),
    "ningxia": Profile("ningxia", "宁夏（银川本级）：预算执行率作为“投入管理”下的指标计分，另无执行率分值",
                       execution_weight=Decimal(0), execution_in_tree=True, source="银川市本级部门项目支出绩效自评表"),
    "initial-budget": Profile(
        "initial-budget", "执行率以年初预算数为分母", execution_denominator="initial"
    ),
}


STAMP = "jixiao-profiles="


def profiles_stamp(names: list[str]) -> str:
    """What jixiao writes into a Word/PDF document's keywords: the profile of each form, in
    order, so that reading the document back scores it as it was scored (the printed form
    has no place for it). Profile names are plain ASCII words, which survive LibreOffice's
    rewriting of the keywords into PDF metadata (it turns ':' and ';' into ', ')."""
    return STAMP + ",".join(names)


def read_profiles_stamp(keywords: str | None) -> list[str]:
    """The profiles a document's keywords name (empty when jixiao did not write them), each
    checked against the known profiles."""
    text = (keywords or "").strip()
    if not text.startswith(STAMP):
        return []
    names = [name.strip() for name in text[len(STAMP):].split(",")]
    return names if all(name in PROFILES for name in names) else []


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise UnknownEntry("评分方案", name, list(PROFILES)) from None
