"""A restore leaves the desk in WAL mode, searchable; a refused one leaves it empty."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desk.exchange import InvalidData, import_package
from desk.model import Meeting
from desk.store import Store

from .conftest import edited  # type: ignore[import-not-found]


def _journal_mode(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        connection.close()


def test_a_restore_leaves_the_desk_in_wal_mode(package: Path, tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite"
    with Store.open(path) as store:
        result = import_package(store, package)
        assert result.mode == "restore"
        assert store.page(Meeting, typed="pyongyang").rows  # search indexes were rebuilt
    assert _journal_mode(path) == "wal"
    assert not Path(f"{path}-journal").exists()


def test_a_refused_restore_leaves_the_desk_empty_and_in_wal_mode(
    package: Path, tmp_path: Path
) -> None:
    edited(package, "evidence.csv", lambda text: text.replace("\n4,", "\n4x,", 1))
    path = tmp_path / "desk.sqlite"
    with Store.open(path) as store:
        with pytest.raises(InvalidData):
            import_package(store, package)
        assert set(store.stats().counts.values()) == {0}
    assert _journal_mode(path) == "wal"
