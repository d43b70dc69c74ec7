"""Paging through a long list: the window of pages shifts at both ends without rebuilding the
table, the cursor stays on its record and the screen does not jump."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import pytest
from textual.coordinate import Coordinate

from desk.model import Meeting
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.main import MainScreen
from desk.tui.widgets.paged_table import PagedTable

from .conftest import settle

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from synthetic import build

MEETINGS = 2_000
FLIPS = 24


@pytest.fixture
def long_desk(tmp_path: Path) -> Path:
    path = tmp_path / "long.sqlite"
    build(MEETINGS, path)
    return path


def listing_order(store: Store) -> list[int]:
    """Every meeting's id, in the order the list shows them."""
    ids: list[int] = []
    page = store.page(Meeting, limit=500)
    ids += [row.id for row in page.rows]
    while page.next is not None:
        page = store.page(Meeting, after=page.next, limit=500)
        ids += [row.id for row in page.rows]
    return ids


def check_window(table: PagedTable, order: list[int]) -> int:
    """What the table holds is a contiguous run of the listing, in order, and the DataTable
    shows exactly those rows; returns where the run starts in the listing."""
    ids = [row.id for row in table.loaded_rows]
    start = order.index(ids[0])
    assert ids == order[start : start + len(ids)]
    assert table.row_count == len(ids)
    keys = [
        table.coordinate_to_cell_key(Coordinate(index, 0)).row_key.value
        for index in range(table.row_count)
    ]
    assert keys == [str(identifier) for identifier in ids]
    for index in (0, len(ids) // 2, len(ids) - 1):  # the cells are the row's own
        assert table.get_row_at(index) == table._cells_of(table.loaded_rows[index])
    return start


async def test_paging_shifts_the_window_without_a_rebuild(long_desk: Path) -> None:
    with Store.open(long_desk) as store:
        order = listing_order(store)
        assert len(order) == MEETINGS
        app = DeskApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            table = screen.table
            # Fetch a page at a time (the app fetches several), so the window shifts often here.
            table.fetch_size = table.page_size

            rebuilds: list[str] = []
            shifts: list[tuple[Any, ...]] = []
            clear, extend = table.clear, table._extend

            def counting_clear(*arguments: Any, **keywords: Any) -> Any:
                rebuilds.append("clear")
                return clear(*arguments, **keywords)

            def watched_extend(page: Any, *, at_end: bool) -> None:
                held = len(table.loaded_rows)
                before = (table.current.id, table.cursor_row - round(table.scroll_y))
                extend(page, at_end=at_end)
                after = (table.current.id, table.cursor_row - round(table.scroll_y))
                dropped = len(table.loaded_rows) < held + len(page.rows)
                shifts.append((at_end, dropped, before, after))

            table.clear = counting_clear  # type: ignore[method-assign]
            table._extend = watched_extend  # type: ignore[method-assign]

            def position() -> int:
                """The cursor's place in the whole listing."""
                return check_window(table, order) + table.cursor_row

            assert position() == 0
            await pilot.press("pagedown")
            await settle(pilot)
            step = position()  # rows one PageDown moves
            assert step > 10
            for flip in range(2, FLIPS + 1):
                await pilot.press("pagedown")
                await settle(pilot)
                assert position() == flip * step
                assert table.current.id == order[flip * step]
            deepest = check_window(table, order)
            assert deepest >= 3 * table.page_size  # the window left the top pages behind
            for flip in range(FLIPS - 1, -1, -1):
                await pilot.press("pageup")
                await settle(pilot)
                assert position() == flip * step
                assert table.current.id == order[flip * step]
            assert check_window(table, order) == 0

            assert rebuilds == []  # no flip cleared the table
            # Pages were dropped at both ends (the window moved), several times.
            assert sum(1 for at_end, dropped, *_ in shifts if at_end and dropped) >= 3
            assert sum(1 for at_end, dropped, *_ in shifts if not at_end and dropped) >= 3
            for _, _, before, after in shifts:
                assert after == before  # same record, same line on screen
            await pilot.press("q")


async def test_a_click_after_the_window_shifted_lands_on_the_row_clicked(long_desk: Path) -> None:
    """Lines are kept per record across window shifts, their mouse metadata naming the record:
    a click picks the record drawn where it lands, not whatever row that index held before."""
    with Store.open(long_desk) as store:
        order = listing_order(store)
        app = DeskApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            table = screen.table
            table.fetch_size = table.page_size  # (the window shifts sooner)
            for _ in range(12):
                await pilot.press("pagedown")
                await settle(pilot)
            start = check_window(table, order)
            assert start > 0  # pages were dropped at the top: every index moved
            for line in (3, 9):
                expected = table.loaded_rows[round(table.scroll_y) + line - 1]
                await pilot.click(table, offset=(10, line))
                await settle(pilot)
                assert table.current is not None
                assert table.current.id == expected.id
            await pilot.press("q")


async def test_nearing_the_edge_fetches_several_pages_at_once(long_desk: Path) -> None:
    """So that few page flips wait for a fetch: the window grows by ``fetch_size`` rows, drawn
    in the worker, the same cells the table would draw itself."""
    with Store.open(long_desk) as store:
        order = listing_order(store)
        app = DeskApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            table = screen.table
            assert table.fetch_size >= 2 * table.page_size
            assert len(table.loaded_rows) == table.page_size
            while len(table.loaded_rows) == table.page_size:
                await pilot.press("pagedown")
                await settle(pilot)
            assert len(table.loaded_rows) == table.page_size + table.fetch_size
            assert check_window(table, order) == 0
            await pilot.press("q")


async def test_a_filter_with_the_same_words_shows_its_rows_without_asking_again(
    sample_store: Store,
) -> None:
    """A space or a dash typed after a word changes no word: the rows shown are the answer,
    at once; another letter asks the store again."""
    app = DeskApp(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        table = screen.table
        await pilot.press("slash", *"pyongyang")
        await settle(pilot)
        shown = [row.id for row in table.loaded_rows]
        assert shown and table.typed == "pyongyang"

        asked: list[str | None] = []
        page = sample_store.page

        def counting_page(*arguments: Any, **keywords: Any) -> Any:
            asked.append(keywords.get("typed"))
            return page(*arguments, **keywords)

        sample_store.page = counting_page  # type: ignore[method-assign]
        loads = table._generation
        await pilot.press("space")
        await settle(pilot)
        assert table.typed == "pyongyang "
        assert [row.id for row in table.loaded_rows] == shown
        assert table._generation == loads + 1 and table.settled
        assert asked == []
        await pilot.press("x")
        await settle(pilot)
        assert asked and asked[-1] == "pyongyang x"
        assert table.loaded_rows == []


async def test_page_flips_faster_than_a_fetch_are_completed_when_it_lands(long_desk: Path) -> None:
    """PageDown held down outruns the fetch of the rows beyond the window: each flip still
    moves a whole page, the part past the rows held being made good when they arrive."""
    with Store.open(long_desk) as store:
        order = listing_order(store)
        app = DeskApp(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            table = screen.table
            await pilot.press("pagedown")
            await settle(pilot)
            step = check_window(table, order) + table.cursor_row
            assert step > 10
            page = store.page
            fetches: list[object] = []

            def slow_page(*arguments: Any, **keywords: Any) -> Any:
                fetches.append(keywords.get("after"))
                time.sleep(0.3)  # a cold fetch on a slow disk
                return page(*arguments, **keywords)

            store.page = slow_page  # type: ignore[method-assign]
            flips = 1 + 2 * table.page_size // step  # past the first page, and past a fetch
            for _ in range(flips):
                await pilot.press("pagedown")
            await settle(pilot)
            await pilot.pause(0.8)
            await settle(pilot)
            assert fetches  # the flips did outrun the rows held
            assert check_window(table, order) + table.cursor_row == (1 + flips) * step
            assert table.current.id == order[(1 + flips) * step]
            for _ in range(flips):
                await pilot.press("pageup")
            await pilot.pause(0.8)
            await settle(pilot)
            assert check_window(table, order) + table.cursor_row == step
            await pilot.press("q")
