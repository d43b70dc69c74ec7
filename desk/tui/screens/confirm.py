"""Asking before something that loses work: a delete names what depends on the record."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from desk.tui.safe import block


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no, with the consequences listed; Escape means no.

    The question and consequences are plain text (they name records), never markup.
    """

    AUTO_FOCUS = "#no"

    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(
        self,
        question: str | Text,
        consequences: Sequence[str] = (),
        *,
        yes: str = "Yes",
        danger: bool = True,
    ) -> None:
        super().__init__()
        self.question = question
        self.consequences = list(consequences)
        self.yes = yes
        self.danger = danger

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="confirm"):
            yield Label(block(self.question), id="question")
            for line in self.consequences:
                yield Static(block(f"• {line}"), classes="consequence")
            with Horizontal(classes="buttons"):
                yield Button(
                    f"{self.yes} (y)", id="yes", variant="error" if self.danger else "primary"
                )
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
