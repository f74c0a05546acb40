"""Backup and restore of one unit's data as a JSON file: every project with its rows,
review and history, decimals as exact strings.

A restore validates the whole file before changing anything: its own structure (every
field present, of its type and size, the enums of the store), then each project as the
YAML evaluation file it stands for, read by the same loader as an import (`jixiao.api`:
schema, kinds, sources, profiles, rules, numbers and their domain). A file with any
problem is refused with the first problems listed, each naming the project and the field."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import api
from ..decimals import plain
from ..findings import InputError
from . import models as m
from .access import year_is_open
from .convert import StoreError, document_yaml, project_document
from .edits import parse_amount

FORMAT = "jixiao-unit-backup"
FORMAT_VERSION = 1

PROJECT_FIELDS = ("year", "kind", "name", "department", "profile", "funds_unit", "declared_weights",
                  "reported_total", "status", "version")
CHILDREN = {
    "goals": (m.Goal, ("position", "expected", "actual")),
    "fund_lines": (m.FundLine, ("position", "source", "initial_budget", "budget", "executed",
                                "reported_weight", "reported_rate", "reported_score")),
    "indicators": (m.Indicator, ("position", "level1", "level2", "name", "target", "actual", "weight",
                                 "rule_text", "rule_json", "reported_score", "deviation_reason", "goal",
                                 "review_score", "review_comment")),
}
HISTORY_FIELDS = ("username", "at", "field", "old", "new")
DECIMALS = {"reported_total", "initial_budget", "budget", "executed", "reported_weight", "reported_rate",
            "reported_score", "weight", "review_score"}
REQUIRED_DECIMALS = {"weight"}
INTEGERS = {"year": (1, 9999), "version": (1, 2**31 - 1), "position": (0, 2**31 - 1), "goal": (1, 2**31 - 1)}
NULLABLE_INTEGERS = {"goal"}
# Texts kept in columns of a fixed width (models.py): longer ones would not fit.
WIDTHS = {"kind": 20, "name": 300, "department": 200, "profile": 50, "funds_unit": 20, "status": 20,
          "source": 20, "level1": 100, "level2": 100, "username": 80, "at": 40}
NONEMPTY = {"kind", "name", "status", "source"}
TOP_FIELDS = ("format", "format_version", "unit", "projects")

MAX_PROJECTS = 1000
MAX_DEPTH = 12      # the file: object › projects › project › rows › row is 5
MAX_RULE_DEPTH = 4  # a rule's parameters: {"grades": [["及时", "2"], …]} is 3
MAX_NUMBER = 40     # characters of one decimal (the domain itself is the loader's)
MAX_LISTED = 10
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class BackupRefused(StoreError):
    """A backup that is not restored: `problems` lists the first problems found."""

    def __init__(self, problems: list[str], more: bool = False):
        self.problems = list(problems)
        self.more = more
        tail = "；……" if more else ""
        super().__init__("备份文件未恢复，没有做任何修改：" + "；".join(self.problems) + tail)


# --- backup ---------------------------------------------------------------------------


def _dump(value: object) -> object:
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _row(obj: object, fields: tuple[str, ...]) -> dict:
    return {name: _dump(getattr(obj, name)) for name in fields}


def backup_unit(session: Session, unit: m.Unit) -> dict:
    projects = session.scalars(select(m.Project).where(m.Project.unit_id == unit.id).order_by(m.Project.id))
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "unit": {"name": unit.name, "department": unit.department},
        "projects": [
            {
                **_row(project, PROJECT_FIELDS),
                **{key: [_row(child, fields) for child in getattr(project, key)] for key, (_, fields) in CHILDREN.items()},
                "history": [_row(change, HISTORY_FIELDS) for change in reversed(project.history)],
            }
            for project in projects
        ],
    }


def backup_json(session: Session, unit: m.Unit) -> str:
    return json.dumps(backup_unit(session, unit), ensure_ascii=False, indent=1)


# --- reading and checking a backup ------------------------------------------------------


def _depth(value: object) -> int:
    """How deeply lists and objects nest (iteratively: no recursion on hostile input)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def read_backup(data: bytes, name: str = "备份文件") -> object:
    """The JSON of an uploaded backup, or BackupRefused (never another exception)."""
    try:
        value = json.loads(data)
    except RecursionError:
        raise BackupRefused([f"文件“{name}”的嵌套层次过深，不是 jixiao 单位备份文件"]) from None
    except ValueError as error:  # JSONDecodeError, and bytes that are not UTF-8
        where = f"（第{error.lineno}行第{error.colno}列）" if isinstance(error, json.JSONDecodeError) else ""
        raise BackupRefused([f"文件“{name}”不是有效的 JSON{where}"]) from None
    if _depth(value) > MAX_DEPTH:
        raise BackupRefused([f"文件“{name}”的嵌套层次超过{MAX_DEPTH}层，不是 jixiao 单位备份文件"])
    return value


