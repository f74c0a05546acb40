"""Evaluations in and out of the database.

In: an `Evaluation` (from any reader: YAML, .xlsx…) becomes rows, keeping every text and
decimal as written. Out: rows become the YAML file's structure (docs/architecture.md), so
`jixiao.api` can load and score a stored project exactly as it would the file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..decimals import plain
from ..model import Evaluation, RuleSpec
from ..render.yaml_department import department_data, prose_data
from ..render.yaml_writer import dump, fund_line_data, indicator_data, rule_data, spec_params
from . import access
from . import models as m

class StoreError(Exception):
    """A request the store refuses, with a Chinese message for the user."""


class ConflictError(StoreError):
    """Someone else saved the project since it was loaded (optimistic locking). `when`
    (naive UTC), `who`, `version` and `expected` let a page say it in its own time zone."""

    def __init__(self, message: str = "", *, when: datetime | None = None, who: str = "",
                 version: int | None = None, expected: int | None = None):
        super().__init__(message)
        self.when, self.who, self.version, self.expected = when, who, version, expected

    def describe(self, local: Callable[[datetime], str]) -> str:
        """The message with the time shown by `local` (e.g. '2024-03-01 10:00（北京时间）')."""
        if self.when is None:
            return str(self)
        return (f"保存失败：该项目已于 {local(self.when)} 被 {self.who} 修改（当前版本 {self.version}，"
                f"您打开的是版本 {self.expected}）。您的修改没有保存，请刷新页面查看最新内容后重新填写。")


class ImportRefused(StoreError):
    """An import the importer has no right to make: into a closed year, or over a project
    they may not edit. Saving from the page is refused in the same cases."""


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _rule_json(rule: RuleSpec | None) -> str:
    params = spec_params(rule)
    return json.dumps(params, ensure_ascii=False) if params else ""


def blocks_json(evaluation: Evaluation) -> tuple[str, str]:
    """The evaluation's `department_figures:` and `report_text:` blocks as stored: JSON of
    the YAML writer's structures, "" for a block the evaluation does not have."""
    figures = evaluation.department_figures
    prose = evaluation.prose
    return (json.dumps(department_data(figures), ensure_ascii=False) if figures is not None else "",
            json.dumps(prose_data(prose), ensure_ascii=False) if prose is not None and not prose.is_empty else "")


def stored_blocks(project: m.Project) -> dict:
    """The stored blocks as the YAML file has them (none for a project without them)."""
    blocks = {}
    if project.department_figures:
        blocks["department_figures"] = json.loads(project.department_figures)
    if project.report_text:
        text = json.loads(project.report_text)
        if text:
            blocks["report_text"] = text
    return blocks


def find_or_create_unit(session: Session, name: str, department: str = "") -> m.Unit:
    unit = session.scalar(select(m.Unit).where(m.Unit.name == name))
    if unit is None:
        unit = m.Unit(name=name, department=department)
        session.add(unit)
        session.flush()
    return unit


def find_project(session: Session, unit: m.Unit, evaluation: Evaluation) -> m.Project | None:
    return session.scalar(
        select(m.Project).where(
            m.Project.unit_id == unit.id,
            m.Project.year == (evaluation.year or 0),
            m.Project.kind == evaluation.kind.value,
            m.Project.name == evaluation.project,
        )
    )


def fill_project(project: m.Project, evaluation: Evaluation) -> None:
    """Replace a project's content by the evaluation's (rows are rebuilt, ids change)."""
    project.year = evaluation.year or 0
    project.kind = evaluation.kind.value
    project.name = evaluation.project
    project.department = evaluation.department
    project.profile = evaluation.profile
    project.funds_unit = evaluation.funds.unit.text or "元"
    project.declared_weights = json.dumps(
        {name: plain(weight) for name, weight in evaluation.declared_weights}, ensure_ascii=False
    )
    project.reported_total = evaluation.reported_total
    project.department_figures, project.report_text = blocks_json(evaluation)
    project.goals = [
        m.Goal(position=i, expected=goal.expected, actual=goal.actual) for i, goal in enumerate(evaluation.goals)
    ]
    project.fund_lines = [
        m.FundLine(
            position=i,
            source=line.source.value,
            initial_budget=line.initial_budget,
            budget=line.budget,
            executed=line.executed,
            reported_weight=line.reported_weight,
            reported_rate=line.reported_rate,
            reported_score=line.reported_score,
        )
        for i, line in enumerate(evaluation.funds.lines)
    ]
    project.indicators = [
        m.Indicator(
            position=i,
            level1=ind.level1,
            level2=ind.level2,
            name=ind.name,
            target=ind.target.text,
            actual=ind.actual.text,
            weight=ind.weight,
            rule_text=ind.rule.text if ind.rule else "",
            rule_json=_rule_json(ind.rule),
            reported_score=ind.reported_score,
            deviation_reason=ind.deviation_reason,
            goal=ind.goal,
        )
        for i, ind in enumerate(evaluation.indicators)
    ]


