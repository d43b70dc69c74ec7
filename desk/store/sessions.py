"""Transactions of a desk: reading sessions, one write transaction per operation, listeners.

``Sessions`` is the base of the Store (desk.store.store), whose operations live in two rooms:
``commands`` (every write, each one transaction recorded by a Writer) and ``queries`` (the read
models the screens and the command line show).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel import Session

from desk.store.database import OpenReport
from desk.store.errors import (
    Busy,
    DamagedDatabase,
    DeskError,
)
from desk.store.faults import as_desk_error, one_line
from desk.store.location import Location
from desk.store.views import (
    ChangeNotice,
)
from desk.store.writer import Writer

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

AUTHOR_VARIABLE = "DESK_AUTHOR"


def default_author() -> str:
    """Who changes are recorded as: $DESK_AUTHOR, else the settings file's author, else the
    operating-system user (see desk.settings)."""
    from desk.settings import load_settings

    return load_settings().author.value or "unknown"


class Sessions:
    """A desk's engine, its author and its transactions."""

    def __init__(self, engine: Engine, report: OpenReport, author: str | None = None) -> None:
        self.engine = engine
        self.report = report
        self.author = author or default_author()
        self._write_engine = engine.execution_options(desk_write=True)
        self._listeners: list[Callable[[ChangeNotice], None]] = []
        #: Set when a statement met damage in the file: from then on, writes are refused.
        self.damage: DamagedDatabase | None = None

    @property
    def location(self) -> Location:
        return self.report.location

    def close(self) -> None:
        self.engine.dispose()

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- transactions -------------------------------------------------------------------------
    @contextmanager
    def reading(self) -> Iterator[Session]:
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except DBAPIError as error:
            translated = self._fault(error)
            if translated is None:
                raise
            raise translated from error

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Writes made inside run with ``synchronous=NORMAL``; a checkpoint at the end.

        For loads of many transactions (building the sample, importing): each commit then skips
        its fsync; WAL keeps the file consistent, and the checkpoint makes the whole load
        durable. Interactive edits keep ``synchronous=FULL``.
        """
        edits = self._write_engine
        self._write_engine = self.engine.execution_options(desk_write=True, desk_bulk=True)
        try:
            yield
        finally:
            self._write_engine = edits
            if self.engine.dialect.name == "sqlite":
                with self.engine.connect() as connection:
                    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def _fault(self, error: DBAPIError) -> DeskError | None:
        """A driver error as the DeskError a user can act on (damage also stops later writes)."""
        translated = as_desk_error(error, self.location.describe())
        if isinstance(translated, DamagedDatabase):
            self.damage = translated
        return translated

    def add_listener(self, listener: Callable[[ChangeNotice], None]) -> None:
        """Call ``listener`` after each committed change (from the thread that made it)."""
        self._listeners.append(listener)

    @contextmanager
    def _writing(
        self, action: str, duplicate: Callable[[], DeskError] | None = None
    ) -> Iterator[Writer]:
        """One write transaction; ``duplicate`` names what a unique-key violation means.

        (Two analysts linking the same pair at the same moment both pass the "already linked"
        check on PostgreSQL; the database's unique key stops the second, and ``duplicate``
        says so in the same words as the check.)
        """
        if self.damage is not None:
            raise self.damage
        with Session(self._write_engine, expire_on_commit=False) as session:
            try:
                with session.begin():
                    writer = Writer(session, self.author, action)
                    yield writer
                    writer.finish()
                    if writer.changeset_id and session.get_bind().dialect.name == "postgresql":
                        # Other desks LISTEN for this; it is delivered when the transaction commits.
                        session.execute(
                            text("SELECT pg_notify(:channel, :payload)"),
                            {"channel": CHANGE_CHANNEL, "payload": str(writer.changeset_id)},
                        )
            except IntegrityError as error:
                if duplicate is not None and _is_unique_violation(error):
                    raise duplicate() from error
                raise DeskError(_integrity_message(error)) from error
            except OperationalError as error:
                if not _is_contention(error):
                    translated = self._fault(error)
                    if translated is None:
                        raise
                    raise translated from error
                raise Busy(
                    "another analyst was changing the same records at the same moment; "
                    "nothing was saved: try again"
                ) from error
            except DBAPIError as error:
                translated = self._fault(error)
                if translated is None:
                    raise
                raise translated from error
        if writer.changeset_id:
            notice = ChangeNotice(
                writer.changeset_id, action, writer.summary, writer.undoes_id, self.author
            )
            for listener in self._listeners:
                listener(notice)


#: The PostgreSQL channel on which every committed changeset id is announced.
CHANGE_CHANNEL = "desk_changes"


def _is_contention(error: OperationalError) -> bool:
    """A deadlock, serialization failure or lock timeout: the same write may succeed if retried."""
    code = getattr(error.orig, "sqlstate", None)
    if code in ("40P01", "40001", "55P03"):
        return True
    return "database is locked" in str(error.orig)


def _is_unique_violation(error: IntegrityError) -> bool:
    code = getattr(error.orig, "sqlstate", None)
    return code == "23505" or "UNIQUE constraint failed" in str(error.orig)


def _integrity_message(error: IntegrityError) -> str:
    text = one_line(str(error.orig))
    if "FOREIGN KEY" in text.upper() or "foreign key" in text:
        return (
            "the change refers to a record that does not exist (or one still referred to); "
            "nothing was changed"
        )
    if "UNIQUE" in text.upper() or "unique" in text:
        return f"the change would duplicate an existing record ({text}); nothing was changed"
    if "CHECK" in text.upper() or "check" in text:
        return f"the change breaks a rule of the desk ({text}); nothing was changed"
    return f"the database refused the change ({text}); nothing was changed"
