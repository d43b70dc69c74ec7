"""The suggestions pane, by keyboard: add a source, accept, edit or reject what desk reads in it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from desk.ingest import add_source
from desk.ingest.proposals import MeetingProposal
from desk.model import Actor, Source
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.form import FormScreen
from desk.tui.screens.main import MainScreen
from desk.tui.screens.meeting_proposal import MeetingProposalForm
from desk.tui.screens.picker import PickerScreen
from desk.tui.screens.suggestions import SuggestionsScreen
from desk.tui.screens.unsaved import UnsavedScreen
from desk.tui.widgets.participants import ParticipantsEditor

from .conftest import settle

SAMPLE = Path(__file__).parents[2] / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"


def _pane(app: DeskApp) -> SuggestionsScreen:
    screen = app.screen
    assert isinstance(screen, SuggestionsScreen)
    return screen


async def _select(pilot, pane: SuggestionsScreen, label: str) -> None:  # type: ignore[no-untyped-def]
    """Put the highlight on the proposal whose label starts with ``label`` (as the arrow keys
    would, without pressing them forty times)."""
    index = next(i for i, p in pane._at.items() if p.label.startswith(label))
    pane.query_one("#suggestions-list", OptionList).highlighted = index
    await pilot.pause()
    assert pane.current is not None and pane.current.label.startswith(label)


async def test_adding_a_source_opens_its_suggestions_and_a_accepts_them_all(
    store: Store,
) -> None:
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-file", Input).value = str(SAMPLE)
        app.screen.query_one("#field-publisher", Input).value = "Yonhap News Agency"
        app.screen.query_one("#field-date", Input).value = "2025-03-21"
        await pilot.press("ctrl+s")
        await settle(pilot)
        pane = _pane(app)
        assert pane.proposals is not None and len(pane.proposals.proposals) > 40
        shown = pane.query_one("#suggestion-detail", Static).content
        lines = [part.plain for part in shown.renderables]  # type: ignore[union-attr]
        assert lines[0] == "Meetings · pending"
        assert any(line.startswith("participant") for line in lines)
        for _ in range(len(pane.proposals.proposals)):
            if not pane.proposals.pending():
                break
            await pilot.press("a")
            await settle(pilot, rounds=1)
        assert not pane.proposals.pending()
        status = pane.query_one("#suggestions-status", Static).content
        assert str(status).startswith("0 pending")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    counts = store.stats().counts
    assert (counts["actors"], counts["meetings"], counts["sources"]) == (23, 10, 1)
    assert counts["participants"] >= 19 and store.stats().unsourced_total == 0


async def test_edit_before_accepting_and_reject(store: Store) -> None:
    source = add_source(store, SAMPLE, publisher="Yonhap", published="2025-03-21")
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        pane = _pane(app)
        assert pane.source_id == source.id

        await _select(pilot, pane, "Andrey Rudenko")
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.query_one("#field-name", Input).value == "Andrey Rudenko"
        form.query_one("#field-name", Input).value = "Andrei Rudenko"
        form.query_one("#field-aliases", Input).value = "Andrey Rudenko"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is pane

        await _select(pilot, pane, "Nazi Germany")
        await pilot.press("x")
        await settle(pilot)
        rejected = next(p for p in pane.proposals.proposals if p.label.startswith("Nazi"))  # type: ignore[union-attr]
        assert pane.proposals.status(rejected) == "rejected"  # type: ignore[union-attr]
        prompt = str(
            pane.query_one("#suggestions-list", OptionList)
            .get_option_at_index(next(i for i, p in pane._at.items() if p is rejected))
            .prompt
        )
        assert prompt.startswith("✗ Nazi Germany")

    (actor,) = store.page(Actor, typed="Rudenko").rows
    assert actor.name == "Andrei Rudenko"
    assert [a.name for a in store.actor_detail(actor.id).aliases] == ["Andrey Rudenko"]
    decisions = {(d.kind, d.decision) for d in store.proposal_decisions(source.id)}  # type: ignore[arg-type]
    assert decisions == {("new_actor", "accepted"), ("new_actor", "rejected")}


async def test_undo_brings_a_proposal_back(store: Store) -> None:
    add_source(store, SAMPLE, publisher="Yonhap", published="2025-03-21")
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "s")
        await settle(pilot)
        pane = _pane(app)
        first = pane.current
        assert first is not None and first.kind == "meeting"
        await pilot.press("a")
        await settle(pilot)
        assert pane.proposals.status(first) == "accepted"  # type: ignore[union-attr]
        await pilot.press("a")  # the next pending one, now highlighted
        await settle(pilot)
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert pane.proposals.status(first) == "accepted"  # type: ignore[union-attr]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert pane.proposals.status(first) == "pending"  # type: ignore[union-attr]
    assert store.stats().counts["meetings"] == 0


async def test_the_key_applies_on_the_sources_list_only(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen), "no suggestions from the meetings list"
        await pilot.press("4", "s")
        await settle(pilot)
        pane = _pane(app)
        source = sample_store.page(Source).rows[0]
        assert pane.source_id == source.id
        assert pane.proposals is not None
        kinds = {p.kind for p in pane.proposals.proposals}
        assert "new_actor" not in kinds, "the sample desk knows every actor of its own report"
        assert {"actor", "meeting", "date"} <= kinds


async def _focus(pilot, selector: str) -> None:  # type: ignore[no-untyped-def]
    """Press tab until the widget ``selector`` has the focus, as a user reaching it would."""
    target = pilot.app.screen.query_one(selector)
    for _ in range(30):
        if pilot.app.focused is target:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached {selector}")


async def _open_meeting_form(pilot, app: DeskApp, title: str) -> MeetingProposalForm:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("4", "s")
    await settle(pilot)
    pane = _pane(app)
    await _select(pilot, pane, title)
    await pilot.press("e")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, MeetingProposalForm)
    return form


async def test_edit_a_proposed_meeting_then_accept_it(store: Store) -> None:
    source = add_source(store, SAMPLE, publisher="Yonhap", published="2025-03-21")
    zakharova = store.create(Actor, name="Maria Zakharova")
    before = store.stats().counts
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_meeting_form(pilot, app, "Rudenko–Choe talks")
        pane = app.screen_stack[-2]
        assert isinstance(pane, SuggestionsScreen)
        talks = pane.current
        assert isinstance(talks, MeetingProposal)
        editor = form.query_one(ParticipantsEditor)
        assert [(p.actor.name, p.role) for p in editor.participants] == [
            ("Andrey Rudenko", "participant"),
            ("Choe Son-hui", "participant"),
        ]

        await _focus(pilot, "#field-participants")
        await pilot.press("d")  # Rudenko goes; Choe is highlighted
        await pilot.press("r", "r", "r")  # participant → mediator → observer → host
        await pilot.press("a")  # an actor on the desk, as the guest
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        await pilot.press(*"Zakh")
        await settle(pilot)
        await pilot.press("enter", "up", "enter")
        await settle(pilot)
        await pilot.press("a")  # an actor the same source proposes, as mediator
        await settle(pilot)
        await pilot.press(*"Hyun")
        await settle(pilot)
        await pilot.press("enter", "down", "enter")
        await settle(pilot)
        assert app.screen is form
        assert [(p.actor.name, p.role) for p in editor.participants] == [
            ("Choe Son-hui", "host"),
            ("Maria Zakharova", "guest"),
            ("Hyun Seong-soo", "mediator"),
        ]

        await _focus(pilot, "#field-date")
        await pilot.press("home", "ctrl+k", *"on Tuesday")
        hint = str(form.query_one("#hint-date", Static).content)
        assert hint.startswith("→ 18 Mar 2025") and "Fri 21 Mar 2025" in hint, hint
        await _focus(pilot, "#field-status")
        await pilot.press("enter", "down", "enter")  # held → reported
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is pane
        assert pane.proposals is not None
        assert pane.proposals.status(talks) == "accepted" and pane.proposals.edited(talks)
        meeting_id = pane.proposals.record_for("meeting", talks.key)
        assert meeting_id is not None

        detail = store.meeting_detail(meeting_id)
        roles = sorted((p.actor.name, p.link.role) for p in detail.participants)
        assert roles == [
            ("Choe Son-hui", "host"),
            ("Hyun Seong-soo", "mediator"),
            ("Maria Zakharova", "guest"),
        ]
        assert {p.actor.id for p in detail.participants} >= {zakharova.id}
        meeting = detail.meeting
        assert (meeting.status, meeting.date_text, meeting.date_phrase) == (
            "reported",
            "2025-03-18",
            "on Tuesday",
        )
        assert [e.evidence.quote for e in detail.evidence] == [p.text for p in talks.passages]
        assert all(detail.link_evidence[("participant", p.link.id)] for p in detail.participants)
        decided = {
            (d.kind, d.label.split(" ")[0], d.label.endswith(" (edited)"))
            for d in store.proposal_decisions(source.id)  # type: ignore[arg-type]
        }
        assert decided == {
            ("meeting", "Rudenko–Choe", True),
            ("new_actor", "Choe", False),
            ("new_actor", "Hyun", False),
        }, "Rudenko, removed, is left to decide; only the meeting was edited"
        shown = pane.query_one("#suggestions-status", Static).content
        assert str(shown).startswith(f"{len(pane.proposals.proposals) - 3} pending · 3 accepted")

        await pilot.press("ctrl+z")
        await settle(pilot)
        assert pane.proposals.status(talks) == "pending"
    assert store.stats().counts == before, "one undo takes the meeting, links and Hyun back"


async def test_escape_with_changes_to_participants_asks_first(store: Store) -> None:
    add_source(store, SAMPLE, publisher="Yonhap", published="2025-03-21")
    app = DeskApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        form = await _open_meeting_form(pilot, app, "Rudenko–Choe talks")
        await pilot.press("escape")  # nothing changed: leaves at once
        await settle(pilot)
        pane = _pane(app)
        await pilot.press("e")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, MeetingProposalForm)
        await _focus(pilot, "#field-participants")
        await pilot.press("r")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # go back to the form, the change still there
        await settle(pilot)
        assert app.screen is form
        assert form.query_one(ParticipantsEditor).participants[0].role == "mediator"
        await pilot.press("escape", "d")  # now discard it
        await settle(pilot)
        assert app.screen is pane
        assert pane.proposals is not None and not pane.proposals.decisions
    assert store.stats().counts["meetings"] == 0
