"""The desk as FollowTheMoney entities (JSON lines), for Aleph and OpenAleph.

Actors become Person, Organization, PublicBody (a state) or LegalEntity; meetings become Events
with their involved parties (hosts also as organizers) and agenda items as keywords; sources
become Articles holding their text; every piece of evidence a Documentation linking its source
to what it supports, with the quote as its summary and the Admiralty grade as its status; a
passage attributed to an actor is also a Mention of that actor in the source. Every entity is
checked by followthemoney's own schema validation before it is written.

followthemoney is optional (it builds PyICU): ``pip install 'desk[interop]'``.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.errors import DeskError
from desk.exchange.atomic import replaced_atomically, starts_with

if TYPE_CHECKING:
    from desk.store import Store

ACTOR_SCHEMA = {
    "person": "Person",
    "organization": "Organization",
    "group": "Organization",
    "state": "PublicBody",
}
DATASET = "desk"


class FtmUnavailable(DeskError):
    """The followthemoney library is not installed."""


@dataclass(frozen=True)
class FtmWritten:
    path: Path
    entities: dict[str, int]
    seconds: float


def _library() -> Any:
    try:
        from followthemoney import model
    except ImportError as error:
        raise FtmUnavailable(
            "desk export --ftm needs the followthemoney library: "
            "pip install 'desk[interop]' (or pip install followthemoney)"
        ) from error
    return model


def entity_id(model: Any, table: str, record_id: int) -> str:
    """A stable FtM id for a desk record: the same record gets the same id in every export."""
    proxy = model.make_entity("Thing")
    return str(proxy.make_id(DATASET, table, str(record_id)))


def _date(row: Any) -> dict[str, str]:
    """FtM date properties for a partial date: a day, month or year as such, else its span."""
    precision = getattr(row, "date_precision", None)
    earliest, latest = row.date_earliest, row.date_latest
    if earliest is None and latest is None:
        return {}
    if precision == "day" and earliest is not None:
        return {"date": earliest.isoformat()}
    if precision == "month" and earliest is not None:
        return {"date": earliest.isoformat()[:7]}
    if precision == "year" and earliest is not None:
        return {"date": str(earliest.year)}
    dates = {}
    if earliest is not None:
        dates["startDate"] = earliest.isoformat()
    if latest is not None:
        dates["endDate"] = latest.isoformat()
    return dates


def _entities(store: Store, model: Any) -> Iterator[Any]:
    from sqlalchemy import select

    from desk.model import (
        Actor,
        ActorAlias,
        AgendaItem,
        Evidence,
        Meeting,
        MeetingActor,
        MeetingAgenda,
        Source,
    )

    def make(schema: str, table: str, record_id: int, **values: Any) -> Any:
        proxy = model.make_entity(schema)
        proxy.id = entity_id(model, table, record_id)
        for name, value in values.items():
            if value not in (None, "", []):
                proxy.add(name, value, quiet=True)
        return proxy

    with store.reading() as session:
        aliases: dict[int, list[str]] = defaultdict(list)
        for actor_id, name in session.execute(select(ActorAlias.actor_id, ActorAlias.name)):
            aliases[actor_id].append(name)
        for actor in session.execute(select(Actor).order_by(Actor.id)).scalars():
            schema = ACTOR_SCHEMA.get(actor.kind, "LegalEntity")
            about = (
                {"position": actor.title} if schema == "Person" else {"description": actor.title}
            )
            yield make(
                schema,
                "actor",
                actor.id,
                name=actor.name,
                alias=aliases.get(actor.id, []),
                country=actor.country,
                notes=actor.notes,
                **about,
            )
        involved: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for meeting_id, actor_id, role in session.execute(
            select(MeetingActor.meeting_id, MeetingActor.actor_id, MeetingActor.role)
        ):
            involved[meeting_id].append((actor_id, role))
        agenda: dict[int, list[str]] = defaultdict(list)
        for meeting_id, title, status in session.execute(
            select(MeetingAgenda.meeting_id, AgendaItem.title, MeetingAgenda.status).join(
                AgendaItem,
                AgendaItem.id == MeetingAgenda.agenda_item_id,  # type: ignore[arg-type]
            )
        ):
            agenda[meeting_id].append(f"{title} ({status})")
        for meeting in session.execute(select(Meeting).order_by(Meeting.id)).scalars():
            people = involved.get(meeting.id, [])
            yield make(
                "Event",
                "meeting",
                meeting.id,
                name=meeting.title,
                location=meeting.place,
                summary=meeting.summary,
                involved=[entity_id(model, "actor", actor_id) for actor_id, _ in people],
                organizer=[
                    entity_id(model, "actor", actor_id)
                    for actor_id, role in people
                    if role == "host"
                ],
                keywords=[
                    f"status: {meeting.status}",
                    f"kind: {meeting.kind}",
                    *agenda.get(meeting.id, []),
                ],
                **_date(meeting),
            )
        for source in session.execute(select(Source).order_by(Source.id)).scalars():
            published = _date(source).get("date")
            yield make(
                "Article",
                "source",
                source.id,
                title=source.title,
                name=source.title,
                publisher=source.publisher,
                author=source.author,
                sourceUrl=source.url,
                publishedAt=published,
                language=source.language,
                bodyText=source.text,
                retrievedAt=source.retrieved_at.isoformat() if source.retrieved_at else None,
            )
        links = dict(session.execute(select(MeetingActor.id, MeetingActor.meeting_id)).all())
        mentions = dict(session.execute(select(MeetingAgenda.id, MeetingAgenda.meeting_id)).all())
        agenda_titles = dict(session.execute(select(AgendaItem.id, AgendaItem.title)).all())
        actor_names = dict(session.execute(select(Actor.id, Actor.name)).all())
        for evidence in session.execute(select(Evidence).order_by(Evidence.id)).scalars():
            target, role = _evidence_target(evidence, links, mentions, agenda_titles)
            if target is None:
                continue
            grade = (evidence.credibility and str(evidence.credibility)) or "?"
            yield make(
                "Documentation",
                "evidence",
                evidence.id,
                document=entity_id(model, "source", evidence.source_id),
                entity=entity_id(model, *target),
                role=role,
                summary=evidence.quote,
                description=evidence.note,
                status=f"grade {grade} (claim credibility; source reliability on the source)",
            )
            if evidence.attributed_actor_id is not None:
                yield make(
                    "Mention",
                    "attribution",
                    evidence.id,
                    document=entity_id(model, "source", evidence.source_id),
                    resolved=entity_id(model, "actor", evidence.attributed_actor_id),
                    name=evidence.attributed_text or actor_names.get(evidence.attributed_actor_id),
                    detectedSchema="Person",
                )


def _evidence_target(
    evidence: Any,
    links: dict[int, int],
    mentions: dict[int, int],
    agenda_titles: dict[int, str],
) -> tuple[tuple[str, int] | None, str]:
    """What a piece of evidence supports, as an entity (table, id), and in what role."""
    if evidence.meeting_id is not None:
        return ("meeting", evidence.meeting_id), "meeting"
    if evidence.meeting_actor_id is not None and evidence.meeting_actor_id in links:
        return ("meeting", links[evidence.meeting_actor_id]), "participation"
    if evidence.meeting_agenda_id is not None and evidence.meeting_agenda_id in mentions:
        return ("meeting", mentions[evidence.meeting_agenda_id]), "agenda"
    if evidence.actor_id is not None:
        return ("actor", evidence.actor_id), "actor"
    if evidence.agenda_item_id is not None:
        # Agenda items are not FtM entities: the passage documents the source's subject.
        title = agenda_titles.get(evidence.agenda_item_id, "")
        return ("source", evidence.source_id), f"agenda item: {title}"
    return None, ""


def export_ftm(
    store: Store,
    path: str | os.PathLike[str],
    *,
    replace: bool = False,
    progress: Callable[[int], None] | None = None,
) -> FtmWritten:
    """Write every record as FtM entities, one JSON object per line, validated on the way."""
    model = _library()
    target = Path(path).expanduser()
    started = time.perf_counter()
    counts: dict[str, int] = defaultdict(int)
    with replaced_atomically(
        target,
        replace=replace,
        suffixes=(".jsonl", ".ftm", ".json"),
        ours=lambda path: starts_with(path, b'"schema": "', b'"id": "') or path.stat().st_size == 0,
    ) as out:
        for proxy in _entities(store, model):
            data = proxy.to_dict()
            proxy.schema.validate(data)
            out.write(json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")
            counts[proxy.schema.name] += 1
            if progress is not None:
                progress(1)
    return FtmWritten(target, dict(counts), time.perf_counter() - started)
