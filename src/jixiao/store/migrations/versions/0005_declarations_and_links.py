"""target declarations (绩效目标申报表), kept as their YAML file, and manual links that carry
an indicator's history across a change of name

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "declarations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "year", "name", name="uq_declaration"),
    )
    with op.batch_alter_table("declarations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_declarations_unit_id"), ["unit_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_declarations_year"), ["year"], unique=False)

    op.create_table(
        "indicator_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("project", sa.String(length=300), nullable=False),
        sa.Column("old_name", sa.String(length=300), nullable=False),
        sa.Column("new_name", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("unit_id", "project", "old_name", name="uq_indicator_link"),
    )
    with op.batch_alter_table("indicator_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_links_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("indicator_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_links_unit_id"))
    op.drop_table("indicator_links")
    with op.batch_alter_table("declarations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declarations_year"))
        batch_op.drop_index(batch_op.f("ix_declarations_unit_id"))
    op.drop_table("declarations")
