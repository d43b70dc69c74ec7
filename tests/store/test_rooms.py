"""The Store is one facade over rooms with one job: commands write, queries only read."""

from __future__ import annotations

import inspect

from desk.store import Store
from desk.store.commands import Commands
from desk.store.queries import Queries
from desk.store.sessions import Sessions


def _own_methods(room: type) -> set[str]:
    return {
        name
        for name, value in vars(room).items()
        if callable(value) or isinstance(value, property | classmethod)
    }


def test_queries_never_write() -> None:
    source = inspect.getsource(inspect.getmodule(Queries))  # type: ignore[arg-type]
    # (A merge preview plans with a Writer's reads, apply=False; it never finishes a changeset.)
    for writing in ("_writing(", ".finish(", "apply=True", "session.add(", "session.commit("):
        assert writing not in source, writing


def test_every_operation_lives_in_one_room_and_the_facade_has_them_all() -> None:
    commands, queries, sessions = (_own_methods(room) for room in (Commands, Queries, Sessions))
    assert not commands & queries and not commands & sessions and not queries & sessions
    for name in ("create", "update", "delete", "link_actor", "attach_evidence", "undo", "redo"):
        assert name in commands
    for name in ("page", "search", "meeting_detail", "stats", "history", "history_of"):
        assert name in queries
    public = {name for name in commands | queries | sessions if not name.startswith("_")}
    assert public <= set(dir(Store))
    assert Store.__mro__[1:4] == (Commands, Queries, Sessions)
