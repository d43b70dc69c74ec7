"""The desk's tables (SQLModel): the schema and nothing else.

Names load on first use (see desk.lazy), so ``desk.model.vocabulary`` stays light.
"""

from typing import TYPE_CHECKING

from desk.lazy import exports

_NAMES = {
    "Change": "changes",
    "Changeset": "changes",
    "EVIDENCE_TARGETS": "tables",
    "RECORD_TABLES": "tables",
    "Actor": "tables",
    "ActorAlias": "tables",
    "AgendaItem": "tables",
    "Evidence": "tables",
    "Meeting": "tables",
    "MeetingActor": "tables",
    "MeetingAgenda": "tables",
    "Record": "tables",
    "Source": "tables",
    "ProposalDecision": "proposals",
    "REVIEWED_TABLES": "reviews",
    "Review": "reviews",
    "ReviewState": "vocabulary",
    "SourceArchive": "archive",
    "ActorDistinction": "duplicates",
    "ActorKind": "vocabulary",
    "AgendaStatus": "vocabulary",
    "MeetingKind": "vocabulary",
    "MeetingStatus": "vocabulary",
    "MentionStatus": "vocabulary",
    "ParticipantRole": "vocabulary",
    "Reliability": "vocabulary",
}
__all__ = [
    "EVIDENCE_TARGETS",
    "RECORD_TABLES",
    "REVIEWED_TABLES",
    "Actor",
    "ActorAlias",
    "ActorDistinction",
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
    "ProposalDecision",
    "Record",
    "Reliability",
    "Review",
    "ReviewState",
    "Source",
    "SourceArchive",
]
__getattr__ = exports(__name__, _NAMES)

if TYPE_CHECKING:
    from desk.model.archive import SourceArchive
    from desk.model.changes import Change, Changeset
    from desk.model.duplicates import ActorDistinction
    from desk.model.proposals import ProposalDecision
    from desk.model.reviews import REVIEWED_TABLES, Review
    from desk.model.tables import (
        EVIDENCE_TARGETS,
        RECORD_TABLES,
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
        ReviewState,
    )
