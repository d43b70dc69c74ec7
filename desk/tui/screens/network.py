"""The network screen: who met whom, as a ranked list beside a drawn graph, by period and topic."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from desk import model as schema
from desk.dates import DateError, parse
from desk.errors import DeskError
from desk.tui.context import desk_of
from desk.tui.presentation import plural
from desk.tui.results import RecordRef
from desk.tui.safe import cells as safe_cells
from desk.tui.safe import line, plain
from desk.tui.widgets.network_graph import NetworkGraph
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store.network import Network

#: Below this width the graph goes under the ranked list instead of beside it.
NARROW = 120


class FilterRefused(DeskError):
    """A filter the user typed that names no date or no agenda item."""


def _agenda_match(typed: str, titles: list[tuple[int, str, Any]]) -> int:
    """The agenda item a typed title names: exact (any case) first, else the only partial match."""
    wanted = typed.casefold().strip()
    exact = [item_id for item_id, title, *_ in titles if title.casefold() == wanted]
    if exact:
        return exact[0]
    partial = [(item_id, title) for item_id, title, *_ in titles if wanted in title.casefold()]
    if len(partial) == 1:
        return partial[0][0]
    if not partial:
        raise FilterRefused(f"no agenda item is called “{plain(typed)}”")
    names = ", ".join(f"“{plain(title)}”" for _, title in partial[:3])
    raise FilterRefused(f"“{plain(typed)}” matches {len(partial)} agenda items: {names}…")


def _day(typed: str, which: str) -> dt.date | None:
    if not typed.strip():
        return None
    try:
        date = parse(typed, dt.date.today())
    except DateError as error:
        raise FilterRefused(f"{which}: {error}") from error
    day = date.earliest if which == "from" else date.latest
    if day is None:
        raise FilterRefused(
            f"{which}: “{plain(typed)}” has no {'first' if which == 'from' else 'last'} day"
        )
    return day


class NetworkScreen(Screen[RecordRef | None]):
    """Enter goes to the highlighted actor; f edits the filters; Escape goes back."""

    CSS_PATH = "views.tcss"
    AUTO_FOCUS = "#network-ranking"
    BINDINGS = [
        Binding("escape", "back", "Back", id="network.back"),
        Binding(
            "f",
            "filters",
            "Filter",
            tooltip="Narrow to a period or an agenda item",
            id="network.filters",
        ),
        Binding("enter", "open", "Go to actor", show=False, id="network.open"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.network: Network | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="network-summary")
        with Horizontal(id="network-filters"):
            yield Input(placeholder="from (2024, March 2025…)", id="network-from")
            yield Input(placeholder="to", id="network-to")
            yield Input(placeholder="agenda item", id="network-agenda")
        with Horizontal(id="network-body"):
            yield DataTable(id="network-ranking", cursor_type="row", zebra_stripes=True)
            yield NetworkGraph(id="network-graph")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#network-ranking", DataTable)
        table.add_column("#", width=4)
        table.add_column("Actor", width=24)
        table.add_column("Meetings", width=8)
        table.add_column("Met", width=4)
        table.add_column("Closest ties", width=48)  # fixed: an auto width follows load timing
        self._load()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    def _load(self) -> None:
        store = desk_of(self).store
        typed = {
            name: self.query_one(f"#network-{name}", Input).value
            for name in ("from", "to", "agenda")
        }

        def load() -> Network:
            agenda_item_id = None
            if typed["agenda"].strip():
                agenda_item_id = _agenda_match(typed["agenda"], store.agenda_titles())
            return store.actor_network(
                start=_day(typed["from"], "from"),
                end=_day(typed["to"], "to"),
                agenda_item_id=agenda_item_id,
            )

        def refused(error: DeskError) -> None:
            self.notify(str(error), title="Filter not applied", severity="warning", markup=False)

        in_thread(self, load, self._show, refused, group="network", exclusive=True)

    def _show(self, network: Network) -> None:
        self.network = network
        self.title = "Actor network"
        table = self.query_one("#network-ranking", DataTable)
        table.clear()
        ties: dict[int, list[tuple[int, int]]] = {}
        for link in network.links:
            ties.setdefault(link.first, []).append((link.meetings, link.second))
            ties.setdefault(link.second, []).append((link.meetings, link.first))
        names = {actor.actor_id: actor.name for actor in network.actors}
        for rank, actor in enumerate(network.actors, start=1):
            closest = sorted(ties.get(actor.actor_id, []), key=lambda tie: (-tie[0], names[tie[1]]))
            words = ", ".join(f"{names[other]} ({count})" for count, other in closest[:3])
            table.add_row(
                *safe_cells(
                    (str(rank), actor.name, str(actor.meetings), str(actor.partners), words)
                ),
                key=str(actor.actor_id),
            )
        graph = self.query_one("#network-graph", NetworkGraph)
        graph.show(network)
        graph.highlighted = network.actors[0].actor_id if network.actors else None
        self._summarize(network)

    def _summarize(self, network: Network) -> None:
        summary = Text()
        summary.append(plural(len(network.actors) + network.more, "actor"), style="bold")
        summary.append(f" · {plural(len(network.links), 'pair')} who met")
        if network.start or network.end:
            start = f"{network.start:%-d %b %Y}" if network.start else "the start"
            end = f"{network.end:%-d %b %Y}" if network.end else "now"
            summary.append(f" · {start} – {end}")
        if network.agenda:
            summary.append(" · on ")
            summary.append_text(line(network.agenda, "italic"))
        if network.more:
            summary.append(f" · the {len(network.actors):,} most active listed", style="dim")
        summary.append("  (f filters, Enter goes to the actor)", style="dim")
        self.query_one("#network-summary", Static).update(summary)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.query_one("#network-graph", NetworkGraph).highlighted = int(event.row_key.value)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._load()
        self.query_one("#network-ranking", DataTable).focus()

    def action_filters(self) -> None:
        self.query_one("#network-from", Input).focus()

    def action_open(self) -> None:
        table = self.query_one("#network-ranking", DataTable)
        if self.network is None or not self.network.actors:
            return
        actor = self.network.actors[table.cursor_row]
        self.dismiss(RecordRef(schema.Actor, actor.actor_id))

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, Input):
            self.query_one("#network-ranking", DataTable).focus()
            return
        self.dismiss(None)
