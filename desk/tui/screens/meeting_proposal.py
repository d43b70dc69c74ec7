"""Editing a proposed meeting before accepting it: its fields and its participants.

The form is the ordinary one (title, kind, status, date resolved against the source's
publication day, place, summary, the evidence's attribution) with the participants below it as
an editable list: remove one, change its role, or add an actor on the desk or one the same
source proposes (picked with the picker screen, then given a role). Saving gives the
participants with the other values, as ``participants``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Label, Static

from desk.ingest.proposals import ActorRef, Participant, Passage
from desk.model import Actor
from desk.tui.safe import block
from desk.tui.screens.form import FormScreen
from desk.tui.screens.picker import Picked, PickerScreen
from desk.tui.widgets.participants import ROLES, ParticipantsEditor

if TYPE_CHECKING:
    from desk.store import Store

PARTICIPANTS_HINT = "a adds · r changes the role · d removes (on the list)"


class MeetingProposalForm(FormScreen):
    """A FormScreen with the meeting's participants as an editable list, after its place."""

    more_after = "place"

    def __init__(
        self,
        *args: Any,
        store: Store,
        participants: Sequence[Participant],
        passage: Passage,
        offered: Sequence[tuple[str, str]] = (),
        **kwargs: Any,
    ) -> None:
        """``passage`` is the evidence of a participant added here (the meeting's sentence);
        ``offered`` are (key, name) of actors the source proposes that are not on the desk."""
        super().__init__(*args, **kwargs)
        self.store = store
        self.passage = passage
        self.offered = tuple(offered)
        self.editor = ParticipantsEditor(participants, id="field-participants")

    def compose_more(self) -> ComposeResult:
        yield Label("Participants", classes="field-label")
        yield self.editor
        yield Static(block(PARTICIPANTS_HINT), classes="hint")

    def more_values(self) -> dict[str, Any]:
        return {"participants": self.editor.participants}

    @on(ParticipantsEditor.AddWanted)
    def _add_wanted(self) -> None:
        listed = {p.actor.key for p in self.editor.participants}
        on_desk = {
            p.actor.actor_id for p in self.editor.participants if p.actor.actor_id is not None
        }
        offered = [(key, name) for key, name in self.offered if key not in listed]
        choice = ("Role", [(role, role) for role in ROLES], "participant")
        picker = PickerScreen(
            "Add a participant",
            self.store,
            Actor,
            lambda actor: actor.name,
            create=False,
            choice=choice,
            exclude=on_desk,
            offered=offered,
        )
        self.app.push_screen(picker, self._picked)

    def _picked(self, picked: Picked | None) -> None:
        if picked is None:
            return
        if picked.record_id is not None:
            actor = ActorRef(f"actor#{picked.record_id}", picked.label, picked.record_id)
        elif picked.offered is not None:
            actor = ActorRef(picked.offered, picked.label)
        else:
            return
        self.editor.add(Participant(actor, picked.choice or "participant", self.passage))
        self.editor.focus()
