"""The closed vocabularies of the desk: kinds, statuses, roles and grades.

Stored as plain text columns with CHECK constraints (portable across SQLite and PostgreSQL and
easy to extend in a migration), validated by the store before anything is written.
"""

from enum import StrEnum


class ActorKind(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    STATE = "state"
    GROUP = "group"
    OTHER = "other"


class MeetingKind(StrEnum):
    VISIT = "visit"
    TALKS = "talks"
    SUMMIT = "summit"
    PHONE_CALL = "phone_call"
    EXERCISE = "exercise"
    SIGNING = "signing"
    CONFERENCE = "conference"
    OTHER = "other"


class MeetingStatus(StrEnum):
    """How sure we are that a meeting happened or will happen."""

    HELD = "held"
    REPORTED = "reported"
    PLANNED = "planned"
    EXPECTED = "expected"
    SPECULATED = "speculated"
    DENIED = "denied"
    CANCELLED = "cancelled"


class ParticipantRole(StrEnum):
    HOST = "host"
    GUEST = "guest"
    PARTICIPANT = "participant"
    MEDIATOR = "mediator"
    OBSERVER = "observer"


class MentionStatus(StrEnum):
    """How sure we are that a meeting took up an agenda item."""

    SPECULATED = "speculated"
    EXPECTED = "expected"
    REPORTED = "reported"
    CONFIRMED = "confirmed"
    DENIED = "denied"


class AgendaStatus(StrEnum):
    """Where a topic stands over time."""

    EMERGING = "emerging"
    ACTIVE = "active"
    DORMANT = "dormant"
    RESOLVED = "resolved"
    DROPPED = "dropped"


class ReviewState(StrEnum):
    """Where a record stands in review: it counts once a second person has verified it."""

    DRAFT = "draft"
    NEEDS_REVIEW = "needs_review"
    VERIFIED = "verified"
    DISPUTED = "disputed"


class Reliability(StrEnum):
    """Admiralty grade of a source's reliability (judged apart from any one claim)."""

    A = "A"  # completely reliable
    B = "B"  # usually reliable
    C = "C"  # fairly reliable
    D = "D"  # not usually reliable
    E = "E"  # unreliable
    F = "F"  # reliability cannot be judged


RELIABILITY_MEANING = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}

#: Admiralty grade of a single claim's credibility, 1 (confirmed) to 6 (cannot be judged).
CREDIBILITY_MEANING = {
    1: "confirmed by other sources",
    2: "probably true",
    3: "possibly true",
    4: "doubtful",
    5: "improbable",
    6: "truth cannot be judged",
}


def values(vocabulary: type[StrEnum]) -> list[str]:
    """The stored values of a vocabulary, in declaration order."""
    return [member.value for member in vocabulary]
