"""Which statement, rule row or table row speak about the same indicator.

Names differ between a table and its report (`重大活动完成及时性` / `重大活动完成及时率`,
brackets, spaces), so names are compared by character bigrams (Dice coefficient) after
normalising; a department narrative describes its indicators in prose, in table order,
so there position within (goal, level) decides when the counts agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TypeVar

from ..numbers import normalize

T = TypeVar("T")
U = TypeVar("U")

THRESHOLD = 0.6
_DROP = re.compile(r"[\s()（）【】\[\]“”\"'‘’、，,。.：:；;]")


@lru_cache(maxsize=8192)
def key(name: str) -> str:
    """A name reduced for matching; cached, as every check compares the same names again."""
    return _DROP.sub("", normalize(name or ""))


@lru_cache(maxsize=65536)
def similarity(a: str, b: str) -> float:
    a, b = key(a), key(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a in b or b in a:
        return 0.9
    grams_a = {a[i: i + 2] for i in range(len(a) - 1)} or {a}
    grams_b = {b[i: i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))


def pair_by_name(left: Sequence[T], right: Sequence[U], name_l: Callable[[T], str],
                 name_r: Callable[[U], str], threshold: float = THRESHOLD) -> list[tuple[T, U]]:
    """Greedy best-first one-to-one pairing of two lists by name similarity."""
    scored = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            score = similarity(name_l(a), name_r(b))
            if score >= threshold:
                scored.append((score, -i, -j, i, j))
    scored.sort(reverse=True)
    used_l: set[int] = set()
    used_r: set[int] = set()
    pairs = []
    for _, _, _, i, j in scored:
        if i in used_l or j in used_r:
            continue
        used_l.add(i)
        used_r.add(j)
        pairs.append((left[i], right[j]))
    return pairs


def pair_by_position(left: Sequence[T], right: Sequence[U]) -> list[tuple[T, U]]:
    return list(zip(left, right)) if len(left) == len(right) else []
