"""Database driver errors a user can cause, in words: the one place they become DeskErrors.

A read-only file, a full disk, a damaged file, an unreachable server or a NUL character that
PostgreSQL cannot store are facts about the user's machine or data, not bugs: the store and the
command line turn them into one-line messages naming the database and what is wrong. Anything
not recognized here stays an exception (a bug to fix, with its traceback).
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Any

from desk.store.errors import (
    CannotConnect,
    CannotWrite,
    DatabaseRefused,
    DeskError,
    NotADeskDatabase,
)
from desk.store.recognition import damaged

NOTHING_SAVED = "nothing was saved"
#: SQLSTATEs of a connection refused for a missing database or failed authentication.
_CONNECTING = ("3D000", "28000", "28P01")


def one_line(text: str) -> str:
    """Driver messages span lines (psycopg adds hints); a message here is one line."""
    return " ".join(str(text).split())


def _driver_error(error: BaseException) -> BaseException:
    """The DBAPI exception inside SQLAlchemy's wrapper, if any."""
    return getattr(error, "orig", None) or error


def as_desk_error(error: BaseException, where: str) -> DeskError | None:
    """The DeskError a driver or OS error amounts to at ``where``, or None if it is not one."""
    if isinstance(error, DeskError):
        return error
    original = _driver_error(error)
    if isinstance(original, sqlite3.Error):
        return _from_sqlite(original, where)
    if type(original).__module__.startswith("psycopg"):
        return _from_postgres(original, where)
    if isinstance(original, OSError):
        return _from_os(original, where)
    return None


def is_damage(error: BaseException) -> bool:
    original = _driver_error(error)
    if not isinstance(original, sqlite3.Error):
        return False
    name = getattr(original, "sqlite_errorname", "")
    return name.startswith("SQLITE_CORRUPT") or "malformed" in str(original)


def _from_sqlite(error: sqlite3.Error, where: str) -> DeskError | None:
    name: str = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    if is_damage(error):
        return damaged(where, text)
    if name.startswith("SQLITE_READONLY") or "readonly database" in text:
        return CannotWrite(f"{where} is read-only: it cannot be changed; {NOTHING_SAVED}")
    if name == "SQLITE_FULL" or "disk is full" in text:
        return CannotWrite(
            f"{where} could not be written: the disk is full (or a file size limit was "
            f"reached); {NOTHING_SAVED}"
        )
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return CannotWrite(
            f"{where} could not be written or read (disk I/O error: the disk may be full, "
            f"failing or gone); {NOTHING_SAVED}"
        )
    if name == "SQLITE_NOTADB" or "file is not a database" in text:
        return NotADeskDatabase(f"{where} is not a desk database ({text}); it was left untouched")
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in text:
        return DatabaseRefused(f"{where} cannot be opened ({text})")
    return None


def _from_postgres(error: BaseException, where: str) -> DeskError | None:
    sqlstate: str | None = getattr(error, "sqlstate", None)
    text = one_line(str(error))
    if "NUL (0x00)" in text or sqlstate == "22021":  # 22021: character not in repertoire
        return DeskError(
            f"a value holds a NUL character (\\x00), which {where} (PostgreSQL) cannot store; "
            f"{NOTHING_SAVED}"
        )
    if sqlstate == "25006":
        return CannotWrite(f"{where} is read-only (a read-only transaction); {NOTHING_SAVED}")
    if sqlstate == "53100":
        return CannotWrite(f"{where}: the server's disk is full; {NOTHING_SAVED}")
    if sqlstate == "42501":
        return CannotWrite(f"{where} refused the change: permission denied ({text})")
    connecting = sqlstate is None or sqlstate[:2] == "08" or sqlstate in _CONNECTING
    if connecting and _is_operational(error):
        return CannotConnect(f"cannot connect to {where}: {text}")
    return None


def _is_operational(error: Any) -> bool:
    return type(error).__name__ == "OperationalError"


def _from_os(error: OSError, where: str) -> DeskError | None:
    named = error.filename if error.filename else where
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return CannotWrite(
            f"{named} could not be written: {reason} (the disk is full or a file size limit "
            f"was reached); {NOTHING_SAVED}"
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return CannotWrite(f"{named} cannot be written: {reason}; {NOTHING_SAVED}")
    if error.errno == errno.EIO:
        return CannotWrite(f"{named}: {reason}; {NOTHING_SAVED}")
    if error.errno == errno.ENOTDIR or (
        isinstance(error, FileExistsError) and not Path(str(named)).is_dir()
    ):
        return DeskError(f"{named}: a part of that path is a file, not a folder")
    if error.filename:
        return DeskError(f"{named}: {reason}")
    return None
