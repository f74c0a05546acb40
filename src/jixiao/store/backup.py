"""Backup and restore of one unit's data as a JSON file: every project with its rows, the
review (the reviewer's overall note, who reviewed when, the unit's reason for submitting, the
marks on findings), its history, a department's own figures and the report's own text; and the
unit's target declarations, monitoring tables and indicator links. Decimals are exact strings,
people are named by their username, declarations and monitoring tables are their YAML files.

A restore validates the whole file before changing anything: its own structure (every
field present, of its type and size, the enums of the store), then each project as the
YAML evaluation file it stands for, read by the same loader as an import (`jixiao.api`:
schema, kinds, sources, profiles, rules, numbers and their domain), each declaration and
monitoring table by the same reader as an upload, each mark's code against the catalog, and
each person named against the accounts of this installation. A file with any problem is
refused with the first problems listed, each naming the project (or document) and the field.
Files of format version 1 (projects without these parts) are still restored."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import api
from ..decimals import plain
from ..findings import InputError
from ..prose import SECTIONS
from . import models as m
from .access import year_is_open
from .convert import StoreError, document_yaml, project_document
from .edits import parse_amount
from .plan_models import DeclarationChange, IndicatorLink, StoredDeclaration, StoredMonitoring

FORMAT = "jixiao-unit-backup"
FORMAT_VERSION = 2
VERSIONS = (1, 2)

PROJECT_FIELDS_V1 = ("year", "kind", "name", "department", "profile", "funds_unit", "declared_weights",
                     "reported_total", "status", "version")
PROJECT_FIELDS = PROJECT_FIELDS_V1 + ("department_figures", "report_text", "review_note", "reviewed_by",
                                      "reviewed_at", "submit_note")
MARK_FIELDS = ("key", "code", "status", "note", "user", "at")
DECLARATION_FIELDS = ("year", "name", "content", "user", "created_at", "updated_at")
MONITORING_FIELDS = ("year", "name", "as_of", "content", "user", "created_at", "updated_at")
LINK_FIELDS = ("project", "old_name", "new_name", "user", "created_at")
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
# Texts kept in columns of a fixed width (models.py, plan_models.py): longer ones would not fit.
WIDTHS = {"kind": 20, "name": 300, "department": 200, "profile": 50, "funds_unit": 20, "status": 20,
          "source": 20, "level1": 100, "level2": 100, "username": 80, "reviewed_by": 80, "user": 80, "key": 400,
          "code": 80,
          "note": 1000, "project": 300, "old_name": 300, "new_name": 300, "at": 40, "reviewed_at": 40,
          "created_at": 40, "updated_at": 40, "as_of": 10, "content": 2_000_000}
NONEMPTY = {"kind", "name", "status", "source", "key", "code", "content", "project", "old_name", "new_name"}
DATETIMES = {"at", "reviewed_at", "created_at", "updated_at"}
# People the store refers to by account (who reviewed, who marked a finding, who last saved a
# document), named by username: null when there is none (never reviewed; the account removed
# before the backup), else an account that must exist here, or the restore is refused. (The
# history keeps a username as text: `username` there is only text.)
ACCOUNTS = {"reviewed_by": "reviewed_by", "user": "user_id"}
NULLABLE = {"reviewed_at", *ACCOUNTS}
BLOCKS = {"department_figures", "report_text"}     # JSON text of the YAML file's blocks, or ""
TOP_FIELDS_V1 = ("format", "format_version", "unit", "projects")
TOP_FIELDS = TOP_FIELDS_V1 + ("declarations", "monitoring", "links")
DOCUMENTS = ("declarations", "monitoring", "links")

MAX_PROJECTS = 1000
MAX_DOCUMENTS = 1000     # declarations, monitoring tables or links, each
MAX_BLOCK_DEPTH = 6      # department_figures › three_public › items › [i] › reported is 5
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
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


# The column holding a document's account reference (`user` in the file).
_ACCOUNT_COLUMNS = {StoredDeclaration: "updated_by", StoredMonitoring: "updated_by", IndicatorLink: "created_by"}


def _row(obj: object, fields: tuple[str, ...], people: dict[int, str] | None = None) -> dict:
    """A record's fields; a person (ACCOUNTS) by the username of the account it refers to."""
    row = {}
    for name in fields:
        if name in ACCOUNTS:
            user_id = getattr(obj, _ACCOUNT_COLUMNS.get(type(obj), ACCOUNTS[name]))
            row[name] = (people or {}).get(user_id) if user_id is not None else None
        else:
            row[name] = _dump(getattr(obj, name))
    return row


