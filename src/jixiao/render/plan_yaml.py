"""The target declaration and the monitoring table as YAML files (docs/targets.md,
docs/monitoring.md): every number a quoted string as written, so that reading the result
gives back an equal document (locations aside)."""

from __future__ import annotations

from typing import Any

from ..decimals import plain
from ..declaration import GRADE_WORDS, Declaration
from ..monitoring import MonitoringTable
from .yaml_writer import dump


def _put(data: dict[str, Any], name: str, value: Any) -> None:
    if value not in (None, "", (), [], {}):
        data[name] = value


def declaration_data(declaration: Declaration) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": "declaration"}
    _put(data, "year", str(declaration.year) if declaration.year else None)
    data["project"] = declaration.project
    _put(data, "department", declaration.department)
    _put(data, "unit", declaration.unit)
    _put(data, "approval", declaration.approval)
    _put(data, "note", declaration.note)
    funds = {"unit": declaration.funds_unit.text or "万元"}
    _put(funds, "budget", plain(declaration.budget) if declaration.budget is not None else None)
    data["funds"] = funds
    _put(data, "goals", list(declaration.goals))
    _put(data, "declared_weights", {name: plain(weight) for name, weight in declaration.declared_weights})
    if declaration.execution_weight != 10:
        data["execution_weight"] = plain(declaration.execution_weight)
    indicators = []
    for indicator in declaration.indicators:
        item: dict[str, Any] = {"level1": indicator.level1, "level2": indicator.level2, "name": indicator.name,
                                "target": indicator.target.text}
        _put(item, "weight", plain(indicator.weight) if indicator.weight is not None else None)
        for name in ("basis", "basis_note", "data_source", "method"):
            _put(item, name, getattr(indicator, name))
        grades = dict(indicator.grades)
        _put(item, "grades", {word: grades[word] for word in GRADE_WORDS if grades.get(word)})
        _put(item, "standard", indicator.standard.text if indicator.standard is not None else None)
        _put(item, "goal", str(indicator.goal) if indicator.goal else None)
        indicators.append(item)
    data["indicators"] = indicators
    adjustments = []
    for adjustment in declaration.adjustments:
        item = {"indicator": adjustment.indicator}
        _put(item, "target", adjustment.target)
        _put(item, "weight", plain(adjustment.weight) if adjustment.weight is not None else None)
        item["approval"] = adjustment.approval
        adjustments.append(item)
    _put(data, "adjustments", adjustments)
    return data


def monitoring_data(table: MonitoringTable) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": "monitoring"}
    _put(data, "year", str(table.year) if table.year else None)
    data["as_of"] = table.as_of.isoformat()
    data["project"] = table.project
    _put(data, "department", table.department)
    _put(data, "unit", table.unit)
    if table.profile != "national":
        data["profile"] = table.profile
    _put(data, "note", table.note)
    funds = {"unit": table.funds_unit.text or "万元"}
    _put(funds, "budget", plain(table.budget) if table.budget is not None else None)
    _put(funds, "executed", plain(table.executed) if table.executed is not None else None)
    data["funds"] = funds
    data["warnings"] = {"schedule": table.schedule, "gap": plain(table.gap), "method": table.method}
    indicators = []
    for indicator in table.indicators:
        item: dict[str, Any] = {"level1": indicator.level1, "level2": indicator.level2, "name": indicator.name,
                                "target": indicator.target.text}
        _put(item, "weight", plain(indicator.weight) if indicator.weight is not None else None)
        _put(item, "to_date", indicator.to_date.text)
        _put(item, "forecast", indicator.forecast.text)
        for name in ("likelihood", "cause", "explanation", "measure"):
            _put(item, name, getattr(indicator, name))
        indicators.append(item)
    data["indicators"] = indicators
    return data


def dump_declaration(declaration: Declaration) -> str:
    return dump(declaration_data(declaration))


def dump_monitoring(table: MonitoringTable) -> str:
    return dump(monitoring_data(table))


__all__ = ["declaration_data", "dump_declaration", "dump_monitoring", "monitoring_data"]
