"""Writing the tables of a SQLite desk as CSV files at close to the sqlite3 tool's speed.

SQLite does the formatting: one ``printf`` per row builds the whole CSV record (see
``csv_format.sqlite_line``) and ``group_concat`` joins a batch of records into one value, so
Python only moves a few large byte strings per batch to the file (text stays UTF-8 bytes, never
decoded). Batches follow the primary key (``WHERE id > last ORDER BY id LIMIT n``), so memory
stays flat whatever the table's size.

SQLite work does not run in parallel in threads of one process here (the library serializes it),
so an export asked to use several cores runs worker processes, each writing whole tables.
Their connections must read one and the same state of the desk: the coordinator takes the write
lock (so nobody can commit), every worker starts its read transaction, and only then is the
lock released (a WAL reader keeps its snapshot until it ends its transaction).

This module imports only the standard library, so a worker process starts quickly.
"""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

#: Below every rowid SQLite can hold, so the first batch starts at the first row.
_BEFORE_FIRST = -(2**63)
BUSY_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class TableJob:
    table: str
    #: What the file starts with: the byte order mark (Excel profile) and the header row.
    header: bytes
    #: SQL giving one CSV record per row (see csv_format.sqlite_line).
    line_sql: str
    #: Rows per batch.
    batch: int
    #: The file to write.
    path: str
    #: The highest id in the snapshot: progress counts ids done out of it.
    last_id: int
    #: SQL true for a row holding a NUL, which ``line_sql`` (printf) would cut short...
    nul_sql: str = "0"
    #: ...and the record of such a row, built by concatenation (see csv_format).
    exact_sql: str = ""


@dataclass(frozen=True)
class TableWritten:
    table: str
    rows: int
    bytes: int
    sha256: str


class Stopped(Exception):
    """The coordinator asked the export to stop (an error elsewhere, or an interruption)."""


def connect(database: str) -> sqlite3.Connection:
    connection = sqlite3.connect(
        database, isolation_level=None, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
    )
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    return connection


def begin_snapshot(connection: sqlite3.Connection) -> None:
    """Start a read transaction; it sees the desk as it is now until it ends."""
    connection.execute("BEGIN")
    connection.execute("SELECT count(*) FROM sqlite_master").fetchone()


def batch_query(job: TableJob, *, first: bool, exact: bool = False) -> str:
    """One batch of records: count, last id, the CSV text, and whether a row holds a NUL (the
    text is then read again with ``exact``, which builds each record without printf)."""
    if sqlite3.sqlite_version_info >= (3, 44, 0):
        joined = "group_concat(line, '' ORDER BY id)"
    else:  # before 3.44 an aggregate takes the rows in the order the subquery yields them
        joined = "group_concat(line, '')"
    start = ">=" if first else ">"
    line = job.exact_sql if exact else job.line_sql
    return (
        f"SELECT count(*), max(id), {joined}, max(nul) FROM (SELECT id, {line} AS line, "
        f"{job.nul_sql} AS nul FROM {job.table} WHERE id {start} ? ORDER BY id "
        f"LIMIT {job.batch})"
    )


def write_table(
    connection: sqlite3.Connection,
    job: TableJob,
    progress: Callable[[int], None],
    stopped: Callable[[], bool],
) -> TableWritten:
    """Write one table as CSV (in the connection's current transaction); returns what was written.

    ``progress`` receives the id reached after each batch; ``stopped`` is asked between batches.
    """
    previous_factory = connection.text_factory
    connection.text_factory = bytes
    try:
        digest = hashlib.sha256(job.header)
        rows = 0
        size = len(job.header)
        last = _BEFORE_FIRST
        queries = (batch_query(job, first=True), batch_query(job, first=False))
        with open(job.path, "wb") as handle:
            handle.write(job.header)
            while True:
                if stopped():
                    raise Stopped(job.table)
                following = last != _BEFORE_FIRST
                count, reached, data, nul = connection.execute(
                    queries[following], (last,)
                ).fetchone()
                if not count:
                    break
                if nul:  # printf cut a value short at its NUL: build this batch exactly
                    exact = batch_query(job, first=not following, exact=True)
                    data = connection.execute(exact, (last,)).fetchone()[2]
                handle.write(data)
                digest.update(data)
                rows += count
                size += len(data)
                last = reached
                progress(reached)
        return TableWritten(job.table, rows, size, digest.hexdigest())
    finally:
        connection.text_factory = previous_factory


# -- worker processes ------------------------------------------------------------------------------
def worker(
    database: str,
    jobs: Sequence[TableJob],
    next_job: Any,
    reached: Any,
    slot: int,
    results: Any,
    stop: Any,
) -> None:
    """A worker process: open a snapshot, say so, then write tables until none is left.

    ``next_job`` is a shared counter handing out indexes into ``jobs``; ``reached[slot]`` is this
    worker's progress (ids done, over every table it wrote); ``results`` takes its messages.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator decides when to stop
    try:
        connection = connect(database)
        begin_snapshot(connection)
    except BaseException as error:  # reported, never raised in a worker
        results.put(("failed", None, f"{type(error).__name__}: {error}"))
        return
    results.put(("ready", slot))
    done_before = 0
    try:
        while not stop.is_set():
            with next_job.get_lock():
                index = next_job.value
                next_job.value += 1
            if index >= len(jobs):
                break
            job = jobs[index]

            def report(last_id: int, base: int = done_before) -> None:
                reached[slot] = base + last_id

            try:
                written = write_table(connection, job, report, stop.is_set)
            except Stopped:
                break
            except BaseException as error:
                results.put(("failed", job.table, _describe(error)))
                break
            done_before += job.last_id
            reached[slot] = done_before
            results.put(("written", written))
    finally:
        connection.close()
        results.put(("exit", slot, peak_memory()))


def peak_memory() -> int:
    """This process's peak resident memory in bytes (what it used itself, on Linux: VmHWM)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _describe(error: BaseException) -> str:
    if isinstance(error, OSError | sqlite3.Error):
        return f"{type(error).__name__}: {error}"
    return "".join(traceback.format_exception(error)).strip()
