"""Where a desk lives: a SQLite file path or a database URL, and the user's default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

#: Environment variable naming the database when no --db is given.
DATABASE_URL_VARIABLE = "DESK_DATABASE_URL"
#: Database engines desk works with, by SQLAlchemy backend name.
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
#: Overrides the default data directory (tests and scripts keep the user's own desk out of reach).
DATA_DIR_VARIABLE = "DESK_DATA_DIR"


@dataclass(frozen=True)
class Location:
    """A resolved database location: its SQLAlchemy URL and, for SQLite files, the path."""

    url: str
    path: Path | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    def describe(self) -> str:
        """What to show a user: the file path, or the URL without its password."""
        if self.path is not None:
            return str(self.path)
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def default_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path("desk", appauthor=False)


def configured_database() -> str | None:
    """The database named by ``$DESK_DATABASE_URL`` or the settings file, if either does."""
    from desk.settings import load_settings

    return load_settings().database.value


def default_database_path() -> Path:
    return default_data_dir() / "desk.sqlite"


def resolve(target: str | os.PathLike[str] | None = None) -> Location:
    """Resolve ``--db`` (a path or URL), else ``$DESK_DATABASE_URL``, else the settings file's
    ``database``, else the default."""
    if target is None or str(target) == "":
        target = configured_database() or default_database_path()
    text = os.fspath(target)
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        return Location(f"sqlite:///{path}", path)
    url = _parse_url(text)
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database in ("", ":memory:") or database.startswith("file:"):
            return Location(text)
        path = Path(database).expanduser().resolve()
        return Location(url.set(database=str(path)).render_as_string(hide_password=False), path)
    return Location(text)


def _parse_url(text: str) -> URL:
    """A database URL desk can open; anything else is refused in words, naming it."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from desk.store.errors import DatabaseRefused

    try:
        url = make_url(text)
    except (ArgumentError, ValueError) as error:
        raise DatabaseRefused(
            f"{text!r} is neither a file path nor a database URL desk can read ({error})"
        ) from error
    backend = url.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        shown = url.render_as_string(hide_password=True)
        raise DatabaseRefused(
            f"{shown}: desk keeps desks in SQLite files or on PostgreSQL "
            f"(postgresql://USER@HOST/DATABASE), not in {backend or 'an unnamed engine'}"
        )
    return url