def backup_unit(session: Session, unit: m.Unit) -> dict:
    projects = list(session.scalars(select(m.Project).where(m.Project.unit_id == unit.id).order_by(m.Project.id)))
    declarations = list(session.scalars(select(StoredDeclaration).where(StoredDeclaration.unit_id == unit.id)
                                        .order_by(StoredDeclaration.year, StoredDeclaration.name)))
    tables = list(session.scalars(select(StoredMonitoring).where(StoredMonitoring.unit_id == unit.id)
                                  .order_by(StoredMonitoring.as_of, StoredMonitoring.name)))
    links = list(session.scalars(select(IndicatorLink).where(IndicatorLink.unit_id == unit.id)
                                 .order_by(IndicatorLink.project, IndicatorLink.old_name)))
    people = dict(session.execute(select(m.User.id, m.User.username)).all())
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "unit": {"name": unit.name, "department": unit.department},
        "projects": [
            {
                **_row(project, PROJECT_FIELDS, people),
                **{key: [_row(child, fields) for child in getattr(project, key)] for key, (_, fields) in CHILDREN.items()},
                "history": [_row(change, HISTORY_FIELDS) for change in reversed(project.history)],
                "marks": [_row(mark, MARK_FIELDS, people) for mark in sorted(project.marks, key=lambda k: k.key)],
            }
            for project in projects
        ],
        "declarations": [{**_row(stored, DECLARATION_FIELDS, people),
                          "history": [_row(change, HISTORY_FIELDS) for change in reversed(stored.history)]}
                         for stored in declarations],
        "monitoring": [_row(stored, MONITORING_FIELDS, people) for stored in tables],
        "links": [_row(link, LINK_FIELDS, people) for link in links],
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
    if value is None and name in NULLABLE:
        return None
    if not isinstance(value, str):
        fail(f"应为文本，而不是{_shown(value)}")
        return None
    problem = _text_problem(value, WIDTHS.get(name))
    if problem is None and name in NONEMPTY and not value.strip():
        problem = "不能为空"
    if problem:
        fail(problem)
        return None
    if name in DATETIMES:
        try:
            when = datetime.fromisoformat(value)
        except ValueError:
            fail(f"应为日期时间（如 2024-05-01T09:30:00），而不是{_shown(value)}")
            return None
        return when.astimezone(timezone.utc).replace(tzinfo=None) if when.tzinfo else when
    if name == "as_of":
        try:
            return date.fromisoformat(value)
        except ValueError:
            fail(f"应为日期（如 2019-07-31），而不是{_shown(value)}")
            return None
    return value


_UNPARSED = object()


def _parsed(value: str, fail) -> object:
    """JSON kept as text, parsed; _UNPARSED after fail(…) when it is not JSON."""
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        fail("不是有效的 JSON 文本")
        return _UNPARSED


def _json_text(value: str, fail, *, rule: bool) -> None:
    """declared_weights (an object of texts) and rule_json ("" or a rule's parameters) are
    JSON kept as text: they must parse, and nest no deeper than their kind does."""
    if rule and value == "":
        return
    parsed = _parsed(value, fail)
    if parsed is _UNPARSED:
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


def _block_text(name: str, value: str, fail) -> None:
    """department_figures and report_text are the YAML file's blocks as JSON text ("" for
    none): an object of texts and lists of texts, nesting no deeper than the block does. What
    they hold is read by the loader with the rest of the project (_check_document)."""
    if value == "":
        return
    parsed = _parsed(value, fail)
    if parsed is _UNPARSED:
        return
    if not isinstance(parsed, dict) or _depth(parsed) > MAX_BLOCK_DEPTH:
        fail("应为不超过6层的 JSON 对象")
        return
    stack = list(parsed.values())
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            stack.extend(item.values() if isinstance(item, dict) else item)
        elif not isinstance(item, str):
            fail(f"的值应为文本，而不是{_shown(item)}")
            return
    if name == "report_text" and any(key not in SECTIONS for key in parsed):
        fail(f"只能有以下部分：{'、'.join(SECTIONS)}")


