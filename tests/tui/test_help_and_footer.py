"""Help, palette and footer speak to people, and lists use the width they have."""

from __future__ import annotations

from textual.widgets import DataTable

from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.help import HelpScreen
from desk.tui.screens.main import MainScreen

from .conftest import settle

INTERNAL = ("main.", "app.", "table.", "_")


async def test_help_says_what_keys_do_in_words(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert not [cell for cell in cells if any(mark in cell for mark in INTERNAL)], cells
        assert "Show the actors list" in cells


async def test_the_palette_helps_in_words(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        commands = list(app.get_system_commands(app.screen))
        helps = [command.help for command in commands]
        assert not [h for h in helps if any(mark in h for mark in INTERNAL)], helps


async def test_the_footer_keeps_cite_quit_and_help_at_80_columns(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one("Footer")
        shown = [
            key.key_display or key.key
            for key in footer.query("FooterKey")
            if key.region.right <= 80 - 12  # left of the palette hint
        ]
        for key in ("l", "q", "?"):
            assert key in shown, shown


async def test_meeting_titles_use_the_width_of_the_list_at_120_columns(
    sample_store: Store,
) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        widths = {str(key.value): column.width for key, column in main.table.columns.items()}
        assert widths["title"] >= 26, widths  # was 20 before the Place column gave way
