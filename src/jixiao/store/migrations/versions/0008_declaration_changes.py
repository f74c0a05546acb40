"""declaration changes: who changed which field of a target declaration, old → new

Revision ID: 0008
Revises: 0007
"""

from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "declaration_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("old", sa.Text(), nullable=False),
        sa.Column("new", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["declaration_id"], ["declarations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("declaration_changes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_declaration_changes_declaration_id"), ["declaration_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("declaration_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_declaration_changes_declaration_id"))
    op.drop_table("declaration_changes")
