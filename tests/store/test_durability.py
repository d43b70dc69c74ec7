"""Edits are durable when committed (synchronous=FULL); bulk loads run NORMAL, then checkpoint."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desk.model import Actor
from desk.store import Store
from desk.store.database import bulk_durability, synchronous_mode


def _write_mode(store: Store) -> str:
    # The engine the store's writes go through, as a write transaction begins on it.
    with store._write_engine.begin() as connection:
        return synchronous_mode(connection)


def test_interactive_edits_run_with_synchronous_full(tmp_path: Path) -> None:
    with Store.open(tmp_path / "desk.sqlite") as store:
        store.create(Actor, name="Sergei Shoigu", kind="person")
        assert _write_mode(store) == "FULL"
        with store.engine.connect() as connection:
            assert synchronous_mode(connection) == "FULL"


def test_a_bulk_load_runs_normal_and_ends_checkpointed(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    with Store.open(path) as store:
        with store.bulk():
            assert _write_mode(store) == "NORMAL"
            for number in range(20):
                store.create(Actor, name=f"Person {number}", kind="person")
            assert Path(f"{path}-wal").stat().st_size > 0
        assert Path(f"{path}-wal").stat().st_size == 0  # checkpointed into the file
        assert _write_mode(store) == "FULL"
        store.create(Actor, name="After the load", kind="person")
        assert store.stats().counts["actors"] == 21


def test_the_import_connection_is_bulk_then_durable(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    Store.open(path).close()
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous = FULL")
        with bulk_durability(connection):
            assert connection.execute("PRAGMA synchronous").fetchone()[0] == 1
        assert connection.execute("PRAGMA synchronous").fetchone()[0] == 2
    finally:
        connection.close()