class _Problems:
    """The problems found so far; stops the check once MAX_LISTED are listed."""

    class Full(Exception):
        pass

    def __init__(self):
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if len(self.items) >= MAX_LISTED:
            raise self.Full()
        self.items.append(text)


def _label(index: int, item: object) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    if isinstance(name, str) and name.strip() and len(name) <= 60:
        return f"第{index}个项目“{name}”"
    return f"第{index}个项目"


def _text_problem(value: str, width: int | None) -> str | None:
    if "\x00" in value:
        return "含有空字符"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "含有无效的字符"
    if width is not None and len(value) > width:
        return f"超过{width}个字"
    return None


_KINDS = {bool: "布尔值", int: "过大的整数", float: "JSON 数字", str: "过长或无效的文本", list: "列表", dict: "对象"}
_PRINTABLE = re.compile(r"[^\x00-\x1f\x7f\ud800-\udfff]{0,40}")


def _shown(value: object) -> str:
    """A rejected value as the message may quote it: short and printable, else its kind."""
    if value is None:
        return "空值"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**20:
        return f"“{value}”"
    if isinstance(value, str) and _PRINTABLE.fullmatch(value):
        return f"“{value}”"
    return _KINDS.get(type(value), "其他值")


def _value(name: str, value: object, fail) -> object:
    """The value to store for field `name`, or None after fail(message) on a bad one."""
    if name in DECIMALS:
        if value is None and name not in REQUIRED_DECIMALS:
            return None
        if not isinstance(value, str) or len(value) > MAX_NUMBER or not _DECIMAL.fullmatch(value):
            fail(f"应为写成文本的十进制数（如“614.00”），而不是{_shown(value)}")
            return None
        return Decimal(value)
    if name in INTEGERS:
        if value is None and name in NULLABLE_INTEGERS:
            return None
        low, high = INTEGERS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            fail(f"应为 {low} 至 {high} 的整数，而不是{_shown(value)}")
            return None
        return value
    if not isinstance(value, str):
        fail(f"应为文本，而不是{_shown(value)}")
        return None
    problem = _text_problem(value, WIDTHS.get(name))
    if problem is None and name in NONEMPTY and not value.strip():
        problem = "不能为空"
    if problem:
        fail(problem)
        return None
    if name == "at":
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            fail(f"应为日期时间（如 2024-05-01T09:30:00），而不是“{value}”")
            return None
        return when.astimezone(timezone.utc).replace(tzinfo=None) if when.tzinfo else when
    return value


def _json_text(value: str, fail, *, rule: bool) -> None:
    """declared_weights (an object of texts) and rule_json ("" or a rule's parameters) are
    JSON kept as text: they must parse, and nest no deeper than their kind does."""
    if rule and value == "":
        return
    try:
        parsed = json.loads(value)
    except (ValueError, RecursionError):
        fail("不是有效的 JSON 文本")
        return
    if not isinstance(parsed, dict):
        fail("应为 JSON 对象")
        return
    if rule:
        if not isinstance(parsed.get("kind"), str) or _depth(parsed) > MAX_RULE_DEPTH:
            fail("应为评分规则（含 kind 的 JSON 对象）")
            return
        stack = list(parsed.values())
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif not isinstance(item, str):
                fail("评分规则的参数应为文本或文本的列表")
                return
    elif any(not isinstance(v, str) for v in parsed.values()):
        fail("各一级指标的分值应为文本")


