"""A damaged file is found on open (a bounded quick_check) or at the first error; never written."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from desk.cli.main import main
from desk.model import Actor, Meeting
from desk.store import DamagedDatabase, Store
from desk.store.recognition import bounded_quick_check


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage_table_pages(path: Path) -> None:
    """Overwrite the pages holding the sample's meetings and actors (their tables' root pages:
    found, not guessed from the file's layout, which changes with the schema)."""
    connection = sqlite3.connect(path)
    try:
        roots = [
            row[0]
            for row in connection.execute(
                "SELECT rootpage FROM sqlite_master WHERE name IN ('meeting', 'actor')"
            )
        ]
    finally:
        connection.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for root in roots:
        start = (root - 1) * page
        data[start + 8 : start + page] = b"\xa5" * (page - 8)
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", [_damage_table_pages, _truncate], ids=["overwritten", "cut"])
def test_a_damaged_desk_is_refused_on_open_with_guidance(sample_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    damage(sample_path)
    digest = _digest(sample_path)
    with pytest.raises(DamagedDatabase, match="is damaged") as refused:
        Store.open(sample_path)
    assert "desk check" in str(refused.value) and ".recover" in str(refused.value)
    assert _digest(sample_path) == digest


@pytest.mark.parametrize("command", [["stats"], ["add-source", "REPORT"], ["migrate"]])
def test_commands_refuse_a_damaged_desk_and_write_nothing(
    sample_path: Path,
    tmp_path: Path,
    command: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    _damage_table_pages(sample_path)
    digest = _digest(sample_path)
    report = tmp_path / "report.txt"
    report.write_text("Sergei Shoigu met Kim Jong-un in Pyongyang on Friday.\n")
    arguments = [str(report) if word == "REPORT" else word for word in command]
    assert main([*arguments, "--db", str(sample_path)]) == 1
    err = capsys.readouterr().err
    assert "is damaged" in err and "nothing was written" in err
    assert _digest(sample_path) == digest


def test_damage_met_later_stops_every_write(sample_path: Path) -> None:
    """A large desk is checked only partly on open; the first statement that meets damage
    reports it, and from then on the store refuses to write."""
    _damage_table_pages(sample_path)
    store = Store.open(sample_path, verify=False)  # as if the bounded check ran out of time
    try:
        with pytest.raises(DamagedDatabase, match="is damaged"):
            for model in (Meeting, Actor):
                store.page(model, limit=1000)
            store.stats()
            store.search("kim")
        with pytest.raises(DamagedDatabase, match="nothing was written"):
            store.create(Actor, name="New Person", kind="person")
    finally:
        store.close()


def _large_file_damaged_where_the_walk_ends(path: Path) -> None:
    """Some 8,000 pages of rows (the whole walk takes some 25 ms); the leaf page with the first
    row (SQLite walks a b-tree from its right end) is overwritten, found by the row's marker."""
    marker = b"first row of the filler".ljust(200, b"!")
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB)")
        connection.execute("INSERT INTO filler (body) VALUES (?)", (marker,))
        connection.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000) "
            "INSERT INTO filler (body) SELECT randomblob(200) FROM n"
        )
    connection.close()
    data = bytearray(path.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    start = data.rindex(marker) // page * page
    data[start : start + page] = b"\xa5" * page
    path.write_bytes(bytes(data))


def test_the_open_check_stops_inside_the_b_tree_walk(tmp_path: Path) -> None:
    """PRAGMA quick_check walks the b-trees in one step of SQLite's machine, where a progress
    handler is never called: the check must still stop when its time is up (at a million
    meetings the walk took seconds). Given time, the same check finds the damage. (On a loaded
    machine the timer's thread may start late: one of five tries must stop in time.)"""
    path = tmp_path / "large.sqlite"
    _large_file_damaged_where_the_walk_ends(path)
    connection = sqlite3.connect(path)
    try:
        tries = [bounded_quick_check(connection, 0.0002) for _ in range(5)]
        assert None in tries  # stopped before the damage
        problem = bounded_quick_check(connection, 60)
    finally:
        connection.close()
    assert problem is not None and problem != "ok"
