"""Sources and the desk, as proposals read them: adding a report from a file, and what the desk
already knows (its actors, agenda items and meetings), read through the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from desk.dates import PartialDate
from desk.ingest.known import Known, KnownActor, KnownItem, KnownMeeting

if TYPE_CHECKING:
    from desk.model import Source
    from desk.store import Store


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


#: The last desk read, while it has not changed (its location and latest changeset, with when
#: that was made) -> its actors, agenda items and name index.
_LAST: dict[tuple[str, int, object], Known] = {}


def known_from(store: Store) -> Known:
    """What the desk knows, for proposals: actors with aliases, agenda items, and a reader of
    the meetings of given actors. The actors' name index (a moment's work on a desk of many
    thousand actors) is kept while the desk does not change."""

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

    latest = store.history(limit=1)
    key = (store.location.describe(), latest[0].id, latest[0].at) if latest else None
    cached = _LAST.get(key) if key is not None else None
    if cached is None:
        actors = [
            KnownActor(a.id, a.name, a.kind, a.title, a.country, a.aliases)
            for a in store.actor_names()
        ]
        items = [
            KnownItem(item_id, title, description)
            for item_id, title, description in store.agenda_titles()
        ]
        cached = Known(actors, items)
        _LAST.clear()
        if key is not None:
            _LAST[key] = cached
    return Known(cached.actors, cached.items, meetings_of, index=cached.names)
