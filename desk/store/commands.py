"""The Store's commands: every write of the desk, each one transaction recorded by a Writer
(desk.store.writer), so history lists it and undo can take it back."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select

from desk.model import (
    Actor,
    ActorAlias,
    AgendaItem,
    Evidence,
    Meeting,
    MeetingActor,
    MeetingAgenda,
    Record,
    Source,
)
from desk.store import anchoring, archives, deletion, distinctions, merge, undo
from desk.store import proposals as proposal_steps
from desk.store.errors import (
    AlreadyLinked,
    DeskError,
    HasDependents,
)
from desk.store.queries import EVIDENCE_TARGET_COLUMNS, record_name
from desk.store.rules import RULES, clean
from desk.store.sessions import Sessions
from desk.store.views import (
    MergePlan,
)

if TYPE_CHECKING:
    pass

R = TypeVar("R", bound=Record)


class Commands(Sessions):
    """What changes a desk: records, aliases, links, evidence, merges, undo, proposals."""

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
            writer.summary = f"create {label} “{record_name(model, row)}”"
        return model.model_validate(row)

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
            writer.summary = f"edit {RULES[model].label} “{record_name(model, row)}”"
        return model.model_validate(row)

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
            name = record_name(model, row)
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
            cited = record_name(target, record)
            writer.summary = f"cite “{source['title']}” for {RULES[target].label} “{cited}”"
        return Evidence.model_validate(row)

    # -- merging and undo ---------------------------------------------------------------------
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

    # -- proposals (desk.ingest): accepting in one transaction ----------------------------------
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
