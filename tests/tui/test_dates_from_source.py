"""Dates typed in a form resolve against the publication day of the source being worked from."""

from __future__ import annotations

from textual.widgets import Static

from desk.model import Meeting
from desk.store import Store
from desk.store.date_columns import from_columns
from desk.tui.app import DeskApp
from desk.tui.screens.form import FormScreen
from desk.tui.screens.linking import LinkingScreen
from desk.tui.screens.main import MainScreen

from .conftest import settle


def _hint(app: DeskApp) -> str:
    return str(app.screen.query_one("#hint-date", Static).render())


async def test_a_relative_date_resolves_against_the_cited_sources_day(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")  # the cite pane, on the sample report of Fri 21 Mar 2025
        await settle(pilot)
        assert isinstance(app.screen, LinkingScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press(*"Talks", "tab", *"on Tuesday")
        await settle(pilot)
        hint = _hint(app)
        assert "18 Mar 2025" in hint and "21 Mar 2025" in hint, hint
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
    talks = sample_store.page(Meeting, typed="Talks").rows
    created = next(row for row in talks if row.title == "Talks")
    date = from_columns(sample_store.get(Meeting, created.id))
    assert date is not None and date.text == "2025-03-18"


async def test_without_a_source_the_form_says_it_uses_today(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Talks", "tab", *"on Tuesday")
        await settle(pilot)
        assert "as of today" in _hint(app)
        await pilot.press("ctrl+a", "ctrl+k", *"2025-03-21")  # an absolute date leans on no day
        await settle(pilot)
        assert "as of" not in _hint(app)


async def test_a_source_form_refuses_a_relative_publication_day(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4", "n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        app.screen.query_one("#field-date").focus()
        await pilot.press(*"Tuesday")
        await settle(pilot)
        assert "relative" in str(app.screen.query_one("#hint-date", Static).render())
