"""The database tables. An evaluation is stored as the YAML file's fields, exactly as
written (texts and decimals), so a stored project exports back to the same document;
scores are never stored, they are recomputed by `jixiao.api` from these fields."""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from .types import ExactDecimal


def utcnow() -> datetime:
    # Naive UTC everywhere: SQLite drops the zone, so both backends store the same thing.
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Base(DeclarativeBase):
    pass


class Role(str, Enum):
    UNIT = "unit"
    REVIEWER = "reviewer"
    ADMIN = "admin"

    @property
    def title(self) -> str:
        return {"unit": "单位填报人员", "reviewer": "审核人员", "admin": "管理员"}[self.value]


class Status(str, Enum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    APPROVED = "approved"

    @property
    def title(self) -> str:
        return {"draft": "填报中", "submitted": "已提交待审核", "returned": "已退回修改", "approved": "审核通过"}[
            self.value
        ]


reviewer_units = Table(
    "reviewer_units",
    Base.metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("unit_id", ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
)


class Unit(Base):
    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    department: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    projects: Mapped[list["Project"]] = relationship(back_populates="unit", cascade="all, delete-orphan")


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    unit: Mapped[Unit | None] = relationship()
    reviewed_units: Mapped[list[Unit]] = relationship(secondary=reviewer_units, order_by=Unit.name)

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def label(self) -> str:
        return self.display_name or self.username


class Year(Base):
    """A budget year that admins open for filling in; closed years are read-only."""

    __tablename__ = "years"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    open: Mapped[bool] = mapped_column(Boolean, default=True)


class Project(Base):
    """One self-evaluation table (a project's, or a department's whole expenditure)."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("unit_id", "year", "kind", "name", name="uq_project"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(20), default="project")
    name: Mapped[str] = mapped_column(String(300))
    department: Mapped[str] = mapped_column(String(200), default="")
    profile: Mapped[str] = mapped_column(String(50), default="national")
    funds_unit: Mapped[str] = mapped_column(String(20), default="万元")
    declared_weights: Mapped[str] = mapped_column(Text, default="{}")  # JSON {level1: "50"}
    reported_total: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)
    status: Mapped[str] = mapped_column(String(20), default=Status.DRAFT.value)
    # Optimistic locking: every write checks and bumps it in one UPDATE.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    # The reviewer's last overall comment (on return or approval) and who wrote it when, shown
    # to the unit on the project page and its home until the next review.
    review_note: Mapped[str] = mapped_column(Text, default="")
    reviewed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Why the unit submitted although the audit listed errors (empty when it listed none).
    submit_note: Mapped[str] = mapped_column(Text, default="")
    # A department's own figures and the unit's own report text, as the YAML file's
    # `department_figures:` and `report_text:` blocks in JSON ("" when there are none).
    department_figures: Mapped[str] = mapped_column(Text, default="")
    report_text: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship(back_populates="projects")
    editor: Mapped[User | None] = relationship(foreign_keys=[updated_by])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewed_by])
    goals: Mapped[list["Goal"]] = relationship(
        order_by="Goal.position", cascade="all, delete-orphan", back_populates="project"
    )
    fund_lines: Mapped[list["FundLine"]] = relationship(
        order_by="FundLine.position", cascade="all, delete-orphan", back_populates="project"
    )
    indicators: Mapped[list["Indicator"]] = relationship(
        order_by="Indicator.position", cascade="all, delete-orphan", back_populates="project"
    )
    history: Mapped[list["Change"]] = relationship(
        order_by="Change.id.desc()", cascade="all, delete-orphan", back_populates="project"
    )
    marks: Mapped[list["FindingMark"]] = relationship(cascade="all, delete-orphan", back_populates="project")

    @property
    def status_enum(self) -> Status:
        return Status(self.status)


class Goal(Base):
    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    expected: Mapped[str] = mapped_column(Text, default="")
    actual: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship(back_populates="goals")


class FundLine(Base):
    __tablename__ = "fund_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20))
    initial_budget: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)
    budget: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)
    executed: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)
    reported_weight: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)
    reported_rate: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)
    reported_score: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)

    project: Mapped[Project] = relationship(back_populates="fund_lines")


class Indicator(Base):
    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    level1: Mapped[str] = mapped_column(String(100))
    level2: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text, default="")
    actual: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[Decimal] = mapped_column(ExactDecimal)
    rule_text: Mapped[str] = mapped_column(Text, default="")
    rule_json: Mapped[str] = mapped_column(Text, default="")  # {"kind": ..., params}
    reported_score: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)
    deviation_reason: Mapped[str] = mapped_column(Text, default="")
    goal: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The reviewer's side, as on the national platform: 审核得分 and a comment per indicator.
    review_score: Mapped[Decimal | None] = mapped_column(ExactDecimal, nullable=True)
    review_comment: Mapped[str] = mapped_column(Text, default="")

    project: Mapped[Project] = relationship(back_populates="indicators")


class Recorded:
    """One recorded change — who, when, which field, old → new — of whatever the table's other
    column points to (a project, a declaration)."""

    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    username: Mapped[str] = mapped_column(String(80), default="")
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    field: Mapped[str] = mapped_column(Text)
    old: Mapped[str] = mapped_column(Text, default="")
    new: Mapped[str] = mapped_column(Text, default="")

    @declared_attr
    def user(cls) -> Mapped[User | None]:
        return relationship("User")

    @property
    def who(self) -> str:
        """The person as the pages name them: display name, else the username recorded (the
        account may since have been removed)."""
        return self.user.label if self.user is not None else self.username


class Change(Recorded, Base):
    """One recorded change: who, when, which field, old → new."""

    __tablename__ = "changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)

    project: Mapped[Project] = relationship(back_populates="history")


class MarkStatus(str, Enum):
    VERIFIED = "verified"
    CORRECTED = "corrected"
    REJECTED = "rejected"

    @property
    def title(self) -> str:
        return {"verified": "已核实", "corrected": "已更正", "rejected": "不采纳"}[self.value]


class FindingMark(Base):
    """A reviewer's decision on one audit finding of a project: 已核实, 已更正 or 不采纳, with a
    note. Findings are recomputed, never stored; `key` names the finding by its code and the
    place it is about (the indicator's name, 总分, a funds line), so the mark follows the
    finding while it exists and stays with the project's history when it is gone."""

    __tablename__ = "finding_marks"
    __table_args__ = (UniqueConstraint("project_id", "key", name="uq_finding_mark"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(400))
    code: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    project: Mapped[Project] = relationship(back_populates="marks")
    user: Mapped[User | None] = relationship()

    @property
    def status_enum(self) -> MarkStatus:
        return MarkStatus(self.status)


class LoginThrottle(Base):
    """Failed logins per (account, client address), kept in the database so the throttle
    holds across worker processes. One row per pair, updated by compare-and-set, so
    concurrent attempts are counted exactly (see store/users.py)."""

    __tablename__ = "login_throttle"

    account: Mapped[str] = mapped_column(String(80), primary_key=True)
    address: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


class UserSession(Base):
    """A signed-in browser. The cookie carries a random token; the database keeps its
    SHA-256, so logout, a password change or disabling the account ends it on the server."""

    __tablename__ = "user_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class Setting(Base):
    """Instance-wide settings shared by every worker process (e.g. the session signing key)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


from . import plan_models  # noqa: E402,F401  (registers the declaration, link and monitoring tables)
