"""Review states: a record counts once a second person has verified it.

Every meeting, actor, agenda item and link (participant or agenda link) is a draft until someone
moves it along: needs review, verified, or disputed (with a note saying why). A record without a
``review`` row is a draft, so existing desks need no back-filling. ``record_table`` and
``record_id`` name the record without a foreign key (one column cannot point at four tables); the
store deletes a record's review with it, through the change log, so undo brings both back.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Text, UniqueConstraint
from sqlmodel import Field

from desk.model.tables import Record, one_of, utc_now
from desk.model.vocabulary import ReviewState, values

#: The tables whose records carry a review state.
REVIEWED_TABLES = ["actor", "meeting", "agenda_item", "meeting_actor", "meeting_agenda"]


class Review(Record, table=True):
    __tablename__ = "review"
    __table_args__ = (
        UniqueConstraint("record_table", "record_id"),
        one_of("record_table", REVIEWED_TABLES, "record_table"),
        one_of("state", values(ReviewState), "state"),
        {"sqlite_autoincrement": True},
    )

    record_table: str = Field(max_length=40)
    record_id: int
    state: str = Field(max_length=16, index=True)
    note: str | None = Field(default=None, sa_type=Text)
    set_by: str = Field(max_length=200)
    set_at: dt.datetime = Field(default_factory=utc_now, sa_type=DateTime(timezone=True))
