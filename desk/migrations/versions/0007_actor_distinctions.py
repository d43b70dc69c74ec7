"""Actors judged not the same: pairs the possible-duplicates list no longer offers.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "actor_distinction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("other_actor_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "actor_id < other_actor_id", name=op.f("ck_actor_distinction_ordered_pair")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_actor_distinction_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(
            ["other_actor_id"],
            ["actor.id"],
            name=op.f("fk_actor_distinction_other_actor_id_actor"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_distinction")),
        sa.UniqueConstraint(
            "actor_id",
            "other_actor_id",
            name=op.f("uq_actor_distinction_actor_id_other_actor_id"),
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_actor_distinction_actor_id", "actor_distinction", ["actor_id"])
    op.create_index("ix_actor_distinction_other_actor_id", "actor_distinction", ["other_actor_id"])


def downgrade() -> None:
    op.drop_table("actor_distinction")
