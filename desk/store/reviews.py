"""Review states of records: reading them, and moving a record along through a Writer.

A record with no ``review`` row is a draft. Moving it along (``set_state``) inserts, updates or
deletes that row through the Writer, so each step is in the audit trail and undoable like any
edit. Who last changed a record comes from the change log (review steps themselves excluded).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from desk.model import (
    Actor,
    AgendaItem,
    Change,
    Changeset,
    Meeting,
    MeetingActor,
    MeetingAgenda,
    Record,
    Review,
    ReviewState,
)
from desk.model.tables import utc_now
from desk.store.errors import DeskError, InvalidField, NotFound
from desk.store.review_states import STATE_LABELS
from desk.store.views import HistoryEntry
from desk.store.writer import LABELS, Writer, as_utc

#: The kinds of record that carry a review state, by table.
REVIEWED_MODELS: dict[str, type[Record]] = {
    model.__tablename__: model
    for model in (Meeting, Actor, AgendaItem, MeetingActor, MeetingAgenda)
}

#: Verbs for the audit trail, by the state set.
_VERBS = {
    ReviewState.DRAFT: "return to draft",
    ReviewState.NEEDS_REVIEW: "ask for review of",
    ReviewState.VERIFIED: "verify",
    ReviewState.DISPUTED: "dispute",
}


class ReviewChanged(DeskError):
    """Someone moved the record's review along since it was read; nothing was saved."""


@dataclass(frozen=True)
class ReviewStatus:
    """A record's review state, who set it, when and why."""

    record_table: str
    record_id: int
    state: ReviewState
    note: str | None = None
    set_by: str | None = None
    set_at: dt.datetime | None = None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class QueueEntry:
    """One record waiting in the review queue."""

    status: ReviewStatus
    #: The kind as users read it ("meeting", "participant link"…).
    kind: str
    name: str
    #: Who last changed the record itself (not its review), from the audit trail.
    last_changed_by: str | None


def state_of(value: str | ReviewState) -> ReviewState:
    try:
        return ReviewState(value)
    except ValueError:
        allowed = ", ".join(state.value for state in ReviewState)
        raise InvalidField(
            "state", f"{value!r} is not a review state; choose one of {allowed}"
        ) from None


def model_of(record_table: str) -> type[Record]:
    try:
        return REVIEWED_MODELS[record_table]
    except KeyError:
        kinds = ", ".join(REVIEWED_MODELS)
        raise InvalidField(
            "record", f"{record_table!r} records carry no review state (only {kinds})"
        ) from None


def status(session: Session, record_table: str, record_id: int) -> ReviewStatus:
    row = session.execute(
        select(Review).where(Review.record_table == record_table, Review.record_id == record_id)
    ).scalar_one_or_none()
    if row is None:
        return ReviewStatus(record_table, record_id, ReviewState.DRAFT)
    return _status(row)


def states(session: Session, record_table: str, ids: Iterable[int]) -> dict[int, ReviewState]:
    """The review states of many records of one table (drafts included)."""
    wanted = list(ids)
    found = {
        record_id: ReviewState(state)
        for record_id, state in session.execute(
            select(Review.record_id, Review.state).where(
                Review.record_table == record_table,
                Review.record_id.in_(wanted),  # type: ignore[attr-defined]
            )
        )
    }
    return {record_id: found.get(record_id, ReviewState.DRAFT) for record_id in wanted}


def last_changed_by(session: Session, record_table: str, record_id: int) -> str | None:
    """Who made the latest recorded change to the record (its review steps aside)."""
    found = session.execute(
        select(Changeset.author)
        .join(Change, Change.changeset_id == Changeset.id)  # type: ignore[arg-type]
        .where(Change.table_name == record_table, Change.record_id == record_id)
        .order_by(Change.id.desc())  # type: ignore[union-attr]
        .limit(1)
    ).first()
    return found[0] if found else None


def history(session: Session, record_table: str, record_id: int) -> list[HistoryEntry]:
    """The record's review steps, newest first, as history entries ("review: draft → verified").

    Review rows are found in the change log by what they point at (their own ids change when a
    record goes back to draft and on again); deletions that went with the record are left out.
    """
    pointer = f'%"record_table": "{record_table}", "record_id": {int(record_id)},%'
    query = (
        select(Change, Changeset)
        .join(Changeset, Changeset.id == Change.changeset_id)  # type: ignore[arg-type]
        .where(
            Change.table_name == Review.__tablename__,
            or_(Change.after.like(pointer), Change.before.like(pointer)),  # type: ignore[union-attr]
        )
        .order_by(Change.id.desc())  # type: ignore[union-attr]
    )
    entries = []
    for change, changeset in session.execute(query):
        if change.op == "delete" and changeset.action in ("delete", "merge"):
            continue
        entries.append(
            HistoryEntry(
                at=as_utc(changeset.at),
                author=changeset.author,
                action=changeset.action,
                summary=changeset.summary,
                operation="update",
                before=_as_review(change.before),
                after=_as_review(change.after),
                changeset_id=changeset.id or 0,
            )
        )
    return entries


def _as_review(row: str | None) -> dict[str, Any]:
    """A review row as the history shows it: the state in words, and the note."""
    values = json.loads(row) if row else {}
    state = ReviewState(values.get("state", ReviewState.DRAFT.value))
    return {"review": STATE_LABELS[state], "note": values.get("note")}


