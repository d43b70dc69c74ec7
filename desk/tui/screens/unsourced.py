"""What no evidence supports yet: records and links to go and cite."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from desk import model as schema
from desk.store.views import SearchHit
from desk.tui.results import RecordRef
from desk.tui.safe import plain
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.store import Store

#: Unsourced record kinds and the table classes (in desk.model) they name.
MODELS = {"meeting": "Meeting", "actor": "Actor", "agenda item": "AgendaItem"}


class UnsourcedScreen(ModalScreen[RecordRef | None]):
    """Enter goes to the record (for a link, to its meeting)."""

    AUTO_FOCUS = "#unsourced-list"

    BINDINGS = [Binding("escape", "close", "Close", id="unsourced.close")]

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="picker"):
            yield Label("Unsourced: no passage supports these yet", id="picker-title")
            yield OptionList(id="unsourced-list")
            yield Static(
                "Enter goes to it; there, l opens a source to cite · Esc closes", classes="hint"
            )

    def on_mount(self) -> None:
        self.query_one("#unsourced-list", OptionList).focus()
        in_thread(self, lambda: self.store.unsourced(limit=500), self._show)

    def _show(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        options = self.query_one("#unsourced-list", OptionList)
        if not hits:
            options.set_options(
                [Option(Text("Everything is sourced.", style="green"), disabled=True)]
            )
            return
        options.set_options(
            Option(
                Text.assemble(
                    (f"{hit.kind:<17}", "dim"),
                    plain(hit.label),
                    (f"  {plain(hit.detail)}", "dim"),
                ),
                id=str(index),
            )
            for index, hit in enumerate(hits)
        )
        options.highlighted = 0  # Enter goes to the first one straight away

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        if hit.kind in MODELS:
            self.dismiss(RecordRef(getattr(schema, MODELS[hit.kind]), hit.id))
            return
        link_model = schema.MeetingActor if hit.kind == "participant link" else schema.MeetingAgenda
        store = self.store
        in_thread(
            self,
            lambda: store.get(link_model, hit.id).meeting_id,
            lambda meeting_id: self.dismiss(RecordRef(schema.Meeting, meeting_id)),
        )

    def action_close(self) -> None:
        self.dismiss(None)
