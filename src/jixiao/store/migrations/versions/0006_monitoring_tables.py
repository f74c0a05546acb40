"""monitoring tables (绩效目标执行监控表), kept as their YAML file, one per project and date

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monitoring_tables",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "name", "as_of", name="uq_monitoring"),
    )
    with op.batch_alter_table("monitoring_tables", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_monitoring_tables_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_monitoring_tables_year"), ["year"], unique=False)
        batch_op.create_index(batch_op.f("ix_monitoring_tables_as_of"), ["as_of"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("monitoring_tables", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_tables_as_of"))
        batch_op.drop_index(batch_op.f("ix_monitoring_tables_year"))
        batch_op.drop_index(batch_op.f("ix_monitoring_tables_unit_id"))
    op.drop_table("monitoring_tables")
