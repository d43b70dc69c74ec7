"""Command-line messages that tell a user what to do next."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.cli.main import main

SAMPLE = Path(__file__).parents[2] / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"


def test_export_to_a_csv_path_without_flat_says_what_it_writes(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "events.csv"
    assert main(["export", "--db", str(sample_path), str(target)]) == 1
    err = capsys.readouterr().err
    assert "Data Package" in err and f"desk export --flat {target}" in err
    assert not target.exists()


@pytest.mark.parametrize("flat", [False, True], ids=["package", "flat"])
def test_an_existing_target_names_force(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], flat: bool
) -> None:
    target = tmp_path / ("events.csv" if flat else "package")
    command = ["export", "--db", str(sample_path), *(["--flat"] if flat else []), str(target)]
    assert main(command) == 0
    capsys.readouterr()
    assert main(command) == 1
    assert "--force" in capsys.readouterr().err


def test_db_in_a_folder_that_does_not_exist_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "no-such-folder" / "desk.sqlite"
    assert main(["stats", "--db", str(database)]) == 1
    assert "there is no folder" in capsys.readouterr().err
    assert not database.parent.exists()


def test_adding_a_text_already_in_the_desk_names_the_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = str(tmp_path / "desk.sqlite")
    assert main(["add-source", str(SAMPLE), "--db", database, "--published", "2025-03-21"]) == 0
    capsys.readouterr()
    assert main(["add-source", str(SAMPLE), "--db", database, "--published", "2025-03-21"]) == 1
    err = capsys.readouterr().err
    assert "source #1" in err and "--again" in err
    assert main(["add-source", str(SAMPLE), "--db", database, "--again"]) == 0
