"""The review queue: records waiting for a second look, longest waiting first, each with the
evidence that supports it beside it. v verifies (or moves along), V disputes, Enter goes to it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from desk import model as schema
from desk.store.review_states import STATE_LABELS
from desk.tui.results import RecordRef
from desk.tui.safe import line, plain
from desk.tui.screens.reviewing import advance, dispute
from desk.tui.widgets.detail import evidence_option
from desk.tui.widgets.review_marks import STYLES
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store import EvidenceView, QueueEntry, Store

#: The main lists' table classes (in desk.model) by the table of a queued record.
_RECORD_MODELS = {"meeting": "Meeting", "actor": "Actor", "agenda_item": "AgendaItem"}
#: Links open at their meeting.
_LINK_MODELS = {"meeting_actor": "MeetingActor", "meeting_agenda": "MeetingAgenda"}


class ReviewQueueScreen(Screen[RecordRef | None]):
    """Walks what needs review; dismisses with the record to show in the main lists."""

    CSS_PATH = "review_queue.tcss"
    AUTO_FOCUS = "#review-queue-list"

    BINDINGS = [
        Binding("escape", "back", "Back", id="review_queue.back"),
        Binding("v", "advance", "Verify", tooltip="Verify the record", id="review_queue.verify"),
        Binding(
            "V",
            "dispute",
            "Dispute",
            tooltip="Dispute the record, with a note saying what is wrong",
            id="review_queue.dispute",
        ),
        Binding("enter", "open", "Go to it", id="review_queue.open"),
        Binding("j", "cursor_down", "Down", show=False, id="review_queue.down"),
        Binding("k", "cursor_up", "Up", show=False, id="review_queue.up"),
    ]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.entries: list[QueueEntry] = []
        #: Set once the first load has landed (tests wait for it).
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="review-queue-summary")
        with Horizontal(id="review-queue-body"):
            yield OptionList(id="review-queue-list")
            with Vertical(id="review-queue-side"):
                yield Static("", id="review-queue-about")
                yield OptionList(id="review-queue-evidence")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Review queue"
        self.refresh_after_change()

    @property
    def queue_list(self) -> OptionList:
        return self.query_one("#review-queue-list", OptionList)

    @property
    def current(self) -> QueueEntry | None:
        index = self.queue_list.highlighted
        if index is None or not self.entries or index >= len(self.entries):
            return None
        return self.entries[index]

    def refresh_after_change(self) -> None:
        """Read the queue again, keeping the place (a verified record leaves the queue)."""
        store = self.store
        in_thread(self, store.review_queue, self._show, group="queue", exclusive=True)

    def _show(self, entries: list[QueueEntry]) -> None:
        kept = self.queue_list.highlighted or 0
        self.entries = entries
        self.loaded = True
        summary = self.query_one("#review-queue-summary", Static)
        if not entries:
            self.queue_list.set_options(
                [Option(Text("Nothing needs review.", style="green"), disabled=True)]
            )
            summary.update(Text("Nothing needs review: v on a record in the lists asks for it."))
            self._show_side(None, [])
            return
        summary.update(
            Text.assemble(
                (f"{len(entries):,} {'needs' if len(entries) == 1 else 'need'} review", "bold"),
                ", oldest first · v verifies · V disputes · Enter opens",
            )
        )
        self.queue_list.set_options(_option(entry) for entry in entries)
        self.queue_list.highlighted = min(kept, len(entries) - 1)

    @on(OptionList.OptionHighlighted, "#review-queue-list")
    def _highlighted(self) -> None:
        entry = self.current
        if entry is None:
            return
        status, store = entry.status, self.store
        in_thread(
            self,
            lambda: store.review_evidence(status.record_table, status.record_id),
            lambda views: self._show_side(entry, views),
            group="queue-evidence",
            exclusive=True,
        )

    def _show_side(self, entry: QueueEntry | None, views: list[EvidenceView]) -> None:
        about = self.query_one("#review-queue-about", Static)
        evidence = self.query_one("#review-queue-evidence", OptionList)
        if entry is None:
            about.update("")
            evidence.clear_options()
            return
        about.update(_about(entry))
        if not views:
            evidence.set_options(
                [Option(Text("No evidence: nothing supports it yet.", style="red"), disabled=True)]
            )
            return
        evidence.set_options(evidence_option(view) for view in views)

    # -- keys -------------------------------------------------------------------------------------
    def action_cursor_down(self) -> None:
        self.queue_list.action_cursor_down()

    def action_cursor_up(self) -> None:
        self.queue_list.action_cursor_up()

    def action_advance(self) -> None:
        entry = self.current
        if entry is not None:
            advance(self, self.store, entry.status.record_table, entry.status.record_id)

    def action_dispute(self) -> None:
        entry = self.current
        if entry is not None:
            dispute(self, self.store, entry.status.record_table, entry.status.record_id)

    @on(OptionList.OptionSelected, "#review-queue-list")
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        entry = self.current
        if entry is None:
            return
        table, record_id = entry.status.record_table, entry.status.record_id
        if table in _RECORD_MODELS:
            self.dismiss(RecordRef(getattr(schema, _RECORD_MODELS[table]), record_id))
            return
        link_model: Any = getattr(schema, _LINK_MODELS[table])
        store = self.store
        in_thread(
            self,
            lambda: store.get(link_model, record_id).meeting_id,
            lambda meeting_id: self.dismiss(RecordRef(schema.Meeting, meeting_id)),
        )

    def action_back(self) -> None:
        self.dismiss(None)


def _option(entry: QueueEntry) -> Option:
    """The record's name, then its kind, state and how long it has waited."""
    status = entry.status
    since = f" since {status.set_at:%Y-%m-%d %H:%M}" if status.set_at else ""
    text = Text.assemble((plain(entry.name), "bold"), "\n  ")
    text.append(f"{entry.kind} · ", style="dim")
    text.append(STATE_LABELS[status.state], style=STYLES[status.state])
    text.append(since, style="dim")
    return Option(text)


def _about(entry: QueueEntry) -> Text:
    """The record, its state, who set it and when, and who last changed it."""
    status = entry.status
    about = Text()
    about.append(plain(entry.name), style="bold")
    about.append(f"  {entry.kind}\n", style="dim")
    about.append(STATE_LABELS[status.state], style=STYLES[status.state])
    if status.set_by:
        when = f" {status.set_at:%Y-%m-%d %H:%M} UTC" if status.set_at else ""
        about.append(f", set by {plain(status.set_by)}{when}")
    if status.note:
        about.append("\n")
        about.append_text(line(f"note: {status.note}", style="italic"))
    if entry.last_changed_by:
        about.append(f"\nlast changed by {plain(entry.last_changed_by)}", style="dim")
    return about
