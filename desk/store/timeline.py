"""The timeline read model: meetings placed in time, for the whole desk, an actor or an agenda item.

A meeting's date is a span (its earliest and latest possible day): a day is a span of one day,
"September 2024" one of thirty. The timeline keeps both ends so a chart can draw a partial date as
the span it is, not as a point it is not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.dates import PartialDate
from desk.model import Actor, AgendaItem, Meeting, MeetingActor, MeetingAgenda
from desk.store import reviews
from desk.store.errors import NotFound

#: Meetings one timeline window holds; a chart wider than a screen needs no more.
TIMELINE_LIMIT = 2000

#: Statuses of meetings that took place (drawn solid); the rest have not (yet) happened.
HAPPENED = frozenset({"held", "reported"})


@dataclass(frozen=True)
class TimelineEntry:
    meeting_id: int
    title: str
    status: str
    earliest: dt.date
    latest: dt.date
    precision: str | None
    #: The date as a reader says it ("Sep 2024", "c. May 2025", "by 20 Mar 2025").
    shown: str
    place: str | None
    #: The date has a last day but no first ("by 20 Mar 2025"): drawn at its last day.
    open_start: bool = False
    #: Where the meeting stands in review: draft, needs_review, verified or disputed.
    review: str = "draft"

    @property
    def happened(self) -> bool:
        return self.status in HAPPENED

    @property
    def is_span(self) -> bool:
        return self.latest > self.earliest


@dataclass(frozen=True)
class Timeline:
    """Meetings overlapping a window, in date order, and the extent of all the subject's."""

    subject: str
    entries: list[TimelineEntry]
    #: First and last day of every dated meeting of the subject (not only those in the window).
    first: dt.date | None
    last: dt.date | None
    #: Dated meetings in the window beyond ``TIMELINE_LIMIT`` that were left out.
    more: int = 0
    #: The subject's meetings with no date at all (they cannot be placed).
    undated: int = 0


def _subject_filter(
    session: Session, actor_id: int | None, agenda_item_id: int | None
) -> tuple[str, list[Any]]:
    if actor_id is not None:
        actor = session.get(Actor, actor_id)
        if actor is None:
            raise NotFound("actor", actor_id)
        subquery = select(MeetingActor.meeting_id).where(MeetingActor.actor_id == actor_id)
        return actor.name, [Meeting.id.in_(subquery)]  # type: ignore[union-attr]
    if agenda_item_id is not None:
        item = session.get(AgendaItem, agenda_item_id)
        if item is None:
            raise NotFound("agenda item", agenda_item_id)
        subquery = select(MeetingAgenda.meeting_id).where(
            MeetingAgenda.agenda_item_id == agenda_item_id
        )
        return item.title, [Meeting.id.in_(subquery)]  # type: ignore[union-attr]
    return "the whole desk", []


def meeting_timeline(
    session: Session,
    *,
    actor_id: int | None = None,
    agenda_item_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    limit: int = TIMELINE_LIMIT,
) -> Timeline:
    """Meetings whose date span overlaps ``start``..``end`` (either open), oldest first."""
    subject, conditions = _subject_filter(session, actor_id, agenda_item_id)
    # date_sort is the first day, or the last when only that is known ("by 20 Mar 2025").
    latest = func.coalesce(Meeting.date_latest, Meeting.date_sort)
    dated = [*conditions, Meeting.date_sort.is_not(None)]  # type: ignore[union-attr]
    first, last = session.execute(
        select(func.min(Meeting.date_sort), func.max(latest)).where(*dated)
    ).one()
    undated = session.execute(
        select(func.count()).select_from(Meeting).where(*conditions, Meeting.date_sort.is_(None))  # type: ignore[union-attr]
    ).scalar_one()
    window = list(dated)
    if start is not None:
        window.append(latest >= start)
    if end is not None:
        window.append(Meeting.date_sort <= end)  # type: ignore[operator]
    rows = session.execute(
        select(
            Meeting.id,
            Meeting.title,
            Meeting.status,
            Meeting.date_earliest,
            Meeting.date_latest,
            Meeting.date_precision,
            Meeting.date_text,
            Meeting.place,
        )
        .where(*window)
        .order_by(Meeting.date_sort, Meeting.id)
        .limit(limit + 1)
    ).all()
    more = 0
    if len(rows) > limit:
        rows = rows[:limit]
        more = (
            session.execute(select(func.count()).select_from(Meeting).where(*window)).scalar_one()
            - limit
        )
    reviewed = reviews.states(session, "meeting", [row.id for row in rows])
    entries = [
        TimelineEntry(
            meeting_id=row.id,
            title=row.title,
            status=row.status,
            earliest=row.date_earliest or row.date_latest,
            latest=row.date_latest or row.date_earliest,
            precision=row.date_precision,
            shown=PartialDate.from_canonical(row.date_text).display() if row.date_text else "",
            place=row.place,
            open_start=row.date_earliest is None,
            review=reviewed[row.id].value,
        )
        for row in rows
    ]
    return Timeline(subject, entries, first, last, more, undated)
