"""Bulk writes: many rows a statement, for imports and copies, recorded as the Writer records.

Two kinds of bulk write reach a desk:

- **Whole rows into an empty desk** (``write_rows``, ``continue_sequences``; for a restore in
  SQLite, ``suspend_indexes`` and ``copy_rows``): a copy or a restore, ids and change log
  included. Nothing is recorded: the rows' own history comes along.
- **Rows added to a desk with records** (``BulkChanges``): a merge. The rows are inserted by one
  ``INSERT … SELECT`` from a relation the caller filled (a staged package), and recorded as one
  changeset whose changes are exactly those ``Writer.insert`` would have written: the row read
  back from the desk, typed by the table's own column types and turned into JSON by
  ``writer.snapshot``. History lists an import like any edit, and ``Store.undo`` takes it back.

``BulkChanges`` works on the raw SQLite connection of a transaction the caller holds (imports run
in SQLite, see desk.exchange.staged_import), so it can read the caller's temporary tables.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, insert

from desk.model import Change, Changeset
from desk.model.tables import utc_now
from desk.store.writer import TABLE_MODELS, change_values, table_of

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Dialect

#: Rows read back and recorded at a time.
BATCH = 5000


def write_rows(writer: Connection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    """Insert whole rows (every column, in table order): COPY on PostgreSQL, else executemany."""
    columns = [column.name for column in table.columns]
    if writer.dialect.name == "postgresql":
        _copy_rows(writer, table, columns, rows)
    else:
        writer.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])


def continue_sequences(writer: Connection, tables: Sequence[Table]) -> None:
    """On PostgreSQL, make new ids follow the highest id now in each table."""
    if writer.dialect.name != "postgresql":
        return
    for table in tables:
        if "id" in table.c:
            writer.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"COALESCE(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"
            )


def _copy_rows(
    writer: Connection, table: Table, columns: list[str], rows: list[tuple[Any, ...]]
) -> None:
    """Rows into PostgreSQL by COPY, on the transaction's own connection."""
    raw = writer.connection.driver_connection
    assert raw is not None
    listed = ", ".join(f'"{name}"' for name in columns)
    with raw.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({listed}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)


def suspend_indexes(db: sqlite3.Connection, tables: Sequence[str]) -> dict[str, list[str]]:
    """Drop the indexes and triggers of ``tables`` so rows load without upkeep (a restore, in
    the caller's transaction); returns, per table, the statements rebuilding them (indexes,
    then triggers, then its full-text search index) to run once the table is complete."""
    marks = ", ".join("?" * len(tables))
    saved = db.execute(
        f"SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE type IN "
        f"('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ({marks})",
        list(tables),
    ).fetchall()
    for kind, name, _table, _sql in saved:
        db.execute(f"DROP {kind.upper()} main.{name}")
    rebuilds: dict[str, list[str]] = {table: [] for table in tables}
    for wanted in ("index", "trigger"):
        for kind, _name, table, sql in saved:
            if kind == wanted:
                rebuilds[table].append(sql)
    for name, sql in db.execute(
        "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND "
        "sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"
    ).fetchall():
        content = re.search(r"content='(\w+)'", sql)  # external content: the table it indexes
        if content and content.group(1) in rebuilds:
            rebuilds[content.group(1)].append(f"INSERT INTO main.{name}({name}) VALUES ('rebuild')")
    return rebuilds


def copy_rows(db: sqlite3.Connection, table: str, columns: Sequence[str], relation: str) -> int:
    """Copy every row of ``relation`` (a table loaded elsewhere, attached) into
    ``main.<table>`` in its order; returns how many."""
    listed = ", ".join(columns)
    cursor = db.execute(
        f"INSERT INTO main.{table} ({listed}) SELECT {listed} FROM {relation} ORDER BY rowid"
    )
    return int(cursor.rowcount)


