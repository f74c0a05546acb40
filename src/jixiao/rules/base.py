"""The contract every scoring rule meets, and the registry that finds rules by name.

A rule declares its parameters (name, type, whether required), so the loader checks a rule
written by hand with file and line before anything is scored; and it states as data what
other layers need to know of it (`proportional`: the score follows actual/target, so a zero
target cannot be scored by it). An outcome carries the score, its derivation and, where the
rule accepts a range of scores (the qualitative bands), that `band`: the audit compares a
document's score with these, and never re-implements a rule."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from ..findings import Finding
from ..model import Indicator, RuleSpec
from ..profile import Profile
from ..registry import Registry


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may look at besides the indicator: the profile and metrics the
    engine derived from the funds (e.g. 'cost_deviation_rate')."""

    profile: Profile
    metrics: Mapping[str, Decimal] = field(default_factory=dict)


_LATER = "…"  # a field not worked out yet (see Outcome.later); never a real value of it


class Outcome:
    """A score and how it was reached. `score` is None only when the indicator cannot be
    scored; `problem` then says why (code indicator-not-scored). A scored outcome may carry
    a `problem` too: a doubt a reviewer should see (a stated formula at odds with its own
    target, a self-score outside its band). `band` is the range of scores the rule accepts
    as correct (inclusive), when it accepts more than the one score.

    Immutable, compared by value, like the frozen dataclass it was. An outcome made by
    `later` (the fast path of the commonest shapes, rules/fast.py) has its score but not yet
    its derivation nor its `full_marks_at`: they are worked out by the full rule the first
    time they are read, so a batch that never reads them never builds their text."""

    __slots__ = ("score", "rule", "problem", "band", "_derivation", "_full_marks_at", "_indicator", "_context")

    def __init__(self, score: Decimal | None, derivation: str, rule: str, full_marks_at: str | None = None,
                 problem: Finding | None = None, band: tuple[Decimal, Decimal] | None = None):
        _set_score(self, score)
        _set_rule(self, rule)
        _set_problem(self, problem)
        _set_band(self, band)
        _set_derivation(self, derivation)
        _set_full_marks_at(self, full_marks_at)
        _set_indicator(self, None)
        _set_context(self, None)

    @classmethod
    def later(cls, score: Decimal, rule: str, indicator: Indicator, context: Context, lost: bool,
              band: tuple[Decimal, Decimal] | None = None) -> "Outcome":
        """An outcome whose derivation (and, where points were `lost`, full_marks_at) the full
        rule works out on first reading, from the same indicator and context."""
        self = _new(cls)
        _set_score(self, score)
        _set_rule(self, rule)
        _set_problem(self, None)
        _set_band(self, band)
        _set_derivation(self, _LATER)
        _set_full_marks_at(self, _LATER if lost else None)
        _set_indicator(self, indicator)
        _set_context(self, context)
        return self

    def _work_out(self) -> None:
        from . import explain  # the rules package, which imports this module

        full = explain(self._indicator, self._context)
        _set_derivation(self, full.derivation)
        _set_full_marks_at(self, full.full_marks_at)
        _set_indicator(self, None)
        _set_context(self, None)

    @property
    def derivation(self) -> str:
        if self._derivation is _LATER:
            self._work_out()
        return self._derivation

    @property
    def full_marks_at(self) -> str | None:
        if self._full_marks_at is _LATER:
            self._work_out()
        return self._full_marks_at

    def replace(self, **changes: object) -> "Outcome":
        fields = {"score": self.score, "derivation": self.derivation, "rule": self.rule,
                  "full_marks_at": self.full_marks_at, "problem": self.problem, "band": self.band}
        fields.update(changes)
        return Outcome(**fields)

    def _fields(self) -> tuple:
        return (self.score, self.derivation, self.rule, self.full_marks_at, self.problem, self.band)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Outcome:
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}'")

    def __reduce__(self):
        # Pickled (batch workers) with its text worked out: a lazy one would drag its context along.
        return (Outcome, self._fields())

    def __repr__(self) -> str:
        return (f"Outcome(score={self.score!r}, derivation={self.derivation!r}, rule={self.rule!r}, "
                f"full_marks_at={self.full_marks_at!r}, problem={self.problem!r}, band={self.band!r})")

    def accepts(self, score: Decimal) -> bool:
        """Whether a document's score agrees with this outcome (its score, or inside its band)."""
        if self.band is not None and self.band[0] <= score <= self.band[1]:
            return True
        return self.score is not None and score == self.score


