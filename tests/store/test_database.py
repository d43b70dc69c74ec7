"""Opening desks: creating, refusing what is not a desk, upgrading old ones with a backup."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from engines import sqlite_only
from sqlmodel import SQLModel

from desk.migrations import HEAD, REVISIONS, alembic_config, upgrade
from desk.migrations.filters import include_object
from desk.model import Actor, Meeting
from desk.store import DatabaseRefused, NewerDatabase, NotADeskDatabase, Store, resolve
from desk.store.location import default_database_path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_becomes_a_desk_at_the_head_revision(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "new.sqlite"
    with Store.open(path) as store:
        assert store.report.created and store.report.revision == HEAD
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD
    with Store.open(path) as again:
        assert not again.report.created and again.report.upgraded_from is None


def test_connections_enforce_foreign_keys_and_wait_for_locks(store: Store) -> None:
    sqlite_only(store)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000


def test_the_model_matches_the_migrations(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        assert compare_metadata(context, SQLModel.metadata) == []


def test_the_revision_list_matches_the_revision_files() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    files = [revision.revision for revision in reversed(list(script.walk_revisions()))]
    assert tuple(files) == REVISIONS
    assert script.get_current_head() == HEAD


def test_a_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("Meeting notes, not a database\n")
    digest = _digest(path)
    with pytest.raises(NotADeskDatabase, match="not an SQLite file"):
        Store.open(path)
    assert _digest(path) == digest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_a_corrupt_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(DatabaseRefused):
        Store.open(path)


def test_another_applications_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    digest = _digest(path)
    with pytest.raises(NotADeskDatabase, match="holds other tables: invoices"):
        Store.open(path)
    assert _digest(path) == digest


def test_a_database_from_a_newer_desk_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite"
    Store.open(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    digest = _digest(path)
    with pytest.raises(NewerDatabase, match=r"made by a newer desk \(schema revision 9999"):
        Store.open(path)
    assert _digest(path) == digest


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotADeskDatabase, match="is a directory"):
        Store.open(tmp_path)


def test_opening_without_create_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseRefused, match="there is no desk database"):
        Store.open(tmp_path / "missing.sqlite", create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def _database_at_first_revision(path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade(connection, REVISIONS[0])
        connection.exec_driver_sql(
            "INSERT INTO actor (name, kind, created_at, updated_at, version) "
            "VALUES ('Sergei Shoigu', 'person', '2025-03-21 00:00:00', '2025-03-21 00:00:00', 1)"
        )
    engine.dispose()


def test_an_old_desk_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _database_at_first_revision(path)
    with Store.open(path) as store:
        report = store.report
        assert report.upgraded_from == REVISIONS[0] and report.revision == HEAD
        assert report.backup is not None and report.backup.parent == tmp_path
        assert report.backup.name.startswith("old.backup-") and "rev0001" in report.backup.name
        assert [row.name for row in store.page(Actor).rows] == ["Sergei Shoigu"]
        store.create(Meeting, title="After the upgrade")  # the new change log works
        assert store.history()[0].summary == "create meeting “After the upgrade”"
    with sqlite3.connect(report.backup) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        assert backup.execute("SELECT name FROM actor").fetchall() == [("Sergei Shoigu",)]
        assert backup.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_an_old_desk_is_not_upgraded_when_told_not_to(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    _database_at_first_revision(path)
    with pytest.raises(DatabaseRefused, match="run `desk migrate`"):
        Store.open(path, upgrade=False)


def test_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve().path == default_database_path()
    assert default_database_path() == tmp_path / "data" / "desk.sqlite"
    monkeypatch.setenv("DESK_DATABASE_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    assert resolve().path == tmp_path / "env.sqlite"
    assert resolve(tmp_path / "flag.sqlite").path == tmp_path / "flag.sqlite"
    remote = resolve("postgresql+psycopg://analyst:secret@db.example/desk")
    assert remote.path is None and not remote.is_sqlite
    assert "secret" not in remote.describe()
