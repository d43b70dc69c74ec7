"""Opening a desk database: check what is there, back it up, migrate it, configure the engine.

A file that is not a desk database (another program's, an empty file, a device), a damaged one,
or one made by a newer desk, is refused before anything touches it (desk.store.recognition). An
older desk database is copied to a timestamped backup beside it, then upgraded; desk's marker
(``PRAGMA application_id``) is set on a new desk and stamped on an older one the next time it is
opened for writing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.migrations import HEAD, upgrade
from desk.store.errors import DatabaseRefused, DeskError, NotADeskDatabase
from desk.store.faults import as_desk_error
from desk.store.location import Location
from desk.store.recognition import (
    DESK_APPLICATION_ID,
    QUICK_CHECK_SECONDS,
    existing_file,
    inspect_sqlite_file,
    judge,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

#: Seconds a writer waits for another writer's lock before giving up.
BUSY_TIMEOUT_SECONDS = 30
#: ``PRAGMA synchronous`` for edits (a committed edit survives a power cut) and for bulk loads
#: (WAL keeps the file consistent; a checkpoint at the end makes the load durable).
SYNCHRONOUS_EDITS = "FULL"
SYNCHRONOUS_BULK = "NORMAL"


@dataclass(frozen=True)
class OpenReport:
    """What opening did: created a new desk, upgraded an old one (and where the backup went)."""

    location: Location
    revision: str
    created: bool = False
    upgraded_from: str | None = None
    backup: Path | None = None
    read_only: bool = False


def make_engine(location: Location, *, read_only: bool = False) -> Engine:
    """An engine for ``location``; ``read_only`` opens a SQLite file with ``mode=ro``."""
    from sqlalchemy import create_engine, event

    if not location.is_sqlite:
        # Timestamps are UTC; naive ones (read from SQLite, say) must not shift by a server zone.
        options = "-c timezone=UTC" + (" -c default_transaction_read_only=on" if read_only else "")
        return create_engine(location.url, pool_pre_ping=True, connect_args={"options": options})
    arguments: dict[str, Any] = {}
    if read_only and location.path is not None:
        uri = f"{location.path.as_uri()}?mode=ro"

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(
                uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False
            )

        arguments["creator"] = connect
    engine = create_engine(
        location.url,
        connect_args={"timeout": BUSY_TIMEOUT_SECONDS, "check_same_thread": False},
        **arguments,
    )

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, record: Any) -> None:
        # Take transaction control from the sqlite3 module: we emit BEGIN ourselves (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        if location.path is not None and not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {SYNCHRONOUS_EDITS}")
            record.info["desk_synchronous"] = SYNCHRONOUS_EDITS
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        options = connection.get_execution_options()
        # Edits are durable when committed; a bulk load trades that for speed until its end.
        wanted = SYNCHRONOUS_BULK if options.get("desk_bulk") else SYNCHRONOUS_EDITS
        info = connection.connection.info
        if "desk_synchronous" in info and info["desk_synchronous"] != wanted:
            connection.exec_driver_sql(f"PRAGMA synchronous = {wanted}")
            info["desk_synchronous"] = wanted
        # Writers take the write lock up front, so two writers queue on busy_timeout instead of
        # one failing when it upgrades a read lock; readers never block anyone in WAL mode.
        writes = options.get("desk_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writes else "BEGIN")

    return engine


@contextmanager
def bulk_durability(connection: sqlite3.Connection) -> Iterator[None]:
    """``synchronous=NORMAL`` on a raw SQLite connection for a bulk load, then a checkpoint.

    Outside a transaction only (PRAGMA synchronous is per connection). The checkpoint at the end
    writes the load into the database file and syncs it, so the load is as durable as an edit.
    """
    begin_bulk(connection)
    try:
        yield
    finally:
        end_bulk(connection)


def begin_bulk(connection: sqlite3.Connection) -> None:
    connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS_BULK}")


def end_bulk(connection: sqlite3.Connection) -> None:
    """Back to durable edits, and the load checkpointed into the file (synced)."""
    connection.execute(f"PRAGMA synchronous = {SYNCHRONOUS_EDITS}")
    with suppress(sqlite3.Error):  # busy readers delay the checkpoint, not the load
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def synchronous_mode(connection: Connection) -> str:
    """The connection's ``PRAGMA synchronous`` in words (for tests and the benchmark)."""
    value = connection.exec_driver_sql("PRAGMA synchronous").scalar()
    return {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}.get(int(value or 0), str(value))


def is_current(location: Location, *, check_seconds: float = 0) -> bool:
    """Whether ``location`` is an existing SQLite desk at this desk's schema, checked with sqlite3.

    Raises DatabaseRefused for anything desk would refuse to open (not a desk, an empty file, a
    damaged file, a newer desk); answers False for what needs SQLAlchemy to open (a new file, an
    old schema, a server). ``check_seconds``: how long to look for damage (``PRAGMA
    quick_check``, bounded). None by default: opening the desk looks, and the check is the one
    part of this that grows with the desk (0.15 s at a million meetings).
    """
    path = location.path
    if path is None or not existing_file(path):
        return False
    state = inspect_sqlite_file(path, check_seconds=check_seconds)
    judge_file(path, state.tables, state.revision, state.application_id)
    return state.revision == HEAD


