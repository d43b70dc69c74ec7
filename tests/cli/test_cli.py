"""The command line: help, version, stats, migrate, sample, and user errors without tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from desk import __version__
from desk.cli.main import main
from desk.migrations import HEAD, REVISIONS, upgrade


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"desk {__version__}"
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    for command in ("open", "sample", "stats", "migrate", "check", "where", "--db", "--sample"):
        assert command in help_text


def test_python_dash_m_desk_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "desk", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"desk {__version__}"


def test_stats_on_the_sample(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--db", str(sample_path), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["counts"]["meetings"] == 10
    assert figures["counts"]["evidence"] == 84
    assert figures["unsourced_total"] == 0
    assert figures["review"]["needs_review"] == 0 and figures["review"]["draft"] > 0
    assert main(["--db", str(sample_path), "stats"]) == 0
    table = capsys.readouterr().out
    assert "meetings" in table and "84" in table
    assert "review (records and links): " in table and "0 needs review" in table


def test_stats_creates_the_default_desk_on_first_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["stats", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["database"] == str(tmp_path / "data" / "desk.sqlite")
    assert set(figures["counts"].values()) == {0}
    assert main(["where"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "data" / "desk.sqlite")


def test_the_environment_variable_selects_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DESK_DATABASE_URL", str(tmp_path / "team.sqlite"))
    assert main(["where"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "team.sqlite")


def test_user_errors_are_one_line_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    assert main(["stats", "--db", str(notes)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"desk: {notes} is not a desk database")
    assert "Traceback" not in captured.err


def test_migrate_reports_what_it_did(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "old.sqlite"
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade(connection, REVISIONS[0])
    engine.dispose()
    assert main(["migrate", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"Upgraded {path} from schema {REVISIONS[0]} to {HEAD}." in out
    assert "The old file was kept as" in out
    assert main(["migrate", "--db", str(path)]) == 0
    assert "nothing to do" in capsys.readouterr().out


def test_sample_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "built.sqlite"
    assert main(["sample", "--build", str(target)]) == 0
    assert "10 meetings" in capsys.readouterr().out
    assert main(["sample", "--build", str(target)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["sample", "--build", str(target), "--force"]) == 0
