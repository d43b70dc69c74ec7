"""Is this file a desk? Read what a SQLite file holds without changing a byte of it, and judge.

A desk is recognized by its own marker (``PRAGMA application_id``, set when desk creates it) and
its tables, never by an Alembic revision alone: another program's database may well carry an
``alembic_version`` table at "0003". Desks made before the marker existed (application_id 0) are
recognized by desk's tables together with a revision desk knows; they get the marker the next
time they are opened for writing.

Standard library only: the app's quick first page (desk.store.quick) uses it before SQLAlchemy
is imported.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from desk.migrations import HEAD, REVISIONS
from desk.store.errors import (
    DamagedDatabase,
    DatabaseRefused,
    NewerDatabase,
    NotADeskDatabase,
)

SQLITE_HEADER = b"SQLite format 3\x00"
#: ``PRAGMA application_id`` of every desk: "DESK" in ASCII.
DESK_APPLICATION_ID = 0x4445534B
#: Tables whose presence (with a known revision) says an unmarked database is an older desk.
DESK_TABLES = frozenset({"actor", "meeting", "source", "evidence"})
#: How long opening may spend on ``PRAGMA quick_check`` (a small desk is checked whole; a large
#: one partly, and damage found later by any statement is reported the same way).
QUICK_CHECK_SECONDS = 0.15

DAMAGE_GUIDANCE = (
    "nothing was written to it. See what is wrong with `desk check --db {where}`; restore a "
    "backup (desk keeps *.backup-* files beside it) or recover it with sqlite3's .recover"
)


@dataclass(frozen=True)
class FileState:
    """What an existing SQLite file holds."""

    tables: frozenset[str]
    revision: str | None
    application_id: int

    @property
    def marked(self) -> bool:
        return self.application_id == DESK_APPLICATION_ID


def damaged(where: str | Path, detail: str) -> DamagedDatabase:
    return DamagedDatabase(f"{where} is damaged ({detail}); " + DAMAGE_GUIDANCE.format(where=where))


def existing_file(path: Path) -> bool:
    """Whether a regular file is at ``path`` (False: nothing is there yet).

    Refuses folders, devices, fifos and sockets (``--db /dev/null`` must not become a desk, nor
    a fifo block the command), and paths that cannot be reached.
    """
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise DatabaseRefused(
            f"{path} cannot be a desk database: a part of that path is a file, not a folder"
        ) from None
    except OSError as error:
        raise DatabaseRefused(f"{path} cannot be reached: {error.strerror}") from error
    if stat.S_ISDIR(mode):
        raise NotADeskDatabase(f"{path} is a directory, not a desk database")
    if not stat.S_ISREG(mode):
        raise NotADeskDatabase(
            f"{path} is not a desk database: it is a {_kind_of(mode)}, not a regular file; "
            "it was left untouched"
        )
    return True


def _kind_of(mode: int) -> str:
    if stat.S_ISCHR(mode):
        return "character device"
    if stat.S_ISBLK(mode):
        return "block device"
    if stat.S_ISFIFO(mode):
        return "named pipe (fifo)"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def read_header(path: Path) -> bytes:
    """The first 100 bytes (SQLite's file header); refuses what is not an SQLite file."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise DatabaseRefused(f"{path} cannot be read: {error.strerror}") from error
    if not header:
        raise NotADeskDatabase(
            f"{path} is an empty file, not a desk database; it was left untouched "
            "(remove it to let desk create a desk there)"
        )
    if not header.startswith(SQLITE_HEADER):
        shown = header[:16].decode("utf-8", "replace").strip() or repr(header[:16])
        raise NotADeskDatabase(
            f"{path} is not a desk database: it is not an SQLite file "
            f"(it begins {shown!r}); it was left untouched"
        )
    return header


def truncated(path: Path, header: bytes) -> bool:
    """Whether the file is shorter than its header says (a cheap sign of a cut-off copy)."""
    if len(header) < 100 or Path(f"{path}-wal").exists():
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    changed = int.from_bytes(header[24:28], "big")
    if pages == 0 or valid_for != changed:  # the in-header size is not maintained
        return False
    return path.stat().st_size < pages * page_size


def read_only_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)


