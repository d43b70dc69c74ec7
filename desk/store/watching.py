"""Hearing of changes other desks commit, so an open app can show them within seconds.

On PostgreSQL every write announces its changeset on a channel (NOTIFY, sent at commit) and the
watcher LISTENs; on SQLite it asks ``PRAGMA data_version`` once a second, which changes whenever
another connection commits. Either way it then reads the new changesets from the change log.
"""

from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING, Any

from desk.store.views import ChangeNotice

if TYPE_CHECKING:
    from desk.store.store import Store

#: Seconds between two looks at SQLite's data_version.
SQLITE_POLL = 1.0


class ChangeWatcher:
    """Waits for changesets committed after it was made (by anyone: filter your own)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.last_seen = store.latest_changeset_id()
        self._listener: Any = None
        self._sqlite: sqlite3.Connection | None = None
        self._data_version = 0
        location = store.location
        if store.engine.dialect.name == "postgresql":
            import psycopg
            from sqlalchemy.engine import make_url

            from desk.store.store import CHANGE_CHANNEL

            conninfo = make_url(location.url).set(drivername="postgresql")
            self._listener = psycopg.connect(
                conninfo.render_as_string(hide_password=False), autocommit=True
            )
            self._listener.execute(f"LISTEN {CHANGE_CHANNEL}")
        elif location.path is not None:
            self._sqlite = sqlite3.connect(f"{location.path.as_uri()}?mode=ro", uri=True)
            self._data_version = self._version()

    def _version(self) -> int:
        assert self._sqlite is not None
        return int(self._sqlite.execute("PRAGMA data_version").fetchone()[0])

    def wait(self, timeout: float) -> list[ChangeNotice]:
        """The changesets committed since the last call, waiting up to ``timeout`` seconds."""
        if self._listener is not None:
            for _ in self._listener.notifies(timeout=timeout, stop_after=1):
                break
        elif self._sqlite is not None:
            deadline = time.monotonic() + timeout
            while True:
                version = self._version()
                if version != self._data_version:
                    self._data_version = version
                    break
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                time.sleep(min(SQLITE_POLL, remaining))
        else:
            time.sleep(timeout)
        notices = self.store.changes_since(self.last_seen)
        if notices:
            self.last_seen = notices[-1].changeset_id
        return notices

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
        if self._sqlite is not None:
            self._sqlite.close()
