"""The flat event file: one readable row per meeting of the sample, and its filters."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from desk.exchange import ExportRefused, export_flat
from desk.exchange.flat import COLUMNS
from desk.store import InvalidField, Store

PUBLISHED = dt.date(2025, 3, 21)


def read(path: Path, encoding: str = "utf-8") -> list[dict[str, str]]:
    with path.open(newline="", encoding=encoding) as handle:
        return list(csv.DictReader(handle))


def test_the_sample_flat_file(sample_store: Store, tmp_path: Path) -> None:
    result = export_flat(sample_store, tmp_path / "events.csv")
    assert result.rows == 10
    rows = read(result.path)
    assert list(rows[0]) == list(COLUMNS)
    # Timeline order; undated meetings last.
    assert [row["meeting_id"] for row in rows] == [
        "4",
        "6",
        "5",
        "2",
        "3",
        "10",
        "1",
        "7",
        "8",
        "9",
    ]
    visit = next(row for row in rows if row["meeting_id"] == "1")
    assert visit["date"] == "2025-03-21"
    assert visit["date_precision"] == "day"
    assert visit["date_earliest"] == visit["date_latest"] == "2025-03-21"
    assert visit["title"] == "Shoigu visits Pyongyang for talks with Kim Jong-un"
    assert visit["place"] == "Pyongyang, North Korea"
    assert visit["status"] == "reported"
    assert visit["actors"] == "Sergei Shoigu (guest); Kim Jong-un (host)"
    assert visit["agenda"].startswith(
        "Ceasefire in Russia's war against Ukraine (expected); "
        "Kim Jong-un's visit to Russia (speculated)"
    )
    citations = visit["citations"].split(" | ")
    assert len(citations) == int(visit["citation_count"]) == 12
    assert citations[0] == (
        "Yonhap News Agency, 2025-03-21: “Russia's top security official may discuss ongoing "
        "efforts for a ceasefire in Russia's war against Ukraine”"
    )
    summit = next(row for row in rows if row["meeting_id"] == "6")
    assert (summit["date"], summit["date_precision"]) == ("2024-06", "month")
    assert (summit["date_earliest"], summit["date_latest"]) == ("2024-06-01", "2024-06-30")
    assert (
        "North Korea–Russia comprehensive strategic partnership treaty (confirmed)"
        in (summit["agenda"])
    )
    drill = next(row for row in rows if row["meeting_id"] == "10")
    assert (drill["date"], drill["date_precision"], drill["date_earliest"]) == (
        "../2025-03-20",
        "range",
        "",
    )
    undated = next(row for row in rows if row["meeting_id"] == "8")
    assert undated["date"] == undated["date_precision"] == ""
    assert undated["place"] == ""
    assert undated["actors"] == "Russia (participant); United States (mediator)"


def test_pandas_reads_the_flat_file(sample_store: Store, tmp_path: Path) -> None:
    path = export_flat(sample_store, tmp_path / "events.csv").path
    frame = pd.read_csv(path)
    assert len(frame) == 10
    assert frame["citation_count"].sum() == 47
    assert frame.loc[frame["meeting_id"] == 1, "actors"].item() == (
        "Sergei Shoigu (guest); Kim Jong-un (host)"
    )
    assert frame["date"].isna().sum() == 2


def test_filters_by_dates_read_as_analysts_write_them(sample_store: Store, tmp_path: Path) -> None:
    march = export_flat(
        sample_store, tmp_path / "march.csv", date_from="2025-03", date_to="2025-03"
    )
    assert [row["meeting_id"] for row in read(march.path)] == ["3", "10", "1"]
    assert march.filters == ("from 2025-03 to 2025-03",)
    last_june = export_flat(
        sample_store,
        tmp_path / "june.csv",
        date_from="last June",
        date_to="last June",
        today=PUBLISHED,
    )
    # The drill's start is unknown (../2025-03-20): it may overlap June 2024, so it is kept.
    assert [row["meeting_id"] for row in read(last_june.path)] == ["6", "10"]
    since = export_flat(sample_store, tmp_path / "since.csv", date_from="May 2025")
    assert [row["meeting_id"] for row in read(since.path)] == ["7"]
    with pytest.raises(InvalidField, match="--from"):
        export_flat(sample_store, tmp_path / "bad.csv", date_from="Type 094")


def test_filters_by_actor_and_agenda_item(sample_store: Store, tmp_path: Path) -> None:
    by_alias = export_flat(sample_store, tmp_path / "kim.csv", actor="김정은")
    assert [row["meeting_id"] for row in read(by_alias.path)] == ["4", "6", "5", "1", "7"]
    assert by_alias.filters == ("with Kim Jong-un",)
    by_id = export_flat(sample_store, tmp_path / "kim2.csv", actor=2)
    assert read(by_id.path) == read(by_alias.path)
    ceasefire = export_flat(
        sample_store, tmp_path / "ceasefire.csv", agenda_item="ceasefire in russia's war"
    )
    assert [row["meeting_id"] for row in read(ceasefire.path)] == ["1", "8", "9"]
    both = export_flat(
        sample_store,
        tmp_path / "both.csv",
        actor="Vladimir Putin",
        agenda_item="Kim Jong-un's visit to Russia",
        date_from="2024",
    )
    assert [row["meeting_id"] for row in read(both.path)] == ["6"]
    with pytest.raises(InvalidField, match="no actor is called 'Nobody Known'"):
        export_flat(sample_store, tmp_path / "x.csv", actor="Nobody Known")
    with pytest.raises(InvalidField, match="'Korea' names more than one actor"):
        export_flat(sample_store, tmp_path / "x.csv", actor="Korea")
    with pytest.raises(InvalidField, match="there is no agenda item #99"):
        export_flat(sample_store, tmp_path / "x.csv", agenda_item=99)


def test_the_flat_file_neutralizes_formulas_by_default(sample_store: Store, tmp_path: Path) -> None:
    """The flat file is for spreadsheets: in both profiles, formula-looking text (fullwidth
    forms included) gets a leading ', unless raw values are asked for."""
    assert sample_store.location.path is not None
    connection = sqlite3.connect(sample_store.location.path)
    updates = {
        1: ("=1+2", "@home", '\uff1dHYPERLINK("http://x")'),
        2: ("\uff0b1", "\uff20x", "Talks"),
        3: ("\uff0d1", "'q", "Talks"),
    }
    with connection:
        for number, values in updates.items():
            connection.execute(
                "UPDATE meeting SET place = ?, summary = ?, title = ? WHERE id = ?",
                (*values, number),
            )
    connection.close()
    for profile, encoding in (("data", "utf-8"), ("excel", "utf-8-sig")):
        path = export_flat(sample_store, tmp_path / f"{profile}.csv", profile=profile).path
        rows = {r["meeting_id"]: r for r in read(path, encoding=encoding)}
        for number, values in updates.items():
            row = rows[str(number)]
            assert (row["place"], row["summary"]) == tuple("'" + v for v in values[:2]), profile
        assert rows["1"]["title"] == "'" + updates[1][2]
        assert rows["2"]["title"] == "Talks"
    assert (tmp_path / "excel.csv").read_bytes().startswith(b"\xef\xbb\xbfmeeting_id,")
    path = export_flat(sample_store, tmp_path / "raw.csv", raw=True).path
    rows = {r["meeting_id"]: r for r in read(path)}
    for number, values in updates.items():
        row = rows[str(number)]
        assert (row["place"], row["summary"], row["title"]) == values


