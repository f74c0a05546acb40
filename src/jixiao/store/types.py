"""Exact decimals in every database: NUMERIC on PostgreSQL, text on SQLite.

SQLite has no decimal type (SQLAlchemy would go through float), so amounts and
scores are kept there as their exact decimal text; PostgreSQL's unconstrained
NUMERIC keeps the digits and the scale as written (614.00 stays 614.00).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Numeric, String
from sqlalchemy.types import TypeDecorator

from ..decimals import plain
from ..numbers import STORED, refusal


class ExactDecimal(TypeDecorator):
    impl = String(64)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "postgresql":
            return dialect.type_descriptor(Numeric(asdecimal=True))
        return dialect.type_descriptor(String(64))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            # Floats would already have lost digits: refuse rather than store them.
            if isinstance(value, float):
                raise TypeError("金额与得分必须是 Decimal，不能是浮点数")
            value = Decimal(str(value))
        if (refused := refusal(value, STORED)) is not None:  # every writer validates first; this is the floor
            raise ValueError(f"数字“{plain(value)[:40]}”{refused}，不能保存")
        return value if dialect.name == "postgresql" else plain(value)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value if isinstance(value, Decimal) else Decimal(str(value))