def _checked_rows(rows: object, name: str, fields: tuple[str, ...], model, label: str, add) -> list | None:
    """The records of one list of a part (a project's indicators, its history, a declaration's
    history), each checked and built as `model`; None when any is wrong (each said)."""
    if not isinstance(rows, list):
        add(f"{label}的“{name}”应为列表")
        return None
    built, ok = [], True
    for position, row in enumerate(rows):
        values = _fields(row, fields, f"{label}的{name}[{position}]", add)
        if values is None:
            ok = False
        else:
            built.append(model(**values))
    return built if ok else None


def _fields(obj: object, fields: tuple[str, ...], where: str, add) -> dict | None:
    """The stored values of one record: every field present, none unknown, each valid."""
    if not isinstance(obj, dict):
        add(f"{where}应为 JSON 对象")
        return None
    missing = [name for name in fields if name not in obj]
    unknown = [name for name in obj if name not in fields and name not in CHILDREN and name not in ("history", "marks")]
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
        if ok and name in BLOCKS:
            _block_text(name, obj[name], fail)
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
    reviewer: str | None = None
    marks: list[tuple[m.FindingMark, str | None]] = field(default_factory=list)  # (mark, its user's username)


def _check_marks(rows: object, label: str, add) -> list[tuple[m.FindingMark, str | None]] | None:
    """A project's marks on findings: each of a known status and a code of the catalog, one per finding."""
    if not isinstance(rows, list):
        add(f"{label}的“marks”应为列表")
        return None
    codes = {entry.code for entry in api.catalog()}
    statuses = {status.value for status in m.MarkStatus}
    marks, seen, ok = [], set(), True
    for position, row in enumerate(rows):
        where = f"{label}的marks[{position}]"
        values = _fields(row, MARK_FIELDS, where, add)
        if values is None:
            ok = False
            continue
        if values["status"] not in statuses:
            add(f"{where}的“status”“{values['status']}”不正确，可用：{'、'.join(sorted(statuses))}")
            ok = False
        if values["code"] not in codes:
            add(f"{where}的“code”“{values['code'][:40]}”不是 jixiao 的审核发现代码")
            ok = False
        if values["key"] in seen:
            add(f"{where}与前面的标记是同一处审核发现（“key”相同），只能出现一次")
            ok = False
        seen.add(values["key"])
        user = values.pop("user")
        marks.append((m.FindingMark(**values), user))
    return marks if ok else None


def _check_project(index: int, item: object, add, version: int) -> _Checked | None:
    """One project of the file as unsaved rows, or None after add(problem…)."""
    label = _label(index, item)
    values = _fields(item, PROJECT_FIELDS if version >= 2 else PROJECT_FIELDS_V1, label, add)
    if values is None:
        return None
    if values["status"] not in {s.value for s in m.Status}:
        add(f"{label}的“status”“{values['status']}”不正确，可用：{'、'.join(s.value for s in m.Status)}")
        return None
    reviewer = values.pop("reviewed_by", None)
    for name in ("department_figures", "report_text", "review_note", "submit_note"):
        values.setdefault(name, "")   # a version 1 file has none of them
    project = m.Project(**values)
    ok = True
    for key, (cls, fields) in CHILDREN.items():
        built = _checked_rows(item.get(key, []), key, fields, cls, label, add)
        if built is None:
            ok = False
        else:
            setattr(project, key, built)
    changes = _checked_rows(item.get("history", []), "history", HISTORY_FIELDS, m.Change, label, add)
    if changes is None:
        return None
    marks = _check_marks(item.get("marks", []), label, add) if version >= 2 else []
    if marks is None:
        ok = False
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
    return _Checked(project, label, reviewer, marks) if ok else None


