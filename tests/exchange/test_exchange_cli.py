"""``desk export`` and ``desk import`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.cli.main import main


def test_export_then_import_then_export_again(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(sample_path), str(tmp_path / "p")]) == 0
    said = capsys.readouterr()
    assert "(data profile): 23 actors, 57 aliases, 10 meetings" in said.out
    assert "84 pieces of evidence" in said.out
    assert said.err == ""  # no progress bar when stderr is not a terminal
    fresh = tmp_path / "fresh.sqlite"
    assert main(["import", "--db", str(fresh), str(tmp_path / "p")]) == 0
    said = capsys.readouterr().out
    assert "was restored into" in said and "the package's change log is the desk's history" in said
    assert main(["--db", str(fresh), "export", str(tmp_path / "q")]) == 0
    for file in (tmp_path / "p").iterdir():
        assert file.read_bytes() == (tmp_path / "q" / file.name).read_bytes()


def test_a_merge_lists_its_conflicts(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(sample_path), "--excel", str(tmp_path / "p.zip")]) == 0
    capsys.readouterr()
    assert main(["import", "--db", str(sample_path), "--dry-run", str(tmp_path / "p.zip")]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Dry run, nothing was written.")
    assert "nothing would be added; 215 record(s) already there unchanged; 0 conflict(s)" in said


def test_a_flat_export_with_filters(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "events.csv"
    code = main(
        ["export", "--db", str(sample_path), "--flat", str(target), "--from", "2025-03",
         "--actor", "Sergei Shoigu"]
    )  # fmt: skip
    assert code == 0
    said = capsys.readouterr().out
    assert said.startswith("Wrote 1 meeting (from 2025-03, with Sergei Shoigu) to ")
    assert target.read_bytes().count(b"\r\n") == 2


def test_user_errors_are_one_line(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--db", str(sample_path), "--actor", "Kim", str(tmp_path / "x")]) == 1
    assert capsys.readouterr().err == (
        "desk: --from/--to/--actor/--agenda: these filters apply to --flat exports\n"
    )
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "datapackage.json").write_text("{}")
    assert main(["import", "--db", str(tmp_path / "d.sqlite"), str(tmp_path / "bad")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("desk: datapackage.json in ") and err.count("\n") == 1
    assert 'has no "desk" section' in err
