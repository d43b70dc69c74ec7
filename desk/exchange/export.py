"""``export_package``: the whole desk as a Data Package, in a folder or a zip.

Files are written under a temporary name beside the target (``.NAME.*.partial``) and renamed
into place only when everything, ``datapackage.json`` included, is complete: an export that
fails or is interrupted leaves no package behind, and a package that existed before is replaced
only at the very end (and only if ``replace`` says so).

On a SQLite file, SQLite formats the CSV (see ``sqlite_export``), in this process unless worker
processes are asked for (they write tables side by side: faster on idle cores, but each costs
its own interpreter's memory and start-up; measured at a million meetings on two shared cores,
one process was leaner and used less CPU). On other databases rows stream through SQLAlchemy
and Python's csv rules. Both give the same bytes for the same desk.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.exchange import csv_format
from desk.exchange.atomic import readable_mode
from desk.exchange.errors import ExportRefused
from desk.exchange.package import DESCRIPTOR, WrittenFile, build_descriptor, dump_descriptor
from desk.exchange.progress import Throttle
from desk.exchange.schema import TableSpec, package_tables
from desk.exchange.targets import check_package_target

if TYPE_CHECKING:
    from desk.store import Store

#: Called with (done, total) as the export goes; see ``export_package``.
Progress = Callable[[int, int], None]

#: Bytes of CSV per batch SQLite hands over (rows per batch follow from the average row).
BATCH_BYTES = 2 * 1024 * 1024
#: Seconds to wait for the workers to open their snapshots.
START_TIMEOUT = 120
#: The date of every zip entry (the earliest a zip can hold): zips differ only when desks do.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ExportResult:
    """What an export wrote."""

    path: Path
    profile: str
    files: tuple[WrittenFile, ...]
    seconds: float
    workers: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    #: The largest peak resident memory of a worker process (0 without workers).
    worker_peak_bytes: int = 0

    @property
    def bytes(self) -> int:
        return sum(written.bytes for written in self.files)


def export_package(
    store: Store,
    path: str | os.PathLike[str],
    *,
    profile: str = "data",
    progress: Progress | None = None,
    replace: bool = False,
    workers: int | None = None,
) -> ExportResult:
    """Write the whole desk as a Data Package at ``path`` (a folder, or a file ending in .zip).

    ``profile`` is "data" (values as stored, no byte order mark) or "excel" (a byte order mark,
    formula-looking text neutralized). ``progress(done, total)`` is called from the calling
    thread as the work goes (units of work: ids exported, then bytes zipped, scaled to one
    total); it may raise to cancel the export, which then leaves nothing behind. An existing
    package at ``path`` is replaced only when ``replace`` is true; a folder that is not a package
    is never replaced. ``workers`` (SQLite files only) sets the number of worker processes; by
    default (None or 0) this process writes everything: SQLite does the work either way, and
    each worker would add its own interpreter and page cache (memory summed over processes)
    and its start-up (CPU) for a gain in wall time only on idle cores. Safe to call from a
    worker thread.
    """
    started = time.perf_counter()
    csv_format.check_profile(profile)
    target = Path(path).expanduser().absolute()
    as_zip = target.suffix.lower() == ".zip"
    check_package_target(target, as_zip=as_zip, replace=replace)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = _temporary_folder(target)
    except OSError as error:
        raise ExportRefused(f"cannot write beside {target}: {error.strerror or error}") from error
    throttle = Throttle(progress)
    try:
        files, used, peak = _write_tables(
            store, staging, profile, throttle, workers, zipping=as_zip
        )
        descriptor = dump_descriptor(build_descriptor(profile, files))
        (staging / DESCRIPTOR).write_bytes(descriptor)
        if as_zip:
            _zip_into_place(staging, target, files, throttle)
        else:
            _move_into_place(staging, target)
        throttle.finish()
    except OSError as error:  # a full disk (EFBIG, ENOSPC), a folder that went away
        kept = " (what was there is as it was)" if target.exists() else ""
        raise ExportRefused(
            f"cannot write the export to {target}: {error.strerror or error}; nothing was "
            f"written{kept}"
        ) from error
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ExportResult(
        path=target,
        profile=profile,
        files=tuple(files),
        seconds=time.perf_counter() - started,
        workers=used,
        rows={written.spec.name: written.rows for written in files},
        worker_peak_bytes=peak,
    )


def _temporary_folder(target: Path) -> Path:
    """A new folder beside ``target`` whose name says it is an unfinished export."""
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))


def _move_into_place(staging: Path, target: Path) -> None:
    """Rename the finished package onto ``target`` (an absent or empty folder, or a package)."""
    old = None
    if target.exists():
        if any(target.iterdir()):
            old = target.with_name(f".{target.name}.{os.getpid()}.replaced")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(target, old)
        else:
            target.rmdir()
    try:
        os.chmod(staging, readable_mode(folder=True))
        os.replace(staging, target)
    except BaseException:
        if old is not None:
            os.replace(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _zip_into_place(
    staging: Path, target: Path, files: list[WrittenFile], throttle: Throttle
) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        # The zip's share of the work comes last: half the total, counted in bytes zipped.
        size = max(1, sum(written.bytes for written in files))
        base = throttle.total - throttle.total // 2
        share = throttle.total // 2
        done = 0
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            archive.writestr(_member(DESCRIPTOR), (staging / DESCRIPTOR).read_bytes())
            for written in files:
                source = staging / written.spec.file_name
                with (
                    source.open("rb") as reading,
                    archive.open(_member(written.spec.file_name), "w", force_zip64=True) as writing,
                ):
                    while chunk := reading.read(4 * 1024 * 1024):
                        writing.write(chunk)
                        done += len(chunk)
                        throttle(base + share * done // size)
        os.chmod(temporary, readable_mode())
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _member(name: str) -> zipfile.ZipInfo:
    """A zip entry with a fixed date, so the same desk always gives the same zip, byte for byte."""
    member = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    member.compress_type = zipfile.ZIP_DEFLATED
    member.external_attr = 0o644 << 16
    return member


# -- writing the tables ----------------------------------------------------------------------------
def _write_tables(
    store: Store,
    staging: Path,
    profile: str,
    throttle: Throttle,
    workers: int | None,
    *,
    zipping: bool,
) -> tuple[list[WrittenFile], int, int]:
    """The tables written, the worker processes used and their peak memory (bytes, largest)."""
    specs = package_tables()
    excel = profile == "excel"
    location = store.location
    if location.is_sqlite and location.path is not None:
        return _write_sqlite(location.path, staging, specs, excel, throttle, workers, zipping)
    return _write_generic(store, staging, specs, excel, throttle, zipping), 0, 0


def _header(spec: TableSpec, excel: bool) -> bytes:
    return ((csv_format.BOM if excel else "") + csv_format.header_line(spec)).encode("utf-8")


def _write_sqlite(
    database: Path,
    staging: Path,
    specs: tuple[TableSpec, ...],
    excel: bool,
    throttle: Throttle,
    workers: int | None,
    zipping: bool,
) -> tuple[list[WrittenFile], int, int]:
    from desk.exchange import sqlite_export

    lock = sqlite_export.connect(str(database))
    try:
        try:
            lock.execute("BEGIN IMMEDIATE")  # nobody commits until every reader has its snapshot
        except sqlite3.OperationalError as error:
            if "readonly" not in str(error):
                raise ExportRefused(f"cannot read {database} for export: {error}") from error
            # A desk nobody may write to cannot change under one reader: no lock, no workers.
            lock.execute("BEGIN")
            workers = 0
        jobs = _plan(lock, staging, specs, excel)
        total_ids = sum(job.last_id for job in jobs)
        throttle.total = total_ids * 2 if zipping else total_ids  # zipping is the second half
        if workers is None or workers <= 1:
            reader = sqlite_export.connect(str(database))
            try:
                sqlite_export.begin_snapshot(reader)
                lock.execute("ROLLBACK")
                written = _write_in_process(reader, jobs, throttle)
            finally:
                reader.close()
            used = peak = 0
        else:
            written, peak = _write_in_workers(str(database), jobs, workers, lock, throttle)
            used = workers
    finally:
        if lock.in_transaction:
            lock.execute("ROLLBACK")
        lock.close()
    by_table = {w.table: w for w in written}
    files = []
    for spec in specs:
        table = by_table[spec.name]
        files.append(WrittenFile(spec, table.rows, table.bytes, table.sha256))
    return files, used, peak


def _plan(connection: Any, staging: Path, specs: tuple[TableSpec, ...], excel: bool) -> list[Any]:
    """One job per table, largest first (estimated from a sample of rows)."""
    from desk.exchange import sqlite_export

    jobs = []
    for spec in specs:
        line = csv_format.sqlite_line(spec, excel=excel)
        last_id, average = connection.execute(
            f"SELECT (SELECT coalesce(max(id), 0) FROM {spec.name}), "
            f"(SELECT avg(length(CAST(line AS BLOB))) FROM "
            f"(SELECT {line} AS line FROM {spec.name} ORDER BY id LIMIT 200))"
        ).fetchone()
        average = average or 100
        jobs.append(
            sqlite_export.TableJob(
                table=spec.name,
                header=_header(spec, excel),
                line_sql=line,
                batch=max(16, min(20_000, int(BATCH_BYTES / average))),
                path=str(staging / spec.file_name),
                last_id=last_id,
                nul_sql=csv_format.sqlite_has_nul(spec),
                exact_sql=csv_format.sqlite_exact_line(spec, excel=excel),
            )
        )
    jobs.sort(key=lambda job: -job.last_id * _average(job))
    return jobs


def _average(job: Any) -> float:
    return BATCH_BYTES / job.batch


def _write_in_process(reader: Any, jobs: list[Any], throttle: Throttle) -> list[Any]:
    from desk.exchange import sqlite_export

    written = []
    done_before = 0
    for job in jobs:
        written.append(
            sqlite_export.write_table(
                reader, job, lambda last, base=done_before: throttle(base + last), lambda: False
            )
        )
        done_before += job.last_id
        throttle(done_before)
    return written


def _write_in_workers(
    database: str, jobs: list[Any], count: int, lock: Any, throttle: Throttle
) -> tuple[list[Any], int]:
    """Run ``count`` worker processes over ``jobs``; release ``lock`` once all read one snapshot."""
    import multiprocessing
    import queue

    from desk.exchange import sqlite_export

    context = multiprocessing.get_context("spawn")  # never fork a process that may run threads
    next_job = context.Value("q", 0)
    reached = context.Array("q", count)
    results = context.Queue()
    stop = context.Event()
    processes = [
        context.Process(
            target=sqlite_export.worker,
            args=(database, jobs, next_job, reached, slot, results, stop),
            daemon=True,
            name=f"desk-export-{slot}",
        )
        for slot in range(count)
    ]
    written: list[Any] = []
    failure: str | None = None
    exited = 0
    peaks: list[int] = []
    try:
        for process in processes:
            process.start()
        ready = 0
        deadline = time.monotonic() + START_TIMEOUT
        while exited < count:
            try:
                message = results.get(timeout=0.1)
            except queue.Empty:
                message = None
                if ready < count and time.monotonic() > deadline:
                    failure = "the export's worker processes did not start"
                    stop.set()
                if not any(p.is_alive() for p in processes) and results.empty():
                    failure = failure or "an export worker process ended unexpectedly"
                    break
            if message is not None:
                kind = message[0]
                if kind == "ready":
                    ready += 1
                    if ready == count and lock.in_transaction:
                        lock.execute("ROLLBACK")  # every worker has its snapshot: let writers in
                elif kind == "written":
                    written.append(message[1])
                elif kind == "failed":
                    table = f" {message[1]}" if message[1] else ""
                    failure = failure or f"writing the table{table} failed: {message[2]}"
                    stop.set()
                elif kind == "exit":
                    exited += 1
                    peaks.append(message[2])
            if failure is None:
                throttle(sum(reached[:]))
    except BaseException:
        stop.set()
        raise
    finally:
        stop.set()
        for process in processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
        results.close()
    if failure is not None or len(written) != len(jobs):
        raise ExportRefused(f"the export failed: {failure or 'a table was not written'}")
    return written, max(peaks, default=0)


def _write_generic(
    store: Store,
    staging: Path,
    specs: tuple[TableSpec, ...],
    excel: bool,
    throttle: Throttle,
    zipping: bool,
) -> list[WrittenFile]:
    """Any database: rows through SQLAlchemy, formatted by Python (same bytes as SQLite's path)."""
    import csv
    import hashlib

    from sqlalchemy import MetaData, Table, func, select

    metadata = MetaData()
    connection = store.engine.connect()
    if connection.dialect.name != "sqlite":
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
    files = []
    with connection, connection.begin():  # one transaction: one consistent state of the desk
        tables = {spec.name: Table(spec.name, metadata, autoload_with=connection) for spec in specs}
        last_ids = {
            name: connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
            for name, table in tables.items()
        }
        total = sum(last_ids.values())
        throttle.total = total * 2 if zipping else total
        done_before = 0
        for spec in specs:
            table = tables[spec.name]
            path = staging / spec.file_name
            header = _header(spec, excel)
            digest = hashlib.sha256(header)
            rows = 0
            with path.open("wb") as handle:
                handle.write(header)
                buffer = _LineBuffer()
                writer = csv.writer(buffer, lineterminator=csv_format.LINE_END)
                columns = spec.columns
                query = select(*(table.c[c.name] for c in columns)).order_by(table.c.id)
                result = connection.execution_options(yield_per=2000).execute(query)
                for partition in result.partitions():
                    writer.writerows(
                        [
                            csv_format.format_value(value, column, excel=excel)
                            for value, column in zip(row, columns, strict=True)
                        ]
                        for row in partition
                    )
                    data = buffer.take()
                    handle.write(data)
                    digest.update(data)
                    rows += len(partition)
                    throttle(done_before + partition[-1][0])
            done_before += last_ids[spec.name]
            files.append(WrittenFile(spec, rows, path.stat().st_size, digest.hexdigest()))
    return files


class _LineBuffer:
    """A file-like sink for csv.writer that hands back what was written as UTF-8 bytes."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def take(self) -> bytes:
        data = "".join(self.parts).encode("utf-8")
        self.parts.clear()
        return data
