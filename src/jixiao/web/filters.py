"""Template filters: decimals, locations and times shown as the forms and the users read them."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, current_app, has_app_context
from markupsafe import Markup, escape

from ..catalog import CATALOG
from ..decimals import amount, percent, plain
from ..model import Location
from ..profile import PROFILES
from .findings import placed_problems

DEFAULT_TIMEZONE = "Asia/Shanghai"
# China has kept UTC+8 without daylight saving since 1991: exact where no tz database is installed.
_FALLBACK = {"Asia/Shanghai": timezone(timedelta(hours=8), "北京时间"), "UTC": timezone.utc}


def time_zone(name: str) -> tzinfo:
    """The zone by its IANA name; ValueError (in Chinese) for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        if name in _FALLBACK:
            return _FALLBACK[name]
        raise ValueError(f"JIXIAO_TIMEZONE 不是已知的时区名称：“{name}”（例如 Asia/Shanghai）") from None


def num(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def weight(value: Decimal | None) -> str:
    """A weight as typed: 50, 9.5 — a sum of typed weights never shows as 50.0."""
    if value is None:
        return ""
    text = plain(value)
    return text.rstrip("0").rstrip(".") if "." in text else text


def grouped(value: Decimal | None) -> str:
    """An amount in an input: thousands grouped as printed (3,431.89), every typed decimal kept."""
    if value is None:
        return ""
    text = plain(value)  # a value far out of range keeps its exponent (never millions of digits)
    return text if "E" in text else format(value, ",f")


def pct(value: Decimal | None) -> str:
    return "" if value is None else percent(value)


def money(value: Decimal | None) -> str:
    return "" if value is None else amount(value)


def where(location: Location | None) -> str:
    return "" if location is None else location.where()


def local(value: datetime | None) -> datetime | None:
    """Stored times are naive UTC; shown in the configured zone (JIXIAO_TIMEZONE)."""
    if value is None:
        return None
    zone = current_app.config["TZINFO"] if has_app_context() else _FALLBACK[DEFAULT_TIMEZONE]
    return value.replace(tzinfo=timezone.utc).astimezone(zone)


def when(value: datetime | None) -> str:
    shown = local(value)
    return "" if shown is None else shown.strftime("%Y-%m-%d %H:%M")


def code_title(code: str) -> str:
    item = CATALOG.get(code)
    return item.title if item is not None else code


def coded(code: str) -> Markup:
    """A catalog code as users read it: its Chinese title, with the code in a tooltip."""
    return Markup('<span class="code" data-code="{0}" title="代码：{0}">{1}</span>').format(
        escape(code), escape(code_title(code)))


def profile_title(name: str, full: bool = False) -> str:
    """A profile as users know it (全国通用（财预〔2020〕10号）), never its id; `full` adds
    what it changes, for a tooltip."""
    profile = PROFILES.get(name)
    if profile is None:
        return name
    return profile.title if full else profile.title.split("：", 1)[0]


def register(app: Flask) -> None:
    app.config["TZINFO"] = time_zone(app.config.get("TIMEZONE") or DEFAULT_TIMEZONE)
    app.jinja_env.filters.update(num=num, weight=weight, pct=pct, money=money, grouped=grouped, where=where,
                                 when=when, coded=coded, code_title=code_title, profile_title=profile_title,
                                 placed_problems=placed_problems)
