"""Opening a desk database: check what is there, back it up, migrate it, configure the engine.

A file that is not a desk database, or one made by a newer desk, is refused before anything
touches it. An older desk database is copied to a timestamped backup beside it, then upgraded.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.migrations import HEAD, REVISIONS, upgrade
from desk.store.errors import DatabaseRefused, NewerDatabase, NotADeskDatabase
from desk.store.location import Location

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

SQLITE_HEADER = b"SQLite format 3\x00"
#: Tables whose presence says a database is a desk, whatever its revision.
DESK_TABLES = frozenset({"actor", "meeting", "source", "evidence"})
#: Seconds a writer waits for another writer's lock before giving up.
BUSY_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class OpenReport:
    """What opening did: created a new desk, upgraded an old one (and where the backup went)."""

    location: Location
    revision: str
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None


def make_engine(location: Location) -> Engine:
    from sqlalchemy import create_engine, event

    if not location.is_sqlite:
        # Timestamps are UTC; naive ones (read from SQLite, say) must not shift by a server zone.
        return create_engine(
            location.url, pool_pre_ping=True, connect_args={"options": "-c timezone=UTC"}
        )
    engine = create_engine(
        location.url,
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the sqlite3 module: we emit BEGIN ourselves (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        if location.path is not None:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # Writers take the write lock up front, so two writers queue on busy_timeout instead of
        # one failing when it upgrades a read lock; readers never block anyone in WAL mode.
        writes = connection.get_execution_options().get("desk_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


def inspect_sqlite_file(path: Path) -> tuple[set[str], str | None]:
    """The tables and Alembic revision of an existing SQLite file, read without changing it.

    Raises NotADeskDatabase for a file that is not SQLite at all.
    """
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        shown = header[:16].decode("utf-8", "replace").strip() or repr(header[:16])
        raise NotADeskDatabase(
            f"{path} is not a desk database: it is not an SQLite file "
            f"(it begins {shown!r}); it was left untouched"
        )
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master "
                    "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            }
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise NotADeskDatabase(
            f"{path} cannot be read as an SQLite database ({error}); it was left untouched"
        ) from error
    return tables, revision


def check_revision(where: str, tables: set[str], revision: str | None) -> None:
    """Refuse a database that is not a desk's, or that a newer desk made."""
    own_tables = tables - {"alembic_version"}
    if revision is None:
        if own_tables:
            listed = ", ".join(sorted(own_tables)[:6])
            raise NotADeskDatabase(
                f"{where} is not a desk database (it holds other tables: {listed}); "
                "it was left untouched"
            )
        return
    if revision in REVISIONS:
        return
    if tables >= DESK_TABLES:
        raise NewerDatabase(
            f"{where} was made by a newer desk (schema revision {revision}; this desk knows up to "
            f"{HEAD}). Upgrade desk to open it; the database was left untouched"
        )
    raise NotADeskDatabase(
        f"{where} is not a desk database (it is managed by another application, revision "
        f"{revision}); it was left untouched"
    )


def is_current(location: Location) -> bool:
    """Whether ``location`` is an existing SQLite desk at this desk's schema, checked with sqlite3.

    Raises DatabaseRefused for a file that is not a desk or comes from a newer desk; answers
    False for anything that needs SQLAlchemy to open (a new file, an old schema, a server).
    """
    path = location.path
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return False
    tables, revision = inspect_sqlite_file(path)
    check_revision(str(path), tables, revision)
    return revision == HEAD


def backup_path_for(path: Path, revision: str, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.backup-{stamp}-rev{revision}{path.suffix}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(
            f"{path.stem}.backup-{stamp}-{counter}-rev{revision}{path.suffix}"
        )
    return candidate


def backup_sqlite(path: Path, revision: str) -> Path:
    """A consistent copy of the database (WAL content included) beside it."""
    target = backup_path_for(path, revision)
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    return target


def migrate(engine: Engine) -> None:
    """Run the migrations with SQLite's foreign keys off (batch table copies need it) and verify."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        # PRAGMA foreign_keys is ignored inside a transaction: set it on the raw connection.
        raw = connection.connection.driver_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with connection.begin():
                upgrade(connection)
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseRefused(
                            f"the upgrade would leave {len(broken)} broken references "
                            f"(first: {broken[0]}); the database was left as it was"
                        )
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def current_revision(engine: Engine) -> tuple[set[str], str | None]:
    from sqlalchemy import inspect, text

    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        revision = None
        if "alembic_version" in tables:
            revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return tables, revision


def open_database(
    location: Location,
    *,
    create: bool = True,
    upgrade_schema: bool = True,
    announce: Callable[[str], None] | None = None,
) -> tuple[Engine, OpenReport]:
    """Check, back up and migrate the database at ``location``; return its engine.

    ``announce`` hears what is about to take a while (backing up and upgrading a large desk).
    """
    path = location.path
    if path is not None:
        if path.is_dir():
            raise NotADeskDatabase(f"{path} is a directory, not a desk database")
        exists = path.exists() and path.stat().st_size > 0
        if exists:
            tables, revision = inspect_sqlite_file(path)
            check_revision(str(path), tables, revision)
        else:
            if not create:
                raise DatabaseRefused(f"there is no desk database at {path}")
            tables, revision = set(), None
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = make_engine(location)
    else:
        engine = make_engine(location)
        try:
            tables, revision = current_revision(engine)
        except Exception as error:
            engine.dispose()
            raise DatabaseRefused(f"cannot open {location.describe()}: {error}") from error
        try:
            check_revision(location.describe(), tables, revision)
        except DatabaseRefused:
            engine.dispose()
            raise

    if revision == HEAD:
        return engine, OpenReport(location, HEAD)
    if revision is None:
        if not create:
            engine.dispose()
            raise DatabaseRefused(f"{location.describe()} holds no desk yet")
        migrate(engine)
        return engine, OpenReport(location, HEAD, created=True)
    if not upgrade_schema:
        engine.dispose()
        raise DatabaseRefused(
            f"{location.describe()} is at schema revision {revision}; run `desk migrate` to "
            f"upgrade it to {HEAD}"
        )
    if announce is not None:
        backing_up = " (backing it up first)" if path is not None else ""
        announce(f"upgrading {location.describe()} from schema {revision} to {HEAD}{backing_up}…")
    backup = backup_sqlite(path, revision) if path is not None else None
    try:
        migrate(engine)
    except Exception:
        engine.dispose()
        raise
    return engine, OpenReport(location, HEAD, upgraded_from=revision, backup=backup)
