"""Driving the app as a user does: helpers that wait for its workers instead of sleeping."""

from __future__ import annotations

import contextlib

from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def settle(pilot: Pilot[None], rounds: int = 3) -> None:
    """Let every worker finish and every message they caused be handled.

    A worker superseded by a newer one in its group (filtering as you type) is cancelled; that
    is expected here, not a failure.
    """
    for _ in range(rounds):
        for manager in (pilot.app.workers, *(screen.workers for screen in pilot.app.screen_stack)):
            with contextlib.suppress(WorkerCancelled):
                await manager.wait_for_complete()
        await pilot.pause()
