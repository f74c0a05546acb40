"""Where an indicator's bytes go: the objects reachable from one indicator and its result,
counted once each, grouped by type. Objects shared with other indicators (interned
strings, cached units, small ints) are counted as well, so this is an upper bound."""

from __future__ import annotations

import collections
import sys
from decimal import Decimal

ATOMS = (str, bytes, int, float, Decimal, bool, type(None))


def footprint(root: object, stop: tuple[type, ...] = ()) -> collections.Counter:
    sizes: collections.Counter = collections.Counter()
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type) or (stop and isinstance(obj, stop)):
            continue
        seen.add(id(obj))
        name = type(obj).__name__
        sizes[name] += sys.getsizeof(obj)
        if isinstance(obj, ATOMS):
            continue
        if hasattr(obj, "__dict__"):
            sizes[name + ".__dict__"] += sys.getsizeof(obj.__dict__)
            stack.extend(vars(obj).values())
        for slot in getattr(type(obj), "__slots__", ()):
            if hasattr(obj, slot):
                stack.append(getattr(obj, slot))
        if isinstance(obj, (tuple, list, set, frozenset)):
            stack.extend(obj)
        elif isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
    return sizes


def describe(sizes: collections.Counter, top: int = 8) -> str:
    total = sum(sizes.values())
    parts = [f"{name} {size}" for name, size in sizes.most_common(top)]
    return f"共{total} B：" + "，".join(parts)
