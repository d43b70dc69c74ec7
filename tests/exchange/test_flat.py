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


#: Texts the file must carry exactly: quoting, formula marks (fullwidth forms too), NUL (which
#: SQLite's printf would cut short), line breaks, empty text, and none at all.
AWKWARD = (
    'say "yes", then\r\nleave',
    "=1+2",
    '\uff1dHYPERLINK("http://x")',
    "'quoted",
    "-5, or so",
    "before\x00after",
    "\tindented",
    "",
    None,
    "\\N",
    "Пхеньян, 평양 🎌",
)


def _awkward_desk(path: Path) -> None:
    """Every text of the sample's meetings, actors, agenda items and sources made awkward."""
    connection = sqlite3.connect(path)
    with connection:
        meetings = [row[0] for row in connection.execute("SELECT id FROM meeting ORDER BY id")]
        for index, number in enumerate(meetings):
            pick = [AWKWARD[(index + shift) % len(AWKWARD)] for shift in range(4)]
            connection.execute(
                "UPDATE meeting SET title = coalesce(?, '') || title, place = ?, summary = ?, "
                "date_text = coalesce(?, '') || date_text WHERE id = ?",
                (*pick, number),
            )
        for table, column in (("actor", "name"), ("agenda_item", "title"), ("source", "title")):
            ids = [row[0] for row in connection.execute(f"SELECT id FROM {table} ORDER BY id")]
            for index, number in enumerate(ids):
                text = AWKWARD[index % len(AWKWARD)] or "none"
                connection.execute(
                    f"UPDATE {table} SET {column} = ? || {column} WHERE id = ?", (text, number)
                )
        connection.execute("UPDATE source SET publisher = NULL WHERE id % 2 = 0")
        connection.execute("UPDATE evidence SET quote = '=' || quote WHERE id % 3 = 0")
    connection.close()


def test_sqlite_writes_the_same_file_as_python(
    sample_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On SQLite the lines are made by one SQL statement (flat_sqlite); on other databases
    Python's csv module writes rows. Forced through both on the same awkward desk, with and
    without filters, marks and the byte order mark, the files are the same, byte for byte."""
    from desk.exchange import flat

    _awkward_desk(sample_path)
    cases: list[dict[str, object]] = [
        {},
        {"raw": True},
        {"profile": "excel"},
        {"date_from": "2024", "actor": 1},
        {"verified_only": True},
    ]
    with Store.open(sample_path) as store:
        for number, options in enumerate(cases):
            in_sql = export_flat(store, tmp_path / f"sql{number}.csv", **options)  # type: ignore[arg-type]
            with monkeypatch.context() as patch:
                patch.setattr(flat, "_lines_in_sql", lambda connection: False)
                patch.setattr(flat, "BATCH", 3)
                in_python = export_flat(store, tmp_path / f"py{number}.csv", **options)  # type: ignore[arg-type]
            assert in_sql.rows == in_python.rows, options
            written = in_sql.path.read_bytes()
            assert written == in_python.path.read_bytes(), options
    assert b"before\x00after" in (tmp_path / "sql0.csv").read_bytes()
    assert (tmp_path / "sql0.csv").read_bytes().count(b"\r\n") > 10


def test_progress_reaches_the_end_and_a_raising_callback_cancels(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Progress is reported while SQLite reads the meetings (a tick every TICK ids; here every
    id) and as lines are written, ending at done == total; a callback that raises, in either
    phase, stops the export with its own exception and leaves nothing behind."""
    from desk.exchange import flat_sqlite, progress

    monkeypatch.setattr(flat_sqlite, "TICK", 1)
    monkeypatch.setattr(progress, "INTERVAL", 0)
    calls: list[tuple[int, int]] = []
    out = tmp_path / "out"
    result = export_flat(sample_store, out / "a.csv", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1] > 0
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len(calls) > result.rows  # a tick per meeting read, a call per batch written

    class Stop(Exception):
        pass

    for after in (0, len(calls) - 2):  # while reading (in SQLite's statement), while writing

        def stop(done: int, total: int, seen: list[int] = [], after: int = after) -> None:  # noqa: B006
            seen.append(done)
            if len(seen) > after:
                raise Stop

        with pytest.raises(Stop):
            export_flat(sample_store, out / "b.csv", progress=stop)
        assert sorted(p.name for p in out.iterdir()) == ["a.csv"]
    # The connection is left as it was: text comes back as str, no callback is held.
    calls.clear()
    with sample_store.reading() as session:
        assert session.connection().exec_driver_sql("SELECT 'x'").scalar() == "x"
        assert session.connection().exec_driver_sql("SELECT desk_flat_reached(1)").scalar() == 1
    assert calls == []
