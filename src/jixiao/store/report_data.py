"""A project's report data, edited in the browser while it is with the unit: a department's own
figures (部门整体数据: 职能, 机构, staff by kind, spending by item, 三公经费, other inputs of the
common indicators) and the unit's own report text (主要经验, 存在的问题, 改进措施…, section by
section as the report writer uses them).

The form is the 部门整体数据 sheet of the workbook (render/xlsx_department.py) as rows of texts.
It becomes the YAML file's `department_figures:` and `report_text:` blocks, and those are read
back by the one YAML loader with the rest of the project before anything is saved, so the page
can never store what an import would refuse; every mistake is listed by row and field. One save
is one version (optimistic locking, as for any edit) with a history row for every value that
changed, named by what it is (编制数·合计, 项目支出“招商工作专项”·预算数, 报告文字·存在的问题及原因)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from .. import api
from ..department import GROUP_TITLES, MEASURES
from ..engine.common_indicators import frameworks
from ..findings import InputError
from ..prose import SECTIONS
from ..render.report_project import shortfall_hints
from . import access
from . import models as m
from .convert import StoreError, document_yaml, project_document, stored_blocks
from .edits import bump_version

MAX_ROWS = 300
MAX_LINE = 1000       # one function, institution, name or note
MAX_SECTION = 20000   # one section of the report's own text
FUNDS_UNITS = ("元", "万元", "亿元")
STAFF_BASES = {"establishment": "编制数", "actual": "实有人数"}
# The sheet's groups, in its order: (key, the form's title). Three are single items.
GROUPS = (("basic", "基本支出"), ("projects", "项目支出"), ("functional", "按功能分类"),
          ("three_public_total", "三公经费合计"), ("three_public", "三公经费"), ("activities", "其他支出"),
          ("procurement", "政府采购"), ("carryover", "结转结余"))
GROUP_KEYS = dict(GROUPS)
SINGLE = {"three_public_total": "“三公”经费", "procurement": "政府采购", "carryover": "结转结余"}
ITEM_AMOUNTS = (("initial_budget", "年初预算数"), ("budget", "预算数"), ("actual", "实际支出数"), ("last_year", "上年数"))
ITEM_COUNTS = (("year", "年度"), ("times", "次数"), ("people", "人数"))
# The rows a department's form starts with (the blank sheet's, render/xlsx_department.py).
BLANK_ITEMS = (("basic", "人员经费"), ("basic", "公用经费"), ("projects", ""), ("functional", ""),
               ("three_public_total", "“三公”经费"), ("three_public", "因公出国（境）费"),
               ("three_public", "公务用车购置及运行维护费"), ("three_public", "公务接待费"),
               ("activities", "会议费"), ("activities", "培训费"), ("procurement", "政府采购"),
               ("carryover", "结转结余"))
BLANK_STAFF = (("establishment", "行政编制"), ("establishment", "事业编制"), ("actual", "行政编制"),
               ("actual", "事业编制"))
# The sections of the unit's own text each report prints (render/report_department.py and
# report_project.py): a department's report takes its 概况, 职能 and 机构 from the figures.
DEPARTMENT_SECTIONS = ("experience", "problems", "measures")
PROJECT_SECTIONS = ("overview", "work", "experience", "problems", "measures", "suggestions")
# Sections that should discuss the execution shortfall and the indicators that lost points.
SHORTFALL_SECTIONS = ("problems", "measures")


@dataclass
class StaffRow:
    basis: str = "establishment"     # establishment (编制数) | actual (实有人数)
    kind: str = ""
    count: str = ""
    within: str = ""


@dataclass
class ItemRow:
    group: str = "projects"
    name: str = ""
    year: str = ""
    initial_budget: str = ""
    budget: str = ""
    actual: str = ""
    last_year: str = ""
    times: str = ""
    people: str = ""
    note: str = ""
    # What an imported report stated about the item (占比, 为预算的…): kept, shown, not typed.
    reported: str = ""

    @property
    def is_blank(self) -> bool:
        return not any(getattr(self, name).strip() for name, _ in ITEM_AMOUNTS + ITEM_COUNTS) \
            and not self.note.strip() and not self.reported.strip()

    def stated(self) -> dict[str, str]:
        try:
            data = json.loads(self.reported) if self.reported.strip() else {}
        except ValueError:
            return {}
        return {key: value for key, value in data.items() if key in MEASURES and isinstance(value, str)} \
            if isinstance(data, dict) else {}


@dataclass
class InputRow:
    name: str = ""
    value: str = ""


@dataclass
class ReportForm:
    """The form as typed (texts). `figures` is False for a project's form (its report text only)."""

    figures: bool = True
    unit: str = "万元"
    framework: str = "national"
    overview: str = ""
    functions: str = ""          # one per line
    institutions: str = ""       # one per line
    key_projects: str = ""       # one per line
    establishment_total: str = ""
    actual_total: str = ""
    retired: str = ""
    staff: list[StaffRow] = field(default_factory=list)
    spending_total: str = ""
    items: list[ItemRow] = field(default_factory=list)
    inputs: list[InputRow] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)


