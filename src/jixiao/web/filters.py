"""Template filters: decimals and locations shown as the forms print them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask import Flask

from ..decimals import amount, percent, plain
from ..model import Location


def num(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def pct(value: Decimal | None) -> str:
    return "" if value is None else percent(value)


def money(value: Decimal | None) -> str:
    return "" if value is None else amount(value)


def where(location: Location | None) -> str:
    return "" if location is None else location.where()


def when(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M:%S")


def register(app: Flask) -> None:
    app.jinja_env.filters.update(num=num, pct=pct, money=money, where=where, when=when)
