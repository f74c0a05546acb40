"""A target declaration (绩效目标申报表) filled in field by field in the browser: the form's
texts, read back through the one declaration reader, and saved under the user's rights.

The form is never a second reader. What the user typed becomes the same YAML document a file
would be (`kind: declaration`), read by `api.read_bytes` exactly as an upload is; every problem
the reader reports is put back at its field. The form adds only what a form can ask and a file
cannot: a row's 一级/二级 is never silently taken from the row above, and a numeric 年度指标值
the user typed must carry its comparator and unit (the review's own measurability rule, refused
here instead of flagged, so that "约100" is not saved as the number 100).

A declaration already used to start its year's self-evaluation is what that evaluation is held
to (财预〔2015〕88号 第二十八条: 绩效目标确定后，一般不予调整). Its descriptions stay editable;
its project, year and indicators stay as declared; a changed target or weight is not written
over the declared one but recorded as an approved adjustment (调整批复) with the approval
reference the user gives — refused without one, or once the evaluation has left the unit — and
in the evaluation's history, as 编辑指标与目标 does on the project page."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import api
from ..decimals import plain
from ..declaration import BASES, GRADE_WORDS, Declaration, DeclaredIndicator
from ..findings import InputError
from ..model import Evaluation, Location
from ..numbers import parse_value
from ..render.yaml_writer import dump
from ..targets.changes import same_target
from ..targets.names import key as indicator_key
from ..targets.names import project_key
from ..targets.review import measurable
from . import access
from . import models as m
from .convert import StoreError
from .plan_models import StoredDeclaration
from .plans import (NotYours, TargetLock, declaration_of, record_adjustments, record_changes, save_declaration,
                    writable_unit)

MAX_ROWS = 300
FUNDS_UNITS = ("元", "万元", "亿元")
HEADER = ("project", "year", "unit", "department", "funds_unit", "budget", "approval", "note", "execution_weight")
INDICATOR = ("level1", "level2", "name", "target", "weight", "basis", "basis_note", "standard", "data_source",
             "method", "grade0", "grade1", "grade2", "goal", "carried")
ADJUSTMENT = ("indicator", "target", "weight", "approval")
TITLES = {
    "project": "项目名称", "year": "年度", "unit": "实施单位", "department": "主管部门", "funds_unit": "资金单位",
    "budget": "年度资金总额", "approval": "批复文号", "note": "说明", "execution_weight": "预算执行率分值",
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "年度指标值", "weight": "分值",
    "basis": "指标值设定依据", "basis_note": "依据说明", "standard": "预算支出标准", "data_source": "数据来源",
    "method": "取值方式", "grade0": "“达成”档", "grade1": "“部分达成”档", "grade2": "“未达成”档",
    "goal": "所属目标", "indicator": "调整的指标", "key": "声明分值的指标", "value": "声明的分值",
    "change_approval": "调整批复文号",
}


@dataclass
class DeclarationForm:
    """The form as typed: texts only, rows as dicts (one per indicator, declared weight,
    adjustment), so a refused save shows exactly what was typed."""

    header: dict[str, str] = field(default_factory=lambda: dict.fromkeys(HEADER, ""))
    goals: list[str] = field(default_factory=list)
    weights: list[dict[str, str]] = field(default_factory=list)
    indicators: list[dict[str, str]] = field(default_factory=list)
    adjustments: list[dict[str, str]] = field(default_factory=list)
    change_approval: str = ""      # 调整批复文号, for a declaration an evaluation was started from


def _text(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def blank_row(level1: str = "产出指标", level2: str = "数量指标", goal: str = "") -> dict[str, str]:
    row = dict.fromkeys(INDICATOR, "")
    row.update(level1=level1, level2=level2, goal=goal)
    return row


def _row(indicator: DeclaredIndicator, carried: bool = False) -> dict[str, str]:
    grades = dict(indicator.grades)
    return {"level1": indicator.level1, "level2": indicator.level2, "name": indicator.name,
            "target": indicator.target.text, "weight": _text(indicator.weight), "basis": indicator.basis,
            "basis_note": indicator.basis_note,
            "standard": indicator.standard.text if indicator.standard is not None else "",
            "data_source": indicator.data_source, "method": indicator.method,
            **{f"grade{i}": grades.get(word, "") for i, word in enumerate(GRADE_WORDS)},
            "goal": "" if indicator.goal is None else str(indicator.goal), "carried": "1" if carried else ""}


def form_of(declaration: Declaration) -> DeclarationForm:
    return DeclarationForm(
        header={"project": declaration.project, "year": "" if declaration.year is None else str(declaration.year),
                "unit": declaration.unit, "department": declaration.department,
                "funds_unit": declaration.funds_unit.text or "万元", "budget": _text(declaration.budget),
                "approval": declaration.approval, "note": declaration.note,
                "execution_weight": _text(declaration.execution_weight)},
        goals=list(declaration.goals),
        weights=[{"key": name, "value": _text(weight)} for name, weight in declaration.declared_weights],
        indicators=[_row(i) for i in declaration.indicators],
        adjustments=[{"indicator": a.indicator, "target": a.target or "", "weight": _text(a.weight),
                      "approval": a.approval} for a in declaration.adjustments])


def blank_form(unit: m.Unit | None, year: int | None, project: str = "") -> DeclarationForm:
    """A new declaration: the unit's header, one goal and one indicator row to start from."""
    form = DeclarationForm()
    form.header.update(project=project.strip()[:300], year="" if year is None else str(year),
                       unit=unit.name if unit else "", department=unit.department if unit else "",
                       funds_unit="万元", execution_weight="10")
    form.goals = [""]
    form.indicators = [blank_row()]
    return form


