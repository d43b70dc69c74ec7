"""`desk add-source`: a publication day is a day, never a phrase relative to today."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.cli.main import main

SAMPLE = Path(__file__).parents[2] / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"


def test_a_relative_publication_day_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "desk.sqlite"
    code = main(["add-source", str(SAMPLE), "--db", str(database), "--published", "Tuesday"])
    assert code == 2
    err = capsys.readouterr().err
    assert "relative" in err and "2025-03-21" in err
    assert not database.exists()  # nothing stored, not even an empty desk


def test_a_source_without_a_publication_day_gets_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["add-source", str(SAMPLE), "--db", str(tmp_path / "desk.sqlite")]) == 0
    assert "warning: no --published date" in capsys.readouterr().err
