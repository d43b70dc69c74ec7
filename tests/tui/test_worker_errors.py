"""An unexpected error in a worker: a notification, a traceback in the log, and the app runs on."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.store import Store
from desk.tui.app import DeskApp
from desk.tui.error_log import LOG_NAME
from desk.tui.screens.main import MainScreen

from .conftest import settle


def _log(tmp_path: Path) -> Path:
    return tmp_path / "state" / LOG_NAME  # DESK_STATE_DIR, set for every test


async def test_a_failing_store_call_is_shown_logged_and_survived(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_stats() -> None:
        raise RuntimeError("stats broke [/] \x1b]0;pwned\x07")

    app = DeskApp(sample_store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        monkeypatch.setattr(sample_store, "stats", broken_stats)
        await pilot.press("r")  # reload: the lists, and the counts from the broken call
        await settle(pilot)
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, MainScreen)
        messages = [notification.message for notification in app._notifications]
        shown = [message for message in messages if "RuntimeError: stats broke [/]" in message]
        assert shown, messages
        assert "\x1b" not in shown[0] and "␛]0;pwned␇" in shown[0]  # literal, not obeyed
        assert str(_log(tmp_path)) in shown[0]  # it says where the details are
        await pilot.press("2")  # and the app still answers
        await settle(pilot)
        assert app.screen.kind.name == "actors"  # type: ignore[attr-defined]
    log = _log(tmp_path).read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: stats broke" in log and "broken_stats" in log


async def test_a_worker_that_dies_is_reported_too(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker outside the store-call helper (the watcher of other desks) fails: same report."""

    def broken_watch() -> None:
        raise ConnectionError("the database went away")

    monkeypatch.setattr(sample_store, "watch", broken_watch)
    app = DeskApp(sample_store)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for _ in range(20):
            await pilot.pause(0.05)
            if _log(tmp_path).exists():
                break
        await settle(pilot)
        assert app.is_running and app.return_code is None
        messages = [notification.message for notification in app._notifications]
        assert any("ConnectionError: the database went away" in m for m in messages), messages
    log = _log(tmp_path).read_text(encoding="utf-8")
    assert "ConnectionError: the database went away" in log and "broken_watch" in log


async def test_workers_report_through_one_handler(sample_store: Store) -> None:
    """A superseded call's answer is dropped; a DeskError goes to the caller's own handler."""
    import threading

    from desk.errors import DeskError
    from desk.tui.work import in_thread

    app = DeskApp(sample_store)
    delivered: list[str] = []
    refused: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        release = threading.Event()

        def slow() -> str:
            release.wait(5)
            return "old"

        in_thread(screen, slow, delivered.append, group="probe", exclusive=True)
        in_thread(screen, lambda: "new", delivered.append, group="probe", exclusive=True)
        await settle(pilot)
        release.set()

        def refuse() -> None:
            raise DeskError("no such record")

        in_thread(screen, refuse, failed=lambda error: refused.append(str(error)))
        await settle(pilot)
        assert app.return_code is None
    assert delivered == ["new"]
    assert refused == ["no such record"]
