"""Declarations, indicator links and monitoring tables in the store, every query scoped to the
user's rights (store/access.py): unit staff write and read their own unit's, reviewers read
the units assigned to them, administrators everything. A document outside a user's rights is
absent, never forbidden."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from .. import api
from ..decimals import plain
from ..declaration import Adjustment, Declaration, DeclaredIndicator
from ..document import DocKind, Document
from ..findings import Finding, InputError
from ..model import Evaluation, Value
from ..monitor.carry import carried_reason
from ..monitoring import MonitoringTable
from ..numbers import parse_value
from ..targets.changes import changes
from ..targets.names import key as indicator_key
from ..targets.names import project_key
from . import access
from . import models as m
from .convert import StoreError, document_yaml, find_or_create_unit, import_evaluation, project_document
from .plan_models import DeclarationChange, IndicatorLink, StoredDeclaration, StoredMonitoring


class NotYours(StoreError):
    """A document the user may not write (another unit's, or any document for a reviewer)."""


def _scoped(query: Select, model, user: m.User) -> Select:
    ids = access.unit_ids(user)
    return query if ids is None else query.where(model.unit_id.in_(ids))


def writable_unit(session: Session, user: m.User, named: str, department: str = "") -> m.Unit:
    """The unit a document is stored under: unit staff store only under their own unit (a file
    naming another is refused); an administrator under the unit the file names (created if new)."""
    role = user.role_enum
    if role is m.Role.UNIT:
        unit = session.get(m.Unit, user.unit_id) if user.unit_id is not None else None
        if unit is None:
            raise NotYours("您的账户没有所属单位，不能保存")
        if named.strip() and named.strip() != unit.name:
            raise NotYours(f"文件写明的实施单位“{named.strip()}”不是您的单位“{unit.name}”，不能保存")
        return unit
    if role is m.Role.ADMIN:
        if not named.strip():
            raise StoreError("文件未写明实施单位（unit），无法确定归属单位")
        return find_or_create_unit(session, named.strip(), department)
    raise NotYours("审核人员不能保存单位的申报表或监控表")


def _upsert(session: Session, user: m.User, model, content: str, unit: m.Unit, key: dict, extra: dict | None = None):
    """The unit's stored document with this unique `key`, its content replaced, or a new one."""
    query = select(model).where(model.unit_id == unit.id, *(getattr(model, k) == v for k, v in key.items()))
    stored = session.scalar(query)
    if stored is None:
        stored = model(unit=unit, content=content, **key, **(extra or {}))
        session.add(stored)
    else:
        stored.content = content
        stored.updated_at = m.utcnow()
    stored.updated_by = user.id
    session.flush()
    return stored


def _read(content: str, name: str, kind: str):
    package = api.read_bytes(content.encode("utf-8"), name, suffix=".yaml")
    document = package.documents[0]
    value = document.declaration if kind == "declaration" else document.monitoring
    if value is None:
        raise InputError(Finding("form-not-found", f"“{name}”不是{'申报表' if kind == 'declaration' else '监控表'}"))
    return value


# -- declarations ---------------------------------------------------------------------------


def save_declaration(session: Session, user: m.User, declaration: Declaration) -> StoredDeclaration:
    """Store (or replace) a declaration under the user's unit; the year must be open."""
    if declaration.year is None:
        raise StoreError("申报表未写明年度，不能保存")
    if not access.year_is_open(session, declaration.year):
        raise StoreError(f"{declaration.year}年度已关闭（只读），不能保存该年度的申报表")
    unit = writable_unit(session, user, declaration.unit, declaration.department)
    content = api.declaration_yaml(replace(declaration, unit=unit.name))
    return _upsert(session, user, StoredDeclaration, content, unit, {"year": declaration.year, "name": declaration.project})


def record_changes(session: Session, user: m.User, stored: StoredDeclaration, notes: list[tuple[str, str, str]]) -> None:
    """The declaration's own record of a save: (field, old, new) each, by `user`, now."""
    session.add_all(DeclarationChange(declaration=stored, user_id=user.id, username=user.username, field=field,
                                      old=old, new=new) for field, old, new in notes)
    session.flush()


def declarations_query(user: m.User) -> Select:
    query = select(StoredDeclaration).order_by(StoredDeclaration.year.desc(), StoredDeclaration.name)
    return _scoped(query, StoredDeclaration, user)


def get_declaration(session: Session, user: m.User, declaration_id: int) -> StoredDeclaration | None:
    return session.scalar(declarations_query(user).where(StoredDeclaration.id == declaration_id))


def declaration_of(stored: StoredDeclaration) -> Declaration:
    return _read(stored.content, f"{stored.year}年{stored.name}申报表", "declaration")


def declaration_document(stored: StoredDeclaration) -> Document:
    declaration = declaration_of(stored)
    return Document(source=declaration.location.file, kind=DocKind.DECLARATION, project=declaration.project,
                    location=declaration.location, unit=stored.unit.name, declaration=declaration)


def earlier_documents(session: Session, user: m.User, stored: StoredDeclaration) -> list[Document]:
    """The stored self-evaluations of the same project up to the declaration's year, as the
    documents its review is checked against."""
    documents = []
    for project in same_project_rows(session, user, stored.unit_id, stored.name):
        if project.year <= stored.year:
            evaluation = project_evaluation(project)
            documents.append(Document(source=evaluation.location.file, kind=DocKind.PROJECT_TABLE,
                                      project=evaluation.project, location=evaluation.location,
                                      unit=project.unit.name, evaluation=evaluation))
    return documents


def can_write(user: m.User, unit_id: int) -> bool:
    role = user.role_enum
    return role is m.Role.ADMIN or (role is m.Role.UNIT and user.unit_id == unit_id)


def start_evaluation(session: Session, user: m.User, stored: StoredDeclaration) -> m.Project:
    """The year's self-evaluation started from the declaration (targets and weights carried
    over, approved adjustments applied); refused when the project exists already."""
    if not can_write(user, stored.unit_id):
        raise NotYours("您不能为该单位新建自评表")
    evaluation = api.evaluation_from_declaration(declaration_of(stored))
    project = import_evaluation(session, replace(evaluation, unit=stored.unit.name), unit=stored.unit, user=user)
    session.add(m.Change(project=project, user_id=user.id, username=user.username, field="新建", old="",
                         new=f"由{stored.year}年度申报表“{stored.name}”新建：目标与分值按申报表，调整须有批复文号"))
    session.flush()
    return project


# -- a self-evaluation held to its declaration ----------------------------------------------


@dataclass
class TargetLock:
    """A self-evaluation's year has the unit's declaration of the same project (it was started
    from it, or the declaration was kept since): its targets and weights are the declared ones,
    with the approved adjustments applied (财预〔2015〕88号 第二十八条: 绩效目标确定后，一般不予调整),
    and are changed only with an approval reference."""

    stored: StoredDeclaration
    declaration: Declaration

    def declared(self, name: str) -> DeclaredIndicator | None:
        wanted = indicator_key(name)
        return next((i for i in self.declaration.indicators if indicator_key(i.name) == wanted), None)

    def approved(self, declared: DeclaredIndicator) -> tuple[Value, Decimal | None]:
        """The target and weight the year is held to: the declared ones, or as adjusted."""
        adjustment = self.declaration.adjustment(declared.name)
        target = parse_value(adjustment.target) if adjustment and adjustment.target else declared.target
        weight = adjustment.weight if adjustment and adjustment.weight is not None else declared.weight
        return target, weight

    @property
    def title(self) -> str:
        approval = f"，批复文号{self.declaration.approval}" if self.declaration.approval else ""
        return f"{self.stored.year}年度申报表“{self.stored.name}”{approval}"


def target_lock(session: Session, project: m.Project) -> TargetLock | None:
    """The declaration a stored self-evaluation is held to, if its unit keeps one for its year."""
    wanted = project_key(project.name)
    for stored in session.scalars(select(StoredDeclaration).where(StoredDeclaration.unit_id == project.unit_id,
                                                                  StoredDeclaration.year == project.year)):
        if project_key(stored.name) == wanted:
            return TargetLock(stored, declaration_of(stored))
    return None


def declaration_changes(lock: TargetLock, evaluation: Evaluation) -> list[Finding]:
    """What of the self-evaluation differs from its declaration without an approved
    adjustment (target-changed, weight-changed, indicator-not-declared, declared-indicator-missing)."""
    return changes(lock.declaration, evaluation)


def record_adjustments(session: Session, user: m.User, lock: TargetLock, approval: str,
                       adjusted: list[tuple[DeclaredIndicator, str | None, Decimal | None]]
                       ) -> list[tuple[str, str, str]]:
    """Changes to locked targets or weights, approved by `approval`, kept in the declaration's
    调整批复 block (so the declaration's review and the self-evaluation's audit know them) and
    in its record: (declared indicator, new target text or None, new weight or None) each.
    Returns what was recorded, (field, old, new) each."""
    notes = []
    adjustments = {a.indicator: a for a in lock.declaration.adjustments}
    for declared, target, weight in adjusted:
        what = "、".join(f"{title}调整为{value}" for title, value in
                        (("年度指标值", target), ("分值", plain(weight) if weight is not None else None)) if value)
        notes.append((f"{declared.name}·调整批复", "", f"{approval}：{what}（申报值保留）"))
        before = adjustments.get(declared.name)
        adjustments[declared.name] = Adjustment(
            indicator=declared.name, approval=approval,
            target=target if target is not None else (before.target if before else None),
            weight=weight if weight is not None else (before.weight if before else None))
    declaration = replace(lock.declaration, adjustments=tuple(adjustments.values()))
    lock.stored.content = api.declaration_yaml(declaration)
    lock.stored.updated_at = m.utcnow()
    lock.stored.updated_by = user.id
    lock.declaration = declaration
    record_changes(session, user, lock.stored, notes)
    return notes


# -- history --------------------------------------------------------------------------------


def project_evaluation(project: m.Project) -> Evaluation:
    """A stored project read exactly as its YAML file would be."""
    text = document_yaml(project_document(project))
    return api.read_bytes(text.encode("utf-8"), f"{project.year}年{project.name}", suffix=".yaml").evaluations[0]


def same_project_rows(session: Session, user: m.User, unit_id: int, name: str) -> list[m.Project]:
    """Every stored year of a unit's project (by normalised name), within the user's rights."""
    wanted = project_key(name)
    query = access.projects_query(user).where(m.Project.unit_id == unit_id)
    return [p for p in session.scalars(query) if project_key(p.name) == wanted]


def links_for(session: Session, unit_id: int, project: str) -> dict[str, str]:
    rows = session.scalars(select(IndicatorLink).where(IndicatorLink.unit_id == unit_id))
    return {row.old_name: row.new_name for row in rows if project_key(row.project) == project_key(project)}


def add_link(session: Session, user: m.User, unit_id: int, project: str, old: str, new: str) -> IndicatorLink:
    if not can_write(user, unit_id):
        raise NotYours("您不能为该单位关联指标")
    old, new = old.strip()[:300], new.strip()[:300]
    if not old or not new or old == new:
        raise StoreError("请填写改名前后的两个不同的指标名称")
    row = session.scalar(select(IndicatorLink).where(IndicatorLink.unit_id == unit_id,
                                                     IndicatorLink.project == project, IndicatorLink.old_name == old))
    if row is None:
        row = IndicatorLink(unit_id=unit_id, project=project, old_name=old, new_name=new, created_by=user.id)
        session.add(row)
    else:
        row.new_name = new
    session.flush()
    return row


def project_history(session: Session, user: m.User, unit_id: int, name: str, until: int | None = None):
    """The stored history of a unit's project (self-evaluations and declarations of every year
    the user may see, up to `until`), as `api.history_of` reports it; None when nothing."""
    evaluations = [project_evaluation(p) for p in same_project_rows(session, user, unit_id, name)
                   if until is None or p.year <= until]
    declarations = []
    query = declarations_query(user).where(StoredDeclaration.unit_id == unit_id)
    for stored in session.scalars(query):
        if project_key(stored.name) == project_key(name) and (until is None or stored.year <= until):
            declarations.append(declaration_of(stored))
    if not evaluations and not declarations:
        return None
    [report] = api.history_of(evaluations, declarations, links=links_for(session, unit_id, name))
    return report


def stored_history(url: str) -> tuple[list[Evaluation], list[Declaration], dict[str, str]]:
    """Everything a database holds for history (the CLI reads a database it is given as a
    whole): every project's evaluation, every declaration, every manual link."""
    from .db import Store, is_current

    if "://" not in url:
        url = f"sqlite:///{url}"
    store = Store(url, create=False)
    try:
        if not is_current(store.engine):
            raise InputError(Finding("file-unreadable", f"数据库“{url}”的结构不是当前版本：请先用 jixiao serve 升级"))
        with store.session() as session:
            evaluations = [project_evaluation(p) for p in session.scalars(select(m.Project).order_by(m.Project.year))]
            declarations = [declaration_of(d) for d in session.scalars(select(StoredDeclaration))]
            links = {row.old_name: row.new_name for row in session.scalars(select(IndicatorLink))}
        return evaluations, declarations, links
    finally:
        store.dispose()


# -- monitoring tables ----------------------------------------------------------------------


def save_monitoring(session: Session, user: m.User, table: MonitoringTable) -> StoredMonitoring:
    if not access.year_is_open(session, table.as_of.year):
        raise StoreError(f"{table.as_of.year}年度已关闭（只读），不能保存该年度的监控表")
    unit = writable_unit(session, user, table.unit, table.department)
    content = api.monitoring_yaml(replace(table, unit=unit.name))
    return _upsert(session, user, StoredMonitoring, content, unit, {"name": table.project, "as_of": table.as_of},
                   {"year": table.as_of.year})


def monitoring_query(user: m.User) -> Select:
    query = select(StoredMonitoring).order_by(StoredMonitoring.as_of.desc(), StoredMonitoring.name)
    return _scoped(query, StoredMonitoring, user)


def get_monitoring(session: Session, user: m.User, table_id: int) -> StoredMonitoring | None:
    return session.scalar(monitoring_query(user).where(StoredMonitoring.id == table_id))


def monitoring_of(stored: StoredMonitoring) -> MonitoringTable:
    return _read(stored.content, f"{stored.name}（截至{stored.as_of.isoformat()}）监控表", "monitoring")


def latest_tables(session: Session, user: m.User, as_of: date, unit_id: int | None = None) -> list[StoredMonitoring]:
    """Per project, the last table on or before `as_of` of the year of `as_of`."""
    query = monitoring_query(user).where(StoredMonitoring.as_of <= as_of, StoredMonitoring.year == as_of.year)
    if unit_id is not None:
        query = query.where(StoredMonitoring.unit_id == unit_id)
    latest: dict[tuple[int, str], StoredMonitoring] = {}
    for stored in session.scalars(query.order_by(None).order_by(StoredMonitoring.as_of)):
        latest[(stored.unit_id, stored.name)] = stored
    return list(latest.values())


def year_project(session: Session, user: m.User, stored: StoredMonitoring) -> m.Project | None:
    """The self-evaluation of the table's project and year, within the user's rights."""
    rows = [p for p in same_project_rows(session, user, stored.unit_id, stored.name) if p.year == stored.year]
    return rows[0] if rows else None


def year_end_evaluation(session: Session, user: m.User, stored: StoredMonitoring) -> Evaluation | None:
    """The year's self-evaluation once its actuals are filled in (what monitoring is checked
    against at the year's end), else None."""
    project = year_project(session, user, stored)
    if project is None or not any(i.actual.strip() for i in project.indicators):
        return None
    return project_evaluation(project)


def carry_forward(session: Session, user: m.User, stored: StoredMonitoring) -> tuple[m.Project, int]:
    """Start the year-end self-evaluation from a monitoring table: created from it when the year
    has none; otherwise each shortfall explained in monitoring fills an empty 偏差原因 of the
    project while it is with the unit (recorded in its history, editable). Returns the project
    and how many reasons were carried."""
    if not can_write(user, stored.unit_id):
        raise NotYours("您不能为该单位开始年终自评")
    table = monitoring_of(stored)
    project = year_project(session, user, stored)
    if project is None:
        evaluation = replace(api.evaluation_from_monitoring(table), unit=stored.unit.name)
        project = import_evaluation(session, evaluation, unit=stored.unit, user=user)
        return project, sum(1 for i in project.indicators if i.deviation_reason)
    if not access.can_edit(session, user, project):
        raise NotYours(f"项目“{project.name}”已提交或所在年度已关闭，不能沿用监控时的偏差原因")
    reasons = {project_key(i.name): carried_reason(i, table) for i in table.indicators
               if i.likelihood in ("有可能", "完全不可能")}
    carried = 0
    for indicator in project.indicators:
        reason = reasons.get(project_key(indicator.name), "")
        if reason and not indicator.deviation_reason.strip():
            indicator.deviation_reason = reason
            session.add(m.Change(project=project, user_id=user.id, username=user.username,
                                 field=f"偏差原因：{indicator.name}", old="", new=reason))
            carried += 1
    if carried:
        project.version += 1
        project.updated_at = m.utcnow()
        project.updated_by = user.id
    session.flush()
    return project, carried


__all__ = ["NotYours", "TargetLock", "add_link", "declaration_changes", "record_adjustments", "target_lock", "can_write", "carry_forward", "declaration_document", "declaration_of", "declarations_query", "get_declaration",
           "earlier_documents", "get_monitoring", "latest_tables", "links_for", "monitoring_of", "monitoring_query", "project_evaluation",
           "project_history", "record_changes", "same_project_rows", "save_declaration", "save_monitoring", "start_evaluation",
           "stored_history", "writable_unit", "year_end_evaluation", "year_project"]