class BulkChanges:
    """Rows added in bulk to a SQLite desk, recorded as one changeset (opened with the first row
    added, so adding none leaves the desk, its id sequences too, exactly as it was)."""

    def __init__(self, db: sqlite3.Connection, dialect: Dialect, author: str, action: str) -> None:
        self.db = db
        self.dialect = dialect
        self.author = author
        self.action = action
        #: The changeset recording the rows (0 until a row is added).
        self.changeset_id = 0
        self._seq = 0

    def insert_from(
        self, table_name: str, columns: Sequence[str], relation: str, where: str
    ) -> int:
        """Copy the rows of ``relation`` matching ``where`` into ``main.<table_name>`` in id order
        and record each as an insert; returns how many were added."""
        counted = self.db.execute(f"SELECT count(*) FROM {relation} WHERE {where}").fetchone()
        if not counted[0]:  # (an INSERT adding nothing would still start an id sequence)
            return 0
        listed = ", ".join(columns)
        self.db.execute(
            f"INSERT INTO main.{table_name} ({listed}) SELECT {listed} FROM {relation} "
            f"WHERE {where} ORDER BY id"
        )
        self._open()
        if table_name in TABLE_MODELS:  # the tables whose changes undo knows
            added = f"SELECT id FROM {relation} WHERE {where}"
            self._record(table_of(TABLE_MODELS[table_name]), added)
        return int(counted[0])

    def finish(self, summary: str) -> int:
        """Give the changeset its summary; returns its id (0 if nothing was added)."""
        if self.changeset_id:
            self.db.execute(
                "UPDATE main.changeset SET summary = ? WHERE id = ?", (summary, self.changeset_id)
            )
        return self.changeset_id

    def _open(self) -> None:
        if self.changeset_id:
            return
        at = _bound(table_of(Changeset).c.at, self.dialect)
        cursor = self.db.execute(
            "INSERT INTO main.changeset (at, author, action, summary, undoes_id) "
            "VALUES (?, ?, ?, ?, NULL)",
            (at(utc_now()), self.author, self.action, self.action),
        )
        self.changeset_id = int(cursor.lastrowid or 0)

    def _record(self, table: Table, added_ids: str) -> None:
        """Record the rows of ``table`` whose ids ``added_ids`` selects, as the Writer does."""
        names = [column.name for column in table.columns]
        typed = _typing(table, self.dialect)
        sql = (
            f"INSERT INTO main.change ({', '.join(_CHANGE_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_CHANGE_COLUMNS))})"
        )
        for rows in _batches(
            self.db.execute(
                f"SELECT {', '.join(names)} FROM main.{table.name} "
                f"WHERE id IN ({added_ids}) ORDER BY id"
            )
        ):
            changes = []
            for raw in rows:
                values_of_row = [convert(value) for convert, value in zip(typed, raw, strict=True)]
                row = dict(zip(names, values_of_row, strict=True))
                values = change_values(self._seq, table.name, row["id"], "insert", None, row)
                values["changeset_id"] = self.changeset_id
                changes.append(tuple(values[name] for name in _CHANGE_COLUMNS))
                self._seq += 1
            self.db.executemany(sql, changes)


_CHANGE_COLUMNS = tuple(column.name for column in table_of(Change).columns if column.name != "id")


def _batches(cursor: sqlite3.Cursor) -> Iterator[list[tuple[Any, ...]]]:
    while rows := cursor.fetchmany(BATCH):
        yield rows


def _identity(value: Any) -> Any:
    return value


def _typing(table: Table, dialect: Dialect) -> list[Callable[[Any], Any]]:
    """Per column, what SQLAlchemy does to a stored value before the Writer sees it."""
    return [
        column.type.dialect_impl(dialect).result_processor(dialect, None) or _identity  # type: ignore[arg-type]
        for column in table.columns
    ]


def _bound(column: Any, dialect: Dialect) -> Callable[[Any], Any]:
    """What SQLAlchemy does to a value before storing it in ``column``."""
    return column.type.dialect_impl(dialect).bind_processor(dialect) or _identity  # type: ignore[no-any-return]