def framework_names() -> list[tuple[str, str]]:
    """(name, title) of every common-indicator framework file."""
    registry = frameworks()
    return [(name, registry.get(name).title) for name in registry.names()]


def sections_of(project: m.Project, form: ReportForm | None = None) -> list[str]:
    """The sections the project's report prints, and any other that holds text (never hidden)."""
    wanted = DEPARTMENT_SECTIONS if project.kind == "department" else PROJECT_SECTIONS
    held = form.sections if form is not None else stored_blocks(project).get("report_text", {})
    return [key for key in SECTIONS if key in wanted or (held.get(key) or "").strip()]


def _lines(values) -> str:
    return "\n".join(values or ())


def form_of(project: m.Project) -> ReportForm:
    """The stored blocks as the form shows them; a department without figures gets the blank
    sheet's rows to fill in."""
    blocks = stored_blocks(project)
    prose = blocks.get("report_text", {})
    form = ReportForm(figures=project.kind == "department", sections={k: prose.get(k, "") for k in SECTIONS})
    data = blocks.get("department_figures")
    if data is None:
        if form.figures:
            form.staff = [StaffRow(basis, kind) for basis, kind in BLANK_STAFF]
            form.items = [ItemRow(group, name) for group, name in BLANK_ITEMS]
        return form
    form.unit = data.get("unit", "万元")
    form.framework = data.get("framework", "national")
    form.overview = data.get("overview", "")
    form.functions = _lines(data.get("functions"))
    form.institutions = _lines(data.get("institutions"))
    form.key_projects = _lines(data.get("key_projects"))
    staff = data.get("staff") or {}
    for basis in STAFF_BASES:
        total = staff.get(basis) or {}
        setattr(form, f"{basis}_total", total.get("total", ""))
        form.staff += [StaffRow(basis, kind.get("kind", ""), kind.get("count", ""), kind.get("within", ""))
                       for kind in total.get("kinds", [])]
    form.retired = staff.get("retired", "")
    form.spending_total = data.get("spending_total", "")
    three = data.get("three_public") or {}
    for key, _title in GROUPS:
        if key == "three_public_total":
            entries = [three["total"]] if three.get("total") else []
        elif key == "three_public":
            entries = three.get("items", [])
        elif key in SINGLE:
            entries = [data[key]] if data.get(key) else []
        else:
            entries = data.get(key, [])
        for entry in entries:
            row = ItemRow(key, entry.get("name", SINGLE.get(key, "")), note=entry.get("note", ""),
                          reported=json.dumps(entry["reported"], ensure_ascii=False) if entry.get("reported") else "")
            for name, _ in ITEM_AMOUNTS + ITEM_COUNTS:
                setattr(row, name, entry.get(name, ""))
            form.items.append(row)
    form.inputs = [InputRow(name, value) for name, value in (data.get("inputs") or {}).items()]
    return form


