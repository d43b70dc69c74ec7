"""Building a desk database from a curation, through the store like any other writer.

The database is built under a temporary name beside the target and renamed at the end, so a
curation mistake never leaves a half-built file behind.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from desk.dates import PartialDate
from desk.model import Actor, AgendaItem, Meeting, MeetingActor, MeetingAgenda, Record, Source
from desk.sample.curation import Citation, Curation, CurationError, Entry, load
from desk.store import DeskError, Stats, Store

SAMPLE_AUTHOR = "desk sample"


def sample_directory() -> Path:
    """The bundled curation: inside the installed package, else the repository's sample_db/."""
    packaged = Path(__file__).resolve().parent.parent / "_sample_db"
    if (packaged / "sources.toml").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "sample_db"


class _Builder:
    def __init__(self, store: Store, curation: Curation) -> None:
        self.store = store
        self.curation = curation
        self.sources: dict[str, tuple[int, dt.date | None]] = {}
        self.actors: dict[str, int] = {}
        self.agenda: dict[str, int] = {}

    def run(self) -> None:
        for entry in self.curation.sources:
            self._source(entry)
        for entry in self.curation.actors:
            self._actor(entry)
        for entry in self.curation.actors:
            self._cite(Actor, self.actors[entry.key], entry.evidence, entry.where)
        for entry in self.curation.agenda_items:
            item = self.store.create(AgendaItem, **entry.fields)
            assert item.id is not None
            self.agenda[entry.key] = item.id
            self._cite(AgendaItem, item.id, entry.evidence, entry.where)
        for entry in self.curation.meetings:
            self._meeting(entry)

    def _source(self, entry: Entry) -> None:
        fields = dict(entry.fields)
        file = fields.pop("file", None)
        if file is None:
            raise CurationError(f"{entry.where}: a source needs a file holding its text")
        try:
            text = (self.curation.directory / file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CurationError(f"{entry.where}: cannot read {file}: {error}") from error
        date = self._date(fields, reference=None, where=entry.where)
        source = self.store.create(Source, text=text, date=date, **fields)
        assert source.id is not None
        self.sources[entry.key] = (source.id, date.earliest if date else None)

    def _actor(self, entry: Entry) -> None:
        actor = self.store.create(Actor, **entry.fields)
        assert actor.id is not None
        self.actors[entry.key] = actor.id
        for alias in entry.aliases:
            self.store.add_alias(actor.id, alias["name"], alias.get("language"))

    def _meeting(self, entry: Entry) -> None:
        fields = dict(entry.fields)
        source_key = fields.pop("date_source", None) or self._default_source(entry)
        reference = self.sources[source_key][1]
        date = self._date(fields, reference=reference, where=entry.where)
        meeting = self.store.create(Meeting, date=date, **fields)
        assert meeting.id is not None
        self._cite(Meeting, meeting.id, entry.evidence, entry.where)
        for actor_key, link_fields, citations in entry.participants:
            link = self.store.link_actor(
                meeting.id, self._actor_id(actor_key, entry.where), **link_fields
            )
            assert link.id is not None
            self._cite(
                MeetingActor, link.id, citations, f"{entry.where}, participant “{actor_key}”"
            )
        for item_key, link_fields, citations in entry.agenda:
            if item_key not in self.agenda:
                raise CurationError(f"{entry.where}: no agenda item has the key “{item_key}”")
            mention = self.store.link_agenda(meeting.id, self.agenda[item_key], **link_fields)
            assert mention.id is not None
            self._cite(MeetingAgenda, mention.id, citations, f"{entry.where}, agenda “{item_key}”")

    def _default_source(self, entry: Entry) -> str:
        keys = {citation.source for citation in entry.evidence}
        if len(keys) == 1:
            return keys.pop()
        raise CurationError(
            f"{entry.where}: say which source its date_phrase resolves against (date_source)"
        )

    def _date(
        self, fields: dict[str, object], reference: dt.date | None, where: str
    ) -> PartialDate | None:
        text = fields.pop("date", None)
        phrase = fields.pop("date_phrase", None)
        if text is None:
            if phrase is not None:
                raise CurationError(f"{where}: date_phrase without a date")
            return None
        try:
            return PartialDate.from_canonical(
                str(text), phrase=str(phrase) if phrase else None, reference=reference
            )
        except ValueError as error:
            raise CurationError(f"{where}: {error}") from error

    def _actor_id(self, key: str, where: str) -> int:
        if key not in self.actors:
            raise CurationError(f"{where}: no actor has the key “{key}”")
        return self.actors[key]

    def _cite(
        self, model: type[Record], record_id: int, citations: list[Citation], where: str
    ) -> None:
        for citation in citations:
            if citation.source not in self.sources:
                raise CurationError(f"{where}: no source has the key “{citation.source}”")
            try:
                self.store.attach_evidence(
                    model,
                    record_id,
                    self.sources[citation.source][0],
                    citation.quote,
                    occurrence=citation.occurrence,
                    attributed_actor_id=(
                        self._actor_id(citation.attributed_to, where)
                        if citation.attributed_to
                        else None
                    ),
                    attributed_text=citation.attributed_text,
                    credibility=citation.credibility,
                    note=citation.note,
                )
            except CurationError:
                raise
            except DeskError as error:
                raise CurationError(f"{where}: {error}") from error


def build_into(store: Store, curation_directory: Path | None = None) -> Stats:
    """Build the curation into an open, empty desk (any engine); returns its counts."""
    _Builder(store, load(curation_directory or sample_directory())).run()
    return store.stats()


def build(target: Path, curation_directory: Path | None = None, *, replace: bool = False) -> Stats:
    """Build the curation into a new SQLite desk at ``target``; returns its counts."""
    target = target.expanduser().resolve()
    if target.exists() and not replace:
        raise CurationError(f"{target} already exists; choose another path or replace it")
    curation = load(curation_directory or sample_directory())
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary_name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".building", dir=target.parent
    )
    os.close(handle)
    temporary = Path(temporary_name)
    temporary.unlink()
    try:
        with Store.open(temporary, author=SAMPLE_AUTHOR) as store:
            with store.bulk():  # synchronous=NORMAL while building; checkpointed at the end
                _Builder(store, curation).run()
            stats = store.stats()
        for suffix in ("-wal", "-shm"):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, target)
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm")):
            leftover.unlink(missing_ok=True)
    return stats


def fresh_copy(directory: Path | None = None) -> Path:
    """A newly built sample desk in a temporary directory (never inside the repository)."""
    folder = Path(tempfile.mkdtemp(prefix="desk-sample-", dir=directory))
    target = folder / "sample.sqlite"
    build(target)
    return target
