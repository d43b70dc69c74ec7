"""The app opens a desk and lists its meetings, newest first, from a worker."""

from __future__ import annotations

from textual.widgets import DataTable, Static

from desk.store import Store
from desk.tui.app import DeskApp


async def test_the_app_lists_the_sample_meetings(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        table = app.query_one("#meetings", DataTable)
        assert table.row_count == 10
        first = table.get_row_at(0)
        assert first[0] == "May 2025" and first[1] == "speculated"
        assert first[2] == "Kim Jong-un's possible visit to Moscow"
        assert table.get_row_at(9)[0] == "undated"
        status = str(app.query_one("#status-line", Static).render())
        assert "10 meetings" in status and "0 unsourced" in status
        await pilot.press("j", "j")
        assert table.cursor_row == 2
        await pilot.press("k")
        assert table.cursor_row == 1
        await pilot.press("q")
    assert app.return_code == 0
