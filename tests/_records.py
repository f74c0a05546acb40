"""Helpers shared by the test packages (tests/ is on sys.path through its conftest.py)."""

from __future__ import annotations

import dataclasses

from jixiao.model import Location


def without_locations(value):
    """A record with every Location blanked: what two readers of the same form must agree on."""
    if isinstance(value, Location):
        return None
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: without_locations(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, tuple):
        return tuple(without_locations(v) for v in value)
    return value