def record_name(session: Session, record_table: str, record_id: int) -> str:
    """How a user recognizes the record: a name, a title, or who/what at which meeting."""
    model = model_of(record_table)
    if model is MeetingActor:
        row = session.execute(
            select(Actor.name, Meeting.title, MeetingActor.role)
            .join(Actor, Actor.id == MeetingActor.actor_id)  # type: ignore[arg-type]
            .join(Meeting, Meeting.id == MeetingActor.meeting_id)  # type: ignore[arg-type]
            .where(MeetingActor.id == record_id)
        ).first()
        return f"{row[0]} ({row[2]}) in “{row[1]}”" if row else f"participant link #{record_id}"
    if model is MeetingAgenda:
        row = session.execute(
            select(AgendaItem.title, Meeting.title, MeetingAgenda.status)
            .join(AgendaItem, AgendaItem.id == MeetingAgenda.agenda_item_id)  # type: ignore[arg-type]
            .join(Meeting, Meeting.id == MeetingAgenda.meeting_id)  # type: ignore[arg-type]
            .where(MeetingAgenda.id == record_id)
        ).first()
        return f"{row[0]} ({row[2]}) at “{row[1]}”" if row else f"agenda link #{record_id}"
    record = session.get(model, record_id)
    if record is None:
        return f"{LABELS[record_table]} #{record_id}"
    return str(getattr(record, "title", None) or getattr(record, "name", ""))


def target(session: Session, record_table: str, record_id: int) -> QueueEntry:
    """One record as review shows it: its state, kind, name and who last changed it."""
    model = model_of(record_table)
    if session.get(model, record_id) is None:
        raise NotFound(LABELS[record_table], record_id)
    return QueueEntry(
        status(session, record_table, record_id),
        LABELS[record_table],
        record_name(session, record_table, record_id),
        last_changed_by(session, record_table, record_id),
    )


def set_state(
    writer: Writer,
    record_table: str,
    record_id: int,
    state: ReviewState,
    note: str | None,
    expected: ReviewState | None,
) -> ReviewStatus:
    """Give a record a review state (draft removes its row); refuses a stale ``expected``."""
    model = model_of(record_table)
    label = LABELS[record_table]
    note = (note or "").strip() or None
    if state is ReviewState.DISPUTED and note is None:
        raise InvalidField("note", "disputing a record needs a note saying what is wrong")
    if writer.row(model, record_id, lock=True) is None:
        raise NotFound(label, record_id)
    table = Review.__table__  # type: ignore[attr-defined]
    current = (
        writer.session.execute(
            select(table)
            .where(table.c.record_table == record_table, table.c.record_id == record_id)
            .with_for_update()
        )
        .mappings()
        .first()
    )
    now_state = ReviewState(current["state"]) if current else ReviewState.DRAFT
    name = record_name(writer.session, record_table, record_id)
    if expected is not None and now_state is not expected:
        by = f" by {current['set_by']}" if current else ""
        raise ReviewChanged(
            f"{label} “{name}” is {STATE_LABELS[now_state]} now (set{by} since you looked); "
            "nothing was saved"
        )
    values: dict[str, Any] = {
        "state": state.value,
        "note": note,
        "set_by": writer.author,
        "set_at": utc_now(),
    }
    if state is ReviewState.DRAFT:
        if current is not None:
            writer.delete(Review, current["id"])
    elif current is None:
        writer.insert(Review, {"record_table": record_table, "record_id": record_id, **values})
    else:
        writer.update(Review, current["id"], values)
    writer.summary = f"{_VERBS[state]} {label} “{name}”" + (f": {note}" if note else "")
    if state is ReviewState.DRAFT:
        return ReviewStatus(record_table, record_id, state)
    return ReviewStatus(record_table, record_id, state, note, writer.author, values["set_at"])


def counts(session: Session) -> dict[ReviewState, int]:
    """How many records (all reviewed kinds together) are in each state; drafts are the rest."""
    found = dict(session.execute(select(Review.state, func.count()).group_by(Review.state)).all())
    total = sum(
        session.execute(select(func.count()).select_from(model)).scalar_one()
        for model in REVIEWED_MODELS.values()
    )
    result = {state: int(found.get(state.value, 0)) for state in ReviewState}
    result[ReviewState.DRAFT] = total - sum(
        count for state, count in result.items() if state is not ReviewState.DRAFT
    )
    return result


def queue(session: Session, wanted: Iterable[ReviewState], *, limit: int) -> list[QueueEntry]:
    """Records in the ``wanted`` states (not drafts), longest waiting first."""
    chosen = [state.value for state in wanted if state is not ReviewState.DRAFT]
    rows = session.execute(
        select(Review)
        .where(Review.state.in_(chosen))  # type: ignore[attr-defined]
        .order_by(Review.set_at, Review.id)
        .limit(limit)
    ).scalars()
    return [
        QueueEntry(
            _status(row),
            LABELS[row.record_table],
            record_name(session, row.record_table, row.record_id),
            last_changed_by(session, row.record_table, row.record_id),
        )
        for row in rows
    ]


def in_state(record_table: str, id_column: Any, state: ReviewState) -> Any:
    """A condition keeping records (of ``record_table``, ids in ``id_column``) in ``state``."""
    reviewed = select(Review.record_id).where(Review.record_table == record_table)
    if state is ReviewState.DRAFT:
        return id_column.not_in(reviewed)
    return id_column.in_(reviewed.where(Review.state == state.value))


def _status(row: Review) -> ReviewStatus:
    return ReviewStatus(
        row.record_table,
        row.record_id,
        ReviewState(row.state),
        row.note,
        row.set_by,
        as_utc(row.set_at),
    )
