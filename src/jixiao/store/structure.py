"""A self-evaluation's structure, edited in the browser while it is with the unit: its
indicators (add, remove, reorder; 一级/二级, name, target, weight, 评分细则, goal), its goals
and funds lines, its name, profile and amount unit; and new projects — blank, or carried over
from an earlier year's evaluation of the same project.

One save is one version (optimistic locking, as for any edit) with a history row for every
change; what the unit typed is validated row by row before anything changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..decimals import plain
from ..declaration import DeclaredIndicator
from ..model import FundSource
from ..numbers import AMOUNT, WEIGHT, parse_value
from ..profile import PROFILES
from ..targets.changes import same_target
from . import access
from . import models as m
from .convert import StoreError
from .edits import MAX_TEXT, bump_version, parse_amount
from .plans import TargetLock, record_adjustments, target_lock

FUND_SOURCES = tuple(source.value for source in FundSource)
# The funds rows of the national form, in its order, for a new project.
NATIONAL_FUNDS = ("年度资金总额", "当年财政拨款", "上年结转资金", "其他资金")
FUNDS_UNITS = ("元", "万元", "亿元")
LEVEL1 = ("产出指标", "效益指标", "满意度指标")
LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标", "经济效益指标", "社会效益指标", "生态效益指标",
          "可持续影响指标", "服务对象满意度指标")
KINDS = {"project": "项目支出", "department": "部门整体支出"}


@dataclass
class IndicatorRow:
    id: int | None = None
    level1: str = ""
    level2: str = ""
    name: str = ""
    target: str = ""
    weight: str = ""
    rule_text: str = ""
    goal: str = ""


@dataclass
class GoalRow:
    id: int | None = None
    expected: str = ""


@dataclass
class FundRow:
    id: int | None = None
    source: str = ""
    initial_budget: str = ""
    budget: str = ""


@dataclass
class Structure:
    """The structure form as typed (texts), before it is checked."""

    name: str = ""
    department: str = ""
    profile: str = "national"
    funds_unit: str = "万元"
    goals: list[GoalRow] = field(default_factory=list)
    funds: list[FundRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    # The approval (调整批复文号) that allows changing targets or weights held to a declaration.
    approval: str = ""


def _text(value: Decimal | None) -> str:
    return "" if value is None else plain(value)


def structure_of(project: m.Project) -> Structure:
    return Structure(
        name=project.name, department=project.department, profile=project.profile, funds_unit=project.funds_unit,
        goals=[GoalRow(goal.id, goal.expected) for goal in project.goals],
        funds=[FundRow(line.id, line.source, _text(line.initial_budget), _text(line.budget))
               for line in project.fund_lines],
        indicators=[IndicatorRow(ind.id, ind.level1, ind.level2, ind.name, ind.target, _text(ind.weight),
                                 ind.rule_text, "" if ind.goal is None else str(ind.goal))
                    for ind in project.indicators],
    )


class StructureRefused(StoreError):
    """The structure form has mistakes: every one is listed (row and field), nothing is saved."""

    def __init__(self, problems: list[str]):
        super().__init__("；".join(problems))
        self.problems = problems


def _short(text: str, limit: int, what: str, problems: list[str]) -> str:
    text = text.strip()
    if len(text) > limit:
        problems.append(f"{what}过长（超过{limit}字）")
    return text[:limit]


def _number(text: str, what: str, domain, problems: list[str]) -> Decimal | None:
    try:
        return parse_amount(text, what, domain)
    except StoreError as error:
        problems.append(str(error))
        return None


@dataclass
class Checked:
    name: str
    department: str
    profile: str
    funds_unit: str
    goals: list[tuple[int | None, str]]
    funds: list[tuple[int | None, str, Decimal | None, Decimal | None]]
    indicators: list[tuple[IndicatorRow, Decimal, int | None]]


def check(structure: Structure, kind: str) -> Checked:
    """Every mistake of the form, by row and field (StructureRefused), or the checked values."""
    problems: list[str] = []
    name = _short(structure.name, 300, "项目名称", problems)
    if not name:
        problems.append("请填写项目名称")
    department = _short(structure.department, 200, "主管部门", problems)
    if structure.profile not in PROFILES:
        problems.append(f"评分方案“{structure.profile}”不存在")
    if structure.funds_unit not in FUNDS_UNITS:
        problems.append(f"金额单位只能是{'、'.join(FUNDS_UNITS)}")
    goals = [(row.id, _short(row.expected, MAX_TEXT, f"目标{i}的预期目标", problems))
             for i, row in enumerate(structure.goals, start=1)]
    funds, seen = [], set()
    for i, row in enumerate(structure.funds, start=1):
        what = f"资金第{i}行（{row.source}）"
        if row.source not in FUND_SOURCES:
            problems.append(f"{what}：请选择资金来源")
        elif row.source in seen:
            problems.append(f"{what}：资金来源重复")
        seen.add(row.source)
        initial = _number(row.initial_budget, f"{what}的年初预算数", AMOUNT, problems)
        budget = _number(row.budget, f"{what}的全年预算数", AMOUNT, problems)
        for value, title in ((initial, "年初预算数"), (budget, "全年预算数")):
            if value is not None and value < 0:
                problems.append(f"{what}的{title}不能为负数")
        funds.append((row.id, row.source, initial, budget))
    indicators = []
    for i, row in enumerate(structure.indicators, start=1):
        what = f"第{i}项指标" + (f"“{row.name.strip()}”" if row.name.strip() else "")
        for attr, title, limit in (("level1", "一级指标", 100), ("level2", "二级指标", 100), ("name", "三级指标名称", 1000)):
            value = _short(getattr(row, attr), limit, f"{what}的{title}", problems)
            setattr(row, attr, value)
            if not value:
                problems.append(f"{what}：请填写{title}")
        row.target = _short(row.target, MAX_TEXT, f"{what}的年度指标值", problems)
        row.rule_text = _short(row.rule_text, MAX_TEXT, f"{what}的评分细则", problems)
        weight = _number(row.weight, f"{what}的分值", WEIGHT, problems)
        if weight is None and row.weight.strip() == "":
            problems.append(f"{what}：请填写分值")
        goal = None
        if kind == "department":
            raw = row.goal.strip().removeprefix("目标")
            if not (raw.isdigit() and 1 <= int(raw) <= len(goals)):
                problems.append(f"{what}：请选择所属目标（目标1至目标{len(goals)}）" if goals else
                                f"{what}：部门整体支出的指标须属于某个年度目标，请先添加目标")
            else:
                goal = int(raw)
        indicators.append((row, weight if weight is not None else Decimal(0), goal))
    if problems:
        raise StructureRefused(problems)
    return Checked(name, department, structure.profile, structure.funds_unit, goals, funds, indicators)


@dataclass
class Adjusted:
    """A locked indicator whose target or weight the form changes (None: unchanged, or back to
    what the declaration holds it to)."""

    indicator: m.Indicator
    declared: DeclaredIndicator
    target: str | None
    weight: Decimal | None

    @property
    def what(self) -> str:
        return "、".join(title for title, value in (("年度指标值", self.target), ("分值", self.weight)) if value is not None)


def locked_changes(lock: TargetLock | None, project: m.Project, checked: Checked) -> list[Adjusted]:
    """The changes the form makes to targets and weights held to the declaration. Changing one
    back to the declared (or approved) value is not a change that needs an approval."""
    if lock is None:
        return []
    stored = {ind.id: ind for ind in project.indicators}
    found = []
    for row, weight, _goal in checked.indicators:
        ind = stored.get(row.id) if row.id is not None else None
        declared = lock.declared(ind.name) if ind is not None else None
        if declared is None:
            continue
        approved_target, approved_weight = lock.approved(declared)
        target = row.target if row.target != ind.target and not same_target(parse_value(row.target), approved_target) \
            else None
        new_weight = weight if weight != ind.weight and weight != approved_weight else None
        if target is not None or new_weight is not None:
            found.append(Adjusted(ind, declared, target, new_weight))
    return found


def save_structure(session: Session, project: m.Project, user: m.User, expected_version: int,
                   structure: Structure) -> list[m.Change]:
    """Apply the structure form to a project the user may edit; the history says what changed.
    Indicators keep their actuals, claimed scores and review by id; new ones start blank. A
    target or weight held to the year's declaration changes only with an approval reference,
    kept in the history and in the declaration's 调整批复."""
    if not access.can_edit(session, user, project):
        raise StoreError("该项目当前不能由您修改（已提交、已审核通过、年度已关闭或不属于您的单位）")
    checked = check(structure, project.kind)
    lock = target_lock(session, project)
    adjusted = locked_changes(lock, project, checked)
    approval = structure.approval.strip()
    if adjusted and not approval:
        raise StructureRefused([f"指标“{a.indicator.name}”的{a.what}按{lock.title}锁定，未修改；确需调整的，"
                                f"请填写调整批复文号" for a in adjusted])
    if len(approval) > 100:
        raise StructureRefused(["调整批复文号过长（超过100字）"])
    if checked.name != project.name and _exists(session, project.unit_id, project.year, project.kind, checked.name):
        raise StoreError(f"本单位{project.year}年度已有同名项目“{checked.name}”")
    notes: list[tuple[str, str, str]] = []

    def note(field_: str, old: object, new: object) -> None:
        old_text, new_text = _shown(old), _shown(new)
        if old_text != new_text:
            notes.append((field_, old_text, new_text))

    for attr, title in (("name", "项目名称"), ("department", "主管部门"), ("profile", "评分方案"), ("funds_unit", "金额单位")):
        note(title, getattr(project, attr), getattr(checked, attr))

    goals_by_id = {goal.id: goal for goal in project.goals}
    goals = []
    for position, (goal_id, expected) in enumerate(checked.goals):
        goal = goals_by_id.pop(goal_id, None) if goal_id is not None else None
        if goal is None:
            goal = m.Goal(expected="", actual="")
            notes.append(("年度目标", "", f"新增目标{position + 1}：{expected}"))
        else:
            note(f"目标{position + 1}·预期目标", goal.expected, expected)
        goal.position, goal.expected = position, expected
        goals.append(goal)
    notes += [("年度目标", f"目标{goal.position + 1}：{goal.expected}", "已删除") for goal in goals_by_id.values()]

    funds_by_id = {line.id: line for line in project.fund_lines}
    lines = []
    for position, (line_id, source, initial, budget) in enumerate(checked.funds):
        line = funds_by_id.pop(line_id, None) if line_id is not None else None
        if line is None:
            line = m.FundLine(source=source)
            notes.append(("资金", "", f"新增{source}"))
        note(f"{source}·资金来源", line.source, source)
        note(f"{source}·年初预算数", line.initial_budget, initial)
        note(f"{source}·全年预算数", line.budget, budget)
        line.position, line.source, line.initial_budget, line.budget = position, source, initial, budget
        lines.append(line)
    notes += [("资金", line.source, "已删除") for line in funds_by_id.values()]

    by_id = {ind.id: ind for ind in project.indicators}
    old_order = [ind.id for ind in project.indicators]
    indicators = []
    for position, (row, weight, goal) in enumerate(checked.indicators):
        ind = by_id.pop(row.id, None) if row.id is not None else None
        if ind is None:
            ind = m.Indicator(actual="", deviation_reason="", review_comment="", rule_json="")
            notes.append(("指标", "", f"新增指标“{row.name}”"))
        else:
            for attr, title in (("level1", "一级指标"), ("level2", "二级指标"), ("name", "指标名称"),
                                ("target", "年度指标值"), ("rule_text", "评分细则")):
                note(f"{ind.name}·{title}", getattr(ind, attr), getattr(row, attr))
            note(f"{ind.name}·分值", ind.weight, weight)
            note(f"{ind.name}·所属目标", ind.goal, goal)
        ind.position, ind.level1, ind.level2, ind.name = position, row.level1, row.level2, row.name
        ind.target, ind.weight, ind.rule_text, ind.goal = row.target, weight, row.rule_text, goal
        indicators.append(ind)
    notes += [("指标", f"指标“{ind.name}”", "已删除") for ind in by_id.values()]
    kept = [ind.id for ind in indicators if ind.id is not None]
    if kept != [i for i in old_order if i in kept]:
        notes.append(("指标顺序", "", "已调整"))
    for a in adjusted:
        notes.append((f"{a.indicator.name}·调整批复", "", f"{approval}（调整{a.what}，记入{lock.title}的调整批复）"))

    if project.version != expected_version or notes:
        bump_version(session, project, expected_version, user)
    project.name, project.department = checked.name, checked.department
    project.profile, project.funds_unit = checked.profile, checked.funds_unit
    project.goals, project.fund_lines, project.indicators = goals, lines, indicators
    changes = [m.Change(project=project, user_id=user.id, username=user.username, field=f, old=o, new=n)
               for f, o, n in notes]
    session.add_all(changes)
    if adjusted:
        record_adjustments(session, user, lock, approval, [(a.declared, a.target, a.weight) for a in adjusted])
    session.flush()
    return changes


