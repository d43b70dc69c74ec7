"""Progress of long exports and imports: calls to a callback, and a bar on a terminal.

The API calls ``progress(done, total)`` from the thread that runs the export or import, at most
ten times a second, and once more at the end with ``done == total``. A callback that raises
cancels the work (which then leaves nothing behind); the app's worker uses that to cancel.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

ProgressCallback = Callable[[int, int], None]

#: Seconds between two calls of the callback.
INTERVAL = 0.1


class Throttle:
    """Calls ``callback(done, total)`` no more often than every ``INTERVAL`` seconds."""

    def __init__(self, callback: ProgressCallback | None, total: int = 0) -> None:
        self.callback = callback
        self.total = total
        self.done = 0
        self._last = 0.0

    def __call__(self, done: int) -> None:
        self.done = done
        if self.callback is None:
            return
        now = time.monotonic()
        if now - self._last >= INTERVAL:
            self._last = now
            self.callback(min(done, self.total), self.total)

    def finish(self) -> None:
        """The last call: everything is done."""
        self.done = self.total
        if self.callback is not None:
            self.callback(self.total, self.total)


class TerminalProgress:
    """A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.width = width
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        bar = "█" * filled + "░" * (self.width - filled)
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r{self.label} {bar} {fraction:6.1%}  {elapsed:5.1f} s")
        self.stream.flush()
        self._drawn = True

    def close(self) -> None:
        """End the bar's line (if one was drawn), so what follows starts on a new line."""
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * (len(self.label) + self.width + 20) + "\r")
            self.stream.flush()
            self._drawn = False