def import_evaluation(
    session: Session,
    evaluation: Evaluation,
    *,
    unit: m.Unit | None = None,
    user: m.User | None = None,
    replace: bool = False,
) -> m.Project:
    """Store an evaluation under `unit` (default: the unit the document names).

    An existing project with the same unit, year, kind and name is replaced only when
    asked, and only while it is not yet submitted; the replacement is recorded. An
    evaluation without a year is refused. A person (`user`) imports only into a year an
    administrator opened; a system import (no `user`: the demo, a server-side load) opens a
    year never seen before, as the operator running it would. Nothing is imported into a
    closed year, and `user` replaces only a project they may edit (`access.can_edit`), so
    an import cannot do what saving the page may not.
    """
    year = evaluation.year or 0
    if not year:
        raise ImportRefused(f"“{evaluation.project or '自评表'}”未写明年度，无法导入；请在表头写明年度（如“2024年度”）")
    known = session.get(m.Year, year)
    if known is None and user is None:
        session.add(m.Year(year=year, open=True))
        session.flush()
    elif known is None:
        raise ImportRefused(f"{year}年度尚未开放填报，不能导入该年度的自评表；请联系管理员在“系统管理”中开放该年度")
    if not access.year_is_open(session, year):
        raise ImportRefused(f"{year}年度已关闭（只读），不能导入该年度的自评表，也不能覆盖该年度的项目")
    if unit is None:
        if not evaluation.unit.strip():
            raise StoreError("文件未写明实施单位（unit），无法确定归属单位")
        unit = find_or_create_unit(session, evaluation.unit.strip(), evaluation.department)
    project = find_project(session, unit, evaluation)
    if project is not None:
        if not replace:
            raise StoreError(f"单位“{unit.name}”{evaluation.year}年度已有项目“{evaluation.project}”")
        if project.status in (m.Status.SUBMITTED.value, m.Status.APPROVED.value):
            raise ImportRefused(f"项目“{evaluation.project}”已提交或已审核通过，不能用导入覆盖")
        if user is not None and not access.can_edit(session, user, project):
            raise ImportRefused(f"您不能修改项目“{evaluation.project}”，不能用导入覆盖")
        project.version += 1
        project.updated_at = m.utcnow()
        project.updated_by = user.id if user else None
        session.add(
            m.Change(
                project=project,
                user_id=user.id if user else None,
                username=user.username if user else "",
                field="导入",
                old=f"{len(project.indicators)}项指标",
                new=f"{len(evaluation.indicators)}项指标（重新导入）",
            )
        )
    else:
        project = m.Project(unit=unit, status=m.Status.DRAFT.value, version=1)
        session.add(project)
    fill_project(project, evaluation)
    if user is not None:
        project.updated_by = user.id
    session.flush()
    return project


_UNSET = object()


def _amounts(line: m.FundLine, executed: Decimal | None = None, claimed: object = _UNSET) -> dict:
    spent = executed if executed is not None else line.executed
    return fund_line_data(line.source, (("initial_budget", line.initial_budget), ("budget", line.budget),
                                        ("executed", spent)),
                          line.reported_weight, line.reported_rate,
                          line.reported_score if claimed is _UNSET else claimed)


def indicator_document(ind: m.Indicator, overrides: dict | None = None) -> dict:
    values = {"actual": ind.actual, "deviation_reason": ind.deviation_reason, "reported_score": ind.reported_score}
    if overrides:
        values.update({k: v for k, v in overrides.items() if k in values})
    return indicator_data(level1=ind.level1, level2=ind.level2, name=ind.name, target=ind.target,
                          actual=values["actual"], weight=ind.weight,
                          rule=rule_data(ind.rule_text, json.loads(ind.rule_json) if ind.rule_json else None),
                          reported_score=values["reported_score"], deviation_reason=values["deviation_reason"],
                          goal=ind.goal)


def project_document(
    project: m.Project,
    overrides: dict[int, dict] | None = None,
    executed: dict[int, Decimal] | None = None,
    *,
    fund_scores: dict[int, Decimal | None] | None = None,
    goal_actuals: dict[int, str] | None = None,
    reported_total: object = _UNSET,
) -> dict:
    """The YAML structure of a stored project. For a preview scored like a save, `overrides`
    maps indicator id → unsaved {actual, deviation_reason, reported_score} typed in the page,
    `executed` maps fund line id → an unsaved 全年执行数, `fund_scores` fund line id → an
    unsaved 自评得分, `goal_actuals` goal id → an unsaved 实际完成情况, and `reported_total`
    is the 自评总分 those claims add up to."""
    overrides = overrides or {}
    executed = executed or {}
    fund_scores = fund_scores or {}
    goal_actuals = goal_actuals or {}
    doc: dict = {
        "kind": project.kind,
        "year": str(project.year),
        "project": project.name,
        "department": project.department,
        "unit": project.unit.name,
        "profile": project.profile,
        "funds": {"unit": project.funds_unit, "lines": [
            _amounts(line, executed.get(line.id), fund_scores.get(line.id, _UNSET)) for line in project.fund_lines]},
        "goals": [{"expected": g.expected, "actual": goal_actuals.get(g.id, g.actual)} for g in project.goals],
    }
    weights = json.loads(project.declared_weights or "{}")
    if weights:
        doc["declared_weights"] = weights
    doc["indicators"] = [indicator_document(ind, overrides.get(ind.id)) for ind in project.indicators]
    total = project.reported_total if reported_total is _UNSET else reported_total
    if total is not None:
        doc["reported_total"] = plain(total)
    doc.update(stored_blocks(project))
    return doc


def document_yaml(doc: dict) -> str:
    return dump(doc)
