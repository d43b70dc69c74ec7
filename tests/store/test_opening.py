"""What opening recognizes as a desk: its marker and tables, never an Alembic revision alone."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from engines import PostgresServer

from desk.cli.main import main
from desk.migrations import HEAD, REVISIONS, upgrade
from desk.model import Actor
from desk.store import DatabaseRefused, NotADeskDatabase, Store, resolve
from desk.store.database import is_current
from desk.store.quick import first_meetings
from desk.store.recognition import DESK_APPLICATION_ID


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _application_id(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA application_id").fetchone()[0])


def _foreign(path: Path, revision: str, *tables: str) -> Path:
    """Another program's database that also uses Alembic (at a revision number desk knows)."""
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        for table in tables:
            connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, body TEXT)")
    connection.close()
    return path


@pytest.mark.parametrize(
    ("revision", "tables"),
    [("0003", ()), ("0001", ()), ("0003", ("invoices",)), ("0001", ("notes", "tags"))],
)
def test_a_foreign_file_with_an_alembic_revision_is_refused_untouched(
    tmp_path: Path, revision: str, tables: tuple[str, ...]
) -> None:
    path = _foreign(tmp_path / "other.sqlite", revision, *tables)
    digest = _digest(path)
    with pytest.raises(NotADeskDatabase, match="not a desk database"):
        Store.open(path)
    with pytest.raises(NotADeskDatabase):
        is_current(resolve(path))
    with pytest.raises(NotADeskDatabase):
        first_meetings(path)
    assert main(["migrate", "--db", str(path)]) == 1
    assert _digest(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.sqlite"]


def test_another_applications_marker_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "app.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 1234")
    connection.close()
    digest = _digest(path)
    with pytest.raises(NotADeskDatabase, match="another application: application_id 0x4d2"):
        Store.open(path)
    assert _digest(path) == digest


#: Each command that opens a desk, as run on ``PATH`` (``open`` is interactive: see below).
OPENING_COMMANDS = [
    ["stats"],
    ["migrate"],
    ["suggest", "1"],
    ["add-source", "REPORT"],
    ["check"],
]


@pytest.mark.parametrize("command", OPENING_COMMANDS, ids=lambda c: c[0])
def test_an_empty_file_is_refused_by_every_command_that_opens_a_desk(
    tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    report = tmp_path / "report.txt"
    report.write_text("Sergei Shoigu met Kim Jong-un in Pyongyang on Friday.\n")
    arguments = [str(report) if word == "REPORT" else word for word in command]
    assert main([*arguments, "--db", str(path)]) == 1
    assert "is an empty file, not a desk database" in capsys.readouterr().err
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite", "report.txt"]


def test_the_app_refuses_an_empty_file_too(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    with pytest.raises(NotADeskDatabase, match="empty file"):
        is_current(resolve(path))
    with pytest.raises(NotADeskDatabase, match="empty file"):
        Store.open(path, upgrade=False)  # what the app does in the background
    assert path.read_bytes() == b""


def test_an_empty_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA user_version = 7")
    connection.close()
    digest = _digest(path)
    with pytest.raises(NotADeskDatabase, match="empty SQLite database"):
        Store.open(path)
    assert _digest(path) == digest


def test_sample_build_creates_over_an_empty_file_only_when_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.sqlite"
    path.touch()
    assert main(["sample", "--build", str(path)]) == 1
    assert path.read_bytes() == b""
    assert main(["sample", "--build", str(path), "--force"]) == 0
    assert _application_id(path) == DESK_APPLICATION_ID


def test_a_new_desk_carries_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite"
    Store.open(path).close()
    assert _application_id(path) == DESK_APPLICATION_ID


def _unmark(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 0")
    connection.close()


def test_a_desk_made_before_the_marker_opens_and_is_stamped_when_written(tmp_path: Path) -> None:
    path = tmp_path / "before.sqlite"
    with Store.open(path) as store:
        store.create(Actor, name="Sergei Shoigu", kind="person")
    _unmark(path)
    assert is_current(resolve(path))
    assert [row.name for row in first_meetings(path).rows] == []
    with Store.open(path, read_only=True) as reading:
        assert reading.stats().counts["actors"] == 1
    assert _application_id(path) == 0  # reading changes nothing
    with Store.open(path) as store:
        assert store.stats().counts["actors"] == 1
    assert _application_id(path) == DESK_APPLICATION_ID


def test_an_old_unmarked_desk_is_backed_up_upgraded_and_stamped(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade(connection, REVISIONS[0])
    engine.dispose()
    assert _application_id(path) == 0
    with Store.open(path) as store:
        backup = store.report.backup
        assert store.report.upgraded_from == REVISIONS[0] and store.report.revision == HEAD
    assert backup is not None and _application_id(backup) == 0  # the backup is the old file
    assert _application_id(path) == DESK_APPLICATION_ID


def test_reading_commands_neither_upgrade_nor_create(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{old}")
    with engine.begin() as connection:
        upgrade(connection, REVISIONS[0])
    engine.dispose()
    digest = _digest(old)
    with pytest.raises(DatabaseRefused, match="run `desk migrate`"):
        Store.open(old, read_only=True)
    assert _digest(old) == digest
    with pytest.raises(DatabaseRefused, match="there is no desk database"):
        Store.open(tmp_path / "typo.sqlite", read_only=True)
    assert not (tmp_path / "typo.sqlite").exists()


@pytest.mark.parametrize("special", ["/dev/null", "/dev/zero", "fifo"])
def test_special_files_are_refused(tmp_path: Path, special: str) -> None:
    path = Path(special)
    if special == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    with pytest.raises(NotADeskDatabase, match="not a regular file"):
        Store.open(path)
    assert not Path(f"{path}-journal").exists() and not Path(f"{path}-wal").exists()


def test_a_path_through_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "report.txt"
    blocker.write_text("a file, not a folder")
    with pytest.raises(DatabaseRefused, match="a part of that path is a file"):
        Store.open(blocker / "desk.sqlite")
    with pytest.raises(DatabaseRefused, match="a part of that path is a file"):
        Store.open(blocker / "deeper" / "desk.sqlite")


def test_a_desk_that_fails_to_be_created_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import desk.store.database as database

    def failing(engine: sa.Engine) -> None:
        with engine.connect():  # the file (and its WAL) now exist, as when a real one fails
            raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(database, "migrate", failing)
    with pytest.raises(Exception, match="disk is full"):
        Store.open(tmp_path / "new.sqlite")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("url", ["mysql://x", "notaurl://", "oracle://scott@host/db"])
def test_unsupported_urls_are_refused_in_words(url: str) -> None:
    with pytest.raises(DatabaseRefused, match="SQLite files or on PostgreSQL"):
        Store.open(url)


def test_a_foreign_postgres_database_with_an_alembic_revision_is_refused(
    postgres_server: PostgresServer,
) -> None:
    """PostgreSQL has no application_id: desk's tables with a known revision are what count."""
    import psycopg

    name = postgres_server.create()
    url = postgres_server.url_of(name)
    dsn = sa.engine.make_url(url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
        connection.execute("INSERT INTO alembic_version VALUES ('0003')")
    with pytest.raises(NotADeskDatabase, match="alembic_version table, revision 0003"):
        Store.open(url)
    with psycopg.connect(dsn) as connection:
        tables = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchall()
    assert tables == [("alembic_version",)]
