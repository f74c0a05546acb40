"""a department's own figures (department_figures) and the unit's own report text
(report_text) on its project, kept as the YAML file's blocks

Both are JSON text: the `department_figures:` block as the YAML writer writes it (every
number the text it was written with) and the `report_text:` sections; empty when the
project has none. Before this revision the store dropped them on import.

Revision ID: 0007
Revises: 0006
"""

from alembic import op
import sqlalchemy as sa

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs, never a batch "recreate" of projects (see 0004: on SQLite that would
    # cascade to every project's rows and history).
    op.add_column("projects", sa.Column("department_figures", sa.Text(), nullable=False, server_default=""))
    op.add_column("projects", sa.Column("report_text", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("projects", "report_text")
    op.drop_column("projects", "department_figures")
