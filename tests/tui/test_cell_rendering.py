"""The table's own line renderer gives exactly the lines DataTable's general one gives (but for
the mouse metadata, which names the record instead of its row index), and a click still lands
on the row under the mouse after the window shifted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment
from rich.text import Text
from textual.coordinate import Coordinate
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


def _line(table: PagedTable, renderer: Any, y: int) -> list[tuple[str, Any, dict[str, Any]]]:
    """A line's segments as (text, style without metadata, metadata with the row's index)."""
    table._lines.clear()
    table._line_cache.clear()
    table._row_render_cache.clear()
    table._cell_render_cache.clear()
    strip = renderer(table, y, 0, table.size.width, table.rich_style)
    shown: list[tuple[str, Any, dict[str, Any]]] = []
    for segment in strip:
        assert isinstance(segment, Segment)
        style = segment.style
        meta = dict(style.meta) if style is not None else {}
        if "record" in meta:
            meta["row"] = table.get_row_index(meta.pop("record"))
        plain_style = style.clear_meta_and_links() if style is not None else None
        shown.append((segment.text, plain_style, meta))
    return shown


@pytest.mark.parametrize("width", [160, 90])
async def test_every_line_renders_as_datatable_renders_it(
    sample_store: Store, tmp_path: Path, width: int
) -> None:
    """Body lines kept per record are DataTable's lines: cells cut at the column's edge, cursor,
    hover, zebra stripes, the style carried to the table's edge, the header."""
    for title in AWKWARD_TITLES:
        sample_store.create(Meeting, title=title or "untitled", date="2025-03-21")
    app = DeskApp(sample_store)
    async with app.run_test(size=(width, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        table = screen.table
        assert table.row_count > len(AWKWARD_TITLES)
        lines = min(table.row_count, 30) + 1  # the header too
        compared = 0
        for cursor_row, hover_row, show_hover in ((0, 3, True), (4, 4, True), (7, 2, False)):
            table.move_cursor(row=cursor_row, animate=False)
            table.hover_coordinate = Coordinate(hover_row, 0)
            table._show_hover_cursor = show_hover
            for y in range(lines):
                ours = _line(table, PagedTable._render_line, y)
                theirs = _line(table, DataTable._render_line, y)
                assert ours == theirs, (y, cursor_row, hover_row)
                assert any(meta.get("row") == y - 1 for _, _, meta in ours) or y == 0
                compared += 1
        assert compared >= 3 * 10
        # A line is kept: asked again, the same strip comes back without being drawn again.
        first = table._render_line(2, 0, table.size.width, table.rich_style)
        assert table._render_line(2, 0, table.size.width, table.rich_style) is first


def test_a_cell_that_is_not_plain_text_takes_rich_s_path() -> None:
    """Right-justified or multi-line text is left to Rich (the fast path only flows left)."""
    from textual.app import App

    app: App[None] = App()
    with app._context():
        table = PagedTable("Meeting", [], lambda row: [])
        right = Text("held", justify="right")
        line = table._cell_line(right, 8)
        assert "".join(segment.text for segment in line) == "    held"
