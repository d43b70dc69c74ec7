"""Backups restore: every value a desk may hold is exported exactly, on both engines.

Every Unicode plane, the controls a record may hold (tab, newline, and the CRLF an earlier desk
kept), values of a megabyte, empty
texts and missing ones come back byte for byte. A NUL, which a desk may only hold if something
wrote it by SQL, is exported exactly (SQLite's printf would cut it short) and refused by import
and by a copy to PostgreSQL with a message that says where, never truncated silently.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from engines import database_url

from desk.exchange import InvalidData, copy_desk, export_package, import_package
from desk.exchange.copying import CopyRefused
from desk.exchange.progress import Throttle
from desk.exchange.schema import package_tables
from desk.model import Actor
from desk.store import Store

#: A sample character of each of the 17 planes, and the edges of the code space.
PLANES = "".join(chr(plane << 16 | 0x1234) for plane in range(17)) + "\ufffd\uffff\U0010ffff"

VALUES = {
    1: PLANES,
    2: 'tab\tand\nnewline, with "quotes" and a comma',
    3: "",
    4: None,
    5: "\\N",
    6: ("김정은 " + PLANES + "\n") * (1024 * 1024 // 100),  # about a megabyte of text
    7: "x" * (1024 * 1024),
    8: "\u202eright-to-left override and zero\u200bwidth",
    9: "ends with a newline\n",
    # Earlier desks kept a .txt report's Windows line ends: their backups must restore.
    10: "Windows line ends\r\nfrom an earlier desk\r\n",
}


def _desk(path: Path, values: dict[int, str | None]) -> Store:
    store = Store.open(path)
    for number in values:
        store.create(Actor, name=f"Actor {number}")
    connection = sqlite3.connect(path)
    with connection:
        connection.executemany(
            "UPDATE actor SET notes = ?, title = ? WHERE id = ?",
            [(value, value, number) for number, value in values.items()],
        )
    connection.close()
    return store


def _stored(store: Store) -> dict[int, tuple[object, object]]:
    assert store.location.path is not None
    connection = sqlite3.connect(store.location.path)
    try:
        return {
            row[0]: (row[1], row[2])
            for row in connection.execute("SELECT id, notes, title FROM actor ORDER BY id")
        }
    finally:
        connection.close()


def _files(folder: Path) -> dict[str, bytes]:
    return {file.name: file.read_bytes() for file in sorted(folder.iterdir())}


@pytest.mark.parametrize("profile", ["data", "excel"])
def test_every_value_round_trips_byte_for_byte(tmp_path: Path, profile: str) -> None:
    with _desk(tmp_path / "desk.sqlite", VALUES) as store:
        first = export_package(store, tmp_path / "first", profile=profile).path
        with Store.open(tmp_path / "restored.sqlite") as restored:
            import_package(restored, first)
            assert _stored(restored) == _stored(store)
            assert {k: v[0] for k, v in _stored(restored).items()} == VALUES
            again = export_package(restored, tmp_path / "again", profile=profile).path
    assert _files(again) == _files(first)


def test_every_value_round_trips_through_postgresql(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """SQLite -> package -> SQLite -> PostgreSQL (desk copy) -> package: the same bytes."""
    with _desk(tmp_path / "desk.sqlite", VALUES) as store:
        first = export_package(store, tmp_path / "first").path
        for url in database_url(request, "postgresql", "empty"):
            with Store.open(url) as server:
                copy_desk(store, server)
                on_server = export_package(server, tmp_path / "server").path
                with Store.open(tmp_path / "back.sqlite") as back:
                    copy_desk(server, back)
                    assert _stored(back) == _stored(store)
    assert _files(on_server) == _files(first)


@pytest.mark.parametrize("excel", [False, True])
def test_a_nul_is_exported_exactly_never_cut_short(tmp_path: Path, excel: bool) -> None:
    """SQLite's printf stops at a NUL: the batch holding one is written another way, and the
    file is byte for byte what the portable (Python) path writes."""
    from desk.exchange import export as export_module

    nul = {1: 'Kim\x00, "Jong-un"\nand more', 2: "=\x00formula", 3: "plain", 4: "\x00"}
    with _desk(tmp_path / "desk.sqlite", nul) as store:
        fast = export_package(
            store, tmp_path / "fast", profile="excel" if excel else "data", workers=0
        )
        portable = tmp_path / "portable"
        portable.mkdir()
        export_module._write_generic(
            store, portable, package_tables(), excel, Throttle(None), False
        )
    written = (fast.path / "actor.csv").read_bytes()
    assert written == (portable / "actor.csv").read_bytes()
    assert b'"Kim\x00, ""Jong-un""\nand more"' in written
    assert written.count(b"\x00") == 2 * 3  # notes and title of three actors, nothing cut


def test_import_refuses_a_nul_saying_where(tmp_path: Path) -> None:
    with _desk(tmp_path / "desk.sqlite", {1: "fine", 2: "Kim\x00Jong-un"}) as store:
        package = export_package(store, tmp_path / "package.zip").path
    with Store.open(tmp_path / "restored.sqlite") as restored:
        with pytest.raises(InvalidData) as refused:
            import_package(restored, package)
        assert set(restored.stats().counts.values()) == {0}
    message = str(refused.value)
    assert message.startswith("actor.csv, line 3, column title:"), message
    assert "U+0000 (NUL) at position 4" in message


def test_copy_to_postgresql_names_the_record_holding_a_nul(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    with _desk(tmp_path / "desk.sqlite", {1: "fine", 2: "Kim\x00Jong-un"}) as store:
        for url in database_url(request, "postgresql", "empty"):
            with Store.open(url) as server:
                with pytest.raises(CopyRefused, match=r"actor #2 holds U\+0000 \(NUL\) in"):
                    copy_desk(store, server)
                assert set(server.stats().counts.values()) == {0}
