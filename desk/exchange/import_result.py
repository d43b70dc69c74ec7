"""What an import did (or, for a dry run, would do): ``ImportResult`` and its conflicts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desk.exchange.staging import Cleaned


@dataclass(frozen=True)
class RecordConflict:
    """A record of the package that was not added, and why."""

    table: str
    record_id: int
    #: The line of the package's file the record starts on.
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.table}.csv" + (f", line {self.line}" if self.line else "")
        return f"{where}: {self.table} #{self.record_id} {self.reason}"


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    path: Path
    #: "restore" (into an empty desk) or "merge" (into a desk with records).
    mode: str
    #: The profile the package was made with ("data" or "excel").
    profile: str
    added: dict[str, int]
    unchanged: dict[str, int]
    conflict_counts: dict[str, int]
    #: The first conflicts, in table and file order (``conflict_counts`` counts them all).
    conflicts: tuple[RecordConflict, ...]
    #: The changeset recording a merge (0 for a restore, a dry run, or when nothing was added).
    changeset_id: int
    dry_run: bool
    #: "restored" (the package's change log became the desk's) or "kept" (the desk's own).
    history: str
    seconds: float = 0.0
    package_changesets: int = 0
    #: Worker processes that loaded large files (a large restore), and their largest peak memory.
    workers: int = 0
    worker_peak_bytes: int = 0
    #: Staging folders left by imports that were killed, removed before this one began.
    cleaned: tuple[Cleaned, ...] = ()

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_conflicts(self) -> int:
        return sum(self.conflict_counts.values())