def _fields(obj: object, fields: tuple[str, ...], where: str, add) -> dict | None:
    """The stored values of one record: every field present, none unknown, each valid."""
    if not isinstance(obj, dict):
        add(f"{where}应为 JSON 对象")
        return None
    missing = [name for name in fields if name not in obj]
    unknown = [name for name in obj if name not in fields and name not in CHILDREN and name != "history"]
    if missing:
        add(f"{where}缺少字段“{'”“'.join(missing)}”")
    if unknown:
        add(f"{where}有未知字段“{'”“'.join(str(name)[:40] for name in unknown[:5])}”")
    if missing or unknown:
        return None
    values, ok = {}, True
    for name in fields:
        def fail(message: str, name=name) -> None:
            nonlocal ok
            ok = False
            add(f"{where}的“{name}”{message}")

        values[name] = _value(name, obj[name], fail)
        if ok and name in ("declared_weights", "rule_json"):
            _json_text(obj[name], fail, rule=name == "rule_json")
    return values if ok else None


# The loader names fields by the YAML file's paths; the backup's own names are shown.
_YAML_TO_BACKUP = (
    (re.compile(r"^funds\.lines\[(\d+)\]\.reported\.(weight|rate|score)"), r"fund_lines[\1].reported_\2"),
    (re.compile(r"^funds\.lines\["), "fund_lines["),
    (re.compile(r"^funds\.unit$"), "funds_unit"),
    (re.compile(r"^project$"), "name"),
    (re.compile(r"^(indicators\[\d+\])\.rule(\..*)?$"), r"\1.rule_json"),
)


def _backup_field(field: str | None) -> str:
    text = field or ""
    for pattern, replacement in _YAML_TO_BACKUP:
        text = pattern.sub(replacement, text)
    return text


@dataclass
class _Checked:
    project: m.Project
    label: str


def _check_project(index: int, item: object, add) -> m.Project | None:
    """One project of the file as unsaved rows, or None after add(problem…)."""
    label = _label(index, item)
    values = _fields(item, PROJECT_FIELDS, label, add)
    if values is None:
        return None
    if values["status"] not in {s.value for s in m.Status}:
        add(f"{label}的“status”“{values['status']}”不正确，可用：{'、'.join(s.value for s in m.Status)}")
        return None
    project = m.Project(**values)
    ok = True
    for key, (cls, fields) in CHILDREN.items():
        rows = item.get(key, [])
        if not isinstance(rows, list):
            add(f"{label}的“{key}”应为列表")
            ok = False
            continue
        built = []
        for position, row in enumerate(rows):
            row_values = _fields(row, fields, f"{label}的{key}[{position}]", add)
            if row_values is None:
                ok = False
            else:
                built.append(cls(**row_values))
        setattr(project, key, built)
    history = item.get("history", [])
    if not isinstance(history, list):
        add(f"{label}的“history”应为列表")
        return None
    changes = []
    for position, row in enumerate(history):
        row_values = _fields(row, HISTORY_FIELDS, f"{label}的history[{position}]", add)
        if row_values is None:
            ok = False
        else:
            changes.append(m.Change(**row_values))
    if not ok:
        return None
    for position, indicator in enumerate(project.indicators):
        if indicator.review_score is not None:
            try:
                parse_amount(plain(indicator.review_score), "审核得分")
            except StoreError as error:
                add(f"{label}的indicators[{position}]：{error}")
                ok = False
            else:
                if not 0 <= indicator.review_score <= indicator.weight:
                    add(f"{label}的indicators[{position}]的审核得分{plain(indicator.review_score)}"
                        f"超出0至{plain(indicator.weight)}分")
                    ok = False
    project.history = changes
    return project if ok else None


