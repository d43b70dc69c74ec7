"""What depends on a record, and deleting it with its dependents so undo can bring all back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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
from desk.model.archive import SourceArchive
from desk.model.duplicates import ActorDistinction
from desk.model.proposals import ProposalDecision
from desk.store import distinctions
from desk.store.writer import Writer


@dataclass
class DeletePlan:
    """Rows to delete (dependents first), attributions to keep as text, and what to tell users."""

    deletions: list[tuple[type[Record], int]] = field(default_factory=list)
    detached_attributions: list[int] = field(default_factory=list)
    dependents: list[str] = field(default_factory=list)
    #: Rows owned by the record (aliases) that go with it without being worth a warning.
    owned: list[tuple[type[Record], int]] = field(default_factory=list)


def _ids(session: Session, query: Any) -> list[int]:
    return list(session.execute(query).scalars())


def _meetings(session: Session, ids: list[int]) -> str:
    """'2 meetings (“A”, “B”)', naming at most three."""
    titles = _ids(session, select(Meeting.title).where(Meeting.id.in_(ids[:3])))  # type: ignore[union-attr]
    shown = ", ".join(f"“{title}”" for title in titles)
    more = f" and {len(ids) - 3} more" if len(ids) > 3 else ""
    return f"{_plural(len(ids), 'meeting', 'meetings')} ({shown}{more})"


def _evidence_on(session: Session, column: Any, ids: list[int]) -> list[int]:
    if not ids:
        return []
    return _ids(session, select(Evidence.id).where(column.in_(ids)))


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def plan(session: Session, model: type[Record], record_id: int) -> DeletePlan:
    result = DeletePlan()
    evidence: list[int] = []
    if model is Actor:
        links = _ids(session, select(MeetingActor.id).where(MeetingActor.actor_id == record_id))
        meetings = _ids(
            session, select(MeetingActor.meeting_id).where(MeetingActor.actor_id == record_id)
        )
        evidence = _evidence_on(session, Evidence.actor_id, [record_id])
        evidence += _evidence_on(session, Evidence.meeting_actor_id, links)
        result.detached_attributions = _ids(
            session, select(Evidence.id).where(Evidence.attributed_actor_id == record_id)
        )
        result.owned = [
            (ActorAlias, alias_id)
            for alias_id in _ids(
                session, select(ActorAlias.id).where(ActorAlias.actor_id == record_id)
            )
        ]
        # Judgements that it is not the same as another actor go with it (and come back on undo).
        result.owned += [
            (ActorDistinction, row_id)
            for row_id, _, _ in distinctions.involving(session, record_id)
        ]
        if links:
            result.dependents.append(f"takes part in {_meetings(session, meetings)}")
        link_tables: list[tuple[type[Record], list[int]]] = [(MeetingActor, links)]
    elif model is Meeting:
        actor_links = _ids(
            session, select(MeetingActor.id).where(MeetingActor.meeting_id == record_id)
        )
        agenda_links = _ids(
            session, select(MeetingAgenda.id).where(MeetingAgenda.meeting_id == record_id)
        )
        evidence = _evidence_on(session, Evidence.meeting_id, [record_id])
        evidence += _evidence_on(session, Evidence.meeting_actor_id, actor_links)
        evidence += _evidence_on(session, Evidence.meeting_agenda_id, agenda_links)
        if actor_links:
            result.dependents.append(
                "has " + _plural(len(actor_links), "participant", "participants")
            )
        if agenda_links:
            result.dependents.append(
                "has " + _plural(len(agenda_links), "agenda link", "agenda links")
            )
        link_tables = [(MeetingActor, actor_links), (MeetingAgenda, agenda_links)]
    elif model is AgendaItem:
        links = _ids(
            session, select(MeetingAgenda.id).where(MeetingAgenda.agenda_item_id == record_id)
        )
        meetings = _ids(
            session,
            select(MeetingAgenda.meeting_id).where(MeetingAgenda.agenda_item_id == record_id),
        )
        evidence = _evidence_on(session, Evidence.agenda_item_id, [record_id])
        evidence += _evidence_on(session, Evidence.meeting_agenda_id, links)
        if links:
            result.dependents.append(f"is taken up by {_meetings(session, meetings)}")
        link_tables = [(MeetingAgenda, links)]
    elif model is Source:
        evidence = _evidence_on(session, Evidence.source_id, [record_id])
        # Decisions on its proposals and its archived page go with a source; deleted here (not
        # by the database's cascade) so the change log holds them and undoing the delete brings
        # them back.
        result.owned = [
            (ProposalDecision, decision_id)
            for decision_id in _ids(
                session, select(ProposalDecision.id).where(ProposalDecision.source_id == record_id)
            )
        ] + [
            (SourceArchive, archive_id)
            for archive_id in _ids(
                session, select(SourceArchive.id).where(SourceArchive.source_id == record_id)
            )
        ]
        link_tables = []
    elif model is MeetingActor:
        evidence = _evidence_on(session, Evidence.meeting_actor_id, [record_id])
        link_tables = []
    elif model is MeetingAgenda:
        evidence = _evidence_on(session, Evidence.meeting_agenda_id, [record_id])
        link_tables = []
    else:
        link_tables = []
    if evidence:
        noun = "cites it in" if model is Source else "is supported by"
        result.dependents.append(
            f"{noun} {_plural(len(evidence), 'piece of evidence', 'pieces of evidence')}"
        )
    if result.detached_attributions:
        result.dependents.append(
            f"is quoted in {_plural(len(result.detached_attributions), 'piece', 'pieces')} of "
            "evidence (their attribution is kept as text)"
        )
    result.deletions = [(Evidence, evidence_id) for evidence_id in dict.fromkeys(evidence)]
    for link_model, ids in link_tables:
        result.deletions += [(link_model, link_id) for link_id in ids]
    return result


def execute(writer: Writer, plan: DeletePlan, name: str) -> None:
    """Delete the plan's dependents (the record itself is the caller's), keeping attributions."""
    for evidence_id in plan.detached_attributions:
        row = writer.require(Evidence, evidence_id)
        if (Evidence, evidence_id) in plan.deletions:
            continue
        writer.update(
            Evidence,
            evidence_id,
            {"attributed_actor_id": None, "attributed_text": row["attributed_text"] or name},
        )
    for model, record_id in [*plan.deletions, *plan.owned]:
        writer.delete(model, record_id)
