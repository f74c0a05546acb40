"""YAML files of the documents around a self-evaluation: the target declaration
(`kind: declaration`, 绩效目标申报表) and the monitoring table (`kind: monitoring`,
绩效目标执行监控表). docs/targets.md and docs/monitoring.md give their fields.

Composed exactly as evaluation files are (yaml_loader: every scalar a string with its line, no
aliases, duplicate keys refused), then read here field by field; every problem names the file,
the line and the field, all of them are reported at once, and numbers become Decimal."""

from __future__ import annotations

import difflib
import re
from datetime import date
from decimal import Decimal
from typing import Any

from ..declaration import BASES, GRADE_WORDS, Adjustment, Declaration, DeclaredIndicator
from ..document import DocKind, Document, Package
from ..findings import Finding, InputError
from ..model import Kind, Location, Value
from ..monitoring import CAUSES, LIKELIHOODS, METHODS, MonitoredIndicator, MonitoringTable
from ..numbers import is_blank, parse_decimal, parse_unit, parse_value
from ..profile import PROFILES
from .source import Source
from .yaml_loader import MAX_BYTES, _compose, _dotted, _plain

KINDS = ("declaration", "monitoring")
_KIND_LINE = re.compile(r"^kind:\s*[\"']?(declaration|monitoring)[\"']?\s*(#.*)?$", re.MULTILINE)

DECLARATION_FIELDS = ("kind", "year", "project", "department", "unit", "approval", "note", "funds", "goals",
                      "declared_weights", "execution_weight", "indicators", "adjustments")
DECLARED_FIELDS = ("level1", "level2", "name", "target", "weight", "basis", "basis_note", "data_source", "method",
                   "grades", "standard", "goal")
ADJUSTMENT_FIELDS = ("indicator", "target", "weight", "approval")
MONITORING_FIELDS = ("kind", "year", "as_of", "project", "department", "unit", "profile", "note", "funds", "warnings",
                     "indicators")
MONITORED_FIELDS = ("level1", "level2", "name", "target", "weight", "to_date", "forecast", "likelihood", "cause",
                    "explanation", "measure")
WARNING_FIELDS = ("schedule", "gap", "method")
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def plan_kind(text: str) -> str | None:
    """'declaration' or 'monitoring' when the YAML text says so at its top level."""
    match = _KIND_LINE.search(text[:65536])
    return match.group(1) if match else None


