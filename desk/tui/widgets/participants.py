"""An editable list of a meeting's participants, each with its role.

Keys on the list: r changes the highlighted participant's role (to the next in the
vocabulary), d or delete removes it, a or + asks to add one (the screen holding the list
answers ``AddWanted`` with a picker and calls ``add``). Names are record text: shown as plain
text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from desk.ingest.proposals import Participant
from desk.model.vocabulary import ParticipantRole
from desk.tui.safe import plain

ROLES: tuple[str, ...] = tuple(role.value for role in ParticipantRole)


class ParticipantsEditor(OptionList):
    """The participants as they will be linked; ``participants`` is the current list."""

    BINDINGS = [
        Binding("r", "next_role", "Change role", id="participants.role"),
        Binding("d,delete", "remove", "Remove", id="participants.remove"),
        Binding("a,plus", "add", "Add participant", id="participants.add"),
    ]

    class AddWanted(Message):
        """The user asked to add a participant."""

    def __init__(self, participants: Sequence[Participant], *, id: str | None = None) -> None:
        super().__init__(id=id, compact=True, markup=False)
        self.participants: tuple[Participant, ...] = tuple(participants)

    def on_mount(self) -> None:
        self._show()

    def _show(self, highlight: int | None = None) -> None:
        entries = [Option(self._prompt(p)) for p in self.participants]
        if not entries:
            entries = [Option(Text("No participants (a adds one).", style="dim"), disabled=True)]
        self.set_options(entries)
        if self.participants:
            self.highlighted = min(highlight or 0, len(self.participants) - 1)

    @staticmethod
    def _prompt(participant: Participant) -> Text:
        text = Text(plain(participant.actor.name))
        text.append(f"  {participant.role}", style="cyan")
        if participant.actor.actor_id is None:
            text.append("  (new)", style="dim")
        return text

    def _current(self) -> int | None:
        index = self.highlighted
        if index is None or not 0 <= index < len(self.participants):
            return None
        return index

    def _replaced(self, index: int, participant: Participant) -> tuple[Participant, ...]:
        return (*self.participants[:index], participant, *self.participants[index + 1 :])

    def action_next_role(self) -> None:
        index = self._current()
        if index is None:
            return
        participant = self.participants[index]
        at = ROLES.index(participant.role) if participant.role in ROLES else -1
        changed = replace(participant, role=ROLES[(at + 1) % len(ROLES)])
        self.participants = self._replaced(index, changed)
        self._show(index)

    def action_remove(self) -> None:
        index = self._current()
        if index is None:
            return
        self.participants = self.participants[:index] + self.participants[index + 1 :]
        self._show(index)

    def action_add(self) -> None:
        self.post_message(self.AddWanted())

    def add(self, participant: Participant) -> None:
        """Add ``participant`` (an actor already listed keeps its place, with the new role)."""
        keys = [p.actor.key for p in self.participants]
        if participant.actor.key in keys:
            index = keys.index(participant.actor.key)
            self.participants = self._replaced(index, participant)
        else:
            self.participants += (participant,)
            index = len(self.participants) - 1
        self._show(index)
