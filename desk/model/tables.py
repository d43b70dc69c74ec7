"""The desk's tables: the schema and nothing else.

Every record carries ``created_at``, ``updated_at`` and ``version`` (bumped on each update, so two
people editing one record cannot silently overwrite each other). Foreign keys are real and
restrictive: the store deletes dependents explicitly, recording them so a delete can be undone.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, DateTime, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from desk.dates import Precision
from desk.model.vocabulary import (
    ActorKind,
    AgendaStatus,
    MeetingKind,
    MeetingStatus,
    MentionStatus,
    ParticipantRole,
    Reliability,
    values,
)

# Named constraints keep Alembic's batch migrations on SQLite deterministic.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def one_of(
    column: str, vocabulary: list[str], name: str, nullable: bool = False
) -> CheckConstraint:
    """A CHECK constraint restricting ``column`` to a closed vocabulary."""
    listed = ", ".join(f"'{value}'" for value in vocabulary)
    condition = f"{column} IN ({listed})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(condition, name=name)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Record(SQLModel):
    """Columns every stored record has."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: dt.datetime = Field(
        default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False
    )
    updated_at: dt.datetime = Field(
        default_factory=utc_now, sa_type=DateTime(timezone=True), nullable=False
    )
    version: int = Field(default=1, nullable=False)


class PartialDateColumns(SQLModel):
    """A partial date spread over columns (see desk.dates.PartialDate).

    ``date_sort`` is the day timelines sort by (the earliest day, else the latest for an interval
    open at its start); it is derived, kept so one index serves the timeline.
    """

    date_text: str | None = Field(default=None, max_length=64)
    date_precision: str | None = Field(default=None, max_length=16)
    date_earliest: dt.date | None = None
    date_latest: dt.date | None = None
    date_sort: dt.date | None = None
    date_phrase: str | None = Field(default=None, sa_type=Text)
    date_reference: dt.date | None = None


def date_checks() -> tuple[CheckConstraint, ...]:
    return (
        one_of("date_precision", values(Precision), "date_precision", nullable=True),
        CheckConstraint(
            "(date_text IS NULL) = (date_precision IS NULL)", name="date_text_has_precision"
        ),
        CheckConstraint(
            "date_earliest IS NULL OR date_latest IS NULL OR date_earliest <= date_latest",
            name="date_order",
        ),
    )


