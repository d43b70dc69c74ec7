"""`desk add-source` and `desk suggest`, and that reading a source touches no network."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from desk.cli.main import main

SAMPLE = Path(__file__).parents[2] / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"


def _add(database: Path, capsys: pytest.CaptureFixture[str]) -> int:
    assert (
        main(
            [
                "add-source",
                "--again",
                str(SAMPLE),
                "--db",
                str(database),
                "--publisher",
                "Yonhap News Agency",
                "--published",
                "March 21, 2025",
                "--url",
                "https://en.yna.co.kr/",
            ]
        )
        == 0
    )
    return int(capsys.readouterr().out.strip())


def test_add_source_prints_the_new_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "desk.sqlite"
    assert _add(database, capsys) == 1
    assert _add(database, capsys) == 2
    assert main(["stats", "--db", str(database), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["sources"] == 2


def test_suggest_prints_proposals_with_their_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "desk.sqlite"
    source_id = _add(database, capsys)
    assert main(["suggest", str(source_id), "--db", str(database)]) == 0
    text = capsys.readouterr().out
    assert "published 2025-03-21" in text
    for heading in ("Meetings (10)", "New actors (23)", "Dates (17)", "Agenda items"):
        assert heading in text
    assert "• Rudenko–Choe talks · 15 Mar 2025 · held" in text
    assert "participant: Andrey Rudenko (participant)" in text
    assert "— TASS [3196–3457]" in text


def test_suggest_json_for_scripts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    database = tmp_path / "desk.sqlite"
    source_id = _add(database, capsys)
    assert main(["suggest", str(source_id), "--db", str(database), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    text = SAMPLE.read_text(encoding="utf-8")
    kinds = {p["kind"] for p in data["proposals"]}
    assert kinds == {"meeting", "new_actor", "agenda", "date"}
    for proposal in data["proposals"]:
        passage = proposal["passage"]
        assert text[passage["start"] : passage["end"]] == passage["text"]
        for span in proposal["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(text)
        assert proposal["decision"] == "pending"
    rudenko = next(p for p in data["proposals"] if p.get("title") == "Rudenko–Choe talks")
    assert rudenko["date"] == "2025-03-15" and rudenko["date_phrase"] == "on Saturday"
    assert {p["name"] for p in rudenko["participants"]} == {"Andrey Rudenko", "Choe Son-hui"}
    assert rudenko["status"] == "held", "the meeting's status, not the decision's"
    statuses = {p["status"] for p in data["proposals"] if p["kind"] == "meeting"}
    assert statuses <= {
        "held",
        "planned",
        "expected",
        "speculated",
        "denied",
        "cancelled",
        "reported",
    }


def test_a_missing_source_is_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["migrate", "--db", str(tmp_path / "desk.sqlite")]) == 0
    capsys.readouterr()
    assert main(["suggest", "7", "--db", str(tmp_path / "desk.sqlite")]) == 1
    assert capsys.readouterr().err.strip() == "desk: there is no source #7"
    assert main(["add-source", str(tmp_path / "nope.pdf"), "--db", str(tmp_path / "d.sqlite")]) == 1
    assert "desk reads .txt" in capsys.readouterr().err


def test_nothing_touches_the_network(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("desk.ingest tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from desk.ingest import accept_all, proposals_for
    from desk.store import Store

    database = tmp_path / "desk.sqlite"
    source_id = _add(database, capsys)
    assert main(["suggest", str(source_id), "--db", str(database), "--json"]) == 0
    with Store.open(database) as store:
        assert not accept_all(store, proposals_for(store, source_id)).skipped


def test_reading_loads_no_network_client() -> None:
    code = (
        "import sys, datetime as dt\n"
        "from desk.ingest import propose\n"
        f"propose(open({str(SAMPLE)!r}, encoding='utf-8').read(), dt.date(2025, 3, 21))\n"
        "print(sorted({'http.client', 'urllib.request', 'requests', 'httpx', 'ftplib',"
        " 'smtplib'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_suggest_on_a_sqlite_desk_imports_no_sqlalchemy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`desk suggest` reads a current SQLite desk with sqlite3 alone (desk.store.report_reads):
    importing SQLAlchemy, SQLModel and the model was half of what it cost on a large desk."""
    database = tmp_path / "desk.sqlite"
    source_id = _add(database, capsys)
    code = (
        "import sys\n"
        "from desk.cli.main import main\n"
        f"status = main(['suggest', '{source_id}', '--db', {str(database)!r}])\n"
        "print(sorted(name for name in ('sqlalchemy', 'sqlmodel', 'pydantic', 'desk.model.tables')"
        " if name in sys.modules), status, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip() == "[] 0"
    assert "Meetings (10)" in result.stdout


def test_suggest_prints_the_same_through_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk.store.report_reads import SqliteReads

    database = tmp_path / "desk.sqlite"
    source_id = _add(database, capsys)
    outputs = []
    for _ in range(2):
        for arguments in ([], ["--json"]):
            assert main(["suggest", str(source_id), "--db", str(database), *arguments]) == 0
            outputs.append(capsys.readouterr().out)
        monkeypatch.setattr(SqliteReads, "open", classmethod(lambda _cls, _location: None))
    assert outputs[:2] == outputs[2:]
