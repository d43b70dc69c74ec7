"""Picking a record from a filterable list, or creating it on the spot from what was typed.

A caller may also offer entries that are not on the desk yet (actors a source proposes): they
are filtered by what is typed, listed first, and picked by their key (``Picked.offered``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from desk.tui.safe import line, plain
from desk.tui.work import in_thread

if TYPE_CHECKING:
    from desk.model import Record
    from desk.store import Store

NEW = "new"
OFFERED = "offered:"


@dataclass(frozen=True)
class Picked:
    """A chosen record (``record_id``), or a name to create (``new_name``), and the choice made."""

    record_id: int | None
    label: str
    new_name: str | None = None
    choice: str | None = None
    #: The key of an offered entry (not on the desk), when one was picked.
    offered: str | None = None


class PickerScreen(ModalScreen[Picked | None]):
    """Type to filter; Enter picks the highlighted entry (or creates one); Escape cancels."""

    AUTO_FOCUS = "#picker-filter"

    BINDINGS = [
        Binding("escape", "back", "Back", id="picker.cancel"),
        Binding("down", "move(1)", "Down", show=False, id="picker.down"),
        Binding("up", "move(-1)", "Up", show=False, id="picker.up"),
    ]

    def __init__(
        self,
        title: str,
        store: Store,
        model: type[Record],
        label: Callable[[Any], str],
        *,
        create: bool = True,
        choice: tuple[str, Sequence[tuple[str, str]], str] | None = None,
        exclude: set[int] | None = None,
        initial: str = "",
        offered: Sequence[tuple[str, str]] = (),
    ) -> None:
        """``offered``: (key, label) entries not on the desk, listed before the records."""
        super().__init__()
        self.picker_title = title
        self.store = store
        self.model = model
        self.label = label
        self.create = create
        self.choice = choice
        self.exclude = exclude or set()
        self.initial = initial
        self.offered = tuple(offered)
        self._rows: dict[str, Any] = {}
        #: The record picked, waiting for its role or status (the second step).
        self._pending: Picked | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="picker"):
            yield Label(line(self.picker_title), id="picker-title")
            yield Input(plain(self.initial), placeholder="Type to filter…", id="picker-filter")
            yield OptionList(id="picker-options")
            if self.choice is not None:
                label, options, _default = self.choice
                yield Label(label, id="picker-choice-label", classes="field-label")
                yield OptionList(
                    *(Option(text, id=key) for key, text in options), id="picker-choices"
                )
            yield Static("Enter picks · Esc goes back", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#picker-filter", Input).focus()
        self._choosing(False)
        self._search(self.initial)

    def _choosing(self, choosing: bool) -> None:
        """Show the records to pick from, or (second step) the roles or statuses."""
        self.query_one("#picker-filter").display = not choosing
        self.query_one("#picker-options").display = not choosing
        for widget in self.query("#picker-choice-label, #picker-choices"):
            widget.display = choosing

    @on(Input.Changed, "#picker-filter")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value)

    def _search(self, typed: str) -> None:
        store, model = self.store, self.model
        in_thread(
            self,
            lambda: store.page(model, typed=typed or None, limit=40).rows,
            lambda rows: self._show(typed, rows),
            group="picker",
            exclusive=True,
        )

    def _show(self, typed: str, rows: list[Any]) -> None:
        options = self.query_one("#picker-options", OptionList)
        self._rows = {}
        entries: list[Option] = []
        wanted = typed.strip().casefold()
        for index, (_key, label) in enumerate(self.offered):
            if wanted in label.casefold():
                offer = Text.assemble(plain(label), ("  proposed in this source", "dim"))
                entries.append(Option(offer, id=f"{OFFERED}{index}"))
        for row in rows:
            if row.id in self.exclude:
                continue
            self._rows[str(row.id)] = row
            entries.append(Option(line(self.label(row)), id=str(row.id)))
        name = typed.strip()
        if self.create and name and not any(self._names(row) == name.casefold() for row in rows):
            # Offered after the matches, so Enter takes the best match when there is one.
            offer = Text.assemble(("+ create ", "green"), (f"“{plain(name)}”", "bold"))
            entries.append(Option(offer, id=NEW))
        options.set_options(entries)
        if entries:
            options.highlighted = 0

    @staticmethod
    def _names(row: Any) -> str:
        return str(getattr(row, "name", None) or getattr(row, "title", "")).casefold()

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self) -> None:
        options = self.query_one("#picker-options", OptionList)
        if options.highlighted is not None:
            self._pick(options.get_option_at_index(options.highlighted).id)

    @on(OptionList.OptionSelected, "#picker-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option.id)

    def _pick(self, option_id: str | None) -> None:
        if option_id == NEW:
            name = self.query_one("#picker-filter", Input).value.strip()
            picked = Picked(None, name, new_name=name)
        elif option_id is not None and option_id.startswith(OFFERED):
            key, label = self.offered[int(option_id.removeprefix(OFFERED))]
            picked = Picked(None, label, offered=key)
        elif option_id is not None and option_id in self._rows:
            row = self._rows[option_id]
            picked = Picked(row.id, self.label(row))
        else:
            return
        if self.choice is None:
            self.dismiss(picked)
            return
        label, options, default = self.choice
        self._pending = picked
        self.query_one("#picker-choice-label", Label).update(line(f"{label} — {picked.label}"))
        choices = self.query_one("#picker-choices", OptionList)
        choices.highlighted = [key for key, _ in options].index(default)
        self._choosing(True)
        choices.focus()

    @on(OptionList.OptionSelected, "#picker-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if self._pending is not None:
            self.dismiss(replace(self._pending, choice=event.option.id))

    def action_back(self) -> None:
        """Escape: from the second step back to the list; from the list, cancel."""
        if self._pending is not None:
            self._pending = None
            self._choosing(False)
            self.query_one("#picker-filter", Input).focus()
            return
        self.dismiss(None)