class ReportDataRefused(StoreError):
    """The form has mistakes: every one is listed (row and field), nothing is saved."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


@dataclass
class _Built:
    figures: dict | None
    prose: dict[str, str]
    # The loader's path of each item (department_figures.projects[2]) → the form's row label.
    rows: dict[str, str] = field(default_factory=dict)


def _short(text: str, limit: int, what: str, problems: list[str]) -> str:
    # A browser sends a textarea's line breaks as CRLF; the file and the report use LF.
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > limit:
        problems.append(f"{what}过长（超过{limit}字）")
    return text


def _split(text: str, what: str, problems: list[str]) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_ROWS:
        problems.append(f"{what}超过{MAX_ROWS}行")
    return [_short(line, MAX_LINE, f"{what}第{i}行", problems) for i, line in enumerate(lines[:MAX_ROWS], 1)]


def _row_label(number: int, row: ItemRow) -> str:
    title = GROUP_KEYS.get(row.group, row.group)
    return f"支出第{number}行（{title}{'“' + row.name.strip() + '”' if row.name.strip() else ''}）"


def _figures(form: ReportForm, problems: list[str], rows: dict[str, str]) -> dict | None:
    """The `department_figures:` block the form stands for (None when it is all blank)."""
    data: dict = {}
    if form.unit not in FUNDS_UNITS:
        problems.append(f"金额单位只能是{'、'.join(FUNDS_UNITS)}")
    if form.framework not in frameworks().names():
        problems.append(f"共性指标框架“{form.framework[:40]}”不存在")
    for name, title in (("overview", "单位概况"),):
        text = _short(getattr(form, name), MAX_SECTION, title, problems)
        if text:
            data[name] = text
    for name, title in (("functions", "主要职能"), ("institutions", "内设机构"), ("key_projects", "重点项目")):
        values = _split(getattr(form, name), title, problems)
        if values:
            data[name] = values
    staff: dict = {}
    for basis, title in STAFF_BASES.items():
        total: dict = {}
        count = getattr(form, f"{basis}_total").strip()
        if count:
            total["total"] = count
        kinds = []
        for number, row in enumerate(form.staff, start=1):
            if row.basis != basis:
                continue
            kind = _short(row.kind, 100, f"人员第{number}行的类别", problems)
            if not kind and not row.count.strip():
                continue
            if not kind:
                problems.append(f"人员第{number}行（{title}）：请填写类别")
            entry = {"kind": kind, "count": row.count.strip()}
            if row.within.strip():
                entry["within"] = _short(row.within, 100, f"人员第{number}行的所属类别", problems)
            kinds.append(entry)
        if kinds:
            total["kinds"] = kinds
        if total:
            staff[basis] = total
    for number, row in enumerate(form.staff, start=1):
        if row.basis not in STAFF_BASES:
            problems.append(f"人员第{number}行：口径只能是编制数或实有人数")
    if form.retired.strip():
        staff["retired"] = form.retired.strip()
    if staff:
        staff.setdefault("establishment", {})
        staff.setdefault("actual", {})
        data["staff"] = staff
    if form.spending_total.strip():
        data["spending_total"] = form.spending_total.strip()
    lists: dict[str, list] = {}
    three: dict = {}
    for number, row in enumerate(form.items, start=1):
        label = _row_label(number, row)
        if row.group not in GROUP_KEYS:
            problems.append(f"支出第{number}行：请选择分组")
            continue
        if row.is_blank:
            continue
        name = _short(row.name, MAX_LINE, f"{label}的名称", problems) or SINGLE.get(row.group, "")
        if not name:
            problems.append(f"{label}：请填写名称")
        entry: dict = {"name": name}
        for key, _title in ITEM_AMOUNTS + ITEM_COUNTS:
            value = getattr(row, key).strip()
            if value:
                entry[key] = value[:60]
        stated = row.stated()
        if stated:
            entry["reported"] = stated
        note = _short(row.note, MAX_SECTION, f"{label}的说明", problems)
        if note:
            entry["note"] = note
        if row.group in SINGLE:
            holder, key = (three, "total") if row.group == "three_public_total" else (data, row.group)
            if key in holder:
                problems.append(f"{label}：{GROUP_KEYS[row.group]}只能有一行")
            holder[key] = entry
            path = "department_figures.three_public.total" if row.group == "three_public_total" \
                else f"department_figures.{row.group}"
        else:
            target = three.setdefault("items", []) if row.group == "three_public" else lists.setdefault(row.group, [])
            prefix = "department_figures.three_public.items" if row.group == "three_public" \
                else f"department_figures.{row.group}"
            path = f"{prefix}[{len(target)}]"
            target.append(entry)
        rows[path] = label
    for key, _title in GROUPS:
        if key in lists:
            data[key] = lists[key]
    if three:
        data["three_public"] = three
    inputs = {}
    for number, row in enumerate(form.inputs, start=1):
        name = _short(row.name, 100, f"共性指标输入第{number}行的名称", problems)
        if not name and not row.value.strip():
            continue
        if not name:
            problems.append(f"共性指标输入第{number}行：请填写名称")
        elif name in inputs:
            problems.append(f"共性指标输入第{number}行：“{name}”重复")
        inputs[name] = row.value.strip()[:60]
    if inputs:
        data["inputs"] = inputs
    if not data:
        return None
    # In the YAML writer's order (render/yaml_department.py), national being the default.
    data["unit"] = form.unit
    if form.framework != "national":
        data["framework"] = form.framework
    return {key: data[key] for key in BLOCK_ORDER if key in data}


def build(project: m.Project, form: ReportForm) -> _Built:
    """The blocks the form stands for, checked by the loader with the rest of the project:
    ReportDataRefused lists every mistake, by row and field."""
    problems: list[str] = []
    if len(form.staff) > MAX_ROWS or len(form.items) > MAX_ROWS or len(form.inputs) > MAX_ROWS:
        raise ReportDataRefused([f"每张表最多{MAX_ROWS}行"])
    rows: dict[str, str] = {}
    if form.figures:
        figures = _figures(form, problems, rows)
    else:
        figures = stored_blocks(project).get("department_figures")  # not on a project's form: kept
    prose = {}
    for key, title in SECTIONS.items():
        text = _short(form.sections.get(key, ""), MAX_SECTION, f"报告文字“{title}”", problems)
        if text:
            prose[key] = text
    if problems:
        raise ReportDataRefused(problems)
    built = _Built(figures, prose, rows)
    _read_back(project, built)
    return built


BLOCK_ORDER = ("unit", "framework", "overview", "functions", "institutions", "staff", "spending_total", "basic",
               "projects", "functional", "three_public", "activities", "procurement", "carryover", "key_projects",
               "inputs")
_PATH = re.compile(r"^(department_figures\.(?:three_public\.(?:total|items\[\d+\])|\w+\[\d+\]|procurement|carryover))")
_FIELD_TITLES = {**dict(ITEM_AMOUNTS), **dict(ITEM_COUNTS)}


def _place(field_path: str, rows: dict[str, str]) -> str:
    """Where a loader's finding is on the form: the row of the item, else the part."""
    match = _PATH.match(field_path)
    if match and match.group(1) in rows:
        return rows[match.group(1)]
    if field_path.startswith("department_figures.staff"):
        return "人员情况"
    if field_path.startswith("department_figures.inputs"):
        return "共性指标其他输入"
    if field_path.startswith("department_figures.spending_total"):
        return "支出总额"
    return "部门数据" if field_path.startswith("department_figures") else "报告文字"