def carried_from_declaration(source: Declaration, year: int) -> DeclarationForm:
    """Next year's declaration from this one: the tree, targets and weights as last approved
    (adjustments applied), bases, sources and grades kept, every row marked for review; the
    approval, its adjustments and the note are last year's and are left behind."""
    indicators = []
    for indicator in source.indicators:
        adjustment = source.adjustment(indicator.name)
        if adjustment is not None:
            indicator = replace(indicator,
                                target=parse_value(adjustment.target) if adjustment.target else indicator.target,
                                weight=adjustment.weight if adjustment.weight is not None else indicator.weight)
        indicators.append(indicator)
    form = form_of(replace(source, year=year, approval="", adjustments=(), note="", indicators=tuple(indicators)))
    for row in form.indicators:
        row["carried"] = "1"
    return form


def carried_from_evaluation(source: Evaluation, year: int) -> DeclarationForm:
    """Next year's declaration from a self-evaluation: its tree, targets, weights, goals and
    total budget, every row marked for review; what a self-evaluation does not hold (设定依据,
    数据来源, 取值方式, grades) is left blank for the unit to fill in."""
    total = source.funds.total
    form = DeclarationForm()
    form.header.update(project=source.project, year=str(year), unit=source.unit, department=source.department,
                       funds_unit=source.funds.unit.text or "万元",
                       budget=_text(total.budget if total is not None else None), execution_weight="10")
    form.goals = [goal.expected for goal in source.goals] or [""]
    form.weights = [{"key": name, "value": _text(weight)} for name, weight in source.declared_weights]
    for indicator in source.indicators:
        row = blank_row(indicator.level1, indicator.level2, "" if indicator.goal is None else str(indicator.goal))
        row.update(name=indicator.name, target=indicator.target.text, weight=_text(indicator.weight), carried="1")
        form.indicators.append(row)
    return form


def reading(text: str) -> str:
    """How the number parser reads a 年度指标值, said to the user beside the field."""
    if not text.strip():
        return ""
    value = parse_value(text)
    if value.quantity is not None:
        q = value.quantity
        return (f"读作：比较符 {value.comparator.value if value.comparator else '（无）'} · 数值 {plain(q.value)}"
                f" · 单位 {q.unit.text or '（无）'}")
    if value.parts:
        parts = "；".join(f"{p.label} {plain(p.quantity.value)}{p.quantity.unit.text}" for p in value.parts)
        return f"读作：比较符 {value.comparator.value if value.comparator else '（无）'} · {parts}"
    if value.word is not None:
        return f"读作：定性（{value.word}），须写明三档标准"
    return "读作：定性（文字），须写明三档标准"


