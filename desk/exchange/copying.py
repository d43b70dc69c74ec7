"""Copying a whole desk between databases (SQLite and PostgreSQL), ids and history included.

Every table the schema declares is read in id order and written to the target in dependency
order inside one transaction: PostgreSQL targets take rows through COPY, SQLite targets through
executemany (their search triggers index each row). The target must be an empty desk; a failure
leaves it empty. Afterwards PostgreSQL's id sequences continue after the copied ids.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, func, select

from desk.exchange.errors import ExchangeError
from desk.exchange.progress import Throttle
from desk.store import actor_keys
from desk.store.bulk import continue_sequences, write_rows

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from desk.store import Store

#: Rows read and written at a time.
BATCH = 5000


class CopyRefused(ExchangeError):
    """The copy cannot be made; the target was left empty."""


def cannot_write(target: str, error: BaseException) -> CopyRefused:
    """The target could not be written (a full disk, a server that refused)."""
    detail = getattr(error, "orig", None) or error
    text = str(getattr(detail, "strerror", None) or detail).splitlines()[0]
    return CopyRefused(f"cannot write {target} ({text}: is the disk full?); nothing was copied")


def refuse_nul(source: Store, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL text cannot hold NUL: say which record does, rather than fail midway."""
    names = [column.name for column in table.columns]
    for row in rows:
        for name, value in zip(names, row, strict=True):
            if isinstance(value, str) and "\x00" in value:
                raise CopyRefused(
                    f"{source.location.describe()}: {table.name} #{row[0]} holds U+0000 (NUL) "
                    f"in {name}, which PostgreSQL cannot store; remove it and copy again "
                    "(nothing was copied)"
                )


@dataclass(frozen=True)
class CopyResult:
    rows: dict[str, int]
    seconds: float

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def desk_tables() -> list[Table]:
    """Every table of the schema, each after the tables it points to."""
    from sqlmodel import SQLModel

    import desk.model  # noqa: F401  (registers every table)

    return [table for table in SQLModel.metadata.sorted_tables if table.name != "alembic_version"]


def _count(connection: Connection, table: Table) -> int:
    return int(connection.execute(select(func.count()).select_from(table)).scalar_one())


def batches(connection: Connection, table: Table) -> Iterator[list[tuple[Any, ...]]]:
    """All rows of ``table`` in id order, a batch at a time."""
    result = connection.execution_options(yield_per=BATCH).execute(
        select(table).order_by(table.c.id)
    )
    for partition in result.partitions():
        yield [tuple(row) for row in partition]


def copy_desk(
    source: Store, target: Store, *, progress: Callable[[int, int], None] | None = None
) -> CopyResult:
    """Copy every record and the change log of ``source`` into the empty desk ``target``."""
    started = time.perf_counter()
    tables = desk_tables()
    if source.location.url == target.location.url:
        raise CopyRefused("the source and the target are the same desk")
    with source.engine.connect() as reader, reader.begin():
        counts = {table.name: _count(reader, table) for table in tables}
        throttle = Throttle(progress, sum(counts.values()))
        with target.engine.execution_options(desk_write=True).begin() as writer:
            occupied = [table.name for table in tables if _count(writer, table)]
            if occupied:
                raise CopyRefused(
                    f"{target.location.describe()} already holds a desk (rows in "
                    f"{', '.join(occupied[:4])}); copy into an empty one"
                )
            done = 0
            to_postgresql = writer.dialect.name == "postgresql"
            for table in tables:
                for rows in batches(reader, table):
                    if to_postgresql:
                        refuse_nul(source, table, rows)
                    write_rows(writer, table, rows)
                    done += len(rows)
                    throttle(done)
            continue_sequences(writer, tables)
            actor_keys.rebuild(writer)  # the actors' name index the store keeps (derived data)
    if target.engine.dialect.name == "postgresql":
        # Fresh statistics, or the planner guesses (a million rows read where a hundred would do).
        with target.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as analyzer:
            analyzer.exec_driver_sql("ANALYZE")
    throttle.finish()
    return CopyResult(counts, time.perf_counter() - started)
