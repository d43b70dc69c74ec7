"""The user's settings in the app: keys rebound by id, the help showing them, ISO dates, a
bad settings file reported without keeping the app from starting."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from desk.settings import load_settings
from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.keys import known_bindings, unnamed_bindings
from desk.tui.screens.help import HelpScreen
from desk.tui.screens.main import MainScreen

from .conftest import settle


def write_settings(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config" / "desk.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


async def test_a_remapped_key_does_the_action_and_help_shows_it(
    sample_store: Store, tmp_path: Path
) -> None:
    write_settings(tmp_path, '[keymap]\n"main.actors" = "f2"\n"main.help" = "f1"\n')
    app = DeskApp(sample_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        main = app.screen
        assert isinstance(main, MainScreen)
        await pilot.press("2")  # the shipped key no longer switches lists
        await settle(pilot)
        assert main.kind.name == "meetings"
        await pilot.press("f2")
        await settle(pilot)
        assert main.kind.name == "actors"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one(DataTable)
        rows = {
            str(table.get_row_at(row)[1]): str(table.get_row_at(row)[0])
            for row in range(table.row_count)
        }
        assert rows["Show the actors list"] == "f2"
        assert rows["Show the meetings list"] == "1"


async def test_a_bad_settings_file_is_reported_and_the_app_runs_on_defaults(
    sample_store: Store, tmp_path: Path
) -> None:
    write_settings(tmp_path, 'theme = "no-such-theme"\n[keymap]\n"main.nope" = "z"\n')
    app = DeskApp(sample_store)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        messages = [str(notification.message) for notification in app._notifications]
        assert any(":1: theme 'no-such-theme' is not a theme" in m for m in messages), messages
        assert any(":3: keymap 'main.nope' is no binding" in m for m in messages), messages
        assert app.theme == "textual-dark"
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen) and app.screen.kind.name == "actors"


async def test_iso_dates_and_a_theme_from_the_file(sample_store: Store, tmp_path: Path) -> None:
    write_settings(tmp_path, 'dates = "iso"\ntheme = "nord"\n')
    app = DeskApp(sample_store, settings=load_settings())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        table = app.screen.query_one("#table-meetings", DataTable)
        cells = [str(cell) for row in range(table.row_count) for cell in table.get_row_at(row)]
        assert "2025-03-22" in cells or "2025-03-21" in cells, cells
        assert not [cell for cell in cells if cell.endswith(" 2025") and cell[:2].strip().isdigit()]


def test_every_binding_of_desk_has_an_id_and_words() -> None:
    assert unnamed_bindings() == []
    known = known_bindings()
    assert {"main.duplicates", "main.merge", "main.actors", "app.help", "help.close"} <= set(known)
    assert all(binding.description for binding in known.values())
