"""``desk check``: everything a desk promises about itself, verified, each problem named.

The file's integrity (SQLite), foreign keys, the search indexes against their tables, every
quote at its offsets in its source, every source's text against its SHA-256, and every date's
earliest day against its latest. Each check reads only; a problem names the table, the record
and what is wrong. Works on SQLite and PostgreSQL (the search-index check is FTS5 on one,
pg_trgm indexes on the other).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from desk.store.errors import DeskError
from desk.store.search import SEARCHED_COLUMNS

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from desk.store.store import Store

#: Problems reported per check at most (a badly broken desk would otherwise print millions).
LIMIT = 200
#: Tables with a partial date (desk.model.tables.PartialDateColumns).
DATED_TABLES = ("meeting", "source")


@dataclass(frozen=True)
class Problem:
    """Something wrong in ``table`` (at record ``record_id`` when one record is to blame)."""

    table: str
    record_id: int | None
    what: str

    def __str__(self) -> str:
        where = self.table if self.record_id is None else f"{self.table} #{self.record_id}"
        return f"{where}: {self.what}"


def check(store: Store, *, limit: int = LIMIT) -> list[Problem]:
    """Every problem found on ``store`` (up to ``limit`` per check), in the order checked."""
    steps: list[tuple[str, Callable[[Connection], Iterator[Problem]]]] = [
        ("integrity", _integrity),
        ("foreign keys", _foreign_keys),
        ("search indexes", lambda connection: _search_indexes(store, connection)),
        ("quotes", _quotes),
        ("hashes", _hashes),
        ("dates", _dates),
    ]
    problems: list[Problem] = []
    for name, step in steps:
        try:
            with store.engine.connect() as connection, connection.begin():
                for count, problem in enumerate(step(connection)):
                    if count >= limit:
                        problems.append(Problem(problem.table, None, f"more {name} problems"))
                        break
                    problems.append(problem)
        except (DBAPIError, sqlite3.Error, DeskError) as error:
            detail = " ".join(str(getattr(error, "orig", None) or error).split())
            problems.append(Problem("database", None, f"the {name} check stopped: {detail}"))
    return problems


def _integrity(connection: Connection) -> Iterator[Problem]:
    if connection.dialect.name != "sqlite":
        return  # PostgreSQL checks its own pages; there is no cheap equivalent to ask for
    for (message,) in connection.exec_driver_sql(f"PRAGMA integrity_check({LIMIT})"):
        if message != "ok":
            yield Problem("database", None, "integrity: " + " ".join(message.split()))


def _foreign_keys(connection: Connection) -> Iterator[Problem]:
    """References to rows that do not exist (SQLite can hold them if keys were ever off)."""
    from sqlmodel import SQLModel

    import desk.model  # noqa: F401  (registers every table)

    present = _tables(connection)
    for table in SQLModel.metadata.sorted_tables:
        if table.name not in present:
            continue
        for key in table.foreign_keys:
            column, target = key.parent.name, key.column
            query = text(
                f"SELECT child.id, child.{column} FROM {table.name} AS child "
                f"WHERE child.{column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {target.table.name} AS parent "
                f"WHERE parent.{target.name} = child.{column}) ORDER BY child.id"
            )
            for record_id, value in connection.execute(query):
                yield Problem(
                    table.name,
                    record_id,
                    f"{column} points to {target.table.name} #{value}, which does not exist",
                )


def _tables(connection: Connection) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(connection).get_table_names())


def _search_indexes(store: Store, connection: Connection) -> Iterator[Problem]:
    tables = [model.__tablename__ for model in SEARCHED_COLUMNS]
    if connection.dialect.name == "sqlite":
        yield from _fts_rows(connection, tables)
        yield from _fts_contents(store, tables)
    elif connection.dialect.name == "postgresql":
        yield from _trigram_indexes(connection)


def _fts_rows(connection: Connection, tables: list[str]) -> Iterator[Problem]:
    """Every row is in its FTS5 index and the index holds no row the table does not."""
    for table in tables:
        index = f"{table}_fts"
        missing = connection.exec_driver_sql(
            f"SELECT id FROM {table} WHERE id NOT IN (SELECT id FROM {index}_docsize) ORDER BY id"
        )
        for (record_id,) in missing:
            yield Problem(table, record_id, f"is missing from the search index {index}")
        stale = connection.exec_driver_sql(
            f"SELECT id FROM {index}_docsize WHERE id NOT IN (SELECT id FROM {table}) ORDER BY id"
        )
        for (record_id,) in stale:
            yield Problem(table, record_id, f"is in the search index {index} but not in the table")


def _fts_contents(store: Store, tables: list[str]) -> Iterator[Problem]:
    """FTS5's own integrity check against the table's text (it needs a writable connection, in
    a transaction that is rolled back: nothing is written)."""
    path = store.location.path
    if path is None:
        return
    connection = sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True, isolation_level=None)
    try:
        for table in tables:
            index = f"{table}_fts"
            connection.execute("BEGIN")
            try:
                connection.execute(
                    f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)"
                )
            except sqlite3.DatabaseError as error:
                if "readonly" in str(error):
                    return  # a read-only file: the row check above is what can be done
                yield Problem(
                    table,
                    None,
                    f"the search index {index} does not agree with the table's text; rebuild "
                    f"it (INSERT INTO {index}({index}) VALUES ('rebuild'))",
                )
            finally:
                connection.execute("ROLLBACK")
    finally:
        connection.close()


def _trigram_indexes(connection: Connection) -> Iterator[Problem]:
    """The pg_trgm indexes filtering relies on exist and are valid (not left half-built)."""
    for table, columns in _searched_columns().items():
        for column in columns:
            name = f"ix_{table}_{column}_trgm"
            row = connection.execute(
                text(
                    "SELECT i.indisvalid AND i.indisready FROM pg_class c "
                    "JOIN pg_index i ON i.indexrelid = c.oid WHERE c.relname = :name"
                ),
                {"name": name},
            ).first()
            if row is None:
                yield Problem(table, None, f"the search index {name} on {column} is missing")
            elif not row[0]:
                yield Problem(table, None, f"the search index {name} on {column} is not valid")


def _searched_columns() -> dict[str, tuple[str, ...]]:
    return {model.__tablename__: columns for model, columns in SEARCHED_COLUMNS.items()}


def _quotes(connection: Connection) -> Iterator[Problem]:
    """Offsets are code points; substr counts characters on both engines."""
    rows = connection.execute(
        text(
            "SELECT e.id, e.source_id, e.quote_start, e.quote_end FROM evidence e "
            "JOIN source s ON s.id = e.source_id "
            "WHERE e.quote_end > length(s.text) OR e.quote_start < 0 "
            "OR substr(s.text, e.quote_start + 1, e.quote_end - e.quote_start) <> e.quote "
            "ORDER BY e.id"
        )
    )
    for evidence_id, source_id, start, end in rows:
        yield Problem(
            "evidence",
            evidence_id,
            f"its quote is not at {start}–{end} of source #{source_id}'s text",
        )


def _hashes(connection: Connection) -> Iterator[Problem]:
    """Each source's text against its SHA-256, read a batch of sources at a time."""
    last = 0
    while True:
        batch = connection.execute(
            text("SELECT id, text, sha256 FROM source WHERE id > :last ORDER BY id LIMIT 200"),
            {"last": last},
        ).all()
        if not batch:
            break
        for source_id, body, digest in batch:
            actual = hashlib.sha256(body.encode("utf-8")).hexdigest()
            if actual != digest:
                yield Problem(
                    "source",
                    source_id,
                    f"its text does not match its SHA-256 (stored {digest[:12]}…, "
                    f"the text gives {actual[:12]}…): it was changed outside desk",
                )
        last = batch[-1][0]
    yield from _archive_hashes(connection)


