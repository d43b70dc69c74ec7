"""The desk app. This first screen lists the meetings of the opened desk as a timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static
from textual.worker import Worker, WorkerState

if TYPE_CHECKING:
    from desk.store import Cursor, MeetingRow, Page, Stats, Store

#: Rows fetched per page; more are fetched as the cursor nears the end.
PAGE_SIZE = 100


@dataclass
class MeetingsLoaded(Message):
    page: Page[MeetingRow]
    first: bool


@dataclass
class StatsLoaded(Message):
    stats: Stats


class DeskApp(App[None]):
    """Keyboard-first curation desk."""

    TITLE = "desk"
    CSS_PATH = "desk.tcss"
    BINDINGS = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("r", "reload", "Reload", id="reload"),
        Binding("j", "cursor_down", "Down", show=False, id="cursor_down"),
        Binding("k", "cursor_up", "Up", show=False, id="cursor_up"),
    ]

    def __init__(self, store: Store, note: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.note = note
        self._next: Cursor | None = None
        self._loading_more = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        yield Static("", id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.note or self.store.location.describe()
        table = self.query_one("#meetings", DataTable)
        table.add_column("Date", key="date", width=14)
        table.add_column("Status", key="status", width=10)
        table.add_column("Meeting", key="title")
        table.add_column("Place", key="place")
        table.add_column("Src", key="sourced", width=3)
        table.loading = True
        self.load_meetings(None)
        self.load_stats()

    @work(thread=True, exclusive=True, group="meetings", exit_on_error=False)
    def load_meetings(self, after: Cursor | None) -> None:
        from desk.model import Meeting

        page = self.store.page(Meeting, after=after, limit=PAGE_SIZE)
        self.post_message(MeetingsLoaded(page, first=after is None))

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def load_stats(self) -> None:
        self.post_message(StatsLoaded(self.store.stats()))

    @on(MeetingsLoaded)
    def show_meetings(self, message: MeetingsLoaded) -> None:
        table = self.query_one("#meetings", DataTable)
        if message.first:
            table.clear()
        for row in message.page.rows:
            table.add_row(
                row.date.display() if row.date else "undated",
                row.status,
                row.title,
                row.place or "",
                "✓" if row.evidence_count else "·",
                key=str(row.id),
            )
        self._next = message.page.next
        self._loading_more = False
        table.loading = False

    @on(StatsLoaded)
    def show_stats(self, message: StatsLoaded) -> None:
        counts = message.stats.counts
        self.query_one("#status-line", Static).update(
            f"{counts['meetings']} meetings · {counts['actors']} actors · "
            f"{counts['agenda_items']} agenda items · {counts['sources']} sources · "
            f"{message.stats.unsourced_total} unsourced"
        )

    @on(DataTable.RowHighlighted)
    def maybe_load_more(self, event: DataTable.RowHighlighted) -> None:
        table = event.data_table
        if (
            self._next is not None
            and not self._loading_more
            and event.cursor_row >= table.row_count - 10
        ):
            self._loading_more = True
            self.load_meetings(self._next)

    @on(Worker.StateChanged)
    def report_failure(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            self.query_one("#meetings", DataTable).loading = False
            self.notify(str(event.worker.error), title="desk", severity="error", timeout=10)

    def action_reload(self) -> None:
        self.load_meetings(None)
        self.load_stats()

    def action_cursor_down(self) -> None:
        self.query_one("#meetings", DataTable).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#meetings", DataTable).action_cursor_up()