def _check_document(project: m.Project, unit: m.Unit, label: str, add) -> None:
    """The project as the YAML file it stands for, read by the import's own loader (its
    department's figures and report text included)."""
    stand_in = m.Unit(name=unit.name, department=unit.department)  # unsaved: nothing is attached
    project.unit = stand_in
    try:
        text = document_yaml(project_document(project))
        package = api.read_bytes(text.encode("utf-8"), f"{label}", suffix=".yaml")
    except InputError as error:
        for finding in error.findings:
            field_name = _backup_field(finding.location.field)
            add(f"{label}" + (f"（{field_name}）" if field_name else "") + f"：{finding.message}")
        return
    except (ValueError, ArithmeticError, RecursionError) as error:  # a reader's slip is still a refusal
        add(f"{label}无法按自评表读取（{type(error).__name__}）")
        return
    finally:
        project.unit = None
    if len(package.evaluations) != 1:
        add(f"{label}不是一张自评表")


# --- declarations, monitoring tables and indicator links --------------------------------------

_DOCUMENT_TITLES = {"declarations": ("份申报表", "绩效目标申报表"), "monitoring": ("份监控表", "绩效目标执行监控表"),
                    "links": ("条指标关联", "")}


def _document_label(kind: str, index: int, item: object) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    if kind == "links":
        name = item.get("old_name") if isinstance(item, dict) else None
    shown = f"“{name}”" if isinstance(name, str) and name.strip() and len(name) <= 60 else ""
    return f"第{index}{_DOCUMENT_TITLES[kind][0]}{shown}"


def _read_plan(values: dict, kind: str, label: str, add):
    """A declaration's or monitoring table's YAML, read by the one reader as an upload is."""
    try:
        package = api.read_bytes(values["content"].encode("utf-8"), label, suffix=".yaml")
    except InputError as error:
        for finding in error.findings:
            add(f"{label}的“content”：{finding.message}")
        return None
    except (ValueError, ArithmeticError, RecursionError) as error:
        add(f"{label}的“content”无法读取（{type(error).__name__}）")
        return None
    attribute = "declaration" if kind == "declarations" else "monitoring"
    found = [getattr(d, attribute) for d in package.documents if getattr(d, attribute) is not None]
    if len(package.documents) != 1 or len(found) != 1:
        add(f"{label}的“content”不是一张{_DOCUMENT_TITLES[kind][1]}")
        return None
    return found[0]


@dataclass
class _Plan:
    kind: str          # declarations | monitoring | links
    row: object        # an unsaved StoredDeclaration, StoredMonitoring or IndicatorLink
    user: str | None
    label: str
    history: list = field(default_factory=list)   # a declaration's DeclarationChange rows, oldest first

    @property
    def key(self) -> tuple:
        row = self.row
        if self.kind == "declarations":
            return (row.year, row.name)
        if self.kind == "monitoring":
            return (row.name, row.as_of)
        return (row.project, row.old_name)

    @property
    def year(self) -> int | None:
        return self.row.year if self.kind != "links" else None


def _check_plan(kind: str, index: int, item: object, unit: m.Unit, add) -> _Plan | None:
    label = _document_label(kind, index, item)
    fields = {"declarations": DECLARATION_FIELDS, "monitoring": MONITORING_FIELDS, "links": LINK_FIELDS}[kind]
    # _fields lets a project's history and marks through; of these only a declaration has a history.
    extra = [name for name in ("history", "marks") if isinstance(item, dict) and name in item
             and not (name == "history" and kind == "declarations")]
    if extra:
        add(f"{label}有未知字段“{'”“'.join(extra)}”")
        return None
    values = _fields(item, fields, label, add)
    if values is None:
        return None
    history = (_checked_rows(item.get("history", []), "history", HISTORY_FIELDS, DeclarationChange, label, add)
               if kind == "declarations" else [])
    if history is None:
        return None
    user = values.pop("user")
    if kind == "links":
        if values["old_name"].strip() == values["new_name"].strip():
            add(f"{label}的改名前后名称相同")
            return None
        return _Plan(kind, IndicatorLink(**values), user, label)
    document = _read_plan(values, kind, label, add)
    if document is None:
        return None
    if kind == "declarations":
        if (document.year, document.project) != (values["year"], values["name"]):
            add(f"{label}的“content”是{document.year}年度“{document.project[:60]}”的申报表，与“year”“name”不符")
            return None
        values["content"] = api.declaration_yaml(replace(document, unit=unit.name))
        return _Plan(kind, StoredDeclaration(**values), user, label, history)
    if (document.as_of, document.project) != (values["as_of"], values["name"]) or values["year"] != document.as_of.year:
        add(f"{label}的“content”是“{document.project[:60]}”截至{document.as_of.isoformat()}的监控表，"
            f"与“year”“name”“as_of”不符")
        return None
    values["content"] = api.monitoring_yaml(replace(document, unit=unit.name))
    return _Plan(kind, StoredMonitoring(**values), user, label)


