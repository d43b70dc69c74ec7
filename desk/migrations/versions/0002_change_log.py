"""Change log: every write as a changeset of row changes, for the audit trail and undo.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "changeset",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("undoes_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["undoes_id"], ["changeset.id"], name=op.f("fk_changeset_undoes_id_changeset")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changeset")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_changeset_undoes_id", "changeset", ["undoes_id"])

    op.create_table(
        "change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("changeset_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.CheckConstraint("op IN ('insert', 'update', 'delete')", name=op.f("ck_change_op")),
        sa.ForeignKeyConstraint(
            ["changeset_id"], ["changeset.id"], name=op.f("fk_change_changeset_id_changeset")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_change")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_change_changeset_id", "change", ["changeset_id"])
    op.create_index("ix_change_record", "change", ["table_name", "record_id"])


def downgrade() -> None:
    op.drop_table("change")
    op.drop_table("changeset")
