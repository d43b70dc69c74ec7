"""Statements: every quoted passage that supports a set of meetings, with its source and grades.

A dossier handed to an editor cites each claim: the quote, the source it comes from (title,
publisher, date, address), who the report attributes it to, and its Admiralty grade (the source's
reliability, the claim's credibility).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desk.model import Actor, Evidence, MeetingActor, MeetingAgenda, Source


@dataclass(frozen=True)
class Statement:
    evidence_id: int
    #: The meeting the passage supports (directly or through one of its links), if any.
    meeting_id: int | None
    quote: str
    source_id: int
    source_title: str
    publisher: str | None
    source_date: str | None
    url: str | None
    attributed_to: str | None
    reliability: str | None
    credibility: int | None
    note: str | None

    @property
    def grade(self) -> str:
        """The Admiralty grade, source reliability then claim credibility: 'B2', 'B?', '?3'."""
        return (self.reliability or "?") + (str(self.credibility) if self.credibility else "?")


def statements(
    session: Session,
    meeting_ids: list[int],
    *,
    actor_id: int | None = None,
    agenda_item_id: int | None = None,
) -> list[Statement]:
    """Evidence for the meetings (and their participants and agenda links) and for the subject."""
    attributed = Actor.__table__.alias("attributed")  # type: ignore[attr-defined]
    found: dict[int, Statement] = {}
    subject = []
    if actor_id is not None:
        subject.append(Evidence.actor_id == actor_id)
    if agenda_item_id is not None:
        subject.append(Evidence.agenda_item_id == agenda_item_id)
    chunks = [meeting_ids[start : start + 400] for start in range(0, len(meeting_ids), 400)]
    for index, chunk in enumerate(chunks or [[]]):
        through_participants = select(MeetingActor.id).where(
            MeetingActor.meeting_id.in_(chunk)  # type: ignore[attr-defined]
        )
        through_agenda = select(MeetingAgenda.id).where(
            MeetingAgenda.meeting_id.in_(chunk)  # type: ignore[attr-defined]
        )
        conditions = [
            Evidence.meeting_id.in_(chunk),  # type: ignore[union-attr]
            Evidence.meeting_actor_id.in_(through_participants),  # type: ignore[union-attr]
            Evidence.meeting_agenda_id.in_(through_agenda),  # type: ignore[union-attr]
        ]
        if index == 0:
            conditions.extend(subject)
        query = (
            select(
                Evidence,
                Source.title,
                Source.publisher,
                Source.date_text,
                Source.url,
                Source.reliability,
                attributed.c.name,
                MeetingActor.meeting_id,
                MeetingAgenda.meeting_id,
            )
            .join(Source, Source.id == Evidence.source_id)  # type: ignore[arg-type]
            .outerjoin(attributed, attributed.c.id == Evidence.attributed_actor_id)
            .outerjoin(MeetingActor, MeetingActor.id == Evidence.meeting_actor_id)  # type: ignore[arg-type]
            .outerjoin(MeetingAgenda, MeetingAgenda.id == Evidence.meeting_agenda_id)  # type: ignore[arg-type]
            .where(or_(*conditions))
        )
        for row in session.execute(query):
            evidence = row[0]
            found[evidence.id] = Statement(
                evidence_id=evidence.id,
                meeting_id=evidence.meeting_id or row[7] or row[8],
                quote=evidence.quote,
                source_id=evidence.source_id,
                source_title=row[1],
                publisher=row[2],
                source_date=row[3],
                url=row[4],
                attributed_to=row[6] or evidence.attributed_text,
                reliability=row[5],
                credibility=evidence.credibility,
                note=evidence.note,
            )
    return sorted(found.values(), key=lambda s: (s.source_id, s.evidence_id))