# -- the one reader ------------------------------------------------------------------------


class FormRefused(StoreError):
    """The form has mistakes, each at its field: `problems` is (field key, message) pairs,
    a field key being a header name (`budget`) or a row's column and index (`ind_weight-3`)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("；".join(message for _, message in problems))
        self.problems = problems


def _data(form: DeclarationForm) -> dict:
    """The YAML document the form stands for, in the shape `api.declaration_yaml` writes."""
    header = {k: v.strip() for k, v in form.header.items()}
    data: dict = {"kind": "declaration"}
    for name in ("year", "project", "department", "unit", "approval", "note"):
        if header.get(name):
            data[name] = header[name]
    funds = {"unit": header.get("funds_unit") or "万元"}
    if header.get("budget"):
        funds["budget"] = header["budget"]
    data["funds"] = funds
    goals = [goal.strip() for goal in form.goals]
    while goals and not goals[-1]:
        goals.pop()  # a blank goal row left at the end is no goal
    if goals:
        data["goals"] = goals
    weights = {row["key"].strip(): row["value"].strip() for row in form.weights if row["key"].strip()}
    if weights:
        data["declared_weights"] = weights
    if header.get("execution_weight"):
        data["execution_weight"] = header["execution_weight"]
    items = []
    for row in form.indicators:
        item = {name: row[name].strip() for name in ("level1", "level2", "name", "target", "weight", "basis",
                                                       "basis_note", "data_source", "method", "standard", "goal")
                if row.get(name, "").strip()}
        grades = {word: row[f"grade{i}"].strip() for i, word in enumerate(GRADE_WORDS) if row[f"grade{i}"].strip()}
        if grades:
            item["grades"] = grades
        items.append(item)
    data["indicators"] = items
    adjustments = [{name: row[name].strip() for name in ADJUSTMENT if row.get(name, "").strip()}
                   for row in form.adjustments]
    if adjustments:
        data["adjustments"] = adjustments
    return data


def _field_key(form: DeclarationForm, path: str | None) -> str:
    """A reader's field path (indicators[3].weight, funds.budget, declared_weights.产出指标) as
    the form's field key."""
    path = path or ""
    for table, prefix in (("indicators", "ind"), ("adjustments", "adj"), ("goals", "goal")):
        if path.startswith(f"{table}["):
            index, _, rest = path[len(table) + 1:].partition("]")
            column = rest.lstrip(".").split(".", 1)
            name = column[0]
            if table == "indicators" and name == "grades":
                word = column[1] if len(column) > 1 else ""
                name = f"grade{GRADE_WORDS.index(word)}" if word in GRADE_WORDS else "grade0"
            if table == "goals":
                return f"goal-{index}"
            return f"{prefix}_{name or 'name'}-{index}"
    if path.startswith("declared_weights"):
        wanted = path.partition(".")[2]
        for index, row in enumerate(form.weights):
            if row["key"].strip() == wanted:
                return f"dw_value-{index}"
        return "declared_weights"
    if path.startswith("funds."):
        return {"budget": "budget", "unit": "funds_unit"}.get(path[6:], "budget")
    if path == "indicators":
        return "indicators"
    return path.split(".", 1)[0]


def said(form: DeclarationForm, key: str, message: str) -> str:
    """A field's message in the page's summary: which row and field it is at."""
    column, _, index = key.rpartition("-")
    if column.startswith("ind_") and index.isdigit():
        i = int(index)
        name = form.indicators[i]["name"].strip() if i < len(form.indicators) else ""
        return f"第{i + 1}项指标{'“' + name + '”' if name else ''}的{TITLES.get(column[4:], column[4:])}：{message}"
    if column.startswith("adj_") and index.isdigit():
        return f"第{int(index) + 1}项调整批复的{TITLES.get(column[4:], column[4:])}：{message}"
    if column.startswith("dw_") and index.isdigit():
        return f"声明分值第{int(index) + 1}行：{message}"
    if column == "goal" and index.isdigit():
        return f"目标{int(index) + 1}：{message}"
    if key in TITLES:
        return f"{TITLES[key]}：{message}"
    return message


