"""Errors the store raises for things a user can cause. Each message says what and where.

Every one of them is raised before anything is written, or rolls the transaction back: an error
never leaves a half-done change behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

# Re-exported: the store's callers catch it from here.
from desk.errors import DeskError as DeskError


class DatabaseRefused(DeskError):
    """The file or server at a location cannot be opened as a desk; nothing was changed."""


class NotADeskDatabase(DatabaseRefused):
    pass


class NewerDatabase(DatabaseRefused):
    pass


class DamagedDatabase(DatabaseRefused):
    """The file is damaged (SQLite says "malformed"): desk refuses to write to it."""


class CannotWrite(DeskError):
    """The database could not be written (read-only, disk full, an I/O error); nothing was saved."""


class CannotConnect(DatabaseRefused):
    """The database server could not be reached, or refused the connection."""


class NotFound(DeskError):
    def __init__(self, kind: str, record_id: int) -> None:
        super().__init__(f"there is no {kind} #{record_id}")
        self.kind = kind
        self.record_id = record_id


class InvalidField(DeskError):
    """A value a record cannot hold; ``field`` names the field so a form can point at it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class Conflict(DeskError):
    """Someone else changed (or deleted) the record since it was read; nothing was written."""

    def __init__(
        self, kind: str, record_id: int, expected: int, current: dict[str, Any] | None
    ) -> None:
        if current is None:
            message = f"{kind} #{record_id} was deleted by someone else; nothing was saved"
        else:
            message = (
                f"{kind} #{record_id} was changed by someone else (you edited version {expected}, "
                f"it is now at version {current['version']}); nothing was saved"
            )
        super().__init__(message)
        self.kind = kind
        self.record_id = record_id
        self.expected = expected
        self.current = current


class Busy(DeskError):
    """Someone else's write got in the way at the same moment (a deadlock, a lock timeout)."""


class HasDependents(DeskError):
    """Deleting would leave other records pointing at nothing; lists what depends on the record."""

    def __init__(self, label: str, dependents: Sequence[str]) -> None:
        listed = "; ".join(dependents)
        super().__init__(
            f"{label} cannot be deleted on its own: {listed}. "
            "Delete with its dependents (they are listed above) or unlink them first"
        )
        self.label = label
        self.dependents = list(dependents)


class QuoteNotFound(DeskError):
    pass


class AmbiguousQuote(DeskError):
    def __init__(self, message: str, offsets: Sequence[int]) -> None:
        super().__init__(message)
        self.offsets = list(offsets)


class AlreadyLinked(DeskError):
    pass


class MergeRefused(DeskError):
    pass


class UndoRefused(DeskError):
    pass