def parse_date(text: str) -> date | None:
    """2019-07-31, 2019/7/31, 2019.7.31 or 2019年7月31日; None when it is not a date."""
    match = _DATE.match(text or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


class _Fields:
    """Reads the plain tree, collecting every problem with its line and field."""

    def __init__(self, filename: str, lines: dict):
        self.file = filename
        self.lines = lines
        self.errors: list[Finding] = []

    def location(self, path: tuple) -> Location:
        probe = path
        while probe not in self.lines and probe:
            probe = probe[:-1]
        return Location(file=self.file, line=self.lines.get(probe), field=_dotted(path) if path else None)

    def error(self, code: str, message: str, path: tuple) -> None:
        self.errors.append(Finding(code, message, self.location(path)))

    def mapping(self, data: Any, path: tuple, what: str, allowed: tuple[str, ...]) -> dict:
        if data is None:
            return {}
        if not isinstance(data, dict):
            self.error("schema", f"{what}应为映射（键: 值）", path)
            return {}
        for name in data:
            if name not in allowed:
                hint = difflib.get_close_matches(name, allowed, n=1)
                suggestion = f"，是否应为“{hint[0]}”？" if hint else f"；可用字段：{'、'.join(allowed)}"
                self.error("schema", f"{what}中有未知字段“{name}”{suggestion}", path + (name,))
        return data

    def items(self, data: Any, path: tuple, what: str) -> list:
        if data is None:
            return []
        if not isinstance(data, list):
            self.error("schema", f"{what}应为列表", path)
            return []
        return data

    def text(self, data: dict, name: str, path: tuple, what: str) -> str:
        value = data.get(name, "")
        if value is None:
            return ""
        if not isinstance(value, str):
            self.error("schema", f"{what}应为文本", path + (name,))
            return ""
        return value.strip()

    def required(self, data: dict, name: str, path: tuple, what: str) -> str:
        value = self.text(data, name, path, what)
        if not value:
            self.error("missing-field", f"缺少必填字段“{name}”（{what}）", path + (name,))
        return value

    def decimal(self, data: dict, name: str, path: tuple, what: str) -> Decimal | None:
        value = self.text(data, name, path, what)
        if is_blank(value):
            return None
        try:
            number = parse_decimal(value)
        except ValueError:
            self.error("not-a-number", f"{what}“{value}”不是数字", path + (name,))
            return None
        if number < 0:
            self.error("negative-number", f"{what}“{value}”不能为负数", path + (name,))
            return None
        return number

    def year(self, data: dict) -> int | None:
        value = self.text(data, "year", (), "年度")
        if not value:
            return None
        if not re.fullmatch(r"\d{4}", value):
            self.error("not-a-year", f"年度“{value}”不是四位数字", ("year",))
            return None
        return int(value)

    def choice(self, data: dict, name: str, path: tuple, what: str, choices: tuple[str, ...]) -> str:
        value = self.text(data, name, path, what)
        if value and value not in choices:
            self.error("schema", f"{what}“{value}”不在可选范围内（可选：{'、'.join(choices)}）", path + (name,))
            return ""
        return value

    def value(self, data: dict, name: str, path: tuple, what: str) -> Value:
        return parse_value(self.text(data, name, path, what))

    def goal(self, data: dict, path: tuple) -> int | None:
        value = self.text(data, "goal", path, "所属子目标序号")
        if not value:
            return None
        if not value.isdigit() or int(value) < 1:
            self.error("not-an-integer", f"所属子目标序号“{value}”不是正整数", path + ("goal",))
            return None
        return int(value)

    def levels(self, item: dict, path: tuple, previous: tuple[str, str], what: str) -> tuple[str, str]:
        level1 = self.text(item, "level1", path, "一级指标") or previous[0]
        level2 = self.text(item, "level2", path, "二级指标") or (previous[1] if level1 == previous[0] else "")
        if not level1:
            self.error("missing-field", f"{what}缺少一级指标（level1），也没有上一行可沿用", path + ("level1",))
        return level1, level2

    def declared_weights(self, data: Any, path: tuple) -> tuple[tuple[str, Decimal], ...]:
        if data is None:
            return ()
        if not isinstance(data, dict):
            self.error("schema", "声明的一级指标分值应为映射（一级指标: 分值）", path)
            return ()
        weights = []
        for name in data:
            number = self.decimal(data, name, path, f"一级指标“{name}”的分值")
            if number is not None:
                weights.append((name, number))
        return tuple(weights)

    def raise_errors(self) -> None:
        if self.errors:
            raise InputError(sorted(self.errors, key=lambda f: f.location.line or 0))


def _tree(source: Source) -> tuple[Any, dict]:
    text = source.text(MAX_BYTES)
    node = _compose(text, source.name)
    return _plain(node, source.name)


def _top(fields: _Fields, data: Any, what: str, allowed: tuple[str, ...]) -> dict:
    if not isinstance(data, dict):
        fields.error("not-a-mapping", f"文件内容应为一张{what}（键: 值 的映射）", ())
        fields.raise_errors()
    return fields.mapping(data, (), what, allowed)


# -- the declaration ----------------------------------------------------------------------


def read_declaration(source: Source) -> Declaration:
    data, lines = _tree(source)
    fields = _Fields(source.name, lines)
    data = _top(fields, data, "绩效目标申报表", DECLARATION_FIELDS)
    funds = fields.mapping(data.get("funds"), ("funds",), "项目资金", ("unit", "budget"))
    unit_text = fields.text(funds, "unit", ("funds",), "资金单位") or "万元"
    indicators = []
    previous = ("", "")
    for index, item in enumerate(fields.items(data.get("indicators"), ("indicators",), "绩效指标")):
        path = ("indicators", index)
        item = fields.mapping(item, path, f"第{index + 1}个指标", DECLARED_FIELDS)
        name = fields.required(item, "name", path, "三级指标")
        previous = fields.levels(item, path, previous, f"指标“{name}”")
        grades = fields.mapping(item.get("grades"), path + ("grades",), f"指标“{name}”的分档标准", GRADE_WORDS)
        standard = fields.text(item, "standard", path, "预算支出标准")
        line = lines.get(path)
        indicators.append(DeclaredIndicator(
            level1=previous[0], level2=previous[1], name=name,
            target=fields.value(item, "target", path, "指标值"),
            weight=fields.decimal(item, "weight", path, f"指标“{name}”的分值"),
            basis=fields.text(item, "basis", path, "指标值设定依据"),
            basis_note=fields.text(item, "basis_note", path, "依据说明"),
            data_source=fields.text(item, "data_source", path, "数据来源"),
            method=fields.text(item, "method", path, "取值方式"),
            grades=tuple((word, fields.text(grades, word, path + ("grades",), f"“{word}”档的标准"))
                         for word in GRADE_WORDS if word in grades),
            standard=parse_value(standard) if standard else None,
            goal=fields.goal(item, path),
            location=Location(file=source.name, line=line, field=_dotted(path)),
        ))
    adjustments = []
    for index, item in enumerate(fields.items(data.get("adjustments"), ("adjustments",), "调整批复")):
        path = ("adjustments", index)
        item = fields.mapping(item, path, f"第{index + 1}项调整", ADJUSTMENT_FIELDS)
        adjustments.append(Adjustment(
            indicator=fields.required(item, "indicator", path, "调整的指标"),
            approval=fields.required(item, "approval", path, "调整的批复文号或依据"),
            target=fields.text(item, "target", path, "调整后的指标值") or None,
            weight=fields.decimal(item, "weight", path, "调整后的分值"),
            location=Location(file=source.name, line=lines.get(path), field=_dotted(path)),
        ))
    goals = []
    for index, goal in enumerate(fields.items(data.get("goals"), ("goals",), "年度目标")):
        if isinstance(goal, str):
            goals.append(goal.strip())
        else:
            fields.error("schema", "年度目标的每一项应为文本", ("goals", index))
    declaration = Declaration(
        project=fields.required(data, "project", (), "项目名称"),
        unit=fields.text(data, "unit", (), "实施单位"),
        department=fields.text(data, "department", (), "主管部门"),
        year=fields.year(data),
        kind=Kind.PROJECT,
        funds_unit=parse_unit(unit_text),
        budget=fields.decimal(funds, "budget", ("funds",), "年度资金总额"),
        goals=tuple(goals),
        indicators=tuple(indicators),
        declared_weights=fields.declared_weights(data.get("declared_weights"), ("declared_weights",)),
        execution_weight=fields.decimal(data, "execution_weight", (), "预算执行率分值") or Decimal(10),
        approval=fields.text(data, "approval", (), "批复文号"),
        adjustments=tuple(adjustments),
        note=fields.text(data, "note", (), "说明"),
        location=Location(file=source.name, line=1),
    )
    if not indicators:
        fields.error("missing-field", "申报表中没有绩效指标（indicators）", ("indicators",))
    fields.raise_errors()
    return declaration


def declaration_document(declaration: Declaration, source: str) -> Document:
    return Document(source=source, kind=DocKind.DECLARATION, project=declaration.project,
                    location=declaration.location or Location(file=source), unit=declaration.unit,
                    declaration=declaration)


# -- the monitoring table -----------------------------------------------------------------


def known_schedule(fields: "_Fields", name: str) -> str:
    """The warning lines a table names must exist (built in, or added from a deployment's file)."""
    from ..monitor.schedule import SCHEDULES

    if name not in SCHEDULES:
        fields.error("schema", f"未知的预警线“{name}”，可用：{'、'.join(SCHEDULES)}（或用 --schedule 指定预警线文件）",
                     ("warnings", "schedule"))
        return "national"
    return name


def read_monitoring(source: Source) -> MonitoringTable:
    data, lines = _tree(source)
    fields = _Fields(source.name, lines)
    data = _top(fields, data, "绩效目标执行监控表", MONITORING_FIELDS)
    funds = fields.mapping(data.get("funds"), ("funds",), "项目资金", ("unit", "budget", "executed"))
    settings = fields.mapping(data.get("warnings"), ("warnings",), "预警设置", WARNING_FIELDS)
    as_of_text = fields.required(data, "as_of", (), "监控截止日期")
    as_of = parse_date(as_of_text)
    if as_of_text and as_of is None:
        fields.error("not-a-date", f"监控截止日期“{as_of_text}”不是日期（应写作 2019-07-31）", ("as_of",))
    year = fields.year(data)
    if as_of is not None and year is not None and as_of.year != year:
        fields.error("not-a-date", f"监控截止日期“{as_of_text}”不在{year}年度内", ("as_of",))
    profile = fields.text(data, "profile", (), "评分方案") or "national"
    if profile not in PROFILES:
        fields.error("unknown-profile", f"未知的评分方案“{profile}”，可用：{'、'.join(PROFILES)}", ("profile",))
        profile = "national"
    indicators = []
    previous = ("", "")
    for index, item in enumerate(fields.items(data.get("indicators"), ("indicators",), "绩效指标")):
        path = ("indicators", index)
        item = fields.mapping(item, path, f"第{index + 1}个指标", MONITORED_FIELDS)
        name = fields.required(item, "name", path, "三级指标")
        previous = fields.levels(item, path, previous, f"指标“{name}”")
        indicators.append(MonitoredIndicator(
            level1=previous[0], level2=previous[1], name=name,
            target=fields.value(item, "target", path, "年度指标值"),
            weight=fields.decimal(item, "weight", path, f"指标“{name}”的分值"),
            to_date=fields.value(item, "to_date", path, "截至目前完成值"),
            forecast=fields.value(item, "forecast", path, "全年预计完成值"),
            likelihood=fields.choice(item, "likelihood", path, "完成目标可能性", LIKELIHOODS),
            cause=fields.choice(item, "cause", path, "偏差原因类型", CAUSES),
            explanation=fields.text(item, "explanation", path, "原因说明"),
            measure=fields.text(item, "measure", path, "纠偏措施"),
            location=Location(file=source.name, line=lines.get(path), field=_dotted(path)),
        ))
    gap = fields.decimal(settings, "gap", ("warnings",), "目标与支出进度的差距界线（百分点）")
    table = MonitoringTable(
        project=fields.required(data, "project", (), "项目名称"),
        as_of=as_of or date(year or 2000, 1, 1),
        unit=fields.text(data, "unit", (), "实施单位"),
        department=fields.text(data, "department", (), "主管部门"),
        year=year if year is not None else (as_of.year if as_of else None),
        funds_unit=parse_unit(fields.text(funds, "unit", ("funds",), "资金单位") or "万元"),
        budget=fields.decimal(funds, "budget", ("funds",), "全年预算数"),
        executed=fields.decimal(funds, "executed", ("funds",), "预算执行数"),
        indicators=tuple(indicators),
        profile=profile,
        schedule=known_schedule(fields, fields.text(settings, "schedule", ("warnings",), "预警线") or "national"),
        gap=gap if gap is not None else Decimal(10),
        method=fields.choice(settings, "method", ("warnings",), "全年预计的推算方法", METHODS) or "unit",
        note=fields.text(data, "note", (), "说明"),
        location=Location(file=source.name, line=1),
        budget_location=fields.location(("funds", "budget")),
        executed_location=fields.location(("funds", "executed")),
    )
    fields.raise_errors()
    return table


def monitoring_document(table: MonitoringTable, source: str) -> Document:
    return Document(source=source, kind=DocKind.MONITORING, project=table.project,
                    location=table.location or Location(file=source), unit=table.unit, monitoring=table)


def read_package(source: Source, kind: str) -> Package:
    if kind == "declaration":
        return Package(source.name, (declaration_document(read_declaration(source), source.name),))
    return Package(source.name, (monitoring_document(read_monitoring(source), source.name),))


__all__ = ["BASES", "KINDS", "parse_date", "plan_kind", "read_declaration", "read_monitoring", "read_package"]


def plan_package(source: Source) -> Package | None:
    """The file's declaration or monitoring table when its `kind` says it holds one; None for
    an evaluation file (the evaluation reader takes it then)."""
    kind = plan_kind(source.text(MAX_BYTES))
    return read_package(source, kind) if kind else None