def _read_back(project: m.Project, built: _Built) -> None:
    doc = project_document(project)
    doc.pop("department_figures", None)
    doc.pop("report_text", None)
    if built.figures is not None:
        doc["department_figures"] = built.figures
    if built.prose:
        doc["report_text"] = built.prose
    try:
        api.read_bytes(document_yaml(doc).encode("utf-8"), project.name, suffix=".yaml")
    except InputError as error:
        raise ReportDataRefused([f"{_place(f.location.field or '', built.rows)}：{f.message}"
                                 for f in error.findings]) from None


# -- history ---------------------------------------------------------------------------------


def _flat(figures: dict | None, prose: dict[str, str]) -> dict[str, str]:
    """Every value of the blocks by the name the history gives it."""
    out: dict[str, str] = {}
    data = figures or {}
    for key, title in (("unit", "金额单位"), ("framework", "共性指标框架"), ("overview", "单位概况"),
                       ("spending_total", "支出总额")):
        if data.get(key):
            out[f"部门数据·{title}"] = data[key]
    for key, title in (("functions", "主要职能"), ("institutions", "内设机构"), ("key_projects", "重点项目")):
        if data.get(key):
            out[f"部门数据·{title}"] = "\n".join(data[key])
    staff = data.get("staff") or {}
    for basis, title in STAFF_BASES.items():
        total = staff.get(basis) or {}
        if total.get("total"):
            out[f"{title}·合计"] = total["total"]
        for kind in total.get("kinds", []):
            within = f"（其中，属{kind['within']}）" if kind.get("within") else ""
            out[f"{title}·{kind['kind']}{within}"] = kind.get("count", "")
    if staff.get("retired"):
        out["离退休人员"] = staff["retired"]
    three = data.get("three_public") or {}
    groups = [(key, data.get(key, [])) for key in ("basic", "projects", "functional")]
    groups += [("three_public_total", [three["total"]] if three.get("total") else []),
               ("three_public", three.get("items", [])), ("activities", data.get("activities", [])),
               ("procurement", [data["procurement"]] if data.get("procurement") else []),
               ("carryover", [data["carryover"]] if data.get("carryover") else [])]
    for group, entries in groups:
        seen: dict[str, int] = {}
        for entry in entries:
            year = f"（{entry['year']}年）" if entry.get("year") else ""
            base = f"{GROUP_TITLES[group]}“{entry.get('name', '')}”{year}"
            seen[base] = seen.get(base, 0) + 1
            name = base if seen[base] == 1 else f"{base}（第{seen[base]}项）"
            for key, title in ITEM_AMOUNTS + ITEM_COUNTS[1:]:
                if entry.get(key):
                    out[f"{name}·{title}"] = entry[key]
            for measure, value in (entry.get("reported") or {}).items():
                out[f"{name}·报告所列{MEASURES.get(measure, measure)}"] = value
            if entry.get("note"):
                out[f"{name}·说明"] = entry["note"]
            if not any(entry.get(key) for key, _ in ITEM_AMOUNTS + ITEM_COUNTS) and not entry.get("note"):
                out[name] = "（已列出）"
    for name, value in (data.get("inputs") or {}).items():
        out[f"共性指标输入“{name}”"] = value
    for key, text in prose.items():
        out[f"报告文字·{SECTIONS.get(key, key)}"] = text
    return out


