"""A record's audit trail: who changed what and when, merges and deletes included."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from desk.tui.presentation import shorten
from desk.tui.safe import cells, line, plain
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.model import Record
    from desk.store import HistoryEntry, Store


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return plain(shorten(str(value), 40))


def describe(entry: HistoryEntry) -> Text:
    """What a change did, field by field."""
    if entry.operation == "insert" and entry.before is None and entry.action == "create":
        return Text("created", style="green")
    if entry.operation == "delete":
        return Text("deleted" + (" (merged away)" if entry.action == "merge" else ""), style="red")
    if entry.operation == "insert":
        return Text("restored" if entry.action in ("undo", "redo") else "added", style="green")
    changes = Text()
    for index, (name, before, after) in enumerate(entry.changed_fields()):
        if index:
            changes.append("; ")
        changes.append(f"{plain(name)}: ", style="bold")
        changes.append(_value(before), style="dim")
        changes.append(" → ")
        changes.append(_value(after))
    return changes


def with_review_steps(store: Store, model: type[Record], record_id: int) -> list[HistoryEntry]:
    """The record's changes and its review steps, newest first (runs in a worker)."""
    from desk.store.reviews import REVIEWED_MODELS

    entries = store.history_of(model, record_id)
    if model.__tablename__ in REVIEWED_MODELS:  # type: ignore[attr-defined]
        entries += store.review_history(model.__tablename__, record_id)  # type: ignore[attr-defined]
        entries.sort(key=lambda entry: entry.changeset_id, reverse=True)
    return entries


class HistoryScreen(ModalScreen[None]):
    """Newest first; Escape closes."""

    AUTO_FOCUS = "#history-changes"
    BINDINGS = [Binding("escape,h", "close", "Close", id="history.close")]

    def __init__(self, store: Store, model: type[Record], record_id: int, label: str) -> None:
        super().__init__()
        self.store = store
        self.model = model
        self.record_id = record_id
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="help"):
            yield Label(line(f"History of {self.label}"), id="help-title")
            yield DataTable(id="history-changes", cursor_type="row", zebra_stripes=True)
            yield Static(
                "Every change is kept; ctrl+z undoes your own last ones · Esc closes",
                classes="hint",
            )

    def on_mount(self) -> None:
        table = self.query_one("#history-changes", DataTable)
        table.add_column("When (UTC)", width=17)
        table.add_column("Who", width=14)
        table.add_column("Change", width=34)
        table.add_column("Fields")
        store, model, record_id = self.store, self.model, self.record_id
        in_thread(self, lambda: with_review_steps(store, model, record_id), self._show)

    def _show(self, entries: list[HistoryEntry]) -> None:
        table = self.query_one("#history-changes", DataTable)
        for entry in entries:
            table.add_row(
                *cells(
                    (
                        entry.at.strftime("%Y-%m-%d %H:%M"),
                        shorten(entry.author, 14),
                        shorten(entry.summary, 34),
                        describe(entry),
                    )
                )
            )
        if not entries:
            table.add_row("", "", "no recorded changes", "")

    def action_close(self) -> None:
        self.dismiss(None)
