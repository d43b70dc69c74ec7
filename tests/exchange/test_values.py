"""Values that CSV files and spreadsheets get wrong: scripts, emoji, quotes, commas, line breaks,
formula-looking text, a missing value against an empty one, and the text \\N itself."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from desk.exchange import export_package, import_package
from desk.exchange.csv_format import escape_text, quote_field, unescape_text
from desk.exchange.schema import MISSING
from desk.model import Actor
from desk.store import Store

#: Notes stored by raw SQL (the store trims what users type; other writers may not).
TRICKY = {
    1: "김정은 met Ким Чен Ын 🤝 in Pyongyang 🇰🇵",
    2: 'He said, "we will meet again", and left',
    3: "first line\nsecond line\nthird line, with a comma",
    4: '=HYPERLINK("http://example.org","click")',
    5: "+82 2 398 3114",
    6: "-5 troops",
    7: "@KCNA_watch",
    8: "\ttabbed",
    9: "\uff1dSUM(A1:A9) (a fullwidth equals sign)",
    10: "\nline feed first",
    11: "'quoted already",
    12: "\\N",
    13: "\\\\N",
    14: "",
    15: None,
    16: "ends with a backslash \\",
    17: "N",
}


@pytest.fixture
def tricky_store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "tricky.sqlite")
    for number in TRICKY:
        store.create(Actor, name=f"Actor {number}")
    assert store.location.path is not None
    connection = sqlite3.connect(store.location.path)
    with connection:
        connection.executemany(
            "UPDATE actor SET notes = ?, title = ? WHERE id = ?",
            [(value, value, number) for number, value in TRICKY.items()],
        )
    connection.close()
    return store


def notes(store: Store) -> dict[int, Any]:
    assert store.location.path is not None
    connection = sqlite3.connect(store.location.path)
    try:
        return dict(connection.execute("SELECT id, notes FROM actor ORDER BY id"))
    finally:
        connection.close()


def exported_notes(path: Path, encoding: str = "utf-8") -> dict[int, str]:
    with path.open(newline="", encoding=encoding) as handle:
        return {int(row["id"]): row["notes"] for row in csv.DictReader(handle)}


@pytest.mark.parametrize("profile", ["data", "excel"])
def test_tricky_values_come_back_exactly(tricky_store: Store, tmp_path: Path, profile: str) -> None:
    package = export_package(tricky_store, tmp_path / "package.zip", profile=profile).path
    with Store.open(tmp_path / "restored.sqlite") as restored:
        import_package(restored, package)
        assert notes(restored) == notes(tricky_store) == TRICKY
        again = export_package(restored, tmp_path / "again.zip", profile=profile).path
    assert again.read_bytes() == package.read_bytes()


def test_the_data_profile_writes_values_as_stored(tricky_store: Store, tmp_path: Path) -> None:
    folder = export_package(tricky_store, tmp_path / "data").path
    raw = (folder / "actor.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "김정은 met Ким Чен Ын 🤝".encode() in raw
    written = exported_notes(folder / "actor.csv")
    assert written[4] == '=HYPERLINK("http://example.org","click")'  # not neutralized
    assert written[5] == "+82 2 398 3114"
    assert written[8] == "\ttabbed"
    assert written[3] == "first line\nsecond line\nthird line, with a comma"
    assert written[12] == "\\\\N"  # the text \N, escaped
    assert written[13] == "\\\\\\N"
    assert written[14] == ""  # an empty text is an empty field...
    assert written[15] == MISSING  # ...and a missing value is \N
    assert written[17] == "N"
    assert b'"He said, ""we will meet again"", and left"' in raw


def test_the_excel_profile_neutralizes_formulas(tricky_store: Store, tmp_path: Path) -> None:
    folder = export_package(tricky_store, tmp_path / "excel", profile="excel").path
    raw = (folder / "actor.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,")
    written = exported_notes(folder / "actor.csv", encoding="utf-8-sig")
    for number in (4, 5, 6, 7, 8, 9, 10, 11):
        assert written[number] == "'" + TRICKY[number], number
    assert written[1] == TRICKY[1]
    assert written[2] == TRICKY[2]
    assert written[14] == ""
    assert written[15] == MISSING
    for file in folder.glob("*.csv"):
        assert file.read_bytes().startswith(b"\xef\xbb\xbf"), file.name
        with file.open(newline="", encoding="utf-8-sig") as handle:
            for row in csv.reader(handle):
                for cell in row:
                    assert not cell or cell[0] not in "=+-@\t\r\n\uff1d\uff0b\uff0d\uff20", (
                        file.name,
                        cell,
                    )


def test_pandas_tells_an_empty_text_from_a_missing_value(
    tricky_store: Store, tmp_path: Path
) -> None:
    folder = export_package(tricky_store, tmp_path / "data").path
    frame = pd.read_csv(
        folder / "actor.csv", keep_default_na=False, na_values=[MISSING], index_col="id"
    )
    assert frame.loc[14, "notes"] == ""
    assert pd.isna(frame.loc[15, "notes"])
    assert frame.loc[1, "notes"] == TRICKY[1]
    assert frame.loc[3, "notes"] == TRICKY[3]
    excel = export_package(tricky_store, tmp_path / "excel", profile="excel").path
    frame = pd.read_csv(
        excel / "actor.csv", keep_default_na=False, na_values=[MISSING], index_col="id"
    )
    assert frame.columns[0] == "created_at"  # pandas drops the byte order mark
    assert frame.loc[1, "notes"] == TRICKY[1]


@pytest.mark.parametrize("value", [v for v in TRICKY.values() if v is not None])
@pytest.mark.parametrize("excel", [False, True])
def test_python_rules_undo_each_other_and_quote_as_the_csv_module(value: str, excel: bool) -> None:
    written = escape_text(value, excel=excel)
    assert written != MISSING
    assert unescape_text(written, excel=excel) == value
    line = ",".join(quote_field(field) for field in ("a", written, "b")) + "\r\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(["a", written, "b"])
    assert line == buffer.getvalue()
    assert next(csv.reader(io.StringIO(line, newline=""))) == ["a", written, "b"]


def test_the_header_is_the_table_in_order_and_ids_are_there(
    tricky_store: Store, tmp_path: Path
) -> None:
    folder = export_package(tricky_store, tmp_path / "data").path
    header = (folder / "actor.csv").read_bytes().split(b"\r\n", 1)[0].decode()
    assert header == "id,created_at,updated_at,version,name,kind,title,country,notes"
    with (folder / "actor.csv").open(newline="", encoding="utf-8") as handle:
        ids = [int(row["id"]) for row in csv.DictReader(handle)]
    assert ids == sorted(TRICKY)