def _shown(value: object) -> str:
    if value is None:
        return ""
    return plain(value) if isinstance(value, Decimal) else str(value)


def _exists(session: Session, unit_id: int, year: int, kind: str, name: str) -> bool:
    return session.scalar(select(m.Project.id).where(
        m.Project.unit_id == unit_id, m.Project.year == year, m.Project.kind == kind, m.Project.name == name)) is not None


# -- new projects ---------------------------------------------------------------------------


def carry_over_sources(session: Session, user: m.User, unit: m.Unit, year: int) -> list[m.Project]:
    """The unit's evaluations of earlier years a new one can start from, newest first."""
    query = access.projects_query(user).where(m.Project.unit_id == unit.id, m.Project.year < year)
    return list(session.scalars(query.order_by(None).order_by(m.Project.year.desc(), m.Project.name)))


def new_project(session: Session, user: m.User, unit: m.Unit, year: int, kind: str, name: str,
                department: str = "", source: m.Project | None = None) -> m.Project:
    """A new evaluation in an open year. Blank: the national form's funds rows, one goal, no
    indicators yet. From `source` (the same unit's evaluation of an earlier year): its goals,
    funds sources, indicators with their targets, weights and 评分细则, profile and amount
    unit; every actual, amount, claimed score, reason and review starts blank."""
    if user.role_enum is m.Role.REVIEWER or (user.role_enum is m.Role.UNIT and user.unit_id != unit.id):
        raise StoreError("只有本单位填报人员或管理员可以新建自评表")
    if not access.year_is_open(session, year):
        raise StoreError(f"{year}年度未开放填报，不能新建该年度的自评表")
    if kind not in KINDS:
        raise StoreError("请选择自评表类型：项目支出或部门整体支出")
    name = name.strip()[:300]
    if not name:
        raise StoreError("请填写项目名称")
    if source is not None and (source.unit_id != unit.id or source.kind != kind or source.year >= year):
        raise StoreError("只能沿用本单位往年同类型的自评表")
    if _exists(session, unit.id, year, kind, name):
        raise StoreError(f"单位“{unit.name}”{year}年度已有{KINDS[kind]}自评表“{name}”")
    # Reading the source's rows must not flush the half-built project (it joins the unit first).
    with session.no_autoflush:
        project = m.Project(unit=unit, year=year, kind=kind, name=name, status=m.Status.DRAFT.value, version=1,
                            department=(department.strip()[:200] or unit.department), updated_by=user.id)
        if source is None:
            project.fund_lines = [m.FundLine(position=i, source=s) for i, s in enumerate(NATIONAL_FUNDS)]
            project.goals = [m.Goal(position=0, expected="", actual="")]
            how = "新建空白自评表"
        else:
            project.profile, project.funds_unit = source.profile, source.funds_unit
            project.declared_weights = source.declared_weights
            project.department = department.strip()[:200] or source.department
            project.fund_lines = [m.FundLine(position=line.position, source=line.source) for line in source.fund_lines]
            project.goals = [m.Goal(position=goal.position, expected=goal.expected, actual="") for goal in source.goals]
            project.indicators = [
                m.Indicator(position=ind.position, level1=ind.level1, level2=ind.level2, name=ind.name, target=ind.target,
                            actual="", weight=ind.weight, rule_text=ind.rule_text, rule_json=ind.rule_json,
                            deviation_reason="", goal=ind.goal, review_comment="")
                for ind in source.indicators]
            how = f"沿用{source.year}年度“{source.name}”的指标、目标值与分值新建"
    session.add(project)
    session.flush()
    session.add(m.Change(project=project, user_id=user.id, username=user.username, field="新建", old="", new=how))
    session.flush()
    return project
