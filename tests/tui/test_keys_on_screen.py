"""Keys typed fast act on the list and row on screen: a tab switch or a load in flight never
lets a record action hit the previous list's selection."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.widgets import Label

import desk.tui.app
from desk.store import Location, Store, resolve
from desk.tui.app import DeskApp
from desk.tui.screens.confirm import ConfirmScreen
from desk.tui.screens.form import FormScreen
from desk.tui.screens.main import MainScreen

from .conftest import press_at_once, settle


def _question(app: DeskApp) -> str:
    screen = app.screen
    assert isinstance(screen, ConfirmScreen), f"expected a confirmation, got {screen}"
    return str(screen.query_one("#question", Label).content)


async def test_delete_right_after_switching_tabs_names_an_actor(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "2", "d")  # no pause between the keys
        await settle(pilot)
        question = _question(app)
        main = app.screen_stack[1]
        assert isinstance(main, MainScreen) and main.table.current is not None
        assert question == f"Delete the actor “{main.table.current.name}”?"


async def test_edit_right_after_switching_tabs_edits_an_agenda_item(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "3", "e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.form_title.startswith("Edit agenda item"), app.screen.form_title


async def test_meeting_keys_do_not_apply_to_another_list(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "4", "p")  # p adds a participant to a meeting: not on Sources
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.kind.name == "sources"


async def test_keys_typed_while_the_desk_opens_wait_for_it(
    sample_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opening = threading.Event()
    open_store = desk.tui.app._open

    def slow_open(location: Location) -> Store:
        opening.wait(10)
        return open_store(location)

    monkeypatch.setattr(desk.tui.app, "_open", slow_open)
    app = DeskApp(location=resolve(sample_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await press_at_once(pilot, "2", "d")
        assert not app.store_ready  # the keys came before the desk was open
        opening.set()
        await settle(pilot)
        await settle(pilot)
        question = _question(app)
        assert question.startswith("Delete the actor"), question


async def test_delete_after_a_filter_names_the_filtered_row(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "slash", *"choe", "enter")
        await press_at_once(pilot, "d")  # while the filtered list may still be loading
        await settle(pilot)
        question = _question(app)
        assert "Choe" in question, question


async def test_keys_typed_while_a_dialog_opens_are_not_run_later(sample_store: Store) -> None:
    app = DeskApp(sample_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "d", "2", "e")  # 2 and e come before the dialog is up
        await settle(pilot)
        assert _question(app).startswith("Delete the meeting")
        await pilot.press("n")
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        assert main.kind.name == "meetings"  # the 2 did not switch lists behind the dialog
        assert any("not used" in str(n.message) for n in app._notifications)