def _form_rules(form: DeclarationForm) -> list[tuple[str, str]]:
    """What the form asks that a file's reader does not: each row's levels written out, no
    declared weight without its indicator name, no indicator name given twice a weight."""
    problems = []
    previous = ("", "")
    for i, row in enumerate(form.indicators):
        level1, level2 = row["level1"].strip(), row["level2"].strip()
        if not level1:
            problems.append((f"ind_level1-{i}", "请填写一级指标"))
        if level1 and not level2 and previous[0] == level1 and previous[1]:
            problems.append((f"ind_level2-{i}", f"请填写二级指标（留空会被读作上一行的“{previous[1]}”）"))
        if row["basis"].strip() and row["basis"].strip() not in BASES:
            problems.append((f"ind_basis-{i}", f"“{row['basis'].strip()}”不在可选范围内（可选：{'、'.join(BASES)}）"))
        previous = (level1, level2)
    seen: set[str] = set()
    for i, row in enumerate(form.weights):
        name = row["key"].strip()
        if not name and row["value"].strip():
            problems.append((f"dw_key-{i}", "请填写这一分值属于哪个指标（如 产出指标，或 产出指标/数量指标）"))
        elif name in seen:
            problems.append((f"dw_key-{i}", f"“{name}”的分值声明了两次"))
        seen.add(name)
    if form.header.get("funds_unit", "").strip() not in FUNDS_UNITS:
        problems.append(("funds_unit", f"资金单位只能是{'、'.join(FUNDS_UNITS)}"))
    return problems


def _vague_targets(form: DeclarationForm, original: Declaration | None) -> list[tuple[str, str]]:
    """Numeric targets the user typed without comparator or unit (measurability, as the review
    checks it). A target kept as it was stored is left to the review to flag."""
    kept = {(indicator_key(i.name), i.target.text.strip()) for i in original.indicators} if original else set()
    rows = [DeclaredIndicator(level1=row["level1"], level2=row["level2"], name=row["name"],
                              target=parse_value(row["target"].strip()),
                              grades=tuple((w, row[f"grade{i}"]) for i, w in enumerate(GRADE_WORDS)),
                              location=Location(field=f"indicators[{index}]"))
            for index, row in enumerate(form.indicators)]
    problems = []
    for finding in measurable(Declaration(project="", indicators=tuple(rows))):
        index = int(finding.location.field[len("indicators["):-1])
        target = rows[index].target
        if target.quantity is None and not target.parts:
            continue  # blank or 定性: the review's finding, not a refusal
        if (indicator_key(rows[index].name), target.text) in kept:
            continue
        problems.append((f"ind_target-{index}", f"“{target.text}”{finding.derivation}，无法衡量；"
                                                f"请写成“≥100个”“≤5%”这样的比较符、数值和计量单位"))
    return problems


def read_form(form: DeclarationForm, original: Declaration | None = None) -> Declaration:
    """The declaration the form stands for, read by the one reader; FormRefused with every
    problem at its field otherwise."""
    if len(form.indicators) > MAX_ROWS:
        raise FormRefused([("indicators", f"指标超过{MAX_ROWS}项")])
    problems = _form_rules(form)
    header = form.header
    name = f"{header.get('year', '').strip()}年{header.get('project', '').strip() or '申报表'}（网页填写）"
    declaration = None
    try:
        [document] = api.read_bytes(dump(_data(form)).encode("utf-8"), name, suffix=".yaml").documents
        declaration = document.declaration
    except InputError as error:
        problems += [(_field_key(form, f.location.field if f.location else None), f.message)
                     for f in error.findings]
    problems += _vague_targets(form, original)
    if problems:
        raise FormRefused(problems)
    return declaration


