"""The table's own cell renderer gives exactly the segments DataTable's general one gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable

from desk.model import Meeting
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.main import MainScreen
from desk.tui.widgets.paged_table import PagedTable

from .conftest import settle

AWKWARD_TITLES = [
    "김정은 위원장, 쇼이구 서기 접견 — a title long enough to be cut at the column's edge",
    "Шойгу в Пхеньяне 🇰🇵🇷🇺 [bold]not markup[/bold]",
    '=HYPERLINK("x") tab\there, and a line\nbreak',
    "",
]


def _segments(table: PagedTable, renderer: object, row: int, column: int, cursor: bool) -> list:
    table._cell_render_cache.clear()
    width = table.ordered_columns[column].get_render_width(table)
    lines = renderer(table, row, column, table.rich_style, width, cursor, False)  # type: ignore[operator]
    return [list(line) for line in lines]


@pytest.mark.parametrize("width", [160, 90])
async def test_every_visible_cell_renders_as_datatable_renders_it(
    sample_store: Store, tmp_path: Path, width: int
) -> None:
    for title in AWKWARD_TITLES:
        sample_store.create(Meeting, title=title or "untitled", date="2025-03-21")
    app = DeskApp(sample_store)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        table = screen.table
        assert table.row_count > len(AWKWARD_TITLES)
        compared = 0
        for row in range(min(table.row_count, 30)):
            for column in range(len(table.ordered_columns)):
                for cursor in (False, True):
                    ours = _segments(table, PagedTable._render_cell, row, column, cursor)
                    theirs = _segments(table, DataTable._render_cell, row, column, cursor)
                    assert ours == theirs, (row, column, cursor)
                    compared += 1
        assert compared >= 2 * 30


def test_a_cell_that_is_not_plain_text_takes_rich_s_path() -> None:
    """Right-justified or multi-line text is left to Rich (the fast path only flows left)."""
    from textual.app import App

    app: App[None] = App()
    with app._context():
        table = PagedTable("Meeting", [], lambda row: [])
        right = Text("held", justify="right")
        line = table._cell_line(right, 8)
        assert "".join(segment.text for segment in line) == "    held"
