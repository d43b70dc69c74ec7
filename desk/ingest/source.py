"""Sources and the desk, as proposals read them: adding a report from a file, and what the desk
already knows (its actors, agenda items and meetings), read through the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from desk.dates import PartialDate
from desk.ingest.known import Known, KnownActor, KnownItem, KnownMeeting
from desk.ingest.names import NameLookup

if TYPE_CHECKING:
    from desk.model import Source
    from desk.store import Store
    from desk.store.proposals import ActorNames


def add_source(
    store: Store,
    path: Path,
    *,
    title: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    url: str | None = None,
    reliability: str | None = None,
    language: str | None = None,
    author: str | None = None,
    today: dt.date | None = None,
) -> Source:
    """Read a .txt, .md or .html report and add it as a source (one transaction).

    ``published`` is any date ``desk.dates.parse`` reads ("2025-03-21", "March 21, 2025",
    "yesterday"), resolved against ``today``.
    """
    from desk.model import Source
    from desk.texts import read_source_file

    text, file_title = read_source_file(path)
    values = {
        "title": title or file_title or path.stem.replace("-", " ").replace("_", " "),
        "text": text,
        "publisher": publisher,
        "date": published,
        "url": url,
        "reliability": reliability,
        "language": language,
        "author": author,
    }
    values = {name: value for name, value in values.items() if value is not None}
    return store.create(Source, reference=today or dt.date.today(), **values)


def source_reading(store: Store, source_id: int) -> tuple[str, str, dt.date | None]:
    """A source's text, title and the day its relative dates resolve against."""
    from desk.model import Source
    from desk.store.date_columns import from_columns

    source = store.get(Source, source_id)
    date = from_columns(source)
    return source.text, source.title, date.earliest if date is not None else None


def known_from(store: Store) -> Known:
    """What the desk knows, for proposals: its actors by name (looked up in the name index the
    store keeps, only for the words a report holds), its organizations, its agenda items, and a
    reader of the meetings of given actors."""

    def meetings_of(actor_ids: Iterable[int]) -> list[KnownMeeting]:
        return [
            KnownMeeting(
                m.id,
                m.title,
                m.status,
                PartialDate.from_canonical(m.date_text) if m.date_text else None,
                m.place,
                m.actor_ids,
            )
            for m in store.meetings_of_actors(sorted(set(actor_ids)))
        ]

    def find(keys: Collection[str]) -> dict[str, list[KnownActor]]:
        return {
            key: [_known(actor) for actor in actors]
            for key, actors in store.actors_by_name_keys(keys).items()
        }

    items = [
        KnownItem(item_id, title, description)
        for item_id, title, description in store.agenda_titles()
    ]
    organizations = [_known(actor) for actor in store.actors_of_kind("organization")]
    names = NameLookup(find, store.longest_actor_name())
    return Known((), items, meetings_of, index=names, organizations=organizations)


def _known(actor: ActorNames) -> KnownActor:
    return KnownActor(actor.id, actor.name, actor.kind, actor.title, actor.country, actor.aliases)
