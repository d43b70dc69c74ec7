"""Sources and the desk, as proposals read them: adding a report from a file or a URL, and
what the desk already knows (its actors, agenda items and meetings), read through the store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desk.dates import PartialDate
from desk.ingest.known import Known, KnownActor, KnownBodies, KnownItem, KnownMeeting
from desk.ingest.names import NameLookup

if TYPE_CHECKING:
    from desk.model import Source
    from desk.store import Store
    from desk.store.archives import PageCopy
    from desk.store.report_reads import ActorNames, SqliteReads
    from desk.texts import ReadSource


@dataclass(frozen=True)
class Report:
    """A report read from a file or fetched from the web, not yet on the desk."""

    #: The file or URL as given, for messages.
    name: str
    read: ReadSource
    #: Where the text was read on the web (the page redirects ended on), if it was.
    url: str | None = None
    #: The page as received, kept with the source; None for plain text and Markdown files.
    page: PageCopy | None = None
    retrieved_at: dt.datetime | None = None

    @property
    def default_title(self) -> str:
        if self.read.title:
            return self.read.title
        if self.url is not None:
            return self.url
        return Path(self.name).stem.replace("-", " ").replace("_", " ")


def read_report(location: str | Path) -> Report:
    """Read a report: a .txt, .md or .html file, or an http(s) URL fetched with desk's limits.

    Raises a DeskError naming the file or URL and what is wrong, before anything is stored.
    """
    from desk.store.archives import PageCopy
    from desk.texts import read_source
    from desk.texts.fetch import fetch, is_url
    from desk.texts.web import read_page

    if isinstance(location, str) and is_url(location):
        fetched = fetch(location)
        read = read_page(fetched)
        page = PageCopy(
            location=fetched.url,
            content=fetched.content,
            media_type=fetched.media_type,
            retrieved_at=fetched.retrieved_at,
            final_url=fetched.final_url,
        )
        return Report(location, read, fetched.final_url, page, fetched.retrieved_at)
    path = Path(location).expanduser()
    read = read_source(path)
    page = None
    if read.raw is not None:
        page = PageCopy(
            location=str(path.resolve()),
            content=read.raw,
            media_type=read.media_type or "text/html",
            retrieved_at=dt.datetime.now(dt.UTC),
        )
    return Report(str(location), read, page=page)


def add_source(
    store: Store,
    location: str | Path | Report,
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
    """Add a report (a file, a URL, or one already read) as a source, with its archived page
    when it was HTML (one transaction).

    What is given here wins over what the page says about itself (title, author, publisher,
    publication day). ``published`` is any date ``desk.dates.parse`` reads ("2025-03-21",
    "March 21, 2025", "yesterday"), resolved against ``today``.
    """
    from desk.model import Source

    report = location if isinstance(location, Report) else read_report(location)
    read = report.read
    values = {
        "title": title or report.default_title,
        "text": read.text,
        "publisher": publisher or read.publisher,
        "date": published or read.published,
        "url": url or report.url,
        "reliability": reliability,
        "language": language,
        "author": author or read.author,
        "retrieved_at": report.retrieved_at,
    }
    values = {name: value for name, value in values.items() if value is not None}
    return store.create(Source, reference=today or dt.date.today(), archive=report.page, **values)


def source_reading(store: Store | SqliteReads, source_id: int) -> tuple[str, str, dt.date | None]:
    """A source's text, title and the day its relative dates resolve against."""
    from desk.store.date_columns import from_columns

    source = store.source_text(source_id)
    date = from_columns(source)
    return source.text, source.title, date.earliest if date is not None else None


def known_from(store: Store | SqliteReads) -> Known:
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

    def actors(ids: Collection[int]) -> list[KnownActor]:
        return [_known(actor) for actor in store.actors_named(ids)]

    bodies = KnownBodies(store.names_of_kind("organization"), actors)
    names = NameLookup(find, store.longest_actor_name())
    return Known((), items, meetings_of, index=names, organizations=bodies)


def _known(actor: ActorNames) -> KnownActor:
    return KnownActor(actor.id, actor.name, actor.kind, actor.title, actor.country, actor.aliases)
