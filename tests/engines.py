"""Test databases on both engines: SQLite files in tmp_path, and PostgreSQL databases on a server.

Set ``DESK_TEST_POSTGRES_URL`` (e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/test``) to
run the PostgreSQL side; without it those tests are skipped with a message saying so. Each test
gets a database of its own, cloned from a template made once per session (empty, or holding the
curated sample), and dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from desk.store import Store

POSTGRES_VARIABLE = "DESK_TEST_POSTGRES_URL"
SKIP_REASON = (
    f"PostgreSQL tests need a server: set {POSTGRES_VARIABLE}="
    "postgresql+psycopg://USER@HOST:PORT/DATABASE (any database the user may connect to; "
    "tests create and drop their own)"
)
ENGINES = ["sqlite", "postgresql"]


@dataclass
class PostgresServer:
    """Creates and drops the session's databases through the maintenance database."""

    url: str
    prefix: str = field(default_factory=lambda: f"desk_test_{uuid.uuid4().hex[:8]}")
    created: list[str] = field(default_factory=list)
    templates: dict[str, str] = field(default_factory=dict)
    counter: int = 0

    def _execute(self, statement: str) -> None:
        import psycopg
        from sqlalchemy.engine import make_url

        url = make_url(self.url)
        with psycopg.connect(
            host=url.host or "localhost",
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            dbname=url.database or "postgres",
            autocommit=True,
        ) as connection:
            connection.execute(statement)  # type: ignore[arg-type]

    def url_of(self, name: str) -> str:
        from sqlalchemy.engine import make_url

        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        self.counter += 1
        name = f"{self.prefix}_{self.counter}"
        clause = f" TEMPLATE {template}" if template else ""
        self._execute(f"CREATE DATABASE {name}{clause}")
        self.created.append(name)
        return name

    def drop(self, name: str) -> None:
        self._execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if name in self.created:
            self.created.remove(name)

    def template(self, kind: str) -> str:
        """A database to clone: "empty" (migrated) or "sample" (the curated sample)."""
        if kind not in self.templates:
            from desk.sample import build_into
            from desk.store import Store

            name = self.create()
            with Store.open(self.url_of(name), author="desk sample") as store:
                if kind == "sample":
                    build_into(store)
            self.templates[kind] = name
        return self.templates[kind]

    def close(self) -> None:
        for name in list(self.created):
            self.drop(name)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    url = os.environ.get(POSTGRES_VARIABLE)
    if not url:
        pytest.skip(SKIP_REASON)
    server = PostgresServer(url)
    try:
        server._execute("SELECT 1")
    except Exception as error:  # the message says which server and why
        pytest.fail(f"{POSTGRES_VARIABLE} is set but the server cannot be reached: {error}")
    yield server
    server.close()


def database_url(request: pytest.FixtureRequest, engine: str, template: str) -> Iterator[str]:
    """A fresh database on ``engine``, cloned from ``template`` ("empty" or "sample")."""
    if engine == "sqlite":
        raise ValueError("SQLite desks are files; see tests/conftest.py")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = server.create(template=server.template(template))
    yield server.url_of(name)
    server.drop(name)


def sqlite_only(store: Store) -> None:
    """Skip a test about SQLite itself (files, PRAGMAs) on other engines."""
    if store.engine.dialect.name != "sqlite":
        pytest.skip("about SQLite files and settings")


# -- fixtures for suites that run on both engines (imported by their conftest.py) ---------------


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture
def store(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An empty desk on each engine."""
    from desk.store import Store

    if engine == "sqlite":
        with Store.open(tmp_path / "desk.sqlite") as opened:
            yield opened
        return
    for url in database_url(request, engine, "empty"):
        with Store.open(url) as opened:
            yield opened


@pytest.fixture
def sample_store(engine: str, sample_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    """The curated sample on each engine."""
    from desk.store import Store

    if engine == "sqlite":
        with Store.open(sample_path) as opened:
            yield opened
        return
    for url in database_url(request, engine, "sample"):
        with Store.open(url) as opened:
            yield opened
