"""The actors' name keys kept in the database, so reading a report need not rebuild them.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A derived table (like the search indexes, not part of the model): one row per name key and
actor, with how many words the name has. Filled here from the actors and aliases already on the
desk; the store keeps it up to date from then on (desk.store.actor_keys).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desk.name_keys import indexed_keys

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    table = op.create_table(
        "actor_name_key",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", "actor_id", name=op.f("pk_actor_name_key")),
    )
    op.create_index("ix_actor_name_key_actor_id", "actor_name_key", ["actor_id"])
    op.create_index("ix_actor_name_key_words", "actor_name_key", ["words"])
    names = op.get_bind().execute(
        sa.text("SELECT id, name FROM actor UNION ALL SELECT actor_id, name FROM actor_alias")
    )
    rows: dict[tuple[str, int], int] = {}
    for actor_id, name in names:
        keys, words = indexed_keys(name)
        for key in keys:
            rows[(key, actor_id)] = max(words, rows.get((key, actor_id), 0))
    if rows:
        op.bulk_insert(
            table,
            [
                {"key": key, "actor_id": actor, "words": words}
                for (key, actor), words in rows.items()
            ],
        )


def downgrade() -> None:
    op.drop_table("actor_name_key")
