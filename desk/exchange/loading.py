"""Loading one CSV file of a package into a SQLite table, and saying exactly what went wrong.

``Loader.load`` streams a file's records from the csv module into ``executemany``; SQL converts
each value (``csv_format.sqlite_reader``). When SQLite stops (a timestamp that is not one, a
record with a field too many, a missing required value, a duplicate key), the record is found
again in the file and the error names its line and column.

A large restore loads its biggest files in worker processes (``worker``), each into a scratch
SQLite file of its own that the importing connection then copies from: parsing and converting,
most of an import's work, then run on every core. This module imports no database layer beyond
sqlite3, so a worker starts quickly.
"""

from __future__ import annotations

import re
import signal
import sqlite3
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from desk.exchange import csv_format
from desk.exchange.errors import InvalidData, PackageError
from desk.exchange.package import PackageSource, Resource
from desk.exchange.reading import (
    UNREADABLE,
    check_hash,
    locate_id,
    locate_record,
    locate_unreadable,
    open_rows,
)
from desk.exchange.schema import MISSING, TableSpec


class _InvalidValue(Exception):
    """Raised inside SQLite by desk_datetime(): a value that is not a timestamp."""


def is_disk_problem(error: BaseException) -> bool:
    """Whether SQLite failed to write (a full disk, a file size limit), not to take a record."""
    message = str(error)
    return isinstance(error, sqlite3.OperationalError) and (
        "disk" in message or "full" in message or "unable to open" in message
    )


def shown(value: Any) -> str:
    """A value as an error message shows it."""
    if value is None:
        return f"{MISSING} (missing)"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    if len(text) > 60:
        text = text[:59] + "…"
    return repr(text)


class Loader:
    """Loads files of one package into tables of one SQLite connection."""

    def __init__(self, db: sqlite3.Connection, source: PackageSource, *, excel: bool) -> None:
        self.db = db
        self.source = source
        self.excel = excel
        self.failure: tuple[int, str] | None = None
        db.create_function("desk_datetime", 2, self._datetime, deterministic=True)

    def _datetime(self, parameter: int, value: str) -> str:
        """desk_datetime(): a timestamp in another ISO 8601 form, as stored; or stop, noting it."""
        stored = csv_format.read_datetime(value)
        if stored is None:
            self.failure = (parameter, value)
            raise _InvalidValue(value)
        return stored

    def load(self, resource: Resource, target: str, counted: Callable[[int], None]) -> int:
        """Stream ``resource`` into the table ``target``; returns the rows loaded."""
        spec = resource.spec
        db = self.db
        unreadable: BaseException | None = None
        with open_rows(self.source, resource, counted) as opened:
            positions = opened.positions
            readers = []
            first_timestamp: int | None = None
            for column in spec.columns:
                parameter = positions[column.name] + 1
                readers.append(
                    csv_format.sqlite_reader(
                        column, parameter, excel=self.excel, same_as=first_timestamp
                    )
                )
                if column.kind == "datetime" and first_timestamp is None:
                    first_timestamp = parameter
            sql = (
                f"INSERT INTO {target} ({', '.join(spec.column_names)}) "
                f"VALUES ({', '.join(readers)})"
            )
            before = db.total_changes
            self.failure = None
            try:
                db.executemany(sql, opened.rows)
            except UNREADABLE as error:
                # Located once this reader (and the field it holds, up to 128 MB) is gone.
                unreadable = error.with_traceback(None)
            except sqlite3.Error as error:
                self._failed(resource, error, db.total_changes - before + 1, positions)
            else:
                check_hash(resource, opened)
        del opened
        if unreadable is not None:
            raise locate_unreadable(self.source, resource, unreadable) from unreadable
        return db.total_changes - before

    def _failed(
        self, resource: Resource, error: sqlite3.Error, record: int, positions: dict[str, int]
    ) -> NoReturn:
        if is_disk_problem(error):
            raise error  # the desk's disk, not the record: the importer says so
        spec = resource.spec
        located = locate_record(self.source, resource, record)
        line = located.line if located else None
        fields = located.fields if located else []
        message = str(error)
        if isinstance(error, sqlite3.ProgrammingError) and "bindings" in message:
            raise InvalidData(
                resource.path,
                f"expected {len(spec.columns)} fields, as the header names, but found "
                f"{len(fields)}",
                line=line,
            ) from error
        if self.failure is not None:
            parameter, value = self.failure
            by_position = {position + 1: name for name, position in positions.items()}
            column = spec.column(by_position[parameter])
            raise InvalidData(
                resource.path,
                f"expected {csv_format.EXPECTED[column.kind]}, got {shown(value)}",
                line=line,
                column=column.name,
            ) from error
        values = self.values(spec, positions, fields)
        raise self._constraint(resource, message, values, line) from error

    def values(
        self, spec: TableSpec, positions: dict[str, int], fields: list[str]
    ) -> dict[str, Any]:
        """A record's fields as the values they stand for (for messages and lookups)."""
        values: dict[str, Any] = {}
        for column in spec.columns:
            position = positions[column.name]
            raw = fields[position] if position < len(fields) else MISSING
            if column.kind == "string":
                values[column.name] = csv_format.unescape_text(raw, excel=self.excel)
            elif raw == MISSING:
                values[column.name] = None
            elif column.kind == "integer":
                values[column.name] = int(raw) if re.fullmatch(r"-?\d+", raw) else raw
            else:
                values[column.name] = raw
        return values

    def _constraint(
        self, resource: Resource, message: str, values: dict[str, Any], line: int | None
    ) -> InvalidData:
        """The rule a record broke, from SQLite's message, in the user's terms."""
        if message.startswith("NOT NULL constraint failed"):
            column = message.rsplit(".", 1)[-1]
            return InvalidData(
                resource.path,
                f"a value is required, but the field is {MISSING} (missing)",
                line=line,
                column=column,
            )
        if message.startswith("UNIQUE constraint failed"):
            columns = [part.split(".")[-1].strip() for part in message.split(":", 1)[1].split(",")]
            return self.duplicate(resource, columns, values, line)
        if message == "datatype mismatch":  # an id SQLite cannot hold as a whole number
            return InvalidData(
                resource.path,
                f"expected {csv_format.EXPECTED['integer']}, got {shown(values.get('id'))}",
                line=line,
                column="id",
            )
        return InvalidData(resource.path, f"the desk refused the record ({message})", line=line)

    def duplicate(
        self,
        resource: Resource,
        columns: list[str],
        values: dict[str, Any],
        line: int | None,
        first_line: int | None = None,
    ) -> InvalidData:
        if columns == ["id"]:
            if first_line is None:
                first = locate_id(self.source, resource, values["id"])
                first_line = first.line if first else None
            earlier = f" (it is first used on line {first_line})" if first_line else ""
            return InvalidData(
                resource.path,
                f"the id {values['id']} appears twice{earlier}; ids must be unique",
                line=line,
                column="id",
            )
        listed = ", ".join(f"{c} {shown(values.get(c))}" for c in columns)
        earlier = f" (line {first_line})" if first_line else ""
        return InvalidData(
            resource.path,
            f"another record{earlier} already has {listed}; no two records of {resource.path} "
            f"may share {', '.join(columns)}",
            line=line,
            column=columns[-1],
        )