def judge_file(path: Path, tables: frozenset[str], revision: str | None, marker: int) -> None:
    judge(str(path), tables, revision, marker)
    if not tables:
        raise NotADeskDatabase(
            f"{path} is an empty SQLite database, not a desk; it was left untouched "
            "(remove it to let desk create a desk there)"
        )


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
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    finally:
        source.close()
    return target


def migrate(engine: Engine) -> None:
    """Run the migrations with SQLite's foreign keys off (batch table copies need it) and verify.

    On SQLite, the same transaction sets desk's marker (``PRAGMA application_id``).
    """
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
                    connection.exec_driver_sql(f"PRAGMA application_id = {DESK_APPLICATION_ID}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


def stamp(engine: Engine) -> bool:
    """Set desk's marker on a desk made before there was one; False if the file is read-only."""
    from sqlalchemy.exc import OperationalError

    try:
        with engine.execution_options(desk_write=True).begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id = {DESK_APPLICATION_ID}")
    except OperationalError as error:
        if "readonly" in str(error.orig):
            return False
        raise
    return True


def _probe_write(engine: Engine) -> None:
    """Write the header's user_version back unchanged: fails at once on a read-only file."""
    with engine.execution_options(desk_write=True).begin() as connection:
        version = connection.exec_driver_sql("PRAGMA user_version").scalar()
        connection.exec_driver_sql(f"PRAGMA user_version = {int(version or 0)}")


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
    read_only: bool = False,
    verify: bool = True,
    announce: Callable[[str], None] | None = None,
) -> tuple[Engine, OpenReport]:
    """Check, back up and migrate the database at ``location``; return its engine.

    ``create`` allows making a new desk where there is none (a missing file, an empty server
    database), never over an existing file. ``read_only`` opens without changing anything (no
    creating, upgrading or stamping). ``verify`` runs the bounded damage check on a SQLite file
    (``desk check`` turns it off to run the full one). ``announce`` hears what is about to take
    a while (backing up and upgrading a large desk).
    """
    where = location.describe()
    path = location.path
    created_file = False
    marked = True
    if path is not None:
        if existing_file(path):
            state = inspect_sqlite_file(path, check_seconds=QUICK_CHECK_SECONDS if verify else 0)
            judge_file(path, state.tables, state.revision, state.application_id)
            tables, revision = set(state.tables), state.revision
            marked = state.marked
        else:
            if not create or read_only:
                raise DatabaseRefused(f"there is no desk database at {path}")
            _make_parent(path)
            tables, revision = set(), None
            created_file = True
    try:
        engine = make_engine(location, read_only=read_only)
    except Exception as error:
        raise _refusal(error, where) from error
    try:
        if path is None:
            tables, revision = current_revision(engine)
            judge(where, tables, revision, None)
        return _bring_up_to_date(
            engine,
            location,
            revision,
            marked=marked,
            create=create and not read_only,
            upgrade_schema=upgrade_schema and not read_only,
            read_only=read_only,
            announce=announce,
        )
    except BaseException as error:
        engine.dispose()
        if created_file and path is not None:
            _remove_new_desk(path)
        if isinstance(error, Exception) and not isinstance(error, DeskError):
            raise _refusal(error, where) from error
        raise


def _refusal(error: Exception, where: str) -> Exception:
    """What a failure while opening amounts to: a DeskError when a user can cause it."""
    translated = as_desk_error(error, where)
    if translated is None and isinstance(error, ImportError):
        translated = DatabaseRefused(
            f"cannot open {where}: its database driver is not installed ({error})"
        )
    return translated if translated is not None else error


def _make_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = "a part of that path is a file" if isinstance(error, FileExistsError) else None
        raise DatabaseRefused(
            f"cannot create a desk at {path}: {reason or error.strerror}"
        ) from error


def _remove_new_desk(path: Path) -> None:
    """Creating failed (a full disk, say): leave nothing behind where there was nothing."""
    for leftover in (path, *(Path(f"{path}{suffix}") for suffix in ("-wal", "-shm", "-journal"))):
        with suppress(OSError):
            leftover.unlink(missing_ok=True)


def _bring_up_to_date(
    engine: Engine,
    location: Location,
    revision: str | None,
    *,
    marked: bool,
    create: bool,
    upgrade_schema: bool,
    read_only: bool,
    announce: Callable[[str], None] | None,
) -> tuple[Engine, OpenReport]:
    path = location.path
    if revision == HEAD:
        if path is not None and not marked and not read_only:
            stamp(engine)
        return engine, OpenReport(location, HEAD, read_only=read_only)
    if revision is None:
        if not create:
            raise DatabaseRefused(f"{location.describe()} holds no desk yet")
        migrate(engine)
        return engine, OpenReport(location, HEAD, created=True)
    if not upgrade_schema:
        raise DatabaseRefused(
            f"{location.describe()} is at schema revision {revision}; run `desk migrate` to "
            f"upgrade it to {HEAD}"
        )
    if location.is_sqlite:
        _probe_write(engine)  # a read-only file is refused before "upgrading…" is announced
    if announce is not None:
        backing_up = " (backing it up first)" if path is not None else ""
        announce(f"upgrading {location.describe()} from schema {revision} to {HEAD}{backing_up}…")
    backup = backup_sqlite(path, revision) if path is not None else None
    migrate(engine)
    return engine, OpenReport(location, HEAD, upgraded_from=revision, backup=backup)