def save_report_data(session: Session, project: m.Project, user: m.User, expected_version: int,
                     form: ReportForm) -> list[m.Change]:
    """Apply the form to a project the user may edit; the history says what changed."""
    if not access.can_edit(session, user, project):
        raise StoreError("该项目当前不能由您修改（已提交、已审核通过、年度已关闭或不属于您的单位）")
    built = build(project, form)
    old = stored_blocks(project)
    before = _flat(old.get("department_figures"), old.get("report_text", {}))
    after = _flat(built.figures, built.prose)
    notes = [(name, before.get(name, ""), after.get(name, "")) for name in list(before) + [n for n in after if n not in before]
             if before.get(name, "") != after.get(name, "")]
    figures_json = json.dumps(built.figures, ensure_ascii=False) if built.figures is not None else ""
    prose_json = json.dumps(built.prose, ensure_ascii=False) if built.prose else ""
    changed = built.figures != old.get("department_figures") or built.prose != old.get("report_text", {})
    if project.version != expected_version or changed:
        bump_version(session, project, expected_version, user)
    if changed and not notes:
        notes = [("部门数据", "", "行的顺序已调整")]
    project.department_figures, project.report_text = figures_json, prose_json
    changes = [m.Change(project=project, user_id=user.id, username=user.username, field=f, old=o, new=n)
               for f, o, n in notes]
    session.add_all(changes)
    session.flush()
    return changes


def section_hints(project: m.Project, result) -> dict[str, list[str]]:
    """The data each section of the unit's text should discuss, as the report's prompts name it
    (the execution shortfall, the indicators that lost points); `result` is the project's score."""
    if result is None:
        return {}
    hints = shortfall_hints(result, project.funds_unit or "元")
    return {key: hints for key in SHORTFALL_SECTIONS} if hints else {}


__all__ = ["BLANK_ITEMS", "GROUPS", "FUNDS_UNITS", "STAFF_BASES", "InputRow", "ItemRow", "ReportDataRefused",
           "ReportForm", "StaffRow", "build", "form_of", "framework_names", "save_report_data", "section_hints",
           "sections_of"]
