"""Small things a user trips on: each with the test that would have caught it."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from desk.model import Meeting, Source
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.confirm import ConfirmScreen
from desk.tui.screens.form import FormScreen
from desk.tui.screens.main import MainScreen
from desk.tui.screens.unsourced import UnsourcedScreen

from .conftest import settle


async def test_the_unsourced_list_opens_on_its_first_row(sample_store: Store) -> None:
    sample_store.create(Meeting, title="An unsourced meeting")
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, UnsourcedScreen)
        assert app.screen.query_one(OptionList).highlighted == 0


async def test_deleting_a_meeting_reads_as_english(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        lines = [str(s.render()) for s in app.screen.query(".consequence")]
        assert lines and all("these go too" not in line for line in lines), lines
        assert any(line.startswith("• it has ") for line in lines), lines
        assert not any(" 1 meetings" in line or " 1 participants" in line for line in lines)


async def test_o_on_a_meeting_says_there_is_no_dossier(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert any("no dossier" in str(n.message) for n in app._notifications)


async def test_a_source_whose_text_is_in_the_desk_names_it_and_asks(
    sample_store: Store,
) -> None:
    existing = sample_store.page(Source).rows[0]
    text = sample_store.get(Source, existing.id).text
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "n")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#field-title").value = "Again"  # type: ignore[attr-defined]
        form.query_one("#field-text").text = text  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = str(form.query_one("#error-text", Static).render())
        assert f"source #{existing.id}" in error and "SHA-256" in error
        await pilot.press("ctrl+s")  # asked once; saving again adds it anyway
        await settle(pilot)
        assert app.screen is not form