# -- the store -----------------------------------------------------------------------------


def version_of(stored: StoredDeclaration) -> str:
    """The optimistic lock's token: what the page was opened with must still be stored."""
    return hashlib.sha256(stored.content.encode("utf-8")).hexdigest()[:20]


class DeclarationConflict(StoreError):
    """Someone saved the declaration since the form was opened."""

    def __init__(self, stored: StoredDeclaration):
        who = stored.editor.label if stored.editor is not None else "他人"
        super().__init__(f"保存失败：该申报表在您打开之后已被{who}修改。您填写的内容仍在下面，但没有保存；"
                         f"请在新窗口中打开申报表查看最新内容，再把您的修改填入后保存。")
        self.when = stored.updated_at


def started_project(session: Session, stored: StoredDeclaration) -> m.Project | None:
    """The self-evaluation of the declaration's project and year, if one was started (or
    imported): the evaluation that is held to this declaration."""
    wanted = project_key(stored.name)
    rows = session.scalars(select(m.Project).where(m.Project.unit_id == stored.unit_id,
                                                   m.Project.year == stored.year).order_by(m.Project.id))
    return next((p for p in rows if project_key(p.name) == wanted), None)


def may_edit(session: Session, user: m.User, stored: StoredDeclaration) -> bool:
    """Staff of its unit (or an administrator) while its year is open."""
    role = user.role_enum
    owns = role is m.Role.ADMIN or (role is m.Role.UNIT and user.unit_id == stored.unit_id)
    return owns and access.year_is_open(session, stored.year)


@dataclass
class Saved:
    stored: StoredDeclaration
    notes: list[tuple[str, str, str]]       # (field, old, new) for the history
    adjusted: int = 0


def _weights_text(rows: list[dict[str, str]]) -> str:
    return "；".join(f"{row['key']} {row['value']}" for row in rows)


def _notes(before: DeclarationForm | None, after: DeclarationForm) -> list[tuple[str, str, str]]:
    if before is None:
        return [("新建", "", f"{after.header['year']}年度申报表“{after.header['project']}”，"
                           f"{len(after.indicators)}项指标")]
    notes = []
    for name in HEADER:
        if before.header.get(name, "") != after.header.get(name, ""):
            notes.append((TITLES[name], before.header.get(name, ""), after.header.get(name, "")))
    if before.goals != after.goals:
        notes.append(("年度总体目标", "；".join(before.goals), "；".join(after.goals)))
    if before.weights != after.weights:
        notes.append(("声明的分值", _weights_text(before.weights), _weights_text(after.weights)))
    old = {indicator_key(row["name"]): row for row in before.indicators}
    new_keys = set()
    for row in after.indicators:
        new_keys.add(indicator_key(row["name"]))
        earlier = old.get(indicator_key(row["name"]))
        if earlier is None:
            notes.append(("指标", "", f"新增指标“{row['name']}”"))
            continue
        for column in INDICATOR:
            if column != "carried" and earlier[column] != row[column]:
                notes.append((f"{row['name']}·{TITLES[column]}", earlier[column], row[column]))
    notes += [("指标", f"指标“{row['name']}”", "已删除") for k, row in old.items() if k not in new_keys]
    if [indicator_key(r["name"]) for r in before.indicators if indicator_key(r["name"]) in new_keys] != \
            [indicator_key(r["name"]) for r in after.indicators if indicator_key(r["name"]) in old]:
        notes.append(("指标顺序", "", "已调整"))
    if before.adjustments != after.adjustments:
        shown = "；".join(f"{a['indicator']}→{a['target'] or a['weight']}（{a['approval']}）" for a in after.adjustments)
        notes.append(("调整批复", str(len(before.adjustments)), shown or "无"))
    return notes


