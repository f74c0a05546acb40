"""The checks registry: a check is a function over the audit context yielding findings,
registered with the catalog codes it may produce (so --pick/--skip can select it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .catalog import CATALOG
from .finding import Finding


@dataclass(frozen=True)
class Check:
    name: str
    codes: tuple[str, ...]
    run: Callable[..., Iterable[Finding]]


CHECKS: dict[str, Check] = {}


def check(name: str, *codes: str):
    """Register a check. Its codes must be in the catalog; a check may yield only those."""
    unknown = [code for code in codes if code not in CATALOG]
    if unknown:
        raise ValueError(f"check {name!r} uses codes not in the catalog: {unknown}")

    def decorate(function: Callable[..., Iterable[Finding]]):
        if name in CHECKS:
            raise ValueError(f"check {name!r} registered twice")
        CHECKS[name] = Check(name, codes, function)
        return function

    return decorate