def read_state(connection: sqlite3.Connection) -> FileState:
    """The marker, tables and revision a connection's database holds."""
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = frozenset(
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    )
    revision = None
    if "alembic_version" in tables:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = row[0] if row else None
    return FileState(tables, revision, application_id)


def bounded_quick_check(connection: sqlite3.Connection, seconds: float) -> str | None:
    """The first problem ``PRAGMA quick_check`` finds within ``seconds``, else None.

    The walk over the b-trees is one step of SQLite's virtual machine, so a progress handler is
    not called during it (SQLite < 3.44): at a million meetings it ran for seconds. A timer on
    another thread calls ``interrupt()``, which the walk does notice, page by page.
    """
    timer = threading.Timer(seconds, connection.interrupt)
    timer.daemon = True
    timer.start()
    try:
        row = connection.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return None  # not finished in time: later statements report damage as they meet it
        raise
    finally:
        timer.cancel()
        timer.join()  # an interrupt already under way lands now, not on a later statement
    if row is None or row[0] == "ok":
        return None
    return " ".join(str(row[0]).replace("*** in database main ***", "").split())


def inspect_sqlite_file(path: Path, *, check_seconds: float = QUICK_CHECK_SECONDS) -> FileState:
    """What an existing SQLite file holds, read without changing it; damage is refused."""
    header = read_header(path)
    if truncated(path, header):
        raise damaged(path, "the file is shorter than its header says: it was cut off")
    try:
        connection = read_only_connection(path)
        try:
            state = read_state(connection)
            problem = bounded_quick_check(connection, check_seconds) if check_seconds else None
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if _is_damage(error):
            raise damaged(path, str(error)) from error
        raise NotADeskDatabase(
            f"{path} cannot be read as an SQLite database ({error}); it was left untouched"
        ) from error
    if problem is not None:
        raise damaged(path, problem)
    return state


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    text = str(error)
    return "malformed" in text or getattr(error, "sqlite_errorname", "") == "SQLITE_CORRUPT"


def judge(
    where: str, tables: frozenset[str] | set[str], revision: str | None, marker: int | None
) -> None:
    """Refuse a database that is not a desk, or one a newer desk made.

    ``marker`` is the SQLite application_id (None on engines that have none). A database with no
    tables at all passes: it is empty, and the caller decides whether to create a desk in it.
    """
    own = set(tables) - {"alembic_version"}
    if marker not in (None, 0, DESK_APPLICATION_ID):
        raise NotADeskDatabase(
            f"{where} is not a desk database (it belongs to another application: "
            f"application_id {marker:#x}); it was left untouched"
        )
    if not tables:
        return
    is_desk_shaped = own >= DESK_TABLES
    if marker == DESK_APPLICATION_ID and not is_desk_shaped:
        missing = ", ".join(sorted(DESK_TABLES - own))
        raise DamagedDatabase(
            f"{where} is marked as a desk but its tables {missing} are missing; "
            "it was left untouched"
        )
    if not is_desk_shaped or revision is None:
        listed = ", ".join(sorted(own)[:6]) or "none of desk's"
        stamped = f", revision {revision}" if revision is not None else ""
        alembic = f" and an alembic_version table{stamped}" if "alembic_version" in tables else ""
        raise NotADeskDatabase(
            f"{where} is not a desk database (it holds other tables: {listed}{alembic}); "
            "it was left untouched"
        )
    if revision not in REVISIONS:
        raise NewerDatabase(
            f"{where} was made by a newer desk (schema revision {revision}; this desk knows up to "
            f"{HEAD}). Upgrade desk to open it; the database was left untouched"
        )
