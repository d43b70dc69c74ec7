"""The main screen: four lists (meetings, actors, agenda items, sources), a filter, a detail pane
and a status line that counts what is unsourced."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Header, Input, Static, Tab, Tabs

from desk.model.vocabulary import ReviewState
from desk.store.quick import first_meetings
from desk.store.views import MeetingRow, Page, Stats
from desk.tui.context import desk_of
from desk.tui.kinds import KIND_BY_NAME, KINDS, Kind, kind_of
from desk.tui.presentation import plural
from desk.tui.safe import plain
from desk.tui.screens.actions import RecordActions
from desk.tui.screens.key_gate import KeyGate, gated
from desk.tui.screens.reviewing import REVIEW_BINDINGS, ReviewActions
from desk.tui.widgets.detail import DetailPane, load_detail
from desk.tui.widgets.paged_table import PagedTable
from desk.tui.widgets.review_marks import ReviewMarks, load_review_marks
from desk.tui.work import in_thread

#: Seconds the cursor must rest on a row before its details are fetched...
DETAIL_DELAY = 0.06
#: ...and how long typing in the filter must pause.
TYPING_PAUSE = 0.3
#: Rows in each page a list fetches (a window holds three).
PAGE_SIZE = 100
#: Keys that do not act on a record, so never wait for a list to land (see key_gate).
UNGATED = frozenset({"filter", "clear_filter", "reload", "review_filter"})


def read_ahead(path: Path) -> Future[Page[MeetingRow]]:
    """Start reading the newest meetings from the desk file, on a thread of its own.

    The app starts this before it runs, so the page is there when the screen mounts (the read
    takes milliseconds; Textual takes a few tenths of a second to reach the mount).
    """
    reading = ThreadPoolExecutor(1, thread_name_prefix="desk-first-page")
    try:
        return reading.submit(first_meetings, path, PAGE_SIZE)
    finally:
        reading.shutdown(wait=False)


class MainScreen(ReviewActions, RecordActions, Screen[None]):
    """Lists, filter, details and status."""

    #: The meetings list has the focus when the screen opens (not the hidden filter box).
    AUTO_FOCUS = "#table-meetings"

    #: In the order of importance: the footer shows the first ones that fit (at 80 columns,
    #: up to Quit); help (?) and the palette list them all, with what they do in words.
    BINDINGS = [
        Binding(
            "l", "cite", "Cite", tooltip="Cite a passage of a source for the record", id="main.cite"
        ),
        Binding("n", "new", "New", tooltip="Add a record to this list", id="main.new"),
        Binding("e", "edit", "Edit", tooltip="Edit the highlighted record", id="main.edit"),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            tooltip="Delete the highlighted record (asks first)",
            id="main.delete",
        ),
        Binding(
            "slash",
            "filter",
            "Filter",
            tooltip="Filter the list by name, alias or title",
            id="main.filter",
        ),
        Binding(
            "question_mark",
            "app.help",
            "Help",
            tooltip="Every key and what it does",
            id="main.help",
        ),
        Binding(
            "q", "app.quit", "Quit", tooltip="Quit desk (asks about unsaved work)", id="main.quit"
        ),
        Binding(
            "p",
            "add_participant",
            "Participant",
            tooltip="Add a participant to the meeting",
            id="main.add_participant",
        ),
        Binding(
            "t",
            "add_topic",
            "Agenda item",
            tooltip="Add an agenda item to the meeting",
            id="main.add_topic",
        ),
        Binding(
            "o",
            "dossier",
            "Dossier",
            tooltip="Open the dossier of an actor or agenda item",
            id="main.dossier",
        ),
        Binding(
            "s",
            "suggest",
            "Suggestions",
            tooltip="What desk reads in the source, to accept or reject",
            id="main.suggest",
        ),
        Binding(
            "1",
            "show('meetings')",
            "Meetings",
            tooltip="Show the meetings list",
            show=False,
            id="main.meetings",
        ),
        Binding(
            "2",
            "show('actors')",
            "Actors",
            tooltip="Show the actors list",
            show=False,
            id="main.actors",
        ),
        Binding(
            "3",
            "show('agenda')",
            "Agenda items",
            tooltip="Show the agenda items list",
            show=False,
            id="main.agenda",
        ),
        Binding(
            "4",
            "show('sources')",
            "Sources",
            tooltip="Show the sources list",
            show=False,
            id="main.sources",
        ),
        Binding(
            "escape",
            "clear_filter",
            "Clear filter",
            tooltip="Clear the filter and go back to the list",
            show=False,
            id="main.clear_filter",
        ),
        Binding(
            "m",
            "merge",
            "Merge",
            tooltip="Merge a duplicate actor into this one",
            show=False,
            id="main.merge",
        ),
        Binding(
            "a",
            "add_alias",
            "Alias",
            tooltip="Add another name for the actor",
            show=False,
            id="main.add_alias",
        ),
        Binding(
            "u",
            "unsourced",
            "Unsourced",
            tooltip="List what no passage supports yet",
            show=False,
            id="main.unsourced",
        ),
        Binding(
            "D",
            "duplicates",
            "Duplicates",
            tooltip="List actors that may be duplicates, to merge or tell apart",
            show=False,
            id="main.duplicates",
        ),
        Binding(
            "r",
            "reload",
            "Reload",
            tooltip="Read the lists again from the desk",
            show=False,
            id="main.reload",
        ),
        Binding(
            "h",
            "history",
            "History",
            tooltip="Who changed the record, and when",
            show=False,
            id="main.history",
        ),
        Binding(
            "E",
            "export",
            "Export",
            tooltip="Export the desk to CSV files",
            show=False,
            id="main.export",
        ),
        Binding(
            "I", "import", "Import", tooltip="Import a desk package", show=False, id="main.import"
        ),
        Binding(
            "x",
            "remove_part",
            "Remove",
            tooltip="Remove the highlighted link or citation",
            show=False,
            id="main.remove_part",
        ),
        Binding(
            "T",
            "timeline",
            "Timeline",
            tooltip="The meetings of the whole desk on a timeline",
            show=False,
            id="main.timeline",
        ),
        Binding(
            "N",
            "network",
            "Network",
            tooltip="Who met whom: the actor network, ranked and drawn",
            show=False,
            id="main.network",
        ),
        *REVIEW_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.kind: Kind = KINDS[0]
        self._detail_timer: Timer | None = None
        #: Details wait for a pause in moving or typing; tests wait for them to land.
        self.detail_scheduled = False
        self.key_gate = KeyGate(
            self.settled,
            lambda: self.is_attached and self.app.screen is self,
            lambda message: self.app.notify(message, timeout=4),
        )
        #: Lists to load once the first one is in (see ``start``).
        self._waiting_lists: list[Kind] = []
        #: What ``check_action`` depended on when the footer last asked (see ``refresh_bindings``).
        self._bindings_for: tuple[object, ...] | None = None

    def settled(self) -> bool:
        """The desk is open and the list on screen shows what a key should act on: its load
        has landed, and so has what was typed in the filter box (Input.Changed is a message)."""
        typed = self.query_one("#filter", Input).value or None
        return desk_of(self).store_ready and self.table.settled and typed == self.table.typed

    def compose(self) -> ComposeResult:
        yield Header()
        tabs = Tabs(
            *(Tab(f"{number} {kind.label}", id=kind.name) for number, kind in enumerate(KINDS, 1)),
            id="kinds",
        )
        tabs.can_focus = False  # 1-4 switch lists; focus stays in the list
        yield tabs
        yield Input(placeholder="Filter by name, alias or title… (Esc clears)", id="filter")
        with Horizontal(id="body"):
            with ContentSwitcher(initial="table-meetings", id="tables"):
                for kind in KINDS:
                    yield PagedTable(
                        kind.table,
                        kind.columns,
                        kind.render,
                        page_size=PAGE_SIZE,
                        id=f"table-{kind.name}",
                    )
            yield DetailPane(id="detail")
        yield Static("", id="status-line")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = plain(desk_of(self).note or desk_of(self).location.describe())
        self.query_one("#detail", DetailPane).show_nothing("Loading…")
        if desk_of(self).store_ready:
            self.start()
        elif desk_of(self).location.path is not None:
            # Show the newest meetings straight from the file while the store opens: in the
            # first frame when the app read them ahead (see ``read_ahead``).
            path = desk_of(self).location.path
            ahead = desk_of(self).first_page or read_ahead(path)
            if ahead.done() and ahead.exception() is None:
                self._quick_page(ahead.result())
                self._first_page_shown()
            else:  # whatever the outcome: a refused file is reported by the opening
                in_thread(self, ahead.result, self._quick_page, after=self._first_page_shown)

    def _first_page_shown(self) -> None:
        """Let the desk open once the first page is painted (see DeskApp.first_page_shown)."""
        self.call_after_refresh(desk_of(self).first_page_shown)

    def _quick_page(self, page: Page[Any]) -> None:
        if not desk_of(self).store_ready:
            self.table_for(KINDS[0]).show_page(page)

    def start(self) -> None:
        """Load the lists, the details and the counts (once the store is open).

        The list on screen loads first and alone: keys wait for it, and the other lists and the
        counts would share the interpreter with it. They load once it is in (or when shown).
        """
        self._waiting_lists = [kind for kind in KINDS if kind is not self.kind]
        self._load_list(self.kind)
        self.refresh_bindings()

    def _load_list(self, kind: Kind) -> None:
        """Load ``kind``'s list from the store, keeping the row the cursor is on; at the top of
        the page read ahead it stays at the top (one query instead of the three around a row)."""
        table = self.table_for(kind)
        current = table.current
        table.load(keep=current.id if current is not None and table.cursor_row != 0 else None)

    def _load_waiting_lists(self) -> None:
        waiting, self._waiting_lists = self._waiting_lists, []
        for kind in waiting:
            self._load_list(kind)
        self.refresh_stats()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 120, "narrow")

    # -- the current list ----------------------------------------------------------------------
    def table_for(self, kind: Kind) -> PagedTable:
        return self.query_one(f"#table-{kind.name}", PagedTable)

    @property
    def table(self) -> PagedTable:
        return self.table_for(self.kind)

    @property
    def detail(self) -> DetailPane:
        return self.query_one("#detail", DetailPane)

    @gated
    def action_show(self, name: str) -> None:
        self._switch_to(KIND_BY_NAME[name])

    @on(Tabs.TabActivated, "#kinds")
    def _switch(self, event: Tabs.TabActivated) -> None:
        """A tab clicked with the mouse (keys switch at once, in ``_switch_to``)."""
        self._switch_to(KIND_BY_NAME[event.tab.id or "meetings"])

    def _switch_to(self, kind: Kind) -> None:
        """Show ``kind``'s list now, so the next key already acts on it."""
        if kind is self.kind and self.query_one("#tables", ContentSwitcher).current == (
            f"table-{kind.name}"
        ):
            return
        self.kind = kind
        if kind in self._waiting_lists:  # shown before the first list came in
            self._waiting_lists.remove(kind)
            self._load_list(kind)
        tabs = self.query_one("#kinds", Tabs)
        if tabs.active != kind.name:
            tabs.active = kind.name
        self.query_one("#tables", ContentSwitcher).current = f"table-{kind.name}"
        filter_input = self.query_one("#filter", Input)
        with filter_input.prevent(Input.Changed):
            filter_input.value = self.table.typed or ""
        filter_input.set_class(bool(filter_input.value), "active")
        self.set_focus(self.table)  # at once: Widget.focus() would wait for the next idle
        self._schedule_detail()
        self.refresh_bindings()

    def show_record(self, model: type, record_id: int) -> None:
        """Switch to a record's list and put the cursor on it."""
        kind = kind_of(model)
        self._switch_to(kind)
        self.table_for(kind).jump_to(record_id)
        self.set_focus(self.table_for(kind))

    # -- filter ---------------------------------------------------------------------------------
    def action_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        filter_input.add_class("active")
        filter_input.focus()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
        filter_input.remove_class("active")
        self.set_focus(self.table)

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.table.filter_by(event.value)
        self.key_gate.drain()  # (an edit that restored the table's filter changes nothing)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.set_focus(self.table)

    # -- details ---------------------------------------------------------------------------------
    @on(PagedTable.Highlighted)
    def _row_highlighted(self, event: PagedTable.Highlighted) -> None:
        if event.table is self.table:
            self._schedule_detail()

    @on(PagedTable.Loaded)
    def _list_loaded(self, event: PagedTable.Loaded) -> None:
        if self._waiting_lists and desk_of(self).store_ready:
            self._load_waiting_lists()
        if event.table is self.table:
            # Edit, delete and cite apply once there is a row. The footer rebuilds itself on
            # every refresh: while a filter is typed, most loads change nothing it shows.
            if self._bindings_state() != self._bindings_for:
                self.refresh_bindings()
            self.key_gate.drain()  # keys typed while it loaded act on it now

    def refresh_bindings(self) -> None:
        self._bindings_for = self._bindings_state() if self.is_mounted else None
        super().refresh_bindings()

    def _bindings_state(self) -> tuple[object, ...]:
        """Everything ``check_action`` reads (the footer is current while this is unchanged)."""
        return (
            self.key_gate.ready(),
            desk_of(self).store_ready,
            self.kind.name,
            self.table.current is not None,
            self.focused is self.query_one("#detail"),
        )

    def _schedule_detail(self) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()
        # While the user types a filter, the next keystroke usually replaces the rows: wait for
        # a pause in typing before fetching details, so they do not slow the next filter.
        typing = self.focused is self.query_one("#filter", Input)
        delay = TYPING_PAUSE if typing else DETAIL_DELAY
        self._detail_timer = self.set_timer(delay, self.load_detail)
        self.detail_scheduled = True

    def load_detail(self) -> None:
        self.detail_scheduled = False
        if not desk_of(self).store_ready:
            return
        row = self.table.current
        if row is None:
            message = (
                "No match."
                if self.table.typed
                else f"No {self.kind.label.lower()} yet (n adds one)."
            )
            self.detail.show_nothing(message)
            return
        model, record_id, store = self.kind.model, row.id, desk_of(self).store

        def load() -> tuple[Any, ReviewMarks]:
            detail = load_detail(store, model, record_id)
            return detail, load_review_marks(store, model, record_id, detail)

        in_thread(
            self,
            load,
            lambda loaded: self._show_detail(model, record_id, *loaded),
            group="detail",
            exclusive=True,
        )

    def _show_detail(
        self, model: type, record_id: int, detail: Any, marks: ReviewMarks | None = None
    ) -> None:
        current = self.table.current
        if current is not None and current.id == record_id and model is self.kind.model:
            self.detail.show(model, record_id, detail, marks)

    # -- status ---------------------------------------------------------------------------------
    def refresh_stats(self) -> None:
        store = desk_of(self).store
        in_thread(
            self,
            lambda: (store.stats(), store.review_counts()),
            lambda both: self._show_stats(*both),
            group="stats",
            exclusive=True,
        )

    def _show_stats(self, stats: Stats, review: dict[ReviewState, int] | None = None) -> None:
        counts = stats.counts
        line = Text()
        kinds = (
            ("meetings", "meeting"),
            ("actors", "actor"),
            ("agenda_items", "agenda item"),
            ("sources", "source"),
            ("evidence", "citation"),
        )
        narrow = self.size.width < 100
        if narrow:  # keep the unsourced count on screen at 80 columns
            kinds = (("meetings", "meeting"), ("actors", "actor"), ("sources", "source"))
        line.append(" · ".join(plural(counts[name], singular) for name, singular in kinds) + " · ")
        unsourced = stats.unsourced_total
        line.append(f"{unsourced:,} unsourced", style="bold red" if unsourced else "green")
        if unsourced:
            line.append(" (u lists them)", style="dim")
        waiting = (review or {}).get(ReviewState.NEEDS_REVIEW, 0)
        if waiting:  # (a desk nobody reviews shows nothing more)
            line.append(" · ")
            verb = "needs" if waiting == 1 else "need"
            line.append(f"{waiting:,} {verb} review", style="bold yellow")
            line.append(" (R)", style="dim")
        self.query_one("#status-line", Static).update(line)

    def action_reload(self) -> None:
        self.refresh_after_change()

    def refresh_after_change(self) -> None:
        """Show the desk as it is now, keeping each list's place."""
        for kind in KINDS:
            self.table_for(kind).reload()
        self.refresh_stats()
        self._schedule_detail()

    # -- which keys apply -----------------------------------------------------------------------
    @gated
    def action_suggest(self) -> None:
        """What desk reads in the highlighted source, to accept, edit or reject."""
        from desk.tui.screens.suggestions import open_suggestions

        if self.table.current is not None:
            open_suggestions(self.app, self.table.current.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in UNGATED and not self.key_gate.ready():
            return True  # held until the list on screen has landed, then checked again
        if action in ("add_participant", "add_topic"):
            return self.kind.name == "meetings"
        if action in ("merge", "add_alias"):
            return self.kind.name == "actors"
        if action == "suggest":
            return self.kind.name == "sources" and (self.table.current is not None or None)
        if not desk_of(self).store_ready and action not in ("show", "filter", "clear_filter"):
            return None  # shown, but waits for the desk to open
        if action == "remove_part":
            return self.focused is self.detail
        if action in ("edit", "delete", "cite", "history", "review_advance", "review_dispute"):
            return self.table.current is not None or None
        return True
