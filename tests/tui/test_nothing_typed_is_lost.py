"""Leaving a form with changes, quitting with one open, or leaving the cite pane with a passage
selected asks first: keep it, discard it, or go back."""

from __future__ import annotations

from textual.widgets import Static

from desk.model import Meeting
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.form import FormScreen
from desk.tui.screens.linking import LinkingScreen
from desk.tui.screens.main import MainScreen
from desk.tui.screens.unsaved import UnsavedScreen

from .conftest import settle


async def test_escape_on_a_changed_form_asks_and_can_go_back(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Lavrov visit", "escape")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")  # go back: the typing is still there
        assert isinstance(app.screen, FormScreen)
        assert app.screen.values().text("title") == "Lavrov visit"
        await pilot.press("escape", "s")  # save it
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    assert [r.title for r in sample_store.page(Meeting, typed="Lavrov visit").rows] == [
        "Lavrov visit"
    ]


async def test_escape_on_an_untouched_form_just_closes(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_quitting_with_a_changed_form_asks(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Lavrov visit", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, FormScreen)
        assert app.is_running


async def test_leaving_the_cite_pane_with_a_selection_asks(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinkingScreen)
        await pilot.press("right_square_bracket", "shift+right", "shift+right", "escape")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("d")  # discard: back to the lists
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_a_save_error_is_shown_once_at_the_field(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "n", *"no-such-report.txt", "ctrl+s")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        shown = [str(w.render()) for w in form.query(".error") if w.display]
        assert sum("there is no file at" in line for line in shown) == 1, shown
        assert str(form.query_one("#error-file", Static).render()).startswith("there is no file")