def _held(declaration: Declaration, original: Declaration, project: m.Project, approval: str,
          session: Session, user: m.User) -> tuple[Declaration, list, list[tuple[str, str]]]:
    """A declaration its evaluation is held to: the edited one with the project, year and
    indicators as declared, each changed target or weight put back and returned as an
    adjustment to record, and the problems that refuse the save."""
    problems = []
    if project_key(declaration.project) != project_key(original.project):
        problems.append(("project", f"申报表已用于新建{original.year}年度自评表“{project.name}”，项目名称不能修改"))
    if declaration.year != original.year:
        problems.append(("year", f"申报表已用于新建{original.year}年度自评表，年度不能修改"))
    declared = {indicator_key(i.name): i for i in original.indicators}
    typed = [indicator_key(i.name) for i in declaration.indicators]
    for index, indicator in enumerate(declaration.indicators):
        before = declared.get(indicator_key(indicator.name))
        if before is None:
            problems.append((f"ind_name-{index}", "申报表已用于新建自评表，不能新增指标或修改指标名称"
                                                  "（确需调整的，请在自评表的“编辑指标与目标”中填写调整批复后修改）"))
            continue
        for column in ("level1", "level2"):
            if getattr(indicator, column) != getattr(before, column):
                problems.append((f"ind_{column}-{index}", f"申报表已用于新建自评表，{TITLES[column]}不能修改"
                                                          f"（申报为“{getattr(before, column)}”）"))
    missing = [i.name for k, i in declared.items() if k not in typed]
    if missing:
        problems.append(("indicators", f"申报表已用于新建自评表，不能删除指标：{'、'.join(missing)}"))
    if problems:
        return declaration, [], problems
    lock = TargetLock(None, original)
    kept, adjusted = [], []
    for index, indicator in enumerate(declaration.indicators):
        before = declared[indicator_key(indicator.name)]
        approved_target, approved_weight = lock.approved(before)
        target = indicator.target.text.strip()
        blank = [column for column, empty in (("target", not target and before.target.text.strip()),
                                              ("weight", indicator.weight is None and before.weight is not None))
                 if empty]
        if blank:
            problems += [(f"ind_{column}-{index}", f"申报表已用于新建自评表，{TITLES[column]}不能清空") for column in blank]
            continue
        new_target = None if target == before.target.text.strip() or same_target(indicator.target, approved_target) \
            else target
        new_weight = None if indicator.weight in (before.weight, approved_weight) else indicator.weight
        if new_target is not None or new_weight is not None:
            adjusted.append((before, new_target, new_weight))
            if not approval:
                column = "target" if new_target is not None else "weight"
                problems.append((f"ind_{column}-{index}",
                                 f"申报表已用于新建{original.year}年度自评表，{TITLES[column]}按批复锁定；确需调整的，"
                                 f"请填写调整批复文号（保存后记入申报表的调整批复，申报值保留）"))
        kept.append(replace(indicator, target=before.target, weight=before.weight))
    if adjusted and not access.can_edit(session, user, project):
        problems.append(("change_approval", f"自评表“{project.name}”已提交、已审核或所在年度已关闭，"
                                            f"不能再调整其申报表的目标与分值"))
    if len(approval) > 100:
        problems.append(("change_approval", "调整批复文号过长（超过100字）"))
    return replace(declaration, indicators=tuple(kept), adjustments=original.adjustments), adjusted, problems