# --- the whole file -------------------------------------------------------------------------


@dataclass
class Restorable:
    """A checked backup as unsaved rows: nothing of it is in the database yet."""

    projects: list[_Checked]
    plans: list[_Plan]
    accounts: dict[str, int]       # username → id of every person the file names


def _check_accounts(session: Session, checked: list[_Checked], plans: list[_Plan], add) -> dict[str, int]:
    """Every person the file names by account exists here (else the restore is refused), and
    the history's usernames that are accounts here (shown by their display names)."""
    named: list[tuple[str, str, str]] = []   # (username, where, field)
    for entry in checked:
        if entry.reviewer is not None:
            named.append((entry.reviewer, entry.label, "reviewed_by"))
        named += [(user, f"{entry.label}的标记“{mark.key[:40]}”", "user") for mark, user in entry.marks if user is not None]
    named += [(plan.user, plan.label, "user") for plan in plans if plan.user is not None]
    wanted = {name for name, _, _ in named} | {c.username for entry in checked for c in entry.project.history
                                               if c.username}
    accounts = dict(session.execute(select(m.User.username, m.User.id).where(m.User.username.in_(wanted))).all()) \
        if wanted else {}
    for name, where, field_name in named:
        if name not in accounts:
            add(f"{where}的“{field_name}”：账户“{name[:40]}”在本系统中不存在；请先由管理员添加该账户")
    return accounts


