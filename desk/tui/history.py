"""The app's undo history: the changesets this session made, newest last.

Undo reverses the newest one the user has not undone; redo re-applies the last undone one.
Any new change clears the redo list, as in every editor.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

#: How many changes the app can undo (the store keeps every one in its audit trail regardless).
DEPTH = 100


@dataclass(frozen=True)
class Entry:
    changeset_id: int
    summary: str


class UndoHistory:
    def __init__(self, depth: int = DEPTH) -> None:
        self._done: deque[Entry] = deque(maxlen=depth)
        #: Undone changes as (the original, the changeset that undid it), newest last.
        self._undone: list[tuple[Entry, int]] = []

    def record(self, changeset_id: int, summary: str) -> None:
        """A new change the user made (not an undo or redo)."""
        self._done.append(Entry(changeset_id, summary))
        self._undone.clear()

    def next_undo(self) -> Entry | None:
        return self._done[-1] if self._done else None

    def next_redo(self) -> Entry | None:
        return self._undone[-1][0] if self._undone else None

    def undone(self, undo_changeset_id: int) -> None:
        """The newest change was undone by ``undo_changeset_id``."""
        entry = self._done.pop()
        self._undone.append((entry, undo_changeset_id))

    def redo_target(self) -> int | None:
        """The changeset whose undoing a redo reverses."""
        return self._undone[-1][1] if self._undone else None

    def redone(self, redo_changeset_id: int) -> None:
        entry, _ = self._undone.pop()
        self._done.append(Entry(redo_changeset_id, entry.summary))

    def __len__(self) -> int:
        return len(self._done)
