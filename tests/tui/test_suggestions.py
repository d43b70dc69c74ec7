"""The suggestions pane, by keyboard: add a source, accept, edit or reject what desk reads in it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from desk.ingest import add_source
from desk.model import Actor, Source
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.form import FormScreen
from desk.tui.screens.main import MainScreen
from desk.tui.screens.suggestions import SuggestionsScreen

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