def scratch_table(spec: TableSpec) -> str:
    """DDL of a table holding a file's rows as the desk will (its affinities and NOT NULLs)."""
    columns = ", ".join(
        f"{column.name} {csv_format.SQLITE_AFFINITY[column.kind]}"
        + (" NOT NULL" if column.required else "")
        for column in spec.columns
    )
    return f"CREATE TABLE {spec.name} ({columns})"


# -- worker processes ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LoadJob:
    """A file for a worker to load: its resource (as the importer read the descriptor, so the
    worker needs no model or SQLAlchemy to know its columns) and the scratch file to fill."""

    resource: Resource
    excel: bool
    #: The scratch database file to write the table into.
    scratch: str

    @property
    def table(self) -> str:
        return self.resource.spec.name


def worker(
    package: str,
    jobs: Sequence[LoadJob],
    next_job: Any,
    progress: Any,
    slot: int,
    results: Any,
    stop: Any,
) -> None:
    """A worker process: load tables of the package into scratch files until none is left.

    ``next_job`` hands out indexes into ``jobs``; ``progress[slot]`` counts the bytes read;
    ``results`` takes ("loaded", table, rows), ("invalid", file, problem, line, column),
    ("failed", message) and finally ("exit", slot, peak memory in bytes).
    """
    from desk.exchange.package import open_source
    from desk.exchange.sqlite_export import peak_memory

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the importer decides when to stop
    source = None
    try:
        source = open_source(Path(package))
        while not stop.is_set():
            with next_job.get_lock():
                index = next_job.value
                next_job.value += 1
            if index >= len(jobs):
                break
            job = jobs[index]

            def counted(size: int) -> None:
                progress[slot] += size
                if stop.is_set():
                    raise _Stopped

            rows = _load_scratch(source, job.resource, job.scratch, job.excel, counted)
            results.put(("loaded", job.table, rows))
    except _Stopped:
        pass
    except InvalidData as invalid:
        results.put(("invalid", invalid.file, invalid.problem, invalid.line, invalid.column))
    except PackageError as refused:  # a damaged zip member: one line says so
        results.put(("refused", str(refused)))
    except BaseException as error:  # reported to the importer, never raised in a worker
        if is_disk_problem(error):
            problem = f"cannot write the import's scratch files ({error}: is the disk full?)"
            results.put(("refused", f"{problem}; nothing was imported"))
            return
        results.put(("failed", "".join(traceback.format_exception(error)).strip()))
    finally:
        if source is not None:
            source.close()
        results.put(("exit", slot, peak_memory()))


class _Stopped(Exception):
    pass


def _load_scratch(
    source: PackageSource,
    resource: Resource,
    path: str,
    excel: bool,
    counted: Callable[[int], None],
) -> int:
    """Load a file into a scratch database and check what its rows must be by themselves (the
    importer checks their references once it has copied them into the desk)."""
    from desk.exchange.checks import Checks, Loaded, row_rules

    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = OFF")  # a scratch file: thrown away on failure
        connection.execute("PRAGMA synchronous = OFF")
        connection.execute("BEGIN")
        spec = resource.spec
        connection.execute(scratch_table(spec))
        rows = Loader(connection, source, excel=excel).load(resource, spec.name, counted)
        connection.execute("COMMIT")
        loaded = Loaded(resource, f"main.{spec.name}", by_record=True, rows=rows)
        checks = Checks(connection, source)
        checks.scan(loaded, row_rules(spec))
        checks.rows(loaded)
        return rows
    finally:
        connection.close()
