"""The Store: every domain operation of the desk, each one transaction.

The app, the command line and the tests all go through it; nothing else writes. Records come back
as detached SQLModel instances or the small views of ``desk.store.views``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import exists, func, select, text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session

from desk.dates import PartialDate
from desk.model import (
    Actor,
    ActorAlias,
    AgendaItem,
    Change,
    Changeset,
    Evidence,
    Meeting,
    MeetingActor,
    MeetingAgenda,
    Record,
    Source,
)
from desk.store import (
    actor_keys,
    anchoring,
    archives,
    deletion,
    distinctions,
    dossiers,
    listing,
    merge,
    search,
    undo,
)
from desk.store import proposals as proposal_steps
from desk.store.database import OpenReport, open_database
from desk.store.date_columns import from_columns
from desk.store.errors import (
    AlreadyLinked,
    Busy,
    DamagedDatabase,
    DeskError,
    HasDependents,
    NotFound,
)
from desk.store.faults import as_desk_error, one_line
from desk.store.location import Location, resolve
from desk.store.overviews import Overviews
from desk.store.reviewing import Reviewing
from desk.store.rules import RULES, clean
from desk.store.views import (
    ActorDetail,
    AgendaMention,
    ChangeNotice,
    Cursor,
    EvidenceView,
    HistoryEntry,
    MeetingDetail,
    MergePlan,
    Page,
    Participant,
    SearchHit,
    Stats,
)
from desk.store.watching import ChangeWatcher
from desk.store.writer import Writer, as_utc

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

R = TypeVar("R", bound=Record)

AUTHOR_VARIABLE = "DESK_AUTHOR"

#: Kinds of record that evidence supports, with the evidence column pointing at each.
EVIDENCE_TARGET_COLUMNS: dict[type[Record], Any] = {
    Actor: Evidence.actor_id,
    Meeting: Evidence.meeting_id,
    AgendaItem: Evidence.agenda_item_id,
    MeetingActor: Evidence.meeting_actor_id,
    MeetingAgenda: Evidence.meeting_agenda_id,
}

#: What ``Stats.counts`` counts, by the names the CLI prints.
COUNTED: dict[str, type[Record]] = {
    "actors": Actor,
    "aliases": ActorAlias,
    "meetings": Meeting,
    "agenda_items": AgendaItem,
    "sources": Source,
    "participants": MeetingActor,
    "agenda_links": MeetingAgenda,
    "evidence": Evidence,
}
UNSOURCED_NAMES: dict[type[Record], str] = {
    Actor: "actors",
    Meeting: "meetings",
    AgendaItem: "agenda_items",
    MeetingActor: "participants",
    MeetingAgenda: "agenda_links",
}


def default_author() -> str:
    """Who changes are recorded as: $DESK_AUTHOR, else the settings file's author, else the
    operating-system user (see desk.settings)."""
    from desk.settings import load_settings

    return load_settings().author.value or "unknown"


class Store(Overviews, Reviewing):
    """A desk database and the operations on it."""

    def __init__(self, engine: Engine, report: OpenReport, author: str | None = None) -> None:
        self.engine = engine
        self.report = report
        self.author = author or default_author()
        self._write_engine = engine.execution_options(desk_write=True)
        self._listeners: list[Callable[[ChangeNotice], None]] = []
        #: Set when a statement met damage in the file: from then on, writes are refused.
        self.damage: DamagedDatabase | None = None

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str] | Location | None = None,
        *,
        author: str | None = None,
        create: bool = True,
        upgrade: bool = True,
        read_only: bool = False,
        verify: bool = True,
        announce: Callable[[str], None] | None = None,
    ) -> Store:
        """Open (creating or upgrading as needed) the desk at a path, URL or the default place.

        ``read_only`` opens without changing anything (a missing or old desk is refused);
        ``verify`` runs the bounded damage check on open. ``announce`` is told before anything
        slow happens (backing up and upgrading).
        """
        location = target if isinstance(target, Location) else resolve(target)
        engine, report = open_database(
            location,
            create=create,
            upgrade_schema=upgrade,
            read_only=read_only,
            verify=verify,
            announce=announce,
        )
        return cls(engine, report, author)

    @property
    def location(self) -> Location:
        return self.report.location

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except DBAPIError as error:
            translated = self._fault(error)
            if translated is None:
                raise
            raise translated from error

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Writes made inside run with ``synchronous=NORMAL``; a checkpoint at the end.

        For loads of many transactions (building the sample, importing): each commit then skips
        its fsync; WAL keeps the file consistent, and the checkpoint makes the whole load
        durable. Interactive edits keep ``synchronous=FULL``.
        """
        edits = self._write_engine
        self._write_engine = self.engine.execution_options(desk_write=True, desk_bulk=True)
        try:
            yield
        finally:
            self._write_engine = edits
            if self.engine.dialect.name == "sqlite":
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def _fault(self, error: DBAPIError) -> DeskError | None:
        """A driver error as the DeskError a user can act on (damage also stops later writes)."""
        translated = as_desk_error(error, self.location.describe())
        if isinstance(translated, DamagedDatabase):
            self.damage = translated
        return translated

    def add_listener(self, listener: Callable[[ChangeNotice], None]) -> None:
        """Call ``listener`` after each committed change (from the thread that made it)."""
        self._listeners.append(listener)

    @contextmanager
    def _writing(
        self, action: str, duplicate: Callable[[], DeskError] | None = None
    ) -> Iterator[Writer]:
        """One write transaction; ``duplicate`` names what a unique-key violation means.

        (Two analysts linking the same pair at the same moment both pass the "already linked"
        check on PostgreSQL; the database's unique key stops the second, and ``duplicate``
        says so in the same words as the check.)
        """
        if self.damage is not None:
            raise self.damage
        with Session(self._write_engine, expire_on_commit=False) as session:
            try:
                with session.begin():
                    writer = Writer(session, self.author, action)
                    yield writer
                    writer.finish()
                    if writer.changeset_id and session.get_bind().dialect.name == "postgresql":
                        # Other desks LISTEN for this; it is delivered when the transaction commits.
                        session.execute(
                            text("SELECT pg_notify(:channel, :payload)"),
                            {"channel": CHANGE_CHANNEL, "payload": str(writer.changeset_id)},
                        )
            except IntegrityError as error:
                if duplicate is not None and _is_unique_violation(error):
                    raise duplicate() from error
                raise DeskError(_integrity_message(error)) from error
            except OperationalError as error:
                if not _is_contention(error):
                    translated = self._fault(error)
                    if translated is None:
                        raise
                    raise translated from error
                raise Busy(
                    "another analyst was changing the same records at the same moment; "
                    "nothing was saved: try again"
                ) from error
            except DBAPIError as error:
                translated = self._fault(error)
                if translated is None:
                    raise
                raise translated from error
        if writer.changeset_id:
            notice = ChangeNotice(
                writer.changeset_id, action, writer.summary, writer.undoes_id, self.author
            )
            for listener in self._listeners:
                listener(notice)

    # -- records ------------------------------------------------------------------------------
    def get(self, model: type[R], record_id: int) -> R:
        with self.reading() as session:
            found = session.get(model, record_id)
            if found is None:
                raise NotFound(RULES[model].label, record_id)
            return found

    def source_with_text(self, text: str) -> Source | None:
        """The source already holding exactly ``text`` (the same SHA-256), if there is one."""
        from desk.store.rules import sha256_of

        digest = sha256_of(text)
        with self.reading() as session:
            found = session.scalars(
                select(Source).where(Source.sha256 == digest).order_by(Source.id).limit(1)
            ).first()
            return found

    def create(
        self,
        model: type[R],
        *,
        reference: dt.date | None = None,
        archive: archives.PageCopy | None = None,
        **values: Any,
    ) -> R:
        """A new actor, meeting, agenda item or source; ``reference`` resolves relative dates.

        A source read from a page keeps the page as received (``archive``), in the same
        transaction."""
        if model not in (Actor, Meeting, AgendaItem, Source):
            raise TypeError(
                f"create() makes actors, meetings, agenda items and sources, not {model}"
            )
        if archive is not None and model is not Source:
            raise TypeError("only a source keeps an archived page")
        cleaned = clean(model, values, creating=True, reference=reference)
        label = RULES[model].label
        with self._writing("create") as writer:
            row = writer.insert(model, cleaned)
            if archive is not None:
                archives.keep(writer, row["id"], archive)
            writer.summary = f"create {label} “{_name(model, row)}”"
        return model.model_validate(row)

    def archived_page(self, source_id: int) -> archives.ArchivedPage | None:
        """The page a source was read from, as received, if desk kept one."""
        with self.reading() as session:
            return archives.archived_page(session, source_id)

    def update(
        self,
        model: type[R],
        record_id: int,
        version: int,
        *,
        reference: dt.date | None = None,
        **values: Any,
    ) -> R:
        """Change fields of a record read at ``version``; raises Conflict if it changed since."""
        cleaned = clean(model, values, creating=False, reference=reference)
        with self._writing("update") as writer:
            if "attributed_actor_id" in cleaned and cleaned["attributed_actor_id"] is not None:
                writer.require(Actor, cleaned["attributed_actor_id"])
            row = writer.update(model, record_id, cleaned, expected_version=version)
            writer.summary = f"edit {RULES[model].label} “{_name(model, row)}”"
        return model.model_validate(row)

    def dependents(self, model: type[Record], record_id: int) -> list[str]:
        """What would go with the record if deleted, in words ("takes part in 2 meetings (…)")."""
        with self.reading() as session:
            if session.get(model, record_id) is None:
                raise NotFound(RULES[model].label, record_id)
            return deletion.plan(session, model, record_id).dependents

    def delete(
        self,
        model: type[Record],
        record_id: int,
        version: int | None = None,
        *,
        with_dependents: bool = False,
    ) -> int:
        """Delete a record; what depends on it goes too only when ``with_dependents`` says so.

        Returns the changeset id, which ``undo`` takes to bring everything back.
        """
        label = RULES[model].label
        with self._writing("delete") as writer:
            row = writer.require(model, record_id, lock=True)
            plan = deletion.plan(writer.session, model, record_id)
            name = _name(model, row)
            if plan.dependents and not with_dependents:
                raise HasDependents(f"{label} “{name}”", plan.dependents)
            deletion.execute(writer, plan, name)
            writer.delete(model, record_id, expected_version=version)
            writer.summary = f"delete {label} “{name}”"
        return writer.changeset_id

    # -- aliases and links --------------------------------------------------------------------
    def add_alias(self, actor_id: int, name: str, language: str | None = None) -> ActorAlias:
        cleaned = clean(ActorAlias, {"name": name, "language": language}, creating=True)

        def duplicate() -> DeskError:
            return AlreadyLinked(f"“{cleaned['name']}” is already a name of actor #{actor_id}")

        with self._writing("add alias", duplicate) as writer:
            actor = writer.require(Actor, actor_id)
            taken = writer.session.execute(
                select(ActorAlias.id).where(
                    ActorAlias.actor_id == actor_id, ActorAlias.name == cleaned["name"]
                )
            ).first()
            if taken or actor["name"] == cleaned["name"]:
                raise AlreadyLinked(f"“{cleaned['name']}” is already a name of “{actor['name']}”")
            row = writer.insert(ActorAlias, {"actor_id": actor_id, **cleaned})
            writer.summary = f"add alias “{row['name']}” to “{actor['name']}”"
        return ActorAlias.model_validate(row)

    def link_actor(
        self,
        meeting_id: int,
        actor_id: int,
        role: str = "participant",
        note: str | None = None,
    ) -> MeetingActor:
        cleaned = clean(MeetingActor, {"role": role, "note": note}, creating=True)

        def duplicate() -> DeskError:
            return self._already_linked(MeetingActor, meeting_id, actor_id)

        with self._writing("link", duplicate) as writer:
            meeting = writer.require(Meeting, meeting_id)
            actor = writer.require(Actor, actor_id)
            existing = writer.session.execute(
                select(MeetingActor.role).where(
                    MeetingActor.meeting_id == meeting_id, MeetingActor.actor_id == actor_id
                )
            ).first()
            if existing:
                raise AlreadyLinked(
                    f"“{actor['name']}” already takes part in “{meeting['title']}” as {existing[0]}"
                )
            row = writer.insert(
                MeetingActor, {"meeting_id": meeting_id, "actor_id": actor_id, **cleaned}
            )
            writer.summary = f"add “{actor['name']}” to “{meeting['title']}” as {row['role']}"
        return MeetingActor.model_validate(row)

    def link_agenda(
        self,
        meeting_id: int,
        agenda_item_id: int,
        status: str = "reported",
        note: str | None = None,
    ) -> MeetingAgenda:
        cleaned = clean(MeetingAgenda, {"status": status, "note": note}, creating=True)

        def duplicate() -> DeskError:
            return self._already_linked(MeetingAgenda, meeting_id, agenda_item_id)

        with self._writing("link", duplicate) as writer:
            meeting = writer.require(Meeting, meeting_id)
            item = writer.require(AgendaItem, agenda_item_id)
            existing = writer.session.execute(
                select(MeetingAgenda.status).where(
                    MeetingAgenda.meeting_id == meeting_id,
                    MeetingAgenda.agenda_item_id == agenda_item_id,
                )
            ).first()
            if existing:
                raise AlreadyLinked(
                    f"“{item['title']}” is already on the agenda of “{meeting['title']}” "
                    f"({existing[0]})"
                )
            row = writer.insert(
                MeetingAgenda,
                {"meeting_id": meeting_id, "agenda_item_id": agenda_item_id, **cleaned},
            )
            writer.summary = f"put “{item['title']}” on the agenda of “{meeting['title']}”"
        return MeetingAgenda.model_validate(row)

    def _already_linked(
        self, link: type[MeetingActor] | type[MeetingAgenda], meeting_id: int, other_id: int
    ) -> AlreadyLinked:
        """The "already linked" message, read after someone else's link won the race."""
        with self.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            title = meeting.title if meeting else f"meeting #{meeting_id}"
            if link is MeetingActor:
                actor = session.get(Actor, other_id)
                role = session.execute(
                    select(MeetingActor.role).where(
                        MeetingActor.meeting_id == meeting_id, MeetingActor.actor_id == other_id
                    )
                ).scalar()
                name = actor.name if actor else f"actor #{other_id}"
                return AlreadyLinked(
                    f"“{name}” already takes part in “{title}” as {role or 'a participant'} "
                    "(linked by someone else a moment ago); nothing was changed"
                )
            item = session.get(AgendaItem, other_id)
            status = session.execute(
                select(MeetingAgenda.status).where(
                    MeetingAgenda.meeting_id == meeting_id,
                    MeetingAgenda.agenda_item_id == other_id,
                )
            ).scalar()
            item_title = item.title if item else f"agenda item #{other_id}"
            return AlreadyLinked(
                f"“{item_title}” is already on the agenda of “{title}” ({status}; linked by "
                "someone else a moment ago); nothing was changed"
            )

    def unlink_actor(self, link_id: int, *, with_evidence: bool = False) -> int:
        return self.delete(MeetingActor, link_id, with_dependents=with_evidence)

    def unlink_agenda(self, link_id: int, *, with_evidence: bool = False) -> int:
        return self.delete(MeetingAgenda, link_id, with_dependents=with_evidence)

    # -- evidence -----------------------------------------------------------------------------
    def attach_evidence(
        self,
        target: type[Record],
        target_id: int,
        source_id: int,
        quote: str,
        *,
        start: int | None = None,
        occurrence: int | None = None,
        attributed_actor_id: int | None = None,
        attributed_text: str | None = None,
        credibility: int | None = None,
        note: str | None = None,
    ) -> Evidence:
        """Tie a passage of a source to a record or link; a quote not in the source is refused."""
        if target not in EVIDENCE_TARGET_COLUMNS:
            raise TypeError(
                f"evidence supports actors, meetings, agenda items and links, not {target}"
            )
        extra = clean(
            Evidence,
            {
                "attributed_actor_id": attributed_actor_id,
                "attributed_text": attributed_text,
                "credibility": credibility,
                "note": note,
            },
            creating=True,
        )
        with self._writing("attach evidence") as writer:
            source = writer.require(Source, source_id)
            record = writer.require(target, target_id)
            if attributed_actor_id is not None:
                writer.require(Actor, attributed_actor_id)
            anchor = anchoring.locate(
                source["text"],
                quote,
                where=f"source #{source_id} “{source['title']}”",
                start=start,
                occurrence=occurrence,
            )
            column = EVIDENCE_TARGET_COLUMNS[target].key
            row = writer.insert(
                Evidence,
                {
                    "source_id": source_id,
                    column: target_id,
                    "quote": anchor.quote,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                    "quote_start": anchor.start,
                    "quote_end": anchor.end,
                    **extra,
                },
            )
            writer.summary = (
                f"cite “{source['title']}” for {RULES[target].label} “{_name(target, record)}”"
            )
        return Evidence.model_validate(row)

    def evidence_for(self, model: type[Record], record_id: int) -> list[EvidenceView]:
        with self.reading() as session:
            return _evidence_views(session, EVIDENCE_TARGET_COLUMNS[model] == record_id)

    def evidence_in(self, source_id: int) -> list[EvidenceView]:
        """Every passage cited from one source, in text order (for highlighting it)."""
        with self.reading() as session:
            return _evidence_views(session, Evidence.source_id == source_id)

    # -- reading many -------------------------------------------------------------------------
    def page(
        self,
        model: type[Record],
        *,
        typed: str | None = None,
        after: Cursor | None = None,
        before: Cursor | None = None,
        limit: int = 50,
        inclusive: bool = False,
    ) -> Page[Any]:
        """A page of meetings (newest first), actors, agenda items (by name) or sources."""
        with self.reading() as session:
            return listing.page(
                session,
                model,
                typed=typed,
                after=after,
                before=before,
                limit=limit,
                inclusive=inclusive,
            )

    def cursor_for(self, model: type[Record], record_id: int) -> Cursor | None:
        """Where a record sits in its listing, to page from it (jumping to a record)."""
        with self.reading() as session:
            return listing.cursor_for(session, model, record_id)

    def search(self, typed: str, *, limit: int = 20) -> list[SearchHit]:
        """Records whose name, alias or title match ``typed``, for jumping to them."""
        if not search.terms(typed):
            return []
        hits: list[SearchHit] = []
        with self.reading() as session:
            dialect = session.get_bind().dialect.name
            for model in (Actor, Meeting, AgendaItem, Source):
                clause = search.matches(model, typed, dialect)
                name_field = RULES[model].name_field
                name_column = getattr(model, name_field)
                query = select(model).where(clause).order_by(name_column).limit(limit)
                for record in session.execute(query).scalars():
                    hits.append(
                        SearchHit(
                            RULES[model].label,
                            record.id,
                            getattr(record, name_field),
                            _detail(record),
                        )
                    )
        return hits[:limit] if len(hits) <= limit else _spread(hits, limit)

    def meeting_detail(self, meeting_id: int) -> MeetingDetail:
        with self.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("meeting", meeting_id)
            participants = [
                Participant(link, actor)
                for link, actor in session.execute(
                    select(MeetingActor, Actor)
                    .join(Actor, Actor.id == MeetingActor.actor_id)  # type: ignore[arg-type]
                    .where(MeetingActor.meeting_id == meeting_id)
                    .order_by(MeetingActor.id)
                )
            ]
            agenda = [
                AgendaMention(link, item)
                for link, item in session.execute(
                    select(MeetingAgenda, AgendaItem)
                    .join(AgendaItem, AgendaItem.id == MeetingAgenda.agenda_item_id)  # type: ignore[arg-type]
                    .where(MeetingAgenda.meeting_id == meeting_id)
                    .order_by(MeetingAgenda.id)
                )
            ]
            link_evidence: dict[tuple[str, int], list[EvidenceView]] = {}
            actor_link_ids = [p.link.id for p in participants]
            agenda_link_ids = [m.link.id for m in agenda]
            for view in _evidence_views(
                session,
                Evidence.meeting_actor_id.in_(actor_link_ids)  # type: ignore[union-attr]
                | Evidence.meeting_agenda_id.in_(agenda_link_ids),  # type: ignore[union-attr]
            ):
                if view.evidence.meeting_actor_id is not None:
                    key = ("participant", view.evidence.meeting_actor_id)
                else:
                    key = ("agenda", view.evidence.meeting_agenda_id or 0)
                link_evidence.setdefault(key, []).append(view)
            return MeetingDetail(
                meeting,
                participants,
                agenda,
                _evidence_views(session, Evidence.meeting_id == meeting_id),
                link_evidence,
            )

    def actor_detail(self, actor_id: int) -> ActorDetail:
        with self.reading() as session:
            actor = session.get(Actor, actor_id)
            if actor is None:
                raise NotFound("actor", actor_id)
            aliases = list(
                session.execute(
                    select(ActorAlias)
                    .where(ActorAlias.actor_id == actor_id)
                    .order_by(ActorAlias.id)
                ).scalars()
            )
            meetings = [
                (link, meeting)
                for link, meeting in session.execute(
                    select(MeetingActor, Meeting)
                    .join(Meeting, Meeting.id == MeetingActor.meeting_id)  # type: ignore[arg-type]
                    .where(MeetingActor.actor_id == actor_id)
                    .order_by(Meeting.date_sort.desc(), Meeting.id.desc())  # type: ignore[union-attr]
                )
            ]
            return ActorDetail(
                actor, aliases, meetings, _evidence_views(session, Evidence.actor_id == actor_id)
            )

    def actor_dossier(self, actor_id: int) -> dossiers.Dossier:
        """Every meeting an actor took part in, newest first, with what those meetings took up."""
        with self.reading() as session:
            return dossiers.actor_dossier(session, actor_id)

    def agenda_dossier(self, item_id: int) -> dossiers.Dossier:
        """Every meeting that took up an agenda item, newest first, with each mention's status."""
        with self.reading() as session:
            return dossiers.agenda_dossier(session, item_id)

    # -- sourcing -----------------------------------------------------------------------------
    def stats(self) -> Stats:
        with self.reading() as session:
            counts = {
                name: session.execute(select(func.count()).select_from(model)).scalar_one()
                for name, model in COUNTED.items()
            }
            unsourced = {
                UNSOURCED_NAMES[model]: session.execute(
                    select(func.count()).select_from(model).where(~_has_evidence(model))
                ).scalar_one()
                for model in EVIDENCE_TARGET_COLUMNS
            }
        return Stats(counts, unsourced)

    def unsourced(self, *, limit: int = 500) -> list[SearchHit]:
        """Records and links no evidence supports, meetings first."""
        hits: list[SearchHit] = []
        with self.reading() as session:
            for model in (Meeting, Actor, AgendaItem):
                query = select(model).where(~_has_evidence(model)).order_by(model.id).limit(limit)
                for record in session.execute(query).scalars():
                    name = getattr(record, RULES[model].name_field)
                    hits.append(SearchHit(RULES[model].label, record.id, name, _detail(record)))
            participant_query = (
                select(MeetingActor.id, Actor.name, Meeting.title, MeetingActor.role)
                .join(Actor, Actor.id == MeetingActor.actor_id)  # type: ignore[arg-type]
                .join(Meeting, Meeting.id == MeetingActor.meeting_id)  # type: ignore[arg-type]
                .where(~_has_evidence(MeetingActor))
                .order_by(MeetingActor.id)
                .limit(limit)
            )
            for link_id, actor_name, title, role in session.execute(participant_query):
                hits.append(
                    SearchHit("participant link", link_id, f"{actor_name} in “{title}”", role)
                )
            agenda_query = (
                select(MeetingAgenda.id, AgendaItem.title, Meeting.title, MeetingAgenda.status)
                .join(AgendaItem, AgendaItem.id == MeetingAgenda.agenda_item_id)  # type: ignore[arg-type]
                .join(Meeting, Meeting.id == MeetingAgenda.meeting_id)  # type: ignore[arg-type]
                .where(~_has_evidence(MeetingAgenda))
                .order_by(MeetingAgenda.id)
                .limit(limit)
            )
            for link_id, item_title, title, status in session.execute(agenda_query):
                hits.append(SearchHit("agenda link", link_id, f"{item_title} at “{title}”", status))
        return hits[:limit]

    # -- merging and undo ---------------------------------------------------------------------
    def merge_preview(self, keep_id: int, other_id: int) -> MergePlan:
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            return merge.merge_actors(
                Writer(session, self.author, "merge"), keep_id, other_id, apply=False
            )

    def merge_actors(self, keep_id: int, other_id: int) -> MergePlan:
        """Merge actor ``other_id`` into ``keep_id``; the result says what moved."""
        with self._writing("merge") as writer:
            plan = merge.merge_actors(writer, keep_id, other_id, apply=True)
        return replace(plan, changeset_id=writer.changeset_id)

    def mark_not_duplicates(self, first_id: int, second_id: int) -> int:
        """Remember that two actors are not the same (the duplicates list stops offering them);
        returns the changeset, which undo takes back like any other."""

        def duplicate() -> DeskError:
            return AlreadyLinked(f"actors #{first_id} and #{second_id} are already marked")

        with self._writing("distinguish", duplicate) as writer:
            distinctions.mark_distinct(writer, first_id, second_id)
        return writer.changeset_id

    def distinct_actor_pairs(self) -> set[tuple[int, int]]:
        """Every pair of actors marked not the same, lower id first."""
        with self.reading() as session:
            return distinctions.distinct_pairs(session)

    def undo(self, changeset_id: int) -> int:
        """Reverse a changeset (a create, edit, delete, merge…); returns the undoing changeset."""
        with self._writing("undo") as writer:
            undo.apply_undo(writer, changeset_id)
        return writer.changeset_id

    def redo(self, undo_changeset_id: int) -> int:
        """Re-apply what an undo reversed (the undo of that undo)."""
        with self._writing("redo") as writer:
            target = undo.apply_undo(writer, undo_changeset_id)
            writer.summary = "redo: " + target.summary.removeprefix("undo: ")
        return writer.changeset_id

    def history(self, *, limit: int = 50) -> list[Changeset]:
        """The latest changesets, newest first (the audit trail)."""
        with self.reading() as session:
            query = select(Changeset).order_by(Changeset.id.desc()).limit(limit)  # type: ignore[union-attr]
            return list(session.execute(query).scalars())

    def latest_changeset_id(self) -> int:
        with self.reading() as session:
            return session.execute(select(func.max(Changeset.id))).scalar_one() or 0

    def changes_since(self, changeset_id: int, *, limit: int = 500) -> list[ChangeNotice]:
        """Changesets committed after ``changeset_id`` (by anyone), oldest first."""
        with self.reading() as session:
            query = (
                select(Changeset)
                .where(Changeset.id > changeset_id)  # type: ignore[operator]
                .order_by(Changeset.id)  # type: ignore[arg-type]
                .limit(limit)
            )
            return [
                ChangeNotice(c.id or 0, c.action, c.summary, c.undoes_id, c.author)
                for c in session.execute(query).scalars()
            ]

    def watch(self) -> ChangeWatcher:
        """A watcher that waits for other desks' changes (close it when done)."""
        return ChangeWatcher(self)

    def history_of(
        self, model: type[Record], record_id: int, *, limit: int = 200
    ) -> list[HistoryEntry]:
        """Every recorded change to one record, newest first: the record's audit trail."""
        with self.reading() as session:
            query = (
                select(Change, Changeset)
                .join(Changeset, Changeset.id == Change.changeset_id)  # type: ignore[arg-type]
                .where(Change.table_name == model.__tablename__, Change.record_id == record_id)
                .order_by(Change.id.desc())  # type: ignore[union-attr]
                .limit(limit)
            )
            return [
                HistoryEntry(
                    at=as_utc(changeset.at),
                    author=changeset.author,
                    action=changeset.action,
                    summary=changeset.summary,
                    operation=change.op,
                    before=json.loads(change.before) if change.before else None,
                    after=json.loads(change.after) if change.after else None,
                    changeset_id=changeset.id or 0,
                )
                for change, changeset in session.execute(query)
            ]

    def is_undone(self, changeset_id: int) -> bool:
        with Session(self.engine) as session, session.begin():
            return undo.is_undone(Writer(session, self.author, "read"), changeset_id)

    # -- proposals (desk.ingest): remembered decisions, accepting in one transaction ----------
    def proposal_decisions(self, source_id: int) -> list[proposal_steps.ProposalDecision]:
        """The decisions taken on a source's proposals, oldest first."""
        with self.reading() as session:
            return proposal_steps.decisions(session, source_id)

    def decide_proposal(
        self, source_id: int, kind: str, key: str, decision: str, label: str
    ) -> int:
        """Remember that a proposal was accepted or rejected (nothing else changes)."""
        step = proposal_steps.Decide(kind, key, decision, label)
        verb = "reject" if decision == "rejected" else "accept"
        return self.carry_out(source_id, [step], summary=f"{verb} proposal “{label}”").changeset_id

    def carry_out(
        self, source_id: int, steps: list[proposal_steps.Step], *, summary: str
    ) -> proposal_steps.Outcome:
        """Carry out a proposal's steps (create, link, cite, decide) as one transaction."""
        with self._writing("accept") as writer:
            outcome = proposal_steps.carry_out(writer, source_id, steps)
            writer.summary = summary
        outcome.changeset_id = writer.changeset_id
        return outcome

    def actor_names(self) -> list[proposal_steps.ActorNames]:
        """Every actor's names (name and aliases), kind, title and country."""
        with self.reading() as session:
            return proposal_steps.actor_names(session)

    def actors_by_name_keys(
        self, keys: Collection[str]
    ) -> dict[str, list[proposal_steps.ActorNames]]:
        """The actors known under each of ``keys`` (name keys, ``desk.name_keys``), read from
        the index the store keeps (``desk.store.actor_keys``); keys no actor has are left out."""
        with self.reading() as session:
            ids_by_key = actor_keys.lookup(session, keys)
            ids = {actor_id for found in ids_by_key.values() for actor_id in found}
            actors = {a.id: a for a in proposal_steps.actor_names(session, ids)} if ids else {}
        return {key: [actors[i] for i in found if i in actors] for key, found in ids_by_key.items()}

    def longest_actor_name(self) -> int:
        """The most words an actor's name or alias has (how far a scan for names looks ahead)."""
        with self.reading() as session:
            return actor_keys.longest(session)

    def actors_of_kind(self, kind: str) -> list[proposal_steps.ActorNames]:
        """The actors of one kind (e.g. the organizations) with their aliases."""
        with self.reading() as session:
            return proposal_steps.actor_names(session, kind=kind)

    def agenda_titles(self) -> list[tuple[int, str, str | None]]:
        """Every agenda item's id, title and description."""
        with self.reading() as session:
            return proposal_steps.agenda_titles(session)

    def meetings_of_actors(
        self, actor_ids: list[int], *, limit: int = 200
    ) -> list[proposal_steps.MeetingSketch]:
        """The newest meetings (up to ``limit`` per actor) any of the actors take part in."""
        with self.reading() as session:
            return proposal_steps.meetings_of(session, actor_ids, limit)