def check_backup(session: Session, data: object, unit: m.Unit) -> Restorable:
    """Everything of the backup as unsaved rows, after checking the whole file; else
    BackupRefused with the first problems. Nothing in the database is changed."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupRefused(["不是 jixiao 单位备份文件"])
    version = data.get("format_version")
    if isinstance(version, bool) or version not in VERSIONS:
        raise BackupRefused([f"不支持的备份文件版本：{version if isinstance(version, int) else '未知'}"])
    top = TOP_FIELDS if version >= 2 else TOP_FIELDS_V1
    unknown = [str(key)[:40] for key in data if key not in top]
    if unknown:
        raise BackupRefused([f"备份文件有未知字段“{'”“'.join(unknown[:5])}”"])
    projects = data.get("projects")
    if not isinstance(projects, list):
        raise BackupRefused(["备份文件缺少项目列表（projects）"])
    if len(projects) > MAX_PROJECTS:
        raise BackupRefused([f"备份文件有{len(projects)}个项目，超过上限{MAX_PROJECTS}个"])
    documents: dict[str, list] = {}
    for kind in (DOCUMENTS if version >= 2 else ()):
        rows = data.get(kind)
        if not isinstance(rows, list):
            raise BackupRefused([f"备份文件缺少“{kind}”列表"])
        if len(rows) > MAX_DOCUMENTS:
            raise BackupRefused([f"备份文件的“{kind}”有{len(rows)}项，超过上限{MAX_DOCUMENTS}项"])
        documents[kind] = rows
    problems = _Problems()
    checked: list[_Checked] = []
    plans: list[_Plan] = []
    try:
        for index, item in enumerate(projects, 1):
            entry = _check_project(index, item, problems.add, version)
            if entry is not None:
                checked.append(entry)
        seen: dict[tuple, str] = {}
        for entry in checked:
            key = (entry.project.year, entry.project.kind, entry.project.name)
            if key in seen:
                problems.add(f"{entry.label}与{seen[key]}是同一年度的同一项目，只能出现一次")
            seen.setdefault(key, entry.label)
        for entry in checked:
            _check_document(entry.project, unit, entry.label, problems.add)
        for kind, rows in documents.items():
            seen = {}
            for index, item in enumerate(rows, 1):
                plan = _check_plan(kind, index, item, unit, problems.add)
                if plan is None:
                    continue
                if plan.key in seen:
                    problems.add(f"{plan.label}与{seen[plan.key]}重复，只能出现一次")
                seen.setdefault(plan.key, plan.label)
                plans.append(plan)
        accounts = _check_accounts(session, checked, plans, problems.add)
        # A closed year is read-only for everyone, restores included.
        with_projects = {entry.project.year for entry in checked}
        for year in sorted(with_projects | {plan.year for plan in plans if plan.year is not None}):
            if not year_is_open(session, year):
                what = "项目" if year in with_projects else "申报表或监控表"
                problems.add(f"{year}年度已关闭（只读），不能恢复该年度的{what}；请先重新开放该年度")
    except _Problems.Full:
        raise BackupRefused(problems.items, more=True) from None
    if problems.items:
        raise BackupRefused(problems.items)
    return Restorable(checked, plans, accounts)


@dataclass
class Restored:
    projects: list[m.Project]
    declarations: int = 0
    monitoring: int = 0
    links: int = 0

    def summary(self) -> str:
        parts = [f"{len(self.projects)} 个项目"]
        parts += [f"{count} {what}" for count, what in ((self.declarations, "张申报表"), (self.monitoring, "张监控表"),
                                                       (self.links, "条指标关联")) if count]
        return "、".join(parts)


def _existing_plan(session: Session, unit: m.Unit, plan: _Plan):
    model = type(plan.row)
    if plan.kind == "declarations":
        where = (model.year == plan.row.year, model.name == plan.row.name)
    elif plan.kind == "monitoring":
        where = (model.name == plan.row.name, model.as_of == plan.row.as_of)
    else:
        where = (model.project == plan.row.project, model.old_name == plan.row.old_name)
    return session.scalar(select(model).where(model.unit_id == unit.id, *where))


def restore_backup(session: Session, data: object, unit: m.Unit, user: m.User) -> Restored:
    """Replace the unit's projects, declarations, monitoring tables and indicator links that
    the file contains (matched by year, kind and name; year and name; name and date; project
    and old name); everything else of the unit is left alone. The whole file is checked first
    (`check_backup`); the restore is recorded in each project's history."""
    restorable = check_backup(session, data, unit)
    accounts = restorable.accounts
    projects = []
    for entry in restorable.projects:
        project = entry.project
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
        for change in project.history:
            change.user_id = accounts.get(change.username)
        project.history = list(project.history) + [
            m.Change(user_id=user.id, username=user.username, field="恢复备份", old="",
                     new=f"由{user.username}从备份文件恢复")]
        project.reviewed_by = accounts.get(entry.reviewer) if entry.reviewer is not None else None
        for mark, who in entry.marks:
            mark.user_id = accounts.get(who) if who is not None else None
        project.marks = [mark for mark, _ in entry.marks]
        project.updated_by = user.id
        project.unit = unit
        session.add(project)
        projects.append(project)
    counts = {"declarations": 0, "monitoring": 0, "links": 0}
    for plan in restorable.plans:
        row = plan.row
        account = accounts.get(plan.user) if plan.user is not None else None
        existing = _existing_plan(session, unit, plan)
        if plan.kind == "links":
            if existing is None:
                existing = IndicatorLink(unit_id=unit.id, project=row.project, old_name=row.old_name)
                session.add(existing)
            existing.new_name, existing.created_at, existing.created_by = row.new_name, row.created_at, account
        else:
            if existing is None:
                existing = type(row)(year=row.year, name=row.name, **({"as_of": row.as_of} if plan.kind == "monitoring" else {}))
                existing.unit = unit
                session.add(existing)
            existing.content, existing.created_at, existing.updated_at = row.content, row.created_at, row.updated_at
            existing.updated_by = account
            if plan.kind == "declarations":
                for change in plan.history:
                    change.user_id = accounts.get(change.username)
                existing.history = plan.history + [DeclarationChange(
                    user_id=user.id, username=user.username, field="恢复备份", old="", new=f"由{user.username}从备份文件恢复")]
        counts[plan.kind] += 1
    session.flush()
    return Restored(projects, **counts)


def restore_unit(session: Session, data: object, unit: m.Unit, user: m.User) -> list[m.Project]:
    """`restore_backup`, giving the projects restored."""
    return restore_backup(session, data, unit, user).projects
