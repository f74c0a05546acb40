"""Findings as flat rows (as frictionless flattens its reports), for the findings sheet,
the batch summary and the report's 存在的问题. Accepts the audit's Finding objects or
their JSON dicts, so this layer does not depend on the audit package."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..catalog import SEVERITY_NAMES
from ..model import Location

HEADERS = ("序号", "代码", "严重程度", "项目", "指标", "位置", "报告值", "应为", "推导", "说明")


@dataclass(frozen=True)
class FindingRow:
    code: str
    severity: str
    project: str
    indicator: str
    location: str
    reported: str
    expected: str
    derivation: str
    message: str

    @property
    def severity_name(self) -> str:
        return SEVERITY_NAMES.get(self.severity, self.severity)


def _get(item: object, name: str) -> object:
    if isinstance(item, Mapping):
        return item.get(name)
    return getattr(item, name, None)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " / ".join(_text(v) for v in value)
    return str(getattr(value, "value", value)) if hasattr(value, "value") and not isinstance(value, str) else str(value)


def _location(value: object) -> str:
    """The location as `Location.describe` shows it (a JSON dict carries it as `text`)."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        value = Location.from_dict(value)
    return value.describe() if isinstance(value, Location) else str(value)


def finding_row(item: object) -> FindingRow:
    return FindingRow(
        code=_text(_get(item, "code")),
        severity=_text(_get(item, "severity")),
        project=_text(_get(item, "project")),
        indicator=_text(_get(item, "indicator")),
        location=_location(_get(item, "location")),
        reported=_text(_get(item, "reported")),
        expected=_text(_get(item, "expected")),
        derivation=_text(_get(item, "derivation")),
        message=_text(_get(item, "message")),
    )


def finding_rows(items: Iterable[object]) -> list[FindingRow]:
    return [finding_row(item) for item in items]
