"""Review states: draft, needs review, verified, disputed, with who set them, when and why.

Existing records become drafts without a row each: a record with no ``review`` row is a draft.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("record_table", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("set_by", sa.String(length=200), nullable=False),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "record_table IN ('actor', 'meeting', 'agenda_item', 'meeting_actor', "
            "'meeting_agenda')",
            name=op.f("ck_review_record_table"),
        ),
        sa.CheckConstraint(
            "state IN ('draft', 'needs_review', 'verified', 'disputed')",
            name=op.f("ck_review_state"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review")),
        sa.UniqueConstraint(
            "record_table", "record_id", name=op.f("uq_review_record_table_record_id")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_review_state"), "review", ["state"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_review_state"), table_name="review")
    op.drop_table("review")
