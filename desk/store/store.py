"""The Store: every domain operation of the desk, each one transaction.

The app, the command line and the tests all go through it; nothing else writes. Records come back
as detached SQLModel instances or the small views of ``desk.store.views``. Its rooms: ``sessions``
(transactions), ``commands`` (the writes) and ``queries`` (the read models); ``Store`` puts them
together behind one facade, so callers see one object.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from desk.store.commands import Commands
from desk.store.database import open_database
from desk.store.location import Location, resolve
from desk.store.overviews import Overviews
from desk.store.queries import COUNTED, EVIDENCE_TARGET_COLUMNS, UNSOURCED_NAMES, Queries
from desk.store.reviewing import Reviewing
from desk.store.sessions import AUTHOR_VARIABLE, CHANGE_CHANNEL, default_author

__all__ = [
    "AUTHOR_VARIABLE",
    "CHANGE_CHANNEL",
    "COUNTED",
    "EVIDENCE_TARGET_COLUMNS",
    "UNSOURCED_NAMES",
    "Store",
    "default_author",
]


class Store(Commands, Queries, Overviews, Reviewing):
    """A desk database and the operations on it."""

    @classmethod
    def open(
        cls,
        target: str | os.PathLike[str] | Location | None = None,
        *,
        author: str | None = None,
        create: bool = True,
        upgrade: bool = True,
        read_only: bool = False,
        verify: bool = True,
        announce: Callable[[str], None] | None = None,
    ) -> Store:
        """Open (creating or upgrading as needed) the desk at a path, URL or the default place.

        ``read_only`` opens without changing anything (a missing or old desk is refused);
        ``verify`` runs the bounded damage check on open. ``announce`` is told before anything
        slow happens (backing up and upgrading).
        """
        location = target if isinstance(target, Location) else resolve(target)
        engine, report = open_database(
            location,
            create=create,
            upgrade_schema=upgrade,
            read_only=read_only,
            verify=verify,
            announce=announce,
        )
        return cls(engine, report, author)

    def __enter__(self) -> Store:
        return self