def test_the_cli_writes_raw_cells_only_when_asked(sample_path: Path, tmp_path: Path) -> None:
    from desk.cli.main import main

    connection = sqlite3.connect(sample_path)
    with connection:
        connection.execute("UPDATE meeting SET place = '=1+2' WHERE id = 1")
    connection.close()
    desk = ["--db", str(sample_path), "export", "--flat"]
    assert main([*desk, str(tmp_path / "a.csv")]) == 0
    assert main([*desk, "--raw", str(tmp_path / "b.csv")]) == 0
    assert next(r for r in read(tmp_path / "a.csv") if r["meeting_id"] == "1")["place"] == "'=1+2"
    assert next(r for r in read(tmp_path / "b.csv") if r["meeting_id"] == "1")["place"] == "=1+2"


def test_an_existing_file_is_replaced_only_when_asked(sample_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "events.csv"
    target.write_text("mine")
    with pytest.raises(Exception, match="already exists"):
        export_flat(sample_store, target)
    assert target.read_text() == "mine"
    with pytest.raises(ExportRefused, match="not a flat file desk exported"):
        export_flat(sample_store, target, replace=True)  # a user's file is never replaced
    assert target.read_text() == "mine"
    target.unlink()
    export_flat(sample_store, target, profile="excel")
    export_flat(sample_store, target, replace=True)  # an earlier flat export is
    assert target.read_text().startswith("meeting_id,")
    assert sorted(p.name for p in tmp_path.iterdir() if "events" in p.name) == ["events.csv"]
