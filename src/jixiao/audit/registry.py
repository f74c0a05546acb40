"""The checks registry: a check is a function over the audit context yielding findings,
registered with the catalog codes it may produce (so --pick/--skip can select it, and the
runner can refuse a finding whose code the check did not declare)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..catalog import entry
from ..findings import Finding
from ..registry import Registry


@dataclass(frozen=True)
class Check:
    name: str
    codes: tuple[str, ...]
    run: Callable[..., Iterable[Finding]]


CHECKS: Registry[Check] = Registry("审核项")


def check(name: str, *codes: str):
    """Register a check. Its codes must be in the catalog; a check may yield only those."""
    for code in codes:
        entry(code)

    def decorate(function: Callable[..., Iterable[Finding]]):
        CHECKS.add(name, Check(name, codes, function))
        return function

    return decorate
