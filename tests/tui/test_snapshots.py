"""Screenshots of the main screens on the sample desk, at 80×24 and 160×50.

A change in how a screen looks fails here until the new look is accepted with
``pytest --snapshot-update`` (and reviewed in the diff of tests/tui/__snapshots__/).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

from desk.model import Actor, Meeting
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.screens.main import MainScreen

from .conftest import settle, until_still

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 50), id="160x50")]


def _steps(
    *keys: str, show: tuple[type, str] | None = None
) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if show is not None:
            model, typed = show
            screen = pilot.app.screen
            assert isinstance(screen, MainScreen)
            store: Store = pilot.app.store  # type: ignore[attr-defined]
            screen.show_record(model, store.page(model, typed=typed).rows[0].id)
            await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for widget in pilot.app.screen.query("Input, TextArea"):
            assert isinstance(widget, Input | TextArea)
            widget.cursor_blink = False
        await settle(pilot)
        await until_still(pilot)

    return run


def _app(store: Store) -> DeskApp:
    return DeskApp(store, note="sample desk")


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forms say which day "today" is when no source is open: fix it, or pictures age daily."""
    import datetime as dt

    import desk.tui.screens.records as records
    from desk.tui.date_reference import DateReference

    monkeypatch.setattr(records, "today", lambda: DateReference(dt.date(2026, 12, 1)))


@pytest.mark.parametrize("size", SIZES)
def test_main_screen(snap_compare, sample_store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(_app(sample_store), terminal_size=size, run_before=_steps())


@pytest.mark.parametrize("size", SIZES)
def test_linking_pane(snap_compare, sample_store: Store, size: tuple[int, int]) -> None:
    run = _steps("l", "right_square_bracket", show=(Meeting, "rudenko"))
    assert snap_compare(_app(sample_store), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_meeting_form(snap_compare, sample_store: Store, size: tuple[int, int]) -> None:
    run = _steps("e", show=(Meeting, "rudenko"))
    assert snap_compare(_app(sample_store), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_actor_dossier(snap_compare, sample_store: Store, size: tuple[int, int]) -> None:
    run = _steps("o", show=(Actor, "kim jong"))
    assert snap_compare(_app(sample_store), terminal_size=size, run_before=run)


@pytest.mark.parametrize("size", SIZES)
def test_help_screen(snap_compare, sample_store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(_app(sample_store), terminal_size=size, run_before=_steps("question_mark"))


#: Every other screen a user reaches, by the keys that reach it from the main screen.
SCREENS = {
    "actors": ("2",),
    "agenda": ("3",),
    "sources": ("4",),
    "picker": ("p",),
    "history": ("h",),
    "suggestions": ("4", "s"),
    "export": ("E",),
    "import": ("I",),
    "unsaved": ("n", "X", "escape"),
    "timeline": ("T",),
    "network": ("N",),
}


async def _steady(pilot: Pilot[None]) -> None:
    """Fix what changes from run to run: when the sample was built, today's export name."""
    screen = pilot.app.screen
    for table in screen.query("#history-changes"):
        assert isinstance(table, DataTable)
        for row in range(table.row_count):
            table.update_cell_at(Coordinate(row, 0), "2025-03-21 09:00")
    for path in screen.query("#transfer-path"):
        assert isinstance(path, Input)
        path.value = "~/desk-export"
    await settle(pilot)
    await until_still(pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_screen(
    snap_compare, sample_store: Store, size: tuple[int, int], screen: str
) -> None:
    steps = _steps(*SCREENS[screen])

    async def run(pilot: Pilot[None]) -> None:
        await steps(pilot)
        await _steady(pilot)

    assert snap_compare(_app(sample_store), terminal_size=size, run_before=run)
