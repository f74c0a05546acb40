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
    if location is None:
        return ""
    parts = []
    if location.line is not None:
        parts.append(f"第{location.line}行")
    if location.sheet:
        parts.append(location.sheet + (f"!{location.cell}" if location.cell else ""))
    if location.page is not None:
        parts.append(f"第{location.page}页")
    if location.field:
        parts.append(location.field)
    return "，".join(parts)


def when(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%Y-%m-%d %H:%M:%S")


def register(app: Flask) -> None:
    app.jinja_env.filters.update(num=num, pct=pct, money=money, where=where, when=when)
