"""The tables of the documents around a self-evaluation: target declarations (绩效目标申报表),
the manual links that carry an indicator across a change of name, and monitoring tables
(绩效目标执行监控表). A declaration and a monitoring table are kept as their YAML file, exactly
as `jixiao.api` writes it: the one reader checks it on the way in and reads it on the way out,
so a stored document and a file are the same thing."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .models import Base, Recorded, Unit, User, utcnow


class StoredDeclaration(Base):
    __tablename__ = "declarations"
    __table_args__ = (UniqueConstraint("unit_id", "year", "name", name="uq_declaration"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(300))
    content: Mapped[str] = mapped_column(Text)          # the declaration's YAML file
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    unit: Mapped[Unit] = relationship()
    editor: Mapped[User | None] = relationship()
    # Who changed which field of the declaration, before and after approval: its own record, as
    # a self-evaluation's is kept in `changes` (a declaration no evaluation uses yet has only this).
    history: Mapped[list["DeclarationChange"]] = relationship(
        order_by="DeclarationChange.id.desc()", cascade="all, delete-orphan", back_populates="declaration")


class DeclarationChange(Recorded, Base):
    """One recorded change of a declaration: who, when, which field, old → new."""

    __tablename__ = "declaration_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    declaration_id: Mapped[int] = mapped_column(ForeignKey("declarations.id", ondelete="CASCADE"), index=True)

    declaration: Mapped[StoredDeclaration] = relationship(back_populates="history")


class IndicatorLink(Base):
    """In this unit's project, the indicator once named `old_name` is the one now named
    `new_name` (history follows it across the change of name)."""

    __tablename__ = "indicator_links"
    __table_args__ = (UniqueConstraint("unit_id", "project", "old_name", name="uq_indicator_link"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    project: Mapped[str] = mapped_column(String(300))
    old_name: Mapped[str] = mapped_column(String(300))
    new_name: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)


class StoredMonitoring(Base):
    __tablename__ = "monitoring_tables"
    __table_args__ = (UniqueConstraint("unit_id", "name", "as_of", name="uq_monitoring"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(String(300))
    as_of: Mapped[date] = mapped_column(Date, index=True)
    content: Mapped[str] = mapped_column(Text)          # the monitoring table's YAML file
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), nullable=True)

    unit: Mapped[Unit] = relationship()
    editor: Mapped[User | None] = relationship()