def _check_document(project: m.Project, unit: m.Unit, label: str, add) -> None:
    """The project as the YAML file it stands for, read by the import's own loader."""
    stand_in = m.Unit(name=unit.name, department=unit.department)  # unsaved: nothing is attached
    project.unit = stand_in
    try:
        text = document_yaml(project_document(project))
        package = api.read_bytes(text.encode("utf-8"), f"{label}", suffix=".yaml")
    except InputError as error:
        for finding in error.findings:
            field = _backup_field(finding.location.field)
            add(f"{label}" + (f"（{field}）" if field else "") + f"：{finding.message}")
        return
    except (ValueError, ArithmeticError, RecursionError) as error:  # a reader's slip is still a refusal
        add(f"{label}无法按自评表读取（{type(error).__name__}）")
        return
    finally:
        project.unit = None
    if len(package.evaluations) != 1:
        add(f"{label}不是一张自评表")


def check_backup(session: Session, data: object, unit: m.Unit) -> list[m.Project]:
    """Every project of the backup as unsaved rows, after checking the whole file; else
    BackupRefused with the first problems. Nothing in the database is changed."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupRefused(["不是 jixiao 单位备份文件"])
    if data.get("format_version") != FORMAT_VERSION:
        shown = data.get("format_version")
        raise BackupRefused([f"不支持的备份文件版本：{shown if isinstance(shown, int) else '未知'}"])
    unknown = [str(key)[:40] for key in data if key not in TOP_FIELDS]
    if unknown:
        raise BackupRefused([f"备份文件有未知字段“{'”“'.join(unknown[:5])}”"])
    projects = data.get("projects")
    if not isinstance(projects, list):
        raise BackupRefused(["备份文件缺少项目列表（projects）"])
    if len(projects) > MAX_PROJECTS:
        raise BackupRefused([f"备份文件有{len(projects)}个项目，超过上限{MAX_PROJECTS}个"])
    problems = _Problems()
    checked: list[_Checked] = []
    try:
        for index, item in enumerate(projects, 1):
            project = _check_project(index, item, problems.add)
            if project is not None:
                checked.append(_Checked(project, _label(index, item)))
        seen: dict[tuple, str] = {}
        for entry in checked:
            key = (entry.project.year, entry.project.kind, entry.project.name)
            if key in seen:
                problems.add(f"{entry.label}与{seen[key]}是同一年度的同一项目，只能出现一次")
            seen.setdefault(key, entry.label)
        for entry in checked:
            _check_document(entry.project, unit, entry.label, problems.add)
        # A closed year is read-only for everyone, restores included.
        for year in sorted({entry.project.year for entry in checked}):
            if not year_is_open(session, year):
                problems.add(f"{year}年度已关闭（只读），不能恢复该年度的项目；请先重新开放该年度")
    except _Problems.Full:
        raise BackupRefused(problems.items, more=True) from None
    if problems.items:
        raise BackupRefused(problems.items)
    return [entry.project for entry in checked]


def restore_unit(session: Session, data: object, unit: m.Unit, user: m.User) -> list[m.Project]:
    """Replace the unit's projects that the file contains (matched by year, kind, name);
    other projects of the unit are left alone. The whole file is checked first
    (`check_backup`); the restore is recorded in each history."""
    projects = check_backup(session, data, unit)
    for project in projects:
        existing = session.scalar(
            select(m.Project).where(
                m.Project.unit_id == unit.id,
                m.Project.year == project.year,
                m.Project.kind == project.kind,
                m.Project.name == project.name,
            )
        )
        if existing is not None:
            session.delete(existing)
            session.flush()
        project.history = list(project.history) + [
            m.Change(user_id=user.id, username=user.username, field="恢复备份", old="",
                     new=f"由{user.username}从备份文件恢复")]
        project.updated_by = user.id
        project.unit = unit
        session.add(project)
    session.flush()
    return projects
