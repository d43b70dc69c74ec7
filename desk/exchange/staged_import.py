"""Importing into a desk on a server (PostgreSQL): check and merge in SQLite, then apply.

The importer validates and merges inside SQLite (see ``import_``). For a desk elsewhere, the desk
is first copied into a scratch SQLite desk, the package imported there with every check, and
the rows the import added are then written to the real desk in one transaction. If someone else
added rows with the same ids in the meantime, that transaction fails and nothing is written.
"""

from __future__ import annotations

import shutil
from array import array
from bisect import bisect_left
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Table, select

from desk.exchange import staging as staging_folders
from desk.exchange.copying import copy_desk, desk_tables
from desk.exchange.errors import PackageError
from desk.store import actor_keys
from desk.store.bulk import continue_sequences, write_rows

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from desk.exchange.import_ import ImportResult
    from desk.store import Store

#: Rows written at a time.
BATCH = 5000


def _ids(connection: Connection, table: Table) -> array[int]:
    """The table's ids, sorted (8 bytes each: a million-meeting desk fits in a few MB)."""
    ids: array[int] = array("q")
    result = connection.execution_options(yield_per=BATCH).execute(
        select(table.c.id).order_by(table.c.id)
    )
    for partition in result.partitions():
        ids.extend(row[0] for row in partition)
    return ids


def _contains(ids: array[int], value: int) -> bool:
    position = bisect_left(ids, value)
    return position < len(ids) and ids[position] == value


def import_through_sqlite(
    store: Store,
    path: Path,
    *,
    progress: Callable[[int, int], None] | None,
    dry_run: bool,
) -> ImportResult:
    from desk.exchange.import_ import import_package
    from desk.store import Store

    scratch = staging_folders.make(staging_folders.TEMPORARY_PREFIX)
    try:
        with Store.open(scratch / "staging.sqlite", author=store.author) as staging:
            copy_desk(store, staging)
            tables = desk_tables()
            with staging.engine.connect() as reader:
                before = {table.name: _ids(reader, table) for table in tables}
            result = import_package(staging, path, progress=progress, dry_run=dry_run)
            if dry_run or not (result.total_added or result.history == "restored"):
                return result
            try:
                with (
                    staging.engine.connect() as reader,
                    store.engine.execution_options(desk_write=True).begin() as writer,
                ):
                    for table in tables:
                        existing = before[table.name]
                        result_rows = reader.execution_options(yield_per=BATCH).execute(
                            select(table).order_by(table.c.id)
                        )
                        for partition in result_rows.partitions():
                            new = [
                                tuple(row) for row in partition if not _contains(existing, row[0])
                            ]
                            if new:
                                write_rows(writer, table, new)
                    continue_sequences(writer, tables)
                    actor_keys.rebuild(writer)  # the actors' name index the store keeps
            except Exception as error:
                raise PackageError(
                    f"{store.location.describe()} changed while the package was being checked "
                    f"({type(error).__name__}); nothing was imported: try again"
                ) from error
            return result
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
