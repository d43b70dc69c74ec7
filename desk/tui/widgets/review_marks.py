"""Review states as the detail pane shows them: a line under the record's title, and a mark on
each participant and agenda link. Drafts show nothing, so a desk nobody reviews looks as before."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.text import Text

from desk.model.vocabulary import ReviewState
from desk.store.review_states import STATE_LABELS
from desk.store.views import MeetingDetail
from desk.tui.safe import plain

if TYPE_CHECKING:
    from desk.model import Record
    from desk.store import ReviewStatus, Store

#: How each state is drawn.
STYLES = {
    ReviewState.DRAFT: "dim",
    ReviewState.NEEDS_REVIEW: "bold yellow",
    ReviewState.VERIFIED: "bold green",
    ReviewState.DISPUTED: "bold red",
}
SYMBOLS = {
    ReviewState.DRAFT: "·",
    ReviewState.NEEDS_REVIEW: "?",
    ReviewState.VERIFIED: "✓",
    ReviewState.DISPUTED: "✗",
}

#: The tables of the main lists' records that carry a state.
_TABLES = {"Meeting": "meeting", "Actor": "actor", "AgendaItem": "agenda_item"}


@dataclass(frozen=True)
class ReviewMarks:
    """A record's review status, and the states of its links (for a meeting)."""

    record: ReviewStatus | None = None
    #: ("participant" | "agenda", link id) -> state.
    links: dict[tuple[str, int], ReviewState] = field(default_factory=dict)


def load_review_marks(
    store: Store, model: type[Record], record_id: int, detail: object
) -> ReviewMarks:
    """What the detail pane marks, for the ``detail`` just loaded (runs in its worker)."""
    table = _TABLES.get(model.__name__)
    if table is None:
        return ReviewMarks()
    record = store.review_status(table, record_id)
    links: dict[tuple[str, int], ReviewState] = {}
    if isinstance(detail, MeetingDetail):
        participants = [p.link.id for p in detail.participants if p.link.id is not None]
        agenda = [m.link.id for m in detail.agenda if m.link.id is not None]
        for kind, link_table, ids in (
            ("participant", "meeting_actor", participants),
            ("agenda", "meeting_agenda", agenda),
        ):
            for link_id, state in store.review_states(link_table, ids).items():
                links[(kind, link_id)] = state
    return ReviewMarks(record, links)


def review_line(status: ReviewStatus | None) -> Text | None:
    """'✓ verified by colleague, 2026-12-07 14:03 UTC' (None for a draft)."""
    if status is None or status.state is ReviewState.DRAFT:
        return None
    text = Text(f"{SYMBOLS[status.state]} {STATE_LABELS[status.state]}", style=STYLES[status.state])
    if status.set_by:
        when = f", {status.set_at:%Y-%m-%d %H:%M} UTC" if status.set_at else ""
        text.append(f" by {plain(status.set_by)}{when}", style="dim")
    if status.note:
        text.append(f" — {plain(status.note)}", style="italic")
    return text


def link_mark(state: ReviewState | None) -> Text:
    """A short mark after a link ('  ✓ verified'); nothing for a draft."""
    if state is None or state is ReviewState.DRAFT:
        return Text("")
    return Text(f"  {SYMBOLS[state]} {STATE_LABELS[state]}", style=STYLES[state])
