"""The contract every scoring rule meets, and the registry that finds rules by name."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from ..profile import Profile
from ..model import Indicator, RuleSpec


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may look at besides the indicator: the profile and metrics the
    engine derived from the funds (e.g. 'cost_deviation_rate')."""

    profile: Profile
    metrics: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Outcome:
    """A score and how it was reached. `score` is None only when the indicator
    cannot be scored; `problem` then says why, in Chinese."""

    score: Decimal | None
    derivation: str
    rule: str
    full_marks_at: str | None = None
    problem: str | None = None


class Rule:
    """Subclass, set `kind` and `title`, implement `score`, decorate with @register."""

    kind: ClassVar[str]
    title: ClassVar[str]

    def score(self, indicator: Indicator, spec: RuleSpec, ctx: Context) -> Outcome:
        raise NotImplementedError


REGISTRY: dict[str, Rule] = {}


def register(cls: type[Rule]) -> type[Rule]:
    if cls.kind in REGISTRY:
        raise ValueError(f"rule kind {cls.kind!r} registered twice")
    REGISTRY[cls.kind] = cls()
    return cls


def get_rule(kind: str) -> Rule:
    try:
        return REGISTRY[kind]
    except KeyError:
        known = "、".join(sorted(REGISTRY))
        raise KeyError(f"未知的评分规则“{kind}”，可用：{known}") from None
