"""An import killed by kill -9 leaves its staging folder: the next import removes it, saying so."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from desk.cli.main import main
from desk.exchange import import_package
from desk.exchange.staging import DESK_PREFIX, OWNER, TEMPORARY_PREFIX, make
from desk.store import Store


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _left_behind(parent: Path, prefix: str, owner: str | None, *, old: bool = False) -> Path:
    folder = parent / f"{prefix}killed{len(list(parent.iterdir()))}"
    folder.mkdir()
    (folder / "meeting.sqlite").write_bytes(b"\0" * 100_000)
    if owner is not None:
        (folder / OWNER).write_text(owner)
    if old:
        os.utime(folder, (1_000_000_000, 1_000_000_000))
    return folder


def test_stale_staging_folders_are_cleaned_and_reported(
    sample_package: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    desks = tmp_path / "desks"
    desks.mkdir()
    host = socket.gethostname()
    killed = _left_behind(desks, DESK_PREFIX, f"{host} {_dead_pid()} 1")
    unmarked = _left_behind(temporary, TEMPORARY_PREFIX, None, old=True)
    running = make(DESK_PREFIX, desks)  # this process's own: alive, kept
    fresh = _left_behind(temporary, TEMPORARY_PREFIX, None)  # unmarked but new: kept
    elsewhere = _left_behind(desks, DESK_PREFIX, f"other-{host} {_dead_pid()} 1")  # kept
    mine = desks / "notes-desk-import-x"
    mine.mkdir()  # not a staging folder at all
    assert main(["--db", str(desks / "desk.sqlite"), "import", str(sample_package)]) == 0
    out = capsys.readouterr().out
    assert not killed.exists() and not unmarked.exists()
    assert running.exists() and fresh.exists() and elsewhere.exists() and mine.exists()
    assert f"Removed {killed} (100.0 KB), the staging folder of an import" in out
    assert f"Removed {unmarked} (100.0 KB)" in out
    assert out.count("Removed") == 2


def test_a_large_restore_marks_its_staging_folder(
    sample_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker files of a large restore live in a marked folder, removed at the end."""
    import desk.exchange.restore as importer

    monkeypatch.setattr(importer, "PARALLEL_THRESHOLD_BYTES", 1)
    monkeypatch.setattr(importer, "PARALLEL_FILE_BYTES", 20_000)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    seen: list[Path] = []
    real = importer.staging.make

    def spy(prefix: str, parent: Path | None = None) -> Path:
        folder = real(prefix, parent)
        seen.append(folder)
        assert (folder / OWNER).read_text().split()[1] == str(os.getpid())
        return folder

    monkeypatch.setattr(importer.staging, "make", spy)
    with Store.open(tmp_path / "desk.sqlite") as store:
        result = import_package(store, sample_package)
    assert result.workers >= 1
    assert seen and not seen[0].exists()
