"""The app opens a desk and lists its meetings, newest first, from a worker."""

from __future__ import annotations

from textual.widgets import Static

from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.main import MainScreen

from .conftest import settle


async def test_the_app_lists_the_sample_meetings(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        table = screen.table
        assert table.row_count == 10
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[:3] == ["May 2025", "◌ speculated", "Kim Jong-un's possible visit to Moscow"]
        assert str(table.get_row_at(9)[0]) == "undated"
        status = str(screen.query_one("#status-line", Static).render())
        assert "10 meetings" in status and "0 unsourced" in status
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_app_opens_a_desk_by_location(sample_path) -> None:
    """Started with a location, the app shows the first page at once and opens the store after."""
    from desk.store import resolve

    app = DeskApp(location=resolve(sample_path))
    assert not app.store_ready
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.store_ready
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.table.row_count == 10
        await pilot.press("slash", *"jakarta")
        await settle(pilot)
        assert [row.title for row in screen.table.loaded_rows] == [
            "Shoigu–Sjafrie bilateral meeting in Jakarta"
        ]
        await pilot.press("q")
    app.store.close()


async def test_a_desk_that_fails_to_open_ends_the_app_with_its_reason(tmp_path) -> None:
    from desk.store import resolve

    notes = tmp_path / "notes.sqlite"
    notes.write_text("not a desk")
    app = DeskApp(location=resolve(notes))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
    assert app.return_code == 1


async def test_another_desks_change_appears_without_losing_the_place(sample_store: Store) -> None:
    from desk.model import Meeting

    app = DeskApp(sample_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("j", "j", "j")
        await settle(pilot)
        selected = screen.table.current.id
        with Store.open(sample_store.location, author="colleague") as colleague:
            colleague.create(Meeting, title="Lavrov visits Pyongyang", date="2025-07-11")
        for _ in range(40):  # the watcher looks once a second
            await pilot.pause(0.1)
            titles = [row.title for row in screen.table.loaded_rows]
            if "Lavrov visits Pyongyang" in titles:
                break
        assert titles[0] == "Lavrov visits Pyongyang"
        await settle(pilot)
        assert screen.table.current.id == selected  # the cursor stayed on the same meeting
        await pilot.press("q")
