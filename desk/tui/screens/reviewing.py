"""Review keys: move a record along (v), dispute it with a note (V), walk the queue (R), and
filter a list by review state (f).

The steps run in workers through the store; who last changed the record comes from the audit
trail, so verifying your own last change asks first (on a team desk, a colleague verifies).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Input

from desk.model.vocabulary import ReviewState
from desk.store.review_states import FILTER_TOKENS, NEXT_STATE, STATE_LABELS, state_filter
from desk.tui.context import desk_of
from desk.tui.form_values import FormValues
from desk.tui.screens.key_gate import gated
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store import Store
    from desk.store.reviews import QueueEntry
    from desk.tui.kinds import Kind
    from desk.tui.widgets.detail import DetailPane
    from desk.tui.widgets.paged_table import PagedTable

#: Review keys of the main screen (the queue screen has its own v and V).
REVIEW_BINDINGS = [
    Binding(
        "v",
        "review_advance",
        "Review step",
        tooltip="Move the record along: draft → needs review → verified",
        show=False,
        id="main.review_advance",
    ),
    Binding(
        "V",
        "review_dispute",
        "Dispute",
        tooltip="Dispute the record, with a note saying what is wrong",
        show=False,
        id="main.review_dispute",
    ),
    Binding(
        "R",
        "review_queue",
        "Review queue",
        tooltip="Walk the records that need review, with their evidence",
        show=False,
        id="main.review_queue",
    ),
    Binding(
        "f",
        "review_filter",
        "State filter",
        tooltip="Show only records in one review state (all → needs review → verified → …)",
        show=False,
        id="main.review_filter",
    ),
]

#: The order ``f`` steps the list's state filter through (None: every state).
FILTER_CYCLE: tuple[ReviewState | None, ...] = (
    None,
    ReviewState.NEEDS_REVIEW,
    ReviewState.VERIFIED,
    ReviewState.DISPUTED,
    ReviewState.DRAFT,
)

#: Table names of the kinds of record the main lists show, for those that carry a state.
_LIST_TABLES = {"meetings": "meeting", "actors": "actor", "agenda": "agenda_item"}
#: Parts of the detail pane that carry a state of their own.
_PART_TABLES = {"participant": "meeting_actor", "agenda": "meeting_agenda"}


def describe(entry: QueueEntry) -> str:
    """'meeting “Shoigu–Kim talks”'."""
    return f"{entry.kind} “{entry.name}”"


def advance(node: DOMNode, store: Store, record_table: str, record_id: int) -> None:
    """One step along for the record; asks first before verifying one's own last change."""
    from desk.tui.screens.confirm import ConfirmScreen  # dialogs load when first opened

    app: Any = node.app

    def step(entry: QueueEntry) -> None:
        state = entry.status.state
        following = NEXT_STATE[state]
        if following is state:
            by = f" by {entry.status.set_by}" if entry.status.set_by else ""
            app.notify(f"{describe(entry)} is already verified{by}; V disputes it.", timeout=5)
            return
        if following is ReviewState.VERIFIED and entry.last_changed_by == store.author:
            question = f"You made the last change to {describe(entry)} yourself. Verify it anyway?"
            why = "On a team desk a colleague verifies what you changed (R lists the queue)."

            def answered(yes: bool | None) -> None:
                if yes:
                    _save(node, store, entry, following)

            app.push_screen(ConfirmScreen(question, [why], yes="Verify", danger=False), answered)
            return
        _save(node, store, entry, following)

    in_thread(node, lambda: store.review_target(record_table, record_id), step, app.show_error)


def _save(node: DOMNode, store: Store, entry: QueueEntry, state: ReviewState) -> None:
    app: Any = node.app
    status = entry.status
    in_thread(
        node,
        lambda: store.set_review(
            status.record_table, status.record_id, state, expected=status.state
        ),
        lambda _: app.notify(f"{describe(entry)}: {STATE_LABELS[state]}.", timeout=4),
        app.show_error,
        group="write",
    )


def dispute(node: DOMNode, store: Store, record_table: str, record_id: int) -> None:
    """Ask what is wrong (a note is required), then mark the record disputed."""
    from desk.tui.screens.form import Field, FormScreen  # dialogs load when first opened

    app: Any = node.app

    def ask(entry: QueueEntry) -> None:
        status = entry.status

        def save(values: FormValues, _version: int | None) -> int:
            note = values.required("note")
            return store.set_review(
                record_table, record_id, ReviewState.DISPUTED, note, expected=status.state
            )

        def saved(result: int | None) -> None:
            if result is not None:
                app.notify(f"{describe(entry)}: disputed.", timeout=4)

        note = Field(
            "note",
            "What is wrong",
            kind="multiline",
            required=True,
            help="Required: the next reviewer reads it beside the evidence.",
        )
        app.push_screen(
            FormScreen(f"Dispute {describe(entry)}", [note], save, values={"note": status.note}),
            saved,
        )

    in_thread(node, lambda: store.review_target(record_table, record_id), ask, app.show_error)


class ReviewActions:
    """Mixed into MainScreen; relies on its ``kind``, ``table``, ``detail`` and ``app``."""

    app: Any
    kind: Kind
    table: PagedTable
    detail: DetailPane
    focused: Any

    def _review_subject(self) -> tuple[str, int] | None:
        """The highlighted link in the detail pane (when focused), else the list's record."""
        if self.focused is self.detail and self.detail.highlighted is not None:
            option = self.detail.get_option_at_index(self.detail.highlighted)
            kind, _, number = (option.id or "").partition(":")
            if kind in _PART_TABLES and number.isdigit():
                return _PART_TABLES[kind], int(number)
        row = self.table.current
        if row is None:
            return None
        if self.kind.name not in _LIST_TABLES:
            self.app.notify(
                "Sources carry no review state: the records and links they support do.",
                timeout=5,
            )
            return None
        return _LIST_TABLES[self.kind.name], row.id

    @gated
    def action_review_advance(self) -> None:
        subject = self._review_subject()
        if subject is not None:
            advance(self.detail, desk_of(self.detail).store, *subject)

    @gated
    def action_review_dispute(self) -> None:
        subject = self._review_subject()
        if subject is not None:
            dispute(self.detail, desk_of(self.detail).store, *subject)

    @gated
    def action_review_queue(self) -> None:
        from desk.tui.screens.review_queue import ReviewQueueScreen

        self.app.push_screen(ReviewQueueScreen(desk_of(self.detail).store), self._jump_back)  # type: ignore[attr-defined]

    def action_review_filter(self) -> None:
        """Step the list's filter through the review states, keeping any words typed."""
        filter_input = self.query_one("#filter", Input)  # type: ignore[attr-defined]
        state, words = state_filter(filter_input.value)
        following = FILTER_CYCLE[(FILTER_CYCLE.index(state) + 1) % len(FILTER_CYCLE)]
        parts = [words or "", FILTER_TOKENS[following] if following is not None else ""]
        filter_input.value = " ".join(part for part in parts if part)
        filter_input.set_class(bool(filter_input.value), "active")
        shown = STATE_LABELS[following] if following is not None else "every state"
        self.app.notify(f"{self.kind.label}: {shown}.", timeout=3)
