"""The change log: who changed what and when, with enough of each row to undo it.

Every store write is one changeset; each row it inserted, updated or deleted is a change holding
the row as JSON before and after. Undo applies a changeset's changes backwards (as a new changeset
that ``undoes`` it), so merges and deletes can be undone and the audit trail keeps everything.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, Text
from sqlmodel import Field, SQLModel

from desk.model.tables import one_of, utc_now


class Changeset(SQLModel, table=True):
    __tablename__ = "changeset"
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
    author: str = Field(max_length=200)
    action: str = Field(max_length=40)
    summary: str = Field(sa_type=Text)
    undoes_id: int | None = Field(default=None, foreign_key="changeset.id", index=True)


class Change(SQLModel, table=True):
    __tablename__ = "change"
    __table_args__ = (
        one_of("op", ["insert", "update", "delete"], "op"),
        Index("ix_change_record", "table_name", "record_id"),
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    changeset_id: int = Field(foreign_key="changeset.id", index=True)
    seq: int
    table_name: str = Field(max_length=40)
    record_id: int
    op: str = Field(max_length=8)
    before: str | None = Field(default=None, sa_type=Text)
    after: str | None = Field(default=None, sa_type=Text)
