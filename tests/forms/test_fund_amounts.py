"""A funds amount that carries its own money unit (`150万` in a block headed （万元）, as
鄂州市行政审批局 typed its 2021 form) is read in the block's unit, not dropped; any other unit is
still not an amount (a reader finding, never a guess)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.ingest.office_grid import GridCell, _amount
from jixiao.model import Location
from jixiao.numbers import parse_unit


@pytest.mark.parametrize("text, unit, value", [
    ("150万", "万元", Decimal("150")),
    ("125.25万", "万元", Decimal("125.25")),
    ("1500000元", "万元", Decimal("150")),
    ("1252500.00元", "万元", Decimal("125.25")),
    ("150万元", "元", Decimal("1500000")),
    ("150", "万元", Decimal("150")),
])
def test_an_amount_with_its_own_money_unit_is_converted_to_the_block_unit(text, unit, value):
    assert _amount(GridCell(text, Location()), parse_unit(unit)) == value


@pytest.mark.parametrize("text", ["150%", "150人", "150万人", "约150万", "150美元"])
def test_an_amount_in_another_unit_is_refused(text):
    with pytest.raises(ValueError):
        _amount(GridCell(text, Location()), parse_unit("万元"))
