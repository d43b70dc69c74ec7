"""Help: every key of the screen below, generated from its live bindings."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Label, Static

INTRO = (
    "desk keeps a sourced record of actors, meetings and agenda items. Every record and link "
    "should point at the passage that supports it: l opens a source to cite, u lists what is "
    "unsourced. Ctrl+P finds any action or record by name."
)


class HelpScreen(ModalScreen[None]):
    AUTO_FOCUS = "#help-keys"

    BINDINGS = [Binding("escape,question_mark,q", "close", "Close", id="help.close")]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help"):
            yield Label("Keys", id="help-title")
            yield Static(INTRO, classes="hint")
            yield DataTable(id="help-keys", cursor_type="row", zebra_stripes=True)
            yield Static("Esc closes · vim keys j/k move in lists", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#help-keys", DataTable)
        table.add_columns("Key", "Does", "Where")
        rows: list[tuple[str, str, str]] = []
        seen: set[tuple[str, str]] = set()
        for key, active in self.below.active_bindings.items():
            binding = active.binding
            if not binding.description or (key, binding.action) in seen:
                continue
            seen.add((key, binding.action))
            where = (
                type(active.node).__name__.removesuffix("Screen").removesuffix("App")
                or "everywhere"
            )
            if type(active.node).__name__.endswith("App"):
                where = "everywhere"
            does = binding.tooltip or binding.description  # the longer words, when there are
            rows.append((self.app.get_key_display(binding), does, where))
        for key, does, where in sorted(rows, key=lambda row: (row[2], row[1])):
            table.add_row(Text(key, style="bold"), does, where)
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
