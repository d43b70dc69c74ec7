"""Dossiers: everything about one actor or agenda item, on a timeline.

An actor's dossier lists every meeting they took part in (newest first) with the agenda those
meetings took up; an agenda item's lists every meeting that took it up, with how sure each mention
is, so a reader sees a topic move from speculation to confirmation over time.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.dates import PartialDate
from desk.model import Actor, AgendaItem, Evidence, Meeting, MeetingActor, MeetingAgenda
from desk.store.date_columns import from_columns
from desk.store.errors import NotFound

#: Meetings shown in one dossier; a desk of a million meetings may hold thousands for one actor.
DOSSIER_LIMIT = 1000


@dataclass(frozen=True)
class DossierEntry:
    meeting: Meeting
    date: PartialDate | None
    #: The subject's part: an actor's role, or an agenda mention's status.
    part: str
    participants: list[tuple[str, str]] = field(default_factory=list)
    agenda: list[tuple[str, str]] = field(default_factory=list)
    evidence_count: int = 0


@dataclass(frozen=True)
class Dossier:
    subject: Actor | AgendaItem
    entries: list[DossierEntry]
    #: Meetings beyond DOSSIER_LIMIT that were left out.
    more: int = 0
    #: For an actor: the agenda items their meetings took up, with how many meetings did.
    topics: list[tuple[str, int]] = field(default_factory=list)
    #: For an agenda item: how many mentions have each status.
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.subject.name if isinstance(self.subject, Actor) else self.subject.title


def _timeline(query: Any) -> Any:
    return query.order_by(Meeting.date_sort.desc().nulls_last(), Meeting.id.desc())  # type: ignore[union-attr]


def _meeting_context(
    session: Session, meeting_ids: list[int]
) -> tuple[dict[int, list[tuple[str, str]]], dict[int, list[tuple[str, str]]], dict[int, int]]:
    participants: dict[int, list[tuple[str, str]]] = defaultdict(list)
    agenda: dict[int, list[tuple[str, str]]] = defaultdict(list)
    evidence: dict[int, int] = {}
    for chunk_start in range(0, len(meeting_ids), 500):
        chunk = meeting_ids[chunk_start : chunk_start + 500]
        for meeting_id, name, role in session.execute(
            select(MeetingActor.meeting_id, Actor.name, MeetingActor.role)
            .join(Actor, Actor.id == MeetingActor.actor_id)  # type: ignore[arg-type]
            .where(MeetingActor.meeting_id.in_(chunk))  # type: ignore[attr-defined]
            .order_by(MeetingActor.id)
        ):
            participants[meeting_id].append((name, role))
        for meeting_id, title, status in session.execute(
            select(MeetingAgenda.meeting_id, AgendaItem.title, MeetingAgenda.status)
            .join(AgendaItem, AgendaItem.id == MeetingAgenda.agenda_item_id)  # type: ignore[arg-type]
            .where(MeetingAgenda.meeting_id.in_(chunk))  # type: ignore[attr-defined]
            .order_by(MeetingAgenda.id)
        ):
            agenda[meeting_id].append((title, status))
        for meeting_id, count in session.execute(
            select(Evidence.meeting_id, func.count())
            .where(Evidence.meeting_id.in_(chunk))  # type: ignore[union-attr]
            .group_by(Evidence.meeting_id)
        ):
            evidence[meeting_id] = count
    return participants, agenda, evidence


def _entries(
    session: Session, link: Any, column: Any, subject_id: int, part: Any, limit: int
) -> list[DossierEntry]:
    """The subject's meetings on a timeline, each with its part (``part``: a column of ``link``)."""
    rows = session.execute(
        _timeline(
            select(Meeting, part)
            .join(link, link.meeting_id == Meeting.id)
            .where(column == subject_id)
        ).limit(limit)
    ).all()
    participants, agenda, evidence = _meeting_context(session, [m.id for m, _ in rows])
    return [
        DossierEntry(
            meeting,
            from_columns(meeting),
            value,
            participants.get(meeting.id, []),
            agenda.get(meeting.id, []),
            evidence.get(meeting.id, 0),
        )
        for meeting, value in rows
    ]


def actor_dossier(session: Session, actor_id: int, limit: int = DOSSIER_LIMIT) -> Dossier:
    actor = session.get(Actor, actor_id)
    if actor is None:
        raise NotFound("actor", actor_id)
    total = session.execute(
        select(func.count()).select_from(MeetingActor).where(MeetingActor.actor_id == actor_id)
    ).scalar_one()
    entries = _entries(
        session, MeetingActor, MeetingActor.actor_id, actor_id, MeetingActor.role, limit
    )
    topic_counts: dict[str, int] = defaultdict(int)
    for entry in entries:
        for title in dict.fromkeys(title for title, _ in entry.agenda):
            topic_counts[title] += 1
    topics = sorted(topic_counts.items(), key=lambda item: (-item[1], item[0]))
    return Dossier(actor, entries, max(0, total - len(entries)), topics=topics)


def agenda_dossier(session: Session, item_id: int, limit: int = DOSSIER_LIMIT) -> Dossier:
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("agenda item", item_id)
    statuses = dict(
        session.execute(
            select(MeetingAgenda.status, func.count())
            .where(MeetingAgenda.agenda_item_id == item_id)
            .group_by(MeetingAgenda.status)
        ).all()
    )
    entries = _entries(
        session, MeetingAgenda, MeetingAgenda.agenda_item_id, item_id, MeetingAgenda.status, limit
    )
    return Dossier(item, entries, max(0, sum(statuses.values()) - len(entries)), statuses=statuses)
