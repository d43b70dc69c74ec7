"""The sample as a package: byte-identical round trips, files that match their Table Schemas,
and files that Python's csv module and pandas read as the desk holds them."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import json
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from desk.exchange import export_package, import_package
from desk.exchange.progress import Throttle
from desk.exchange.schema import MISSING, package_tables
from desk.migrations import HEAD
from desk.store import Store

INTEGER = re.compile(r"-?\d+")
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_export_import_export_gives_byte_identical_files(
    sample_package: Path, empty_store: Store, tmp_path: Path
) -> None:
    result = import_package(empty_store, sample_package)
    assert result.mode == "restore"
    assert result.history == "restored"
    assert result.changeset_id == 0
    assert result.added["meeting"] == 10 and result.added["evidence"] == 84
    again = export_package(empty_store, tmp_path / "again")
    assert files_of(again.path) == files_of(sample_package)


def test_an_excel_zip_round_trips_byte_for_byte(
    sample_store: Store, empty_store: Store, tmp_path: Path
) -> None:
    first = export_package(sample_store, tmp_path / "first.zip", profile="excel")
    import_package(empty_store, first.path)
    second = export_package(empty_store, tmp_path / "second.zip", profile="excel")
    assert first.path.read_bytes() == second.path.read_bytes()
    with zipfile.ZipFile(second.path) as archive:
        assert archive.namelist()[0] == "datapackage.json"
        assert archive.read("actor.csv").startswith(b"\xef\xbb\xbfid,created_at,")


def test_the_restored_desk_holds_exactly_what_was_exported(
    sample_path: Path, sample_package: Path, empty_store: Store
) -> None:
    import_package(empty_store, sample_package)
    assert empty_store.location.path is not None
    for spec in package_tables():
        assert rows(sample_path, spec.name) == rows(empty_store.location.path, spec.name)
    with Store.open(sample_path) as original:
        assert search_names(empty_store, "Shoigu") == search_names(original, "Shoigu")


def rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
    finally:
        connection.close()


def search_names(store: Store, typed: str) -> list[tuple[str, int]]:
    return sorted((hit.kind, hit.id) for hit in store.search(typed))


def test_the_descriptor_describes_the_package(sample_package: Path) -> None:
    descriptor = json.loads((sample_package / "datapackage.json").read_text("utf-8"))
    assert descriptor["$schema"].endswith("/datapackage.json")
    assert descriptor["desk"]["profile"] == "data"
    assert descriptor["desk"]["schemaRevision"] == HEAD
    assert descriptor["desk"]["byteOrderMark"] is False
    names = [resource["name"] for resource in descriptor["resources"]]
    assert names == [spec.name for spec in package_tables()]
    assert names[-2:] == ["changeset", "change"]  # the audit trail travels
    evidence = next(r for r in descriptor["resources"] if r["name"] == "evidence")
    assert evidence["schema"]["missingValues"] == [MISSING]
    assert evidence["schema"]["primaryKey"] == ["id"]
    references = {
        key["fields"][0]: key["reference"].get("resource")
        for key in evidence["schema"]["foreignKeys"]
    }
    assert references["source_id"] == "source"
    assert references["meeting_actor_id"] == "meeting_actor"
    changeset = next(r for r in descriptor["resources"] if r["name"] == "changeset")
    assert changeset["schema"]["foreignKeys"] == [
        {"fields": ["undoes_id"], "reference": {"fields": ["id"]}}
    ]
    meeting = next(r for r in descriptor["resources"] if r["name"] == "meeting")
    status = next(f for f in meeting["schema"]["fields"] if f["name"] == "status")
    assert status["constraints"] == {
        "required": True,
        "enum": ["held", "reported", "planned", "expected", "speculated", "denied", "cancelled"],
    }
    alias = next(r for r in descriptor["resources"] if r["name"] == "actor_alias")
    assert alias["schema"]["uniqueKeys"] == [["actor_id", "name"]]


def test_every_file_matches_its_table_schema(sample_package: Path) -> None:
    """A small Table Schema validator: header, types, required, enums, keys, sizes and hashes."""
    descriptor = json.loads((sample_package / "datapackage.json").read_text("utf-8"))
    ids: dict[str, set[int]] = {}
    references: list[tuple[str, str, str, int]] = []
    for resource in descriptor["resources"]:
        raw = (sample_package / resource["path"]).read_bytes()
        assert len(raw) == resource["bytes"]
        assert resource["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest()
        schema = resource["schema"]
        fields = schema["fields"]
        records = list(csv.reader(raw.decode("utf-8").splitlines(keepends=True)))
        assert records[0] == [field["name"] for field in fields]
        seen: set[int] = set()
        uniques: dict[tuple[str, ...], set[tuple[str, ...]]] = {
            tuple(key): set() for key in schema.get("uniqueKeys", [])
        }
        for record in records[1:]:
            assert len(record) == len(fields)
            values = dict(zip([f["name"] for f in fields], record, strict=True))
            for field in fields:
                check_value(field, values[field["name"]], schema["missingValues"])
            record_id = int(values["id"])
            assert record_id not in seen
            seen.add(record_id)
            for key, found in uniques.items():
                value = tuple(values[name] for name in key)
                assert value not in found
                found.add(value)
            for key in schema.get("foreignKeys", []):
                value = values[key["fields"][0]]
                if value != MISSING:
                    target = key["reference"].get("resource", resource["name"])
                    references.append((resource["name"], key["fields"][0], target, int(value)))
        ids[resource["name"]] = seen
    for table, column, target, value in references:
        assert value in ids[target], f"{table}.{column} = {value} is not in {target}"


def check_value(field: dict[str, Any], value: str, missing: list[str]) -> None:
    constraints = field.get("constraints", {})
    if value in missing:
        assert not constraints.get("required"), field["name"]
        return
    kind = field["type"]
    if kind == "integer":
        assert INTEGER.fullmatch(value), (field["name"], value)
    elif kind == "date":
        assert dt.date.fromisoformat(value).isoformat() == value
    elif kind == "datetime":
        assert DATETIME.fullmatch(value), (field["name"], value)
        dt.datetime.fromisoformat(value)
    if "enum" in constraints:
        assert value in constraints["enum"], (field["name"], value)


def test_python_csv_reads_the_values_as_stored(sample_package: Path, sample_path: Path) -> None:
    with (sample_package / "evidence.csv").open(newline="", encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    stored = rows(sample_path, "evidence")
    assert len(exported) == len(stored) == 84
    for row, original in zip(exported, stored, strict=True):
        assert row["quote"] == original[10]
        assert row["prefix"] == original[11]  # line breaks inside quoted fields survive
        assert row["note"] == (MISSING if original[18] is None else original[18])
    multiline = [row for row in exported if "\n" in row["prefix"]]
    assert multiline, "the sample has passages whose context spans a paragraph break"
    with (sample_package / "actor_alias.csv").open(newline="", encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    assert {"김정은", "Ким Чен Ын", "Сергей Шойгу", "세르게이 쇼이구"} <= names


def test_pandas_reads_the_package(sample_package: Path, sample_path: Path) -> None:
    options = {"keep_default_na": False, "na_values": [MISSING], "encoding": "utf-8"}
    meetings = pd.read_csv(sample_package / "meeting.csv", **options)
    assert len(meetings) == 10
    undated = meetings[meetings["date_text"].isna()]
    assert sorted(undated["id"]) == [8, 9]
    assert meetings.loc[meetings["id"] == 10, "date_earliest"].isna().all()
    assert meetings.loc[meetings["id"] == 10, "date_text"].item() == "../2025-03-20"
    evidence = pd.read_csv(sample_package / "evidence.csv", **options)
    stored = rows(sample_path, "evidence")
    assert list(evidence["quote"]) == [row[10] for row in stored]
    assert list(evidence["quote_start"]) == [row[13] for row in stored]
    assert evidence["credibility"].dtype.kind in "if"
    aliases = pd.read_csv(sample_package / "actor_alias.csv", **options)
    assert "김정은" in set(aliases["name"])
    created = pd.to_datetime(meetings["created_at"], utc=True)
    assert created.dt.tz is not None
    # With pandas' defaults too, every file reads with the right shape.
    for spec in package_tables():
        frame = pd.read_csv(sample_package / spec.file_name)
        assert list(frame.columns) == list(spec.column_names)
        assert len(frame) == len(rows(sample_path, spec.name))


def test_sqlite_and_sqlalchemy_paths_write_the_same_bytes(
    sample_store: Store, sample_package: Path, tmp_path: Path
) -> None:
    """The fast path formats in SQLite, the portable one in Python: the same rules, same bytes."""
    from desk.exchange import export as export_module

    for excel in (False, True):
        folder = tmp_path / f"generic-{excel}"
        folder.mkdir()
        written = export_module._write_generic(
            sample_store, folder, package_tables(), excel, Throttle(None), False
        )
        fast = export_package(
            sample_store, tmp_path / f"fast-{excel}", profile=("excel" if excel else "data")
        )
        for file in written:
            name = file.spec.file_name
            assert (folder / name).read_bytes() == (fast.path / name).read_bytes(), name
        assert [f.sha256 for f in written] == [f.sha256 for f in fast.files]


@pytest.mark.parametrize(
    "text",
    ["a,b", 'say "yes"', "one\rtwo", "one\ntwo", "\\N", "=1+2", "tab\there", "", "\uff1dx"],
)
def test_each_character_that_needs_quotes_is_found_alone(
    sample_path: Path, tmp_path: Path, text: str
) -> None:
    """SQLite's test for quoting runs one search per character (comma, quotation mark, CR, LF):
    a text holding only one of them is quoted exactly where Python's csv module quotes it,
    in every text column of every table, in both profiles."""
    from desk.exchange import export as export_module

    connection = sqlite3.connect(sample_path)
    with connection:
        for spec in package_tables():
            for column in spec.columns:
                if column.kind != "string" or column.enum is not None or column.name == "sha256":
                    continue
                # A CHECK constraint may refuse the text (a blank title): that row stays as it is.
                with contextlib.suppress(sqlite3.IntegrityError):
                    connection.execute(
                        f"UPDATE {spec.name} SET {column.name} = ? || coalesce({column.name}, '') "
                        f"WHERE id IN (SELECT id FROM {spec.name} ORDER BY id LIMIT 2)",
                        (text,),
                    )
    connection.close()
    with Store.open(sample_path) as store:
        for excel in (False, True):
            folder = tmp_path / f"generic-{excel}"
            folder.mkdir()
            written = export_module._write_generic(
                store, folder, package_tables(), excel, Throttle(None), False
            )
            profile = "excel" if excel else "data"
            fast = export_package(store, tmp_path / f"fast-{excel}", profile=profile)
            for file in written:
                name = file.spec.file_name
                assert (folder / name).read_bytes() == (fast.path / name).read_bytes(), name


def test_worker_processes_write_the_same_package(
    sample_store: Store, sample_package: Path, tmp_path: Path
) -> None:
    result = export_package(sample_store, tmp_path / "parallel", workers=2)
    assert result.workers == 2
    assert files_of(result.path) == files_of(sample_package)


def test_the_restored_change_log_still_undoes(sample_package: Path, empty_store: Store) -> None:
    import_package(empty_store, sample_package)
    history = empty_store.history(limit=1)
    assert history[0].summary.startswith("cite ")
    before = empty_store.stats().counts["evidence"]
    empty_store.undo(history[0].id)
    assert empty_store.stats().counts["evidence"] == before - 1


def test_a_restore_loads_large_files_in_worker_processes(
    sample_package: Path, empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made to think the sample is large: workers load its files, with the same result."""
    monkeypatch.setattr("desk.exchange.restore.PARALLEL_THRESHOLD_BYTES", 0)
    monkeypatch.setattr("desk.exchange.restore.PARALLEL_FILE_BYTES", 10_000)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    result = import_package(empty_store, sample_package)
    assert result.added["evidence"] == 84
    again = export_package(empty_store, tmp_path / "again")
    assert files_of(again.path) == files_of(sample_package)
    assert not [p for p in empty_store.location.path.parent.iterdir() if "desk-import" in p.name]
