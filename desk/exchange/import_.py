"""``import_package``: load a package into an empty desk, or merge it into a desk with records.

Restore (the desk holds no records and no history yet): every file is loaded as it is, ids kept,
change log included, so the desk becomes the one that was exported, and exporting it again gives
the same bytes. No changeset is added: the package's history is the desk's history.

Merge (the desk holds records): records are matched by id. A record the desk lacks is added; one
it holds identically is left as it is; one it holds differently is a conflict: the desk's
version is kept and the conflict is reported (file, line, id, the fields that differ), never
overwritten. A record whose unique key (an actor's alias, a participant, an agenda link) the
desk holds under another id is a conflict too, and so is a record that depends on one that was
not added. The package's change log is checked but not merged (its ids number another desk's
history); the import itself is recorded as one changeset with an "insert" change per added
record (the row as JSON, as the store records it), so ``Store.undo`` can take a merge back.

All or nothing: everything happens in one transaction that holds the desk's write lock, and is
checked while it loads: the CSV syntax, UTF-8, each file's size and hash, the header, every
value's type, required values, vocabularies and the desk's other rules (CHECK constraints),
duplicate ids and keys, references between files, partial dates (canonical text agreeing with
its precision and earliest/latest days), each source's SHA-256 and each quote's place in its
source. The first problem stops the import with a message naming the file, the line, the column
and what was expected, and the rollback leaves the desk exactly as it was. ``dry_run`` does all
of it and rolls back, reporting what would have been added and what conflicts.

Speed: rows go from Python's csv module straight into SQLite by ``executemany``, converted by
SQL (``csv_format.sqlite_reader``, see ``loading``); each table is then checked in one pass
(``checks``) rather than row by row. A restore drops the tables' indexes and search triggers
while it loads and rebuilds each table's as soon as that table is complete (within the same
transaction). A restore can load its large files in worker processes, one scratch SQLite file per
file beside the desk, which the importer attaches and copies in dependency order (off by
default: see ``restore.PARALLEL_THRESHOLD_BYTES``).

Rooms: ``import_`` runs the transaction and picks the mode; ``restore`` and ``merge`` hold the
two modes, ``import_steps`` what they share, ``import_workers`` the worker processes, and
``import_result`` what an import reports. Rows a merge adds are written by the store
(``desk.store.bulk``), recorded in the change log as the store records every edit.

Imports run in SQLite: a desk on a server is imported through a scratch SQLite copy of it
(``staged_import``).
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from desk.exchange import staging
from desk.exchange.checks import Checks
from desk.exchange.errors import InvalidData, PackageError
from desk.exchange.import_result import ImportResult, RecordConflict
from desk.exchange.import_steps import FINISHING_SHARE
from desk.exchange.loading import Loader, is_disk_problem
from desk.exchange.merge import Merging
from desk.exchange.package import open_source
from desk.exchange.progress import Throttle
from desk.exchange.reading import check_size
from desk.exchange.restore import Restoring
from desk.store.database import begin_bulk, end_bulk

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desk.store import Store

Progress = Callable[[int, int], None]

__all__ = ["ImportResult", "Progress", "RecordConflict", "import_package"]


def import_package(
    store: Store,
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import the package at ``path`` (a folder, its datapackage.json, or a .zip) into ``store``.

    Restores into an empty desk, merges into one with records (see the module's documentation).
    Raises a DeskError subclass (PackageError, InvalidData with file, line and column) when the
    package cannot be imported; the desk is then exactly as it was. ``progress(done, total)`` is
    called from the calling thread (units: bytes read, then the finishing work); if it raises,
    the import is rolled back. Safe to call from a worker thread.
    """
    started = time.perf_counter()
    location = Path(path).expanduser().absolute()
    desk = store.location.path
    cleaned = tuple(staging.clean_stale(desk.parent if desk is not None else None))
    if store.engine.dialect.name != "sqlite":
        # Checked and merged in a scratch SQLite copy of the desk, then applied (staged_import).
        from desk.exchange.staged_import import import_through_sqlite

        result = import_through_sqlite(store, location, progress=progress, dry_run=dry_run)
        return replace(result, cleaned=cleaned + result.cleaned)
    source = open_source(location)
    try:
        info = source.info()
        sizes = {resource.spec.name: check_size(source, resource) for resource in info.resources}
        total = sum(sizes.values())
        throttle = Throttle(progress, total + total // FINISHING_SHARE)
        importer = _Importer(store, source, info, throttle, dry_run=dry_run)
        try:
            result = importer.run(location)
        except InvalidData as error:
            # Damaged bytes can read as a broken row before the zip's CRC is checked: say so.
            damage = source.damage_in(error.file)
            if damage is not None:
                raise damage from error
            raise
        throttle.finish()
    finally:
        source.close()
    return replace(result, seconds=time.perf_counter() - started, cleaned=cleaned)


class _Importer(Restoring, Merging):
    """One import: a transaction holding the desk's write lock, then a restore or a merge."""

    def run(self, location: Path) -> ImportResult:
        pooled = self.store.engine.raw_connection()
        db: sqlite3.Connection = pooled.driver_connection  # type: ignore[assignment]
        self.db = db
        self.loader = Loader(db, self.source, excel=self.excel)
        self.checks = Checks(db, self.source)
        # Types, CHECK constraints and foreign keys are checked by one pass over each table once
        # it is loaded (see _scan), not row by row as it loads: several times faster. (PRAGMA
        # foreign_keys only changes outside a transaction.)
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("PRAGMA ignore_check_constraints = ON")
        begin_bulk(db)  # synchronous=NORMAL while loading; end_bulk checkpoints (and syncs)
        try:
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise PackageError(
                    f"the desk is busy ({error}): another program is writing to it; try again"
                ) from error
            try:
                result = self._restore(location) if self._is_empty() else self._merge(location)
                started = time.perf_counter()
                db.execute("ROLLBACK" if self.dry_run else "COMMIT")
                log.debug("import ended in %.2f s", time.perf_counter() - started)
            except sqlite3.Error as error:
                if is_disk_problem(error):
                    raise PackageError(
                        f"cannot write to {self.store.location.describe()} ({error}: is the "
                        "disk full?); nothing was imported"
                    ) from error
                raise PackageError(
                    f"the desk refused the import ({error}); nothing was imported"
                ) from error
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
            for alias in self.attached:
                db.execute(f"DETACH DATABASE {alias}")
            if self.scratch is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)
            self._drop_stages()
            db.execute("PRAGMA ignore_check_constraints = OFF")
            db.execute("PRAGMA foreign_keys = ON")
            end_bulk(db)
            pooled.close()
        return result
