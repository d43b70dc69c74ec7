"""Initial schema: actors, aliases, meetings, agenda items, sources, their links and evidence.

On SQLite, FTS5 indexes (kept in step by triggers) serve filter-as-you-type over names, aliases
and titles; other engines search their own way (see desk.store.search).

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table -> the text columns its full-text index covers
FULL_TEXT = {
    "actor": ("name", "title", "country"),
    "actor_alias": ("name",),
    "meeting": ("title", "place"),
    "agenda_item": ("title", "description"),
    "source": ("title", "publisher"),
}


def create_full_text_index(table: str, columns: tuple[str, ...]) -> None:
    """An external-content FTS5 table over ``columns`` of ``table``, kept in step by triggers."""
    listed = ", ".join(columns)
    new = ", ".join(f"new.{column}" for column in columns)
    old = ", ".join(f"old.{column}" for column in columns)
    fts = f"{table}_fts"
    op.execute(
        f"CREATE VIRTUAL TABLE {fts} USING fts5({listed}, content='{table}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER {fts}_update AFTER UPDATE OF {listed} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {listed}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {listed}) VALUES (new.id, {new}); END"
    )


def upgrade() -> None:
    op.create_table(
        "actor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("country", sa.String(length=120), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('person', 'organization', 'state', 'group', 'other')",
            name=op.f("ck_actor_kind"),
        ),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_actor_name_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_actor_name", "actor", ["name"])

    op.create_table(
        "agenda_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.CheckConstraint(
            "status IN ('emerging', 'active', 'dormant', 'resolved', 'dropped')",
            name=op.f("ck_agenda_item_status"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_agenda_item_title_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_item")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_agenda_item_title", "agenda_item", ["title"])

    op.create_table(
        "meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("date_text", sa.String(length=64), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_earliest", sa.Date(), nullable=True),
        sa.Column("date_latest", sa.Date(), nullable=True),
        sa.Column("date_sort", sa.Date(), nullable=True),
        sa.Column("date_phrase", sa.Text(), nullable=True),
        sa.Column("date_reference", sa.Date(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "date_precision IS NULL OR date_precision IN ('day', 'month', 'year', 'decade', 'range', 'approximate')",
            name=op.f("ck_meeting_date_precision"),
        ),
        sa.CheckConstraint(
            "kind IN ('visit', 'talks', 'summit', 'phone_call', 'exercise', 'signing', 'conference', 'other')",
            name=op.f("ck_meeting_kind"),
        ),
        sa.CheckConstraint(
            "status IN ('held', 'reported', 'planned', 'expected', 'speculated', 'denied', 'cancelled')",
            name=op.f("ck_meeting_status"),
        ),
        sa.CheckConstraint(
            "(date_text IS NULL) = (date_precision IS NULL)",
            name=op.f("ck_meeting_date_text_has_precision"),
        ),
        sa.CheckConstraint(
            "date_earliest IS NULL OR date_latest IS NULL OR date_earliest <= date_latest",
            name=op.f("ck_meeting_date_order"),
        ),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_meeting_title_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_meeting_date_earliest", "meeting", ["date_earliest"])
    op.create_index("ix_meeting_date_latest", "meeting", ["date_latest"])
    op.create_index("ix_meeting_timeline", "meeting", ["date_sort", "id"])
    op.create_index("ix_meeting_title", "meeting", ["title"])

    op.create_table(
        "source",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("date_text", sa.String(length=64), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_earliest", sa.Date(), nullable=True),
        sa.Column("date_latest", sa.Date(), nullable=True),
        sa.Column("date_sort", sa.Date(), nullable=True),
        sa.Column("date_phrase", sa.Text(), nullable=True),
        sa.Column("date_reference", sa.Date(), nullable=True),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("publisher", sa.String(length=200), nullable=True),
        sa.Column("author", sa.String(length=300), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("reliability", sa.String(length=1), nullable=True),
        sa.Column("retrieved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "date_precision IS NULL OR date_precision IN ('day', 'month', 'year', 'decade', 'range', 'approximate')",
            name=op.f("ck_source_date_precision"),
        ),
        sa.CheckConstraint(
            "reliability IS NULL OR reliability IN ('A', 'B', 'C', 'D', 'E', 'F')",
            name=op.f("ck_source_reliability"),
        ),
        sa.CheckConstraint(
            "(date_text IS NULL) = (date_precision IS NULL)",
            name=op.f("ck_source_date_text_has_precision"),
        ),
        sa.CheckConstraint(
            "date_earliest IS NULL OR date_latest IS NULL OR date_earliest <= date_latest",
            name=op.f("ck_source_date_order"),
        ),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_source_sha256_length")),
        sa.CheckConstraint("length(trim(title)) > 0", name=op.f("ck_source_title_not_blank")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_source_date_sort_id", "source", ["date_sort", "id"])
    op.create_index("ix_source_sha256", "source", ["sha256"])
    op.create_index("ix_source_title", "source", ["title"])

    op.create_table(
        "actor_alias",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=True),
        sa.CheckConstraint("length(trim(name)) > 0", name=op.f("ck_actor_alias_name_not_blank")),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_actor_alias_actor_id_actor")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_actor_alias")),
        sa.UniqueConstraint("actor_id", "name", name=op.f("uq_actor_alias_actor_id_name")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_actor_alias_actor_id", "actor_alias", ["actor_id"])
    op.create_index("ix_actor_alias_name", "actor_alias", ["name"])

    op.create_table(
        "meeting_actor",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "role IN ('host', 'guest', 'participant', 'mediator', 'observer')",
            name=op.f("ck_meeting_actor_role"),
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_meeting_actor_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_actor_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_actor")),
        sa.UniqueConstraint(
            "meeting_id", "actor_id", name=op.f("uq_meeting_actor_meeting_id_actor_id")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_meeting_actor_actor_id", "meeting_actor", ["actor_id"])
    op.create_index("ix_meeting_actor_meeting_id", "meeting_actor", ["meeting_id"])

    op.create_table(
        "meeting_agenda",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('speculated', 'expected', 'reported', 'confirmed', 'denied')",
            name=op.f("ck_meeting_agenda_status"),
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_meeting_agenda_agenda_item_id_agenda_item"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_agenda_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_agenda")),
        sa.UniqueConstraint(
            "meeting_id", "agenda_item_id", name=op.f("uq_meeting_agenda_meeting_id_agenda_item_id")
        ),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_meeting_agenda_agenda_item_id", "meeting_agenda", ["agenda_item_id"])
    op.create_index("ix_meeting_agenda_meeting_id", "meeting_agenda", ["meeting_id"])

    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("meeting_id", sa.Integer(), nullable=True),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("meeting_actor_id", sa.Integer(), nullable=True),
        sa.Column("meeting_agenda_id", sa.Integer(), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("prefix", sa.Text(), nullable=False),
        sa.Column("suffix", sa.Text(), nullable=False),
        sa.Column("quote_start", sa.Integer(), nullable=False),
        sa.Column("quote_end", sa.Integer(), nullable=False),
        sa.Column("attributed_actor_id", sa.Integer(), nullable=True),
        sa.Column("attributed_text", sa.String(length=300), nullable=True),
        sa.Column("credibility", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "CAST(actor_id IS NOT NULL AS INTEGER) + CAST(meeting_id IS NOT NULL AS INTEGER) + CAST(agenda_item_id IS NOT NULL AS INTEGER) + CAST(meeting_actor_id IS NOT NULL AS INTEGER) + CAST(meeting_agenda_id IS NOT NULL AS INTEGER) = 1",
            name=op.f("ck_evidence_one_target"),
        ),
        sa.CheckConstraint(
            "credibility IS NULL OR credibility BETWEEN 1 AND 6",
            name=op.f("ck_evidence_credibility_range"),
        ),
        sa.CheckConstraint("length(quote) > 0", name=op.f("ck_evidence_quote_not_empty")),
        sa.CheckConstraint(
            "quote_start >= 0 AND quote_end > quote_start", name=op.f("ck_evidence_offsets")
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actor.id"], name=op.f("fk_evidence_actor_id_actor")
        ),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_item.id"],
            name=op.f("fk_evidence_agenda_item_id_agenda_item"),
        ),
        sa.ForeignKeyConstraint(
            ["attributed_actor_id"],
            ["actor.id"],
            name=op.f("fk_evidence_attributed_actor_id_actor"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_actor_id"],
            ["meeting_actor.id"],
            name=op.f("fk_evidence_meeting_actor_id_meeting_actor"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_agenda_id"],
            ["meeting_agenda.id"],
            name=op.f("fk_evidence_meeting_agenda_id_meeting_agenda"),
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_evidence_meeting_id_meeting")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"], ["source.id"], name=op.f("fk_evidence_source_id_source")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_evidence_actor_id", "evidence", ["actor_id"])
    op.create_index("ix_evidence_agenda_item_id", "evidence", ["agenda_item_id"])
    op.create_index("ix_evidence_attributed_actor_id", "evidence", ["attributed_actor_id"])
    op.create_index("ix_evidence_meeting_actor_id", "evidence", ["meeting_actor_id"])
    op.create_index("ix_evidence_meeting_agenda_id", "evidence", ["meeting_agenda_id"])
    op.create_index("ix_evidence_meeting_id", "evidence", ["meeting_id"])
    op.create_index("ix_evidence_source_id", "evidence", ["source_id"])

    if op.get_bind().dialect.name == "sqlite":
        for table, columns in FULL_TEXT.items():
            create_full_text_index(table, columns)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in FULL_TEXT:
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    for table in (
        "evidence",
        "meeting_agenda",
        "meeting_actor",
        "actor_alias",
        "source",
        "meeting",
        "agenda_item",
        "actor",
    ):
        op.drop_table(table)
