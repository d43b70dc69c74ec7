"""Read models for looking at the desk as a whole: timelines, the actor network, statements.

A mixin of the Store: each operation is one read transaction through ``Store.reading``.
"""

from __future__ import annotations

import datetime as dt
from contextlib import AbstractContextManager
from typing import Protocol

from sqlalchemy.orm import Session

from desk.store import network, statements, timeline


class _Reads(Protocol):
    def reading(self) -> AbstractContextManager[Session]: ...


class Overviews:
    """Timelines, the actor network and the statements behind meetings."""

    def timeline(
        self: _Reads,
        *,
        actor_id: int | None = None,
        agenda_item_id: int | None = None,
        start: dt.date | None = None,
        end: dt.date | None = None,
        limit: int = timeline.TIMELINE_LIMIT,
    ) -> timeline.Timeline:
        """Meetings overlapping ``start``..``end`` for the desk, an actor or an agenda item."""
        with self.reading() as session:
            return timeline.meeting_timeline(
                session,
                actor_id=actor_id,
                agenda_item_id=agenda_item_id,
                start=start,
                end=end,
                limit=limit,
            )

    def actor_network(
        self: _Reads,
        *,
        start: dt.date | None = None,
        end: dt.date | None = None,
        agenda_item_id: int | None = None,
        limit: int = network.NETWORK_ACTOR_LIMIT,
    ) -> network.Network:
        """Who met whom in the period, on the agenda item, weighted by shared meetings."""
        with self.reading() as session:
            return network.actor_network(
                session, start=start, end=end, agenda_item_id=agenda_item_id, limit=limit
            )

    def statements(
        self: _Reads,
        meeting_ids: list[int],
        *,
        actor_id: int | None = None,
        agenda_item_id: int | None = None,
    ) -> list[statements.Statement]:
        """Every quoted passage behind the meetings (and the subject), with source and grades."""
        with self.reading() as session:
            return statements.statements(
                session, meeting_ids, actor_id=actor_id, agenda_item_id=agenda_item_id
            )


__all__ = ["Overviews"]