class Actor(Record, table=True):
    """A person, organization, state or group."""

    __tablename__ = "actor"
    __table_args__ = (
        one_of("kind", values(ActorKind), "kind"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        Index(None, "name"),
        {"sqlite_autoincrement": True},
    )

    name: str = Field(max_length=300)
    kind: str = Field(default=ActorKind.PERSON.value, max_length=16)
    title: str | None = Field(default=None, sa_type=Text)
    country: str | None = Field(default=None, max_length=120)
    notes: str | None = Field(default=None, sa_type=Text)


class ActorAlias(Record, table=True):
    """Another name of an actor, in any script ("Kim Jong Un", "김정은", "Ким Чен Ын")."""

    __tablename__ = "actor_alias"
    __table_args__ = (
        UniqueConstraint("actor_id", "name"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        Index(None, "name"),
        {"sqlite_autoincrement": True},
    )

    actor_id: int = Field(foreign_key="actor.id", index=True)
    name: str = Field(max_length=300)
    language: str | None = Field(default=None, max_length=35)


class Meeting(PartialDateColumns, Record, table=True):
    """Something that brings actors together: a visit, talks, a summit, a call, an exercise."""

    __tablename__ = "meeting"
    __table_args__ = (
        one_of("kind", values(MeetingKind), "kind"),
        one_of("status", values(MeetingStatus), "status"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        *date_checks(),
        Index("ix_meeting_timeline", "date_sort", "id"),
        # Covers (id, date_sort): a filter's matches are put in timeline order from it alone.
        Index("ix_meeting_search_order", "id", "date_sort"),
        Index(None, "date_earliest"),
        Index(None, "date_latest"),
        Index(None, "title"),
        {"sqlite_autoincrement": True},
    )

    title: str = Field(max_length=500)
    kind: str = Field(default=MeetingKind.TALKS.value, max_length=16)
    status: str = Field(default=MeetingStatus.REPORTED.value, max_length=16)
    place: str | None = Field(default=None, max_length=300)
    summary: str | None = Field(default=None, sa_type=Text)


class AgendaItem(Record, table=True):
    """A topic that meetings take up over time."""

    __tablename__ = "agenda_item"
    __table_args__ = (
        one_of("status", values(AgendaStatus), "status"),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        Index(None, "title"),
        {"sqlite_autoincrement": True},
    )

    title: str = Field(max_length=500)
    description: str | None = Field(default=None, sa_type=Text)
    status: str = Field(default=AgendaStatus.ACTIVE.value, max_length=16)


class Source(PartialDateColumns, Record, table=True):
    """A report as read: its full text (a local snapshot with its SHA-256) and its reliability.

    The date columns hold the publication date, which relative phrases in the text resolve against.
    """

    __tablename__ = "source"
    __table_args__ = (
        one_of("reliability", values(Reliability), "reliability", nullable=True),
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
        *date_checks(),
        Index(None, "title"),
        Index(None, "sha256"),
        Index(None, "date_sort", "id"),
        {"sqlite_autoincrement": True},
    )

    title: str = Field(max_length=500)
    publisher: str | None = Field(default=None, max_length=200)
    author: str | None = Field(default=None, max_length=300)
    url: str | None = Field(default=None, sa_type=Text)
    language: str | None = Field(default=None, max_length=35)
    text: str = Field(sa_type=Text)
    sha256: str = Field(max_length=64)
    reliability: str | None = Field(default=None, max_length=1)
    retrieved_at: dt.datetime | None = Field(default=None, sa_type=DateTime(timezone=True))
    notes: str | None = Field(default=None, sa_type=Text)


class MeetingActor(Record, table=True):
    """An actor's part in a meeting."""

    __tablename__ = "meeting_actor"
    __table_args__ = (
        UniqueConstraint("meeting_id", "actor_id"),
        one_of("role", values(ParticipantRole), "role"),
        {"sqlite_autoincrement": True},
    )

    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    actor_id: int = Field(foreign_key="actor.id", index=True)
    role: str = Field(default=ParticipantRole.PARTICIPANT.value, max_length=16)
    note: str | None = Field(default=None, sa_type=Text)


class MeetingAgenda(Record, table=True):
    """An agenda item taken up (or said to be taken up) by a meeting, with how sure we are."""

    __tablename__ = "meeting_agenda"
    __table_args__ = (
        UniqueConstraint("meeting_id", "agenda_item_id"),
        one_of("status", values(MentionStatus), "status"),
        {"sqlite_autoincrement": True},
    )

    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    agenda_item_id: int = Field(foreign_key="agenda_item.id", index=True)
    status: str = Field(default=MentionStatus.REPORTED.value, max_length=16)
    note: str | None = Field(default=None, sa_type=Text)


#: The columns of Evidence that point at the record a passage supports; exactly one is set.
EVIDENCE_TARGETS = (
    "actor_id",
    "meeting_id",
    "agenda_item_id",
    "meeting_actor_id",
    "meeting_agenda_id",
)


class Evidence(Record, table=True):
    """A passage of a source that supports one record or link.

    The passage is anchored like a W3C Web Annotation TextQuoteSelector (``quote`` with ``prefix``
    and ``suffix``) and by code-point offsets into ``Source.text``, so it can be found again,
    highlighted, and re-anchored if the stored text is corrected.
    """

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint(
            # CAST keeps it portable: PostgreSQL does not add booleans.
            " + ".join(f"CAST({column} IS NOT NULL AS INTEGER)" for column in EVIDENCE_TARGETS)
            + " = 1",
            name="one_target",
        ),
        CheckConstraint("quote_start >= 0 AND quote_end > quote_start", name="offsets"),
        CheckConstraint(
            "credibility IS NULL OR credibility BETWEEN 1 AND 6", name="credibility_range"
        ),
        CheckConstraint("length(quote) > 0", name="quote_not_empty"),
        {"sqlite_autoincrement": True},
    )

    source_id: int = Field(foreign_key="source.id", index=True)
    actor_id: int | None = Field(default=None, foreign_key="actor.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    agenda_item_id: int | None = Field(default=None, foreign_key="agenda_item.id", index=True)
    meeting_actor_id: int | None = Field(default=None, foreign_key="meeting_actor.id", index=True)
    meeting_agenda_id: int | None = Field(default=None, foreign_key="meeting_agenda.id", index=True)
    quote: str = Field(sa_type=Text)
    prefix: str = Field(default="", sa_type=Text)
    suffix: str = Field(default="", sa_type=Text)
    quote_start: int
    quote_end: int
    attributed_actor_id: int | None = Field(default=None, foreign_key="actor.id", index=True)
    attributed_text: str | None = Field(default=None, max_length=300)
    credibility: int | None = None
    note: str | None = Field(default=None, sa_type=Text)


#: The curated record tables, in an order where every table comes after those it points to.
RECORD_TABLES: tuple[type[Record], ...] = (
    Actor,
    ActorAlias,
    Meeting,
    AgendaItem,
    Source,
    MeetingActor,
    MeetingAgenda,
    Evidence,
)
