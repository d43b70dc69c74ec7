"""Asking before leaving unsaved work: a form with changes, a passage selected but not attached.

Screens that can hold such work offer ``unsaved_work()`` (what would be lost, or None) and
``keep_work(then)`` (save or attach it, then call ``then`` once it is kept). Escape on such a
screen, and quitting the app, ask first: keep it, discard it, or go back to it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from desk.tui.safe import line

Choice = Literal["keep", "discard", "back"]


@runtime_checkable
class HoldsWork(Protocol):
    def unsaved_work(self) -> str | None: ...

    def keep_work(self, then: Callable[[], object]) -> None: ...


class UnsavedScreen(ModalScreen[Choice]):
    """Keep (save, attach), discard, or go back; Escape goes back."""

    AUTO_FOCUS = "#back"

    BINDINGS = [
        Binding("s", "choose('keep')", "Save", id="unsaved.keep"),
        Binding("d", "choose('discard')", "Discard", id="unsaved.discard"),
        Binding("escape", "choose('back')", "Go back", id="unsaved.back"),
    ]

    def __init__(self, what: str, *, keep: str = "Save", discard: str = "Discard") -> None:
        super().__init__()
        self.what = what
        self.keep = keep
        self.discard = discard

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Label(line(f"{self.what}: keep it?"), id="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.keep} (s)", id="keep", variant="primary", compact=True)
                yield Button(f"{self.discard} (d)", id="discard", variant="error", compact=True)
                yield Button("Go back (esc)", id="back", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "back")

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)  # type: ignore[arg-type]


def ask_before_leaving(
    screen: HoldsWork, leave: Callable[[], object], *, keep: str = "Save"
) -> None:
    """Run ``leave`` now if nothing would be lost; else ask keep, discard or go back."""
    what = screen.unsaved_work()
    if what is None:
        leave()
        return

    def chosen(choice: Choice | None) -> None:
        if choice == "discard":
            leave()
        elif choice == "keep":
            screen.keep_work(leave)

    screen.app.push_screen(UnsavedScreen(what, keep=keep), chosen)
