"""The add-source form fetches a URL: the page's text, metadata and archived copy; a page that
cannot be read is named on the field and nothing is added."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from page_server import PAGES, serve_pages
from textual.widgets import Input, Static

from desk.model import Source
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.form import FormScreen
from desk.tui.screens.main import MainScreen
from desk.tui.widgets.detail import DetailPane

from .conftest import settle


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages() as base:
        yield base


async def test_add_a_source_from_a_url(store: Store, site: str) -> None:
    app = DeskApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4", "n")
        await settle(pilot)
        await pilot.press(*f"{site}/politics/lavrov")
        app.screen.query_one("#field-publisher", Input).value = "TASS Russian News Agency"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert type(app.screen).__name__ == "SuggestionsScreen"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        # The source's detail says the page is kept, and how it was read.
        shown = " ".join(str(option.prompt) for option in app.screen.query_one(DetailPane).options)
        assert "archived page: 3.1 KB as read" in shown
    (row,) = store.page(Source).rows
    source = store.get(Source, row.id)
    assert source.title == "Lavrov arrives in Pyongyang for talks with Choe Son-hui"
    # What the user typed wins over the page; the page fills the rest.
    assert (source.publisher, source.author, source.date_text) == (
        "TASS Russian News Agency",
        "Ivan Petrov",
        "2025-07-11",
    )
    assert source.url == f"{site}/politics/lavrov"
    assert "Most read" not in source.text
    page = store.archived_page(source.id)
    assert page is not None
    assert page.content == (PAGES / "tass-lavrov.html").read_bytes()


async def test_a_page_that_cannot_be_read_is_named_on_the_field(store: Store, site: str) -> None:
    app = DeskApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("4", "n")
        await settle(pilot)
        await pilot.press(*f"{site}/report.pdf")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)  # still open, nothing lost
        shown = str(app.screen.query_one("#error-file", Static).render())
        assert "application/pdf, not a web page" in shown
    assert store.page(Source).rows == []
