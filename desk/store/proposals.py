"""Accepting proposals in one transaction, remembering decisions, and the reads proposals need.

Accepting one proposal may create an actor, add an alias, create a meeting, link its
participants and agenda items, set a date and cite passages as evidence, then record the
decision. ``carry_out`` does such a list of steps through one Writer: one transaction, one
changeset in the audit trail, so one undo takes it all back. A step names the record it makes
(``Create("meeting", ...)``) and later steps refer to it (``Ref(Meeting, step="meeting")``).
Steps are idempotent where an analyst would expect it: a participant already linked, an alias
already known or a passage already cited is left as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

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
from desk.model.proposals import DECISIONS, ProposalDecision
from desk.store import anchoring
from desk.store.date_columns import DATE_COLUMNS, coerce, from_columns, to_columns
from desk.store.errors import DeskError, InvalidField
from desk.store.rules import clean
from desk.store.writer import Writer

#: Evidence column for each kind of record a passage may support.
_EVIDENCE_COLUMNS: dict[type[Record], str] = {
    Actor: "actor_id",
    Meeting: "meeting_id",
    AgendaItem: "agenda_item_id",
    MeetingActor: "meeting_actor_id",
    MeetingAgenda: "meeting_agenda_id",
}


# -- steps -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Ref:
    """A record: one on the desk (``id``) or one an earlier step of the same plan makes."""

    model: type[Record]
    id: int | None = None
    step: str | None = None


@dataclass(frozen=True)
class Create:
    """A new actor, meeting or agenda item (values as ``Store.create`` takes them)."""

    step: str
    model: type[Record]
    values: Mapping[str, Any]
    reference: dt.date | None = None


@dataclass(frozen=True)
class AddAlias:
    actor: Ref
    name: str
    language: str | None = None


@dataclass(frozen=True)
class Fill:
    """Set fields a record leaves empty; a date only if it has none or the new one is finer
    and falls within it."""

    target: Ref
    values: Mapping[str, Any]
    reference: dt.date | None = None


@dataclass(frozen=True)
class Link:
    """A participant (``other`` an actor, ``value`` a role) or an agenda mention (``other`` an
    agenda item, ``value`` how sure); an existing link is kept as it is."""

    step: str | None
    meeting: Ref
    other: Ref
    value: str


@dataclass(frozen=True)
class Cite:
    """Evidence: the passage ``start``..``end`` of the source, for ``target``."""

    target: Ref
    start: int
    end: int
    attributed_actor: Ref | None = None
    attributed_text: str | None = None
    credibility: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Decide:
    kind: str
    key: str
    decision: str
    label: str
    record: Ref | None = None


Step = Create | AddAlias | Fill | Link | Cite | Decide


@dataclass
class Outcome:
    """What a plan made: record ids by step name, and the changeset recording it."""

    ids: dict[str, int] = field(default_factory=dict)
    changeset_id: int = 0


# -- carrying steps out ------------------------------------------------------------------------
def carry_out(writer: Writer, source_id: int, steps: Sequence[Step]) -> Outcome:
    source = writer.require(Source, source_id)
    outcome = Outcome()

    def resolve(ref: Ref) -> int:
        if ref.id is not None:
            return ref.id
        if ref.step is not None and ref.step in outcome.ids:
            return outcome.ids[ref.step]
        raise DeskError(f"a step refers to “{ref.step}”, which no earlier step made")

    for step in steps:
        if isinstance(step, Create):
            cleaned = clean(step.model, dict(step.values), creating=True, reference=step.reference)
            outcome.ids[step.step] = writer.insert(step.model, cleaned)["id"]
        elif isinstance(step, AddAlias):
            _add_alias(writer, resolve(step.actor), step.name, step.language)
        elif isinstance(step, Fill):
            _fill(writer, step.target.model, resolve(step.target), step.values, step.reference)
        elif isinstance(step, Link):
            link_id = _link(
                writer, resolve(step.meeting), step.other, resolve(step.other), step.value
            )
            if step.step:
                outcome.ids[step.step] = link_id
        elif isinstance(step, Cite):
            _cite(writer, source, step, resolve)
        else:
            record_id = resolve(step.record) if step.record is not None else None
            table = step.record.model.__tablename__ if step.record is not None else None
            _decide(writer, source_id, step, table, record_id)
    return outcome


def _add_alias(writer: Writer, actor_id: int, name: str, language: str | None) -> None:
    cleaned = clean(ActorAlias, {"name": name, "language": language}, creating=True)
    actor = writer.require(Actor, actor_id)
    if actor["name"] == cleaned["name"]:
        return
    taken = writer.session.execute(
        select(ActorAlias.id).where(
            ActorAlias.actor_id == actor_id, ActorAlias.name == cleaned["name"]
        )
    ).first()
    if taken is None:
        writer.insert(ActorAlias, {"actor_id": actor_id, **cleaned})


def _fill(
    writer: Writer,
    model: type[Record],
    record_id: int,
    values: Mapping[str, Any],
    reference: dt.date | None,
) -> None:
    row = writer.require(model, record_id, lock=True)
    wanted = dict(values)
    changes: dict[str, Any] = {}
    if "date" in wanted:
        new = coerce(wanted.pop("date"), reference=reference)
        current = from_columns(row)
        if new is not None and (current is None or _finer_within(new, current)):
            changes.update(to_columns(new))
    cleaned = clean(model, wanted, creating=False, reference=reference) if wanted else {}
    for name, value in cleaned.items():
        if row.get(name) in (None, "") and value not in (None, ""):
            changes[name] = value
    changes = {k: v for k, v in changes.items() if k in DATE_COLUMNS or row.get(k) != v}
    if changes:
        writer.update(model, record_id, changes)


def _finer_within(new: Any, current: Any) -> bool:
    low, high = current.earliest or dt.date.min, current.latest or dt.date.max
    new_low, new_high = new.earliest or dt.date.min, new.latest or dt.date.max
    narrower = (new_high - new_low) < (high - low)
    return narrower and low <= new_low and new_high <= high


def _link(writer: Writer, meeting_id: int, other: Ref, other_id: int, value: str) -> int:
    writer.require(Meeting, meeting_id)
    if other.model is Actor:
        writer.require(Actor, other_id)
        existing = writer.session.execute(
            select(MeetingActor.id).where(
                MeetingActor.meeting_id == meeting_id, MeetingActor.actor_id == other_id
            )
        ).first()
        if existing is not None:
            return int(existing[0])
        cleaned = clean(MeetingActor, {"role": value}, creating=True)
        row = writer.insert(
            MeetingActor, {"meeting_id": meeting_id, "actor_id": other_id, **cleaned}
        )
        return int(row["id"])
    if other.model is AgendaItem:
        writer.require(AgendaItem, other_id)
        existing = writer.session.execute(
            select(MeetingAgenda.id).where(
                MeetingAgenda.meeting_id == meeting_id, MeetingAgenda.agenda_item_id == other_id
            )
        ).first()
        if existing is not None:
            return int(existing[0])
        cleaned = clean(MeetingAgenda, {"status": value}, creating=True)
        row = writer.insert(
            MeetingAgenda, {"meeting_id": meeting_id, "agenda_item_id": other_id, **cleaned}
        )
        return int(row["id"])
    raise TypeError(f"a meeting links actors and agenda items, not {other.model}")


def _cite(writer: Writer, source: Mapping[str, Any], step: Cite, resolve: Any) -> None:
    target_id = resolve(step.target)
    column = _EVIDENCE_COLUMNS[step.target.model]
    writer.require(step.target.model, target_id)
    text = source["text"]
    if not 0 <= step.start < step.end <= len(text):
        raise InvalidField(
            "quote", f"the passage {step.start}–{step.end} is not within the source's text"
        )
    already = writer.session.execute(
        select(Evidence.id).where(
            Evidence.source_id == source["id"],
            getattr(Evidence, column) == target_id,
            Evidence.quote_start == step.start,
            Evidence.quote_end == step.end,
        )
    ).first()
    if already is not None:
        return
    attributed_id = resolve(step.attributed_actor) if step.attributed_actor else None
    if attributed_id is not None:
        writer.require(Actor, attributed_id)
    extra = clean(
        Evidence,
        {
            "attributed_actor_id": attributed_id,
            "attributed_text": None if attributed_id is not None else step.attributed_text,
            "credibility": step.credibility,
            "note": step.note,
        },
        creating=True,
    )
    anchor = anchoring.anchor_at(text, step.start, step.end)
    writer.insert(
        Evidence,
        {
            "source_id": source["id"],
            column: target_id,
            "quote": anchor.quote,
            "prefix": anchor.prefix,
            "suffix": anchor.suffix,
            "quote_start": anchor.start,
            "quote_end": anchor.end,
            **extra,
        },
    )


def _decide(
    writer: Writer, source_id: int, step: Decide, table: str | None, record_id: int | None
) -> None:
    if step.decision not in DECISIONS:
        raise InvalidField("decision", f"{step.decision!r} is not one of {', '.join(DECISIONS)}")
    values = {
        "decision": step.decision,
        "label": step.label.strip() or step.key,
        "record_table": table,
        "record_id": record_id,
    }
    existing = writer.session.execute(
        select(ProposalDecision.id).where(
            ProposalDecision.source_id == source_id,
            ProposalDecision.kind == step.kind,
            ProposalDecision.key == step.key,
        )
    ).first()
    if existing is not None:
        writer.update(ProposalDecision, int(existing[0]), values)
        return
    writer.insert(
        ProposalDecision, {"source_id": source_id, "kind": step.kind, "key": step.key, **values}
    )


# -- reading -----------------------------------------------------------------------------------
def decisions(session: Session, source_id: int) -> list[ProposalDecision]:
    query = (
        select(ProposalDecision)
        .where(ProposalDecision.source_id == source_id)
        .order_by(ProposalDecision.id)  # type: ignore[arg-type]
    )
    return list(session.execute(query).scalars())