def _archive_hashes(connection: Connection) -> Iterator[Problem]:
    """Each archived page, decompressed, against its SHA-256 (a batch of pages at a time)."""
    from desk.store.archives import unpack

    last = 0
    while True:
        batch = connection.execute(
            text(
                "SELECT id, source_id, content, sha256 FROM source_archive WHERE id > :last "
                "ORDER BY id LIMIT 50"
            ),
            {"last": last},
        ).all()
        if not batch:
            return
        for archive_id, source_id, content, digest in batch:
            try:
                actual = hashlib.sha256(unpack(content)).hexdigest()
            except (ValueError, OSError, EOFError):
                actual = None
            if actual != digest:
                what = "cannot be decompressed" if actual is None else "does not match its SHA-256"
                yield Problem(
                    "source_archive",
                    archive_id,
                    f"the archived page of source #{source_id} {what}: it was changed outside desk",
                )
        last = batch[-1][0]


def _dates(connection: Connection) -> Iterator[Problem]:
    for table in DATED_TABLES:
        rows = connection.execute(
            text(
                f"SELECT id, date_text, date_earliest, date_latest FROM {table} "
                "WHERE date_earliest > date_latest ORDER BY id"
            )
        )
        for record_id, date_text, earliest, latest in rows:
            yield Problem(
                table,
                record_id,
                f"its date {date_text!r} begins {earliest} after it ends {latest}",
            )
