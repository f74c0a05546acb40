"""the reviewer's overall comment on the project, the unit's reason for submitting with
errors, and reviewers' marks on audit findings

Before this revision the overall comment lived only in the history ("已退回修改：…"); the
latest one is carried over from there, so a project returned before the upgrade still
shows the unit why.

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RETURNED, APPROVED = "已退回修改：", "审核通过："


def upgrade() -> None:
    # Plain ADD COLUMNs, never a batch "recreate" of projects: on SQLite that drops the old
    # table, and with foreign keys on, the drop cascades to every project's rows and history.
    op.add_column("projects", sa.Column("review_note", sa.Text(), nullable=False, server_default=""))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a column with its reference in place (alembic would want a batch copy);
        # a downgrade there leaves the column (see downgrade), which is then reused.
        if "reviewed_by" not in {c["name"] for c in sa.inspect(op.get_bind()).get_columns("projects")}:
                op.execute("ALTER TABLE projects ADD COLUMN reviewed_by INTEGER "
                       "REFERENCES users (id) ON DELETE SET NULL")
    else:
        op.add_column("projects", sa.Column("reviewed_by", sa.Integer(), nullable=True))
        op.create_foreign_key("fk_projects_reviewed_by_users", "projects", "users", ["reviewed_by"], ["id"],
                              ondelete="SET NULL")
    op.add_column("projects", sa.Column("reviewed_at", sa.DateTime(), nullable=True))
    op.add_column("projects", sa.Column("submit_note", sa.Text(), nullable=False, server_default=""))

    op.create_table(
        "finding_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("project_id", "key", name="uq_finding_mark"),
    )
    with op.batch_alter_table("finding_marks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_marks_project_id"), ["project_id"], unique=False)

    # The latest review status change of each project carries its overall comment.
    connection = op.get_bind()
    changes = sa.table("changes", sa.column("id", sa.Integer), sa.column("project_id", sa.Integer),
                       sa.column("user_id", sa.Integer), sa.column("at", sa.DateTime),
                       sa.column("field", sa.Text), sa.column("new", sa.Text))
    projects = sa.table("projects", sa.column("id", sa.Integer), sa.column("review_note", sa.Text),
                        sa.column("reviewed_by", sa.Integer), sa.column("reviewed_at", sa.DateTime))
    latest: dict[int, tuple] = {}
    for row in connection.execute(sa.select(changes.c.project_id, changes.c.user_id, changes.c.at, changes.c.new)
                                  .where(changes.c.field == "状态").order_by(changes.c.id)):
        if row.new.startswith((RETURNED, APPROVED)) or row.new in ("已退回修改", "审核通过"):
            note = row.new.split("：", 1)[1] if "：" in row.new else ""
            latest[row.project_id] = (note, row.user_id, row.at)
    for project_id, (note, user_id, at) in latest.items():
        connection.execute(projects.update().where(projects.c.id == project_id)
                           .values(review_note=note, reviewed_by=user_id, reviewed_at=at))


def downgrade() -> None:
    with op.batch_alter_table("finding_marks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_marks_project_id"))
    op.drop_table("finding_marks")
    if op.get_bind().dialect.name == "sqlite":
        # SQLite (3.35+) drops a column in place, but not one with a foreign key: keep
        # reviewed_by there (unused by the older code), never recreate the table (see upgrade).
        for column in ("submit_note", "reviewed_at", "review_note"):
            op.drop_column("projects", column)
        return
    op.drop_constraint("fk_projects_reviewed_by_users", "projects", type_="foreignkey")
    for column in ("submit_note", "reviewed_at", "reviewed_by", "review_note"):
        op.drop_column("projects", column)
