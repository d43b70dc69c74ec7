"""The actor network read model: who met whom, weighted by the meetings they shared.

Two actors are linked once per meeting they both took part in. The network can be narrowed to a
period (meetings whose date span overlaps it) and to the meetings that took up one agenda item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select, true
from sqlalchemy.orm import Session, aliased

from desk.model import Actor, AgendaItem, Meeting, MeetingActor, MeetingAgenda
from desk.store.errors import NotFound

#: Actors kept in one network (the best connected); the pairs among them are all kept.
NETWORK_ACTOR_LIMIT = 500


@dataclass(frozen=True)
class NetworkActor:
    actor_id: int
    name: str
    kind: str
    country: str | None
    #: Meetings this actor took part in (within the period and agenda item).
    meetings: int
    #: How many different actors they met.
    partners: int


@dataclass(frozen=True)
class NetworkLink:
    first: int
    second: int
    #: Meetings the two shared.
    meetings: int


@dataclass(frozen=True)
class Network:
    """Actors ranked by meetings, then partners; links between them, heaviest first."""

    actors: list[NetworkActor]
    links: list[NetworkLink]
    start: dt.date | None = None
    end: dt.date | None = None
    agenda: str | None = None
    #: Actors beyond ``NETWORK_ACTOR_LIMIT`` that were left out.
    more: int = 0

    def name_of(self, actor_id: int) -> str:
        for actor in self.actors:
            if actor.actor_id == actor_id:
                return actor.name
        raise KeyError(actor_id)


def _meeting_conditions(
    start: dt.date | None, end: dt.date | None, agenda_item_id: int | None
) -> list[object]:
    conditions: list[object] = []
    # As on the timeline: a date known only by its last day ("by 20 Mar") sorts on that day.
    if start is not None:
        conditions.append(func.coalesce(Meeting.date_latest, Meeting.date_sort) >= start)
    if end is not None:
        conditions.append(Meeting.date_sort <= end)  # type: ignore[operator]
    if agenda_item_id is not None:
        conditions.append(
            Meeting.id.in_(  # type: ignore[union-attr]
                select(MeetingAgenda.meeting_id).where(
                    MeetingAgenda.agenda_item_id == agenda_item_id
                )
            )
        )
    return conditions


def actor_network(
    session: Session,
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    agenda_item_id: int | None = None,
    limit: int = NETWORK_ACTOR_LIMIT,
) -> Network:
    """The network of meetings overlapping ``start``..``end`` (either open), on one agenda item."""
    agenda = None
    if agenda_item_id is not None:
        item = session.get(AgendaItem, agenda_item_id)
        if item is None:
            raise NotFound("agenda item", agenda_item_id)
        agenda = item.title
    conditions = _meeting_conditions(start, end, agenda_item_id)
    in_scope = select(Meeting.id).where(*conditions)  # type: ignore[call-overload]
    one, other = aliased(MeetingActor), aliased(MeetingActor)

    def scoped(link: Any) -> Any:
        return link.meeting_id.in_(in_scope) if conditions else true()

    # The database ranks every actor; only the pairs among the kept ones come back to Python
    # (a desk of a million meetings holds millions of pairs).
    attendance = dict(
        session.execute(
            select(one.actor_id, func.count(func.distinct(one.meeting_id)))
            .where(scoped(one))
            .group_by(one.actor_id)
        ).all()
    )
    partners: dict[int, int] = dict(
        session.execute(
            select(one.actor_id, func.count(func.distinct(other.actor_id)))
            .join(other, and_(other.meeting_id == one.meeting_id, other.actor_id != one.actor_id))
            .where(scoped(one))
            .group_by(one.actor_id)
        ).all()
    )
    ranked = sorted(
        attendance,
        key=lambda actor_id: (-attendance[actor_id], -partners.get(actor_id, 0), actor_id),
    )
    kept = ranked[:limit]
    pair_query = (
        select(one.actor_id, other.actor_id, func.count(func.distinct(one.meeting_id)))
        .join(other, and_(other.meeting_id == one.meeting_id, other.actor_id > one.actor_id))
        .where(scoped(one))
        .group_by(one.actor_id, other.actor_id)
    )
    if len(kept) < len(ranked):
        pair_query = pair_query.where(one.actor_id.in_(kept), other.actor_id.in_(kept))
    pairs = session.execute(pair_query).all()
    details = {
        actor.id: actor
        for chunk_start in range(0, len(kept), 500)
        for actor in session.execute(
            select(Actor).where(Actor.id.in_(kept[chunk_start : chunk_start + 500]))  # type: ignore[union-attr]
        ).scalars()
    }
    actors = [
        NetworkActor(
            actor_id=actor_id,
            name=details[actor_id].name,
            kind=details[actor_id].kind,
            country=details[actor_id].country,
            meetings=attendance[actor_id],
            partners=partners.get(actor_id, 0),
        )
        for actor_id in kept
    ]
    links = sorted(
        (NetworkLink(first, second, count) for first, second, count in pairs),
        key=lambda link: (-link.meetings, link.first, link.second),
    )
    return Network(actors, links, start, end, agenda, max(0, len(ranked) - len(kept)))
