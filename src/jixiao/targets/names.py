"""Names compared across documents and years: an indicator keeps its identity from one year to
the next when its normalised name is the same (or a manual link says so); two names in one
declaration are near-duplicates when their character bigrams mostly agree."""

from __future__ import annotations

import re
from functools import lru_cache

from ..numbers import normalize

_DROP = re.compile(r"[\s()（）【】\[\]“”\"'‘’、，,。.：:；;·\-—_/]")
_YEAR = re.compile(r"(19|20)\d{2}年(度)?")
# Above this bigram agreement two indicator names of one declaration are the same indicator.
NEAR = 0.8


@lru_cache(maxsize=8192)
def key(name: str) -> str:
    """An indicator name for matching: no spaces, brackets or punctuation, no year."""
    return _DROP.sub("", _YEAR.sub("", normalize(name or "")))


def project_key(name: str) -> str:
    return key(name)


def similarity(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of the two keys (1.0: the same key). The
    audit's pairing (audit/match.py) measures the same way, but sits a layer above targets and
    keeps brackets' contents and years that these keys drop."""
    a, b = key(a), key(b)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    grams_a = {a[i: i + 2] for i in range(len(a) - 1)} or {a}
    grams_b = {b[i: i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(grams_a & grams_b) / (len(grams_a) + len(grams_b))


__all__ = ["NEAR", "key", "project_key", "similarity"]