def _name(model: type[Record], row: Any) -> str:
    field = RULES[model].name_field
    value = row[field] if isinstance(row, dict) else getattr(row, field)
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _detail(record: Record) -> str:
    if isinstance(record, Actor):
        return ", ".join(part for part in (record.title, record.country) if part)
    if isinstance(record, Meeting):
        date = from_columns(record)
        parts = [date.display() if date else "undated", record.status, record.place or ""]
        return " · ".join(part for part in parts if part)
    if isinstance(record, AgendaItem):
        return record.status
    if isinstance(record, Source):
        date = from_columns(record)
        return " · ".join(
            part for part in (record.publisher, date.display() if date else None) if part
        )
    return ""


def _spread(hits: list[SearchHit], limit: int) -> list[SearchHit]:
    """Keep every kind represented when trimming search hits to ``limit``."""
    by_kind: dict[str, list[SearchHit]] = {}
    for hit in hits:
        by_kind.setdefault(hit.kind, []).append(hit)
    spread: list[SearchHit] = []
    while len(spread) < limit:
        progressed = False
        for kind_hits in by_kind.values():
            if kind_hits and len(spread) < limit:
                spread.append(kind_hits.pop(0))
                progressed = True
        if not progressed:
            break
    return spread


def _has_evidence(model: type[Record]) -> Any:
    column = EVIDENCE_TARGET_COLUMNS[model]
    return exists().where(column == model.id)


