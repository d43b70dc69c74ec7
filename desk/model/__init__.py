"""The desk's tables (SQLModel): the schema and nothing else."""

from desk.model.changes import Change, Changeset
from desk.model.tables import (
    EVIDENCE_TARGETS,
    Actor,
    ActorAlias,
    AgendaItem,
    Evidence,
    Meeting,
    MeetingActor,
    MeetingAgenda,
    Record,
    Source,
)
from desk.model.vocabulary import (
    ActorKind,
    AgendaStatus,
    MeetingKind,
    MeetingStatus,
    MentionStatus,
    ParticipantRole,
    Reliability,
)

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

__all__ = [
    "EVIDENCE_TARGETS",
    "RECORD_TABLES",
    "Actor",
    "ActorAlias",
    "ActorKind",
    "AgendaItem",
    "AgendaStatus",
    "Change",
    "Changeset",
    "Evidence",
    "Meeting",
    "MeetingActor",
    "MeetingAgenda",
    "MeetingKind",
    "MeetingStatus",
    "MentionStatus",
    "ParticipantRole",
    "Record",
    "Reliability",
    "Source",
]