# The slots' own setters: immutable to everyone else (__setattr__ refuses), yet built as fast
# as a plain object — object.__setattr__ per field, as a frozen dataclass does, costs 4×.
_new = object.__new__
(_set_score, _set_rule, _set_problem, _set_band, _set_derivation, _set_full_marks_at, _set_indicator,
 _set_context) = (Outcome.__dict__[name].__set__ for name in Outcome.__slots__)


@dataclass(frozen=True)
class Param:
    """A rule parameter: `text` (a value or word as written: '≥85%', '5%'), `choice` (one of
    `choices`), or `rows` (a list of lists of `width` texts: bands, grades)."""

    name: str
    type: str
    title: str
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 0

    def problem(self, value: object) -> str | None:
        """Why `value` is not of this parameter's type, in Chinese; None when it is."""
        if self.type == "text":
            return None if isinstance(value, (str, int, Decimal)) and str(value).strip() else \
                f"应为文字（如“≥85%”），实际为{_shown(value)}"
        if self.type == "choice":
            return None if value in self.choices else f"应为{'、'.join(self.choices)}之一，实际为{_shown(value)}"
        if self.type == "rows":
            if not isinstance(value, (list, tuple)) or not value:
                return f"应为非空列表，每项为{self.width}个值的列表"
            for row in value:
                if not isinstance(row, (list, tuple)) or len(row) != self.width:
                    return f"每项应为{self.width}个值的列表，实际有一项为{_shown(row)}"
            return None
        raise ValueError(f"unknown parameter type {self.type!r}")


def _shown(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "列表"
    if isinstance(value, bool):
        return "是/否"
    return f"“{value}”"


class Rule:
    """Subclass, set `kind`, `title` and `params`, implement `score`, decorate with @register."""

    kind: ClassVar[str]
    title: ClassVar[str]
    params: ClassVar[tuple[Param, ...]] = ()
    proportional: ClassVar[bool] = False

    def score(self, indicator: Indicator, spec: RuleSpec, ctx: Context) -> Outcome:
        raise NotImplementedError

    def param_problems(self, given: Mapping[str, object]) -> list[tuple[str, str, str]]:
        """(parameter, code, Chinese message) for every parameter that is unknown, missing or
        of the wrong type."""
        declared = {param.name: param for param in self.params}
        problems: list[tuple[str, str, str]] = []
        for name, value in given.items():
            param = declared.get(name)
            if param is None:
                close = difflib.get_close_matches(name, list(declared), n=1)
                hint = f"，是否应为“{close[0]}”？" if close else (
                    f"；可用参数：{'、'.join(declared)}" if declared else "；该规则没有参数")
                problems.append((name, "rule-param-unknown", f"评分规则“{self.kind}”没有参数“{name}”{hint}"))
                continue
            message = param.problem(value)
            if message:
                problems.append((name, "rule-param-invalid", f"评分规则“{self.kind}”的参数“{name}”（{param.title}）{message}"))
        for param in self.params:
            if param.required and param.name not in given:
                problems.append((param.name, "missing-field",
                                 f"评分规则“{self.kind}”缺少参数“{param.name}”（{param.title}）"))
        return problems


RULES: Registry[Rule] = Registry("评分规则")


def register(cls: type[Rule]) -> type[Rule]:
    RULES.add(cls.kind, cls())
    return cls


def get_rule(kind: str) -> Rule:
    return RULES.get(kind)