def save_form(session: Session, user: m.User, stored: StoredDeclaration | None, form: DeclarationForm,
              version: str = "") -> Saved:
    """Save the form as a new declaration (`stored` None) or over `stored`, opened at
    `version`. Refusals: NotYours (rights), DeclarationConflict (stale), FormRefused (fields)."""
    if user.role_enum is m.Role.REVIEWER:
        raise NotYours("审核人员不能新建或修改单位的申报表")
    if stored is not None:
        if not may_edit(session, user, stored):
            raise NotYours("该申报表当前不能由您修改（不属于您的单位，或所在年度已关闭）")
        if version != version_of(stored):
            raise DeclarationConflict(stored)
        form.header["unit"] = stored.unit.name  # the unit of a stored declaration is where it is kept
    elif user.role_enum is m.Role.UNIT:
        unit = session.get(m.Unit, user.unit_id) if user.unit_id is not None else None
        if unit is None:
            raise NotYours("您的账户没有所属单位，不能保存")
        form.header["unit"] = unit.name
    original = declaration_of(stored) if stored is not None else None
    project = started_project(session, stored) if stored is not None else None
    declaration = read_form(form, original)
    problems: list[tuple[str, str]] = []
    adjusted: list = []
    approval = form.change_approval.strip()
    if project is not None:
        declaration, adjusted, problems = _held(declaration, original, project, approval, session, user)
    if declaration.year is None:
        problems.append(("year", "请填写年度（四位数字，如 2021）"))
    elif not access.year_is_open(session, declaration.year):
        problems.append(("year", f"{declaration.year}年度未开放填报或已关闭，不能保存该年度的申报表"))
    try:
        unit = stored.unit if stored is not None else writable_unit(session, user, declaration.unit,
                                                                    declaration.department)
    except NotYours as error:
        problems.append(("unit", str(error)))
        unit = None
    if unit is not None:
        same = session.scalar(select(StoredDeclaration).where(
            StoredDeclaration.unit_id == unit.id, StoredDeclaration.year == declaration.year,
            StoredDeclaration.name == declaration.project))
        if same is not None and same is not stored:
            problems.append(("project", f"本单位{declaration.year}年度已有申报表“{declaration.project}”，请打开它编辑"))
    if problems:
        raise FormRefused(problems)
    declaration = replace(declaration, unit=unit.name)
    content = api.declaration_yaml(declaration)
    notes = _notes(form_of(original) if original is not None else None, form_of(declaration))
    if stored is None:
        stored = StoredDeclaration(unit=unit, year=declaration.year, name=declaration.project, content=content)
        session.add(stored)
    else:
        stored.year, stored.name, stored.content = declaration.year, declaration.project, content
        stored.updated_at = m.utcnow()
    stored.updated_by = user.id
    session.flush()
    record_changes(session, user, stored, notes)
    if adjusted:
        notes += record_adjustments(session, user, TargetLock(stored, declaration), approval, adjusted)
    if project is not None and notes:
        session.add_all(m.Change(project=project, user_id=user.id, username=user.username, field=f"申报表·{f}",
                                 old=o, new=n) for f, o, n in notes)
    session.flush()
    return Saved(stored, notes, len(adjusted))


def save_file(session: Session, user: m.User, declaration: Declaration) -> StoredDeclaration:
    """An uploaded declaration stored as plans.save_declaration stores it, with what changed
    from the one it replaces (or its creation) in the declaration's record."""
    unit = writable_unit(session, user, declaration.unit, declaration.department) if declaration.year else None
    before = None
    if unit is not None:
        earlier = session.scalar(select(StoredDeclaration).where(
            StoredDeclaration.unit_id == unit.id, StoredDeclaration.year == declaration.year,
            StoredDeclaration.name == declaration.project))
        before = declaration_of(earlier) if earlier is not None else None
    stored = save_declaration(session, user, declaration)
    # Compared as stored, both sides read back from the YAML the store keeps (the upload, an .xlsx
    # or .yaml, is not what is kept): only a change the store keeps is recorded.
    notes = _notes(form_of(before) if before is not None else None, form_of(declaration_of(stored)))
    if before is not None and not notes:
        notes = [("上传", "", "与已存的申报表相同，未作修改")]
    record_changes(session, user, stored, [(f"上传·{f}" if before is not None else "上传·新建", o, n)
                                           for f, o, n in notes])
    return stored


__all__ = ["ADJUSTMENT", "BASES", "FUNDS_UNITS", "GRADE_WORDS", "HEADER", "INDICATOR", "MAX_ROWS", "TITLES",
           "DeclarationConflict", "DeclarationForm", "FormRefused", "Saved", "blank_form", "blank_row",
           "carried_from_declaration", "carried_from_evaluation", "form_of", "may_edit", "read_form", "reading",
           "save_file", "save_form", "said", "started_project", "version_of"]
