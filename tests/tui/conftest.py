"""Driving the app as a user does: helpers that wait for its workers instead of sleeping."""

from __future__ import annotations

import asyncio
import contextlib

from textual import events
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

#: Worker groups that run for the app's whole life (watching other desks' changes).
LONG_LIVED = frozenset({"watch"})


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Let every worker finish and every message they caused be handled.

    A worker superseded by a newer one in its group (filtering as you type) is cancelled; that
    is expected here, not a failure. The watcher of other desks' changes never finishes.
    """
    manager = pilot.app.workers  # every node's workers are registered with the app's manager
    for _ in range(rounds):
        # Details load after a short pause in moving (a timer), then in a worker.
        # (Not once the app is exiting: its timers will never fire.)
        while pilot.app.return_code is None and any(
            getattr(screen, "detail_scheduled", False) for screen in pilot.app.screen_stack
        ):
            await pilot.pause(0.02)
        pending = [worker for worker in manager if worker.group not in LONG_LIVED]
        if pending:  # (an empty list would mean "wait for all", the watcher included)
            with contextlib.suppress(WorkerCancelled):
                await manager.wait_for_complete(pending)
        await pilot.pause()


async def until_still(pilot: Pilot[None], *, timeout: float = 3.0) -> None:
    """Wait until two screenshots taken apart are the same: layout has settled.

    A long option list measures its lines after it is shown, and the footer recomposes after
    the bindings change: both land a frame or two after the workers are done.
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    before = pilot.app.export_screenshot()
    while loop.time() < deadline:
        await pilot.pause(0.05)
        now = pilot.app.export_screenshot()
        if now == before:
            return
        before = now


async def press_at_once(pilot: Pilot[None], *keys: str) -> None:
    """Send keys as a fast typist does: all queued before the app handles the first.

    ``pilot.press`` waits for the app to go idle after each key, so it never shows a race
    between a key and the work the previous key started (a tab switch, a load).
    """
    app = pilot.app
    driver = app._driver
    assert driver is not None
    for key in keys:
        char = key if len(key) == 1 else {"slash": "/", "space": " "}.get(key)
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()