def _evidence_views(session: Session, condition: Any) -> list[EvidenceView]:
    attributed = Actor.__table__.alias("attributed")  # type: ignore[attr-defined]
    query = (
        select(
            Evidence,
            Source.title,
            Source.publisher,
            Source.date_text,
            Source.reliability,
            attributed.c.name,
        )
        .join(Source, Source.id == Evidence.source_id)  # type: ignore[arg-type]
        .outerjoin(attributed, attributed.c.id == Evidence.attributed_actor_id)
        .where(condition)
        .order_by(Evidence.source_id, Evidence.quote_start, Evidence.id)
    )
    views = []
    for evidence, title, publisher, date_text, reliability, attributed_name in session.execute(
        query
    ):
        views.append(
            EvidenceView(
                evidence=evidence,
                source_title=title,
                publisher=publisher,
                source_date=PartialDate.from_canonical(date_text) if date_text else None,
                reliability=reliability,
                attributed_to=attributed_name or evidence.attributed_text,
            )
        )
    return views


#: The PostgreSQL channel on which every committed changeset id is announced.
CHANGE_CHANNEL = "desk_changes"


def _is_contention(error: OperationalError) -> bool:
    """A deadlock, serialization failure or lock timeout: the same write may succeed if retried."""
    code = getattr(error.orig, "sqlstate", None)
    if code in ("40P01", "40001", "55P03"):
        return True
    return "database is locked" in str(error.orig)


def _is_unique_violation(error: IntegrityError) -> bool:
    code = getattr(error.orig, "sqlstate", None)
    return code == "23505" or "UNIQUE constraint failed" in str(error.orig)


def _integrity_message(error: IntegrityError) -> str:
    text = one_line(str(error.orig))
    if "FOREIGN KEY" in text.upper() or "foreign key" in text:
        return (
            "the change refers to a record that does not exist (or one still referred to); "
            "nothing was changed"
        )
    if "UNIQUE" in text.upper() or "unique" in text:
        return f"the change would duplicate an existing record ({text}); nothing was changed"
    if "CHECK" in text.upper() or "check" in text:
        return f"the change breaks a rule of the desk ({text}); nothing was changed"
    return f"the database refused the change ({text}); nothing was changed"
