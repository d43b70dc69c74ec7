"""The review workflow as Store operations: read a record's state, move it along, walk the queue.

A mixin of ``desk.store.Store``: each write is one transaction through the Store's Writer (so
it is in the audit trail, undoable, and announced to other desks), each read one session.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from desk.model import Evidence, ReviewState
from desk.store import reviews
from desk.store.review_states import NEXT_STATE
from desk.store.reviews import QueueEntry, ReviewStatus

if TYPE_CHECKING:
    from sqlmodel import Session

    from desk.store.views import EvidenceView, HistoryEntry
    from desk.store.writer import Writer

#: The evidence column pointing at each reviewed kind of record.
_EVIDENCE_COLUMNS = {
    "actor": Evidence.actor_id,
    "meeting": Evidence.meeting_id,
    "agenda_item": Evidence.agenda_item_id,
    "meeting_actor": Evidence.meeting_actor_id,
    "meeting_agenda": Evidence.meeting_agenda_id,
}


class Reviewing:
    """Review operations; the Store provides ``reading``, ``_writing`` and ``author``."""

    author: str
    reading: Callable[[], AbstractContextManager[Session]]
    _writing: Callable[..., AbstractContextManager[Writer]]

    def review_status(self, record_table: str, record_id: int) -> ReviewStatus:
        reviews.model_of(record_table)
        with self.reading() as session:
            return reviews.status(session, record_table, record_id)

    def review_target(self, record_table: str, record_id: int) -> QueueEntry:
        """A record's state, kind, name and who last changed it, read together."""
        with self.reading() as session:
            return reviews.target(session, record_table, record_id)

    def review_states(self, record_table: str, ids: Iterable[int]) -> dict[int, ReviewState]:
        """Review states of many records of one kind at once (for a page of a list)."""
        reviews.model_of(record_table)
        with self.reading() as session:
            return reviews.states(session, record_table, ids)

    def set_review(
        self,
        record_table: str,
        record_id: int,
        state: ReviewState | str,
        note: str | None = None,
        *,
        expected: ReviewState | str | None = None,
    ) -> int:
        """Give a record a review state, as one changeset (returned; undo takes it).

        ``expected`` is the state the caller saw: if someone moved the record along since,
        nothing is saved (``ReviewChanged``). Disputing needs a ``note``.
        """
        wanted = reviews.state_of(state)
        seen = reviews.state_of(expected) if expected is not None else None
        with self._writing("review") as writer:
            reviews.set_state(writer, record_table, record_id, wanted, note, seen)
        return writer.changeset_id

    def advance_review(
        self, record_table: str, record_id: int, *, expected: ReviewState | str | None = None
    ) -> ReviewStatus:
        """One step along: draft → needs review → verified; disputed → needs review."""
        with self.reading() as session:
            current = reviews.status(session, record_table, record_id).state
        seen = reviews.state_of(expected) if expected is not None else current
        following = NEXT_STATE[seen]
        if following is seen:
            return reviews.ReviewStatus(record_table, record_id, seen)
        with self._writing("review") as writer:
            return reviews.set_state(writer, record_table, record_id, following, None, seen)

    def last_changed_by(self, record_table: str, record_id: int) -> str | None:
        """Who made the latest change to the record itself, from the audit trail."""
        reviews.model_of(record_table)
        with self.reading() as session:
            return reviews.last_changed_by(session, record_table, record_id)

    def review_history(self, record_table: str, record_id: int) -> list[HistoryEntry]:
        """The record's review steps, newest first (who moved it along, when, with what note)."""
        reviews.model_of(record_table)
        with self.reading() as session:
            return reviews.history(session, record_table, record_id)

    def review_counts(self) -> dict[ReviewState, int]:
        with self.reading() as session:
            return reviews.counts(session)

    def review_queue(
        self,
        wanted: Iterable[ReviewState | str] = (ReviewState.NEEDS_REVIEW,),
        *,
        limit: int = 500,
    ) -> list[QueueEntry]:
        """Records waiting in the given states, longest waiting first."""
        chosen = [reviews.state_of(state) for state in wanted]
        with self.reading() as session:
            return reviews.queue(session, chosen, limit=limit)

    def review_evidence(self, record_table: str, record_id: int) -> list[EvidenceView]:
        """The evidence supporting one reviewed record, with its sources."""
        from desk.store.queries import _evidence_views

        reviews.model_of(record_table)
        with self.reading() as session:
            return _evidence_views(session, _EVIDENCE_COLUMNS[record_table] == record_id)
