"""Severity a reviewer can trust: a rate printed one unit off in its last digit (86.19% for
86.18%) is a rounding slip, a warning; anything further, or a coarser figure, is an error."""

from decimal import Decimal as D

import pytest

from jixiao.audit import interval
from jixiao.document import Printed


def _rate(text: str) -> Printed:
    return Printed(text, D(text.rstrip("%")) / 100, None, True)


@pytest.mark.parametrize("printed, executed, budget, slip", [
    ("86.19%", "86.18", "100", True),     # one unit high
    ("99.90%", "209.81", "210", True),    # the seed's 一二期路灯电费 (99.9095…%)
    ("86.17%", "86.18", "100", True),     # one unit low
    ("86.20%", "86.18", "100", False),    # two units
    ("30.75%", "1.23", "4", False),       # the seed's 公务接待费 30.85% printed as 30.75%: ten units
    ("87%", "85.5", "100", True),         # a whole percent is still fine enough (1 point)
    ("86.18%", "86.18", "100", False),    # right: not a slip at all
])
def test_one_unit_off(printed, executed, budget, slip):
    computed = interval.div(interval.exact(D(executed)), interval.exact(D(budget)))
    assert interval.one_unit_off(_rate(printed), computed) is slip
