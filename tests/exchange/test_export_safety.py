"""Exports never leave half-written packages: interrupted, failed or refused, nothing appears at
the target; and what was there is replaced only when asked, and only if it is a package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk.exchange import ExportRefused, export_package
from desk.store import Store


class Interrupted(KeyboardInterrupt):
    pass


def interrupt_after(calls: int) -> object:
    seen = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) >= calls:
            raise Interrupted

    return progress


def leftovers(folder: Path) -> list[str]:
    return sorted(name for name in os.listdir(folder) if not name.startswith("sample.sqlite"))


@pytest.mark.parametrize("name", ["package", "package.zip"])
@pytest.mark.parametrize("workers", [0, 2])
def test_an_interrupted_export_leaves_nothing(
    sample_store: Store, tmp_path: Path, name: str, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk.exchange import progress as progress_module

    monkeypatch.setattr(progress_module, "INTERVAL", 0.0)  # every batch reports
    monkeypatch.setattr("desk.exchange.export.BATCH_BYTES", 512)  # many small batches
    before = leftovers(tmp_path)
    with pytest.raises(Interrupted):
        export_package(sample_store, tmp_path / name, progress=interrupt_after(2), workers=workers)
    assert leftovers(tmp_path) == before


def test_an_interrupted_zip_keeps_the_zip_that_was_there(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk.exchange import progress as progress_module

    monkeypatch.setattr(progress_module, "INTERVAL", 0.0)
    target = tmp_path / "package.zip"
    first = export_package(sample_store, target).path.read_bytes()
    calls = []

    def late_interrupt(done: int, total: int) -> None:
        calls.append(done)
        if done > total // 2:  # while zipping
            raise Interrupted

    with pytest.raises(Interrupted):
        export_package(sample_store, target, replace=True, progress=late_interrupt)
    assert target.read_bytes() == first
    assert leftovers(tmp_path) == ["package.zip"]


def test_progress_reaches_its_total(sample_store: Store, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_package(sample_store, tmp_path / "package", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1] > 0
    assert all(done <= total for done, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_an_existing_package_is_replaced_only_when_asked(
    sample_store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "package"
    export_package(sample_store, target)
    (target / "actor.csv").write_text("scribbled")
    with pytest.raises(ExportRefused, match="already holds a package"):
        export_package(sample_store, target)
    assert (target / "actor.csv").read_text() == "scribbled"
    export_package(sample_store, target, replace=True)
    assert (target / "actor.csv").read_bytes().startswith(b"id,created_at")
    assert leftovers(tmp_path) == ["package"]


def test_a_folder_of_other_files_is_never_replaced(sample_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "documents"
    target.mkdir()
    (target / "thesis.docx").write_text("precious")
    with pytest.raises(ExportRefused, match="holds other files and no desk package"):
        export_package(sample_store, target, replace=True)
    assert (target / "thesis.docx").read_text() == "precious"
    empty = tmp_path / "empty"
    empty.mkdir()
    export_package(sample_store, empty)  # an empty folder is fine
    assert (empty / "datapackage.json").is_file()


def test_a_zip_path_that_is_a_folder_or_a_file_for_a_folder_is_refused(
    sample_store: Store, tmp_path: Path
) -> None:
    (tmp_path / "odd.zip").mkdir()
    with pytest.raises(ExportRefused, match="is a folder"):
        export_package(sample_store, tmp_path / "odd.zip")
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ExportRefused, match="is a file"):
        export_package(sample_store, tmp_path / "notes.txt")


def test_an_empty_desk_exports_headers_only(empty_store: Store, tmp_path: Path) -> None:
    result = export_package(empty_store, tmp_path / "empty")
    assert all(written.rows == 0 for written in result.files)
    assert (result.path / "meeting.csv").read_bytes().count(b"\r\n") == 1


def test_a_desk_that_cannot_be_written_still_exports(
    sample_store: Store, sample_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export takes the write lock to give worker processes one snapshot; on a read-only desk,
    where nothing can change anyway, it reads without it."""
    import sqlite3

    from desk.exchange import sqlite_export

    class ReadOnly(sqlite3.Connection):
        def execute(self, sql: str, *arguments: object) -> sqlite3.Cursor:  # type: ignore[override]
            if sql == "BEGIN IMMEDIATE":
                raise sqlite3.OperationalError("attempt to write a readonly database")
            return super().execute(sql, *arguments)  # type: ignore[arg-type]

    def read_only(database: str) -> sqlite3.Connection:
        return sqlite3.connect(
            database, isolation_level=None, check_same_thread=False, factory=ReadOnly
        )

    monkeypatch.setattr(sqlite_export, "connect", read_only)
    result = export_package(sample_store, tmp_path / "copy", workers=2)
    assert result.workers == 0
    for file in sample_package.iterdir():
        assert (result.path / file.name).read_bytes() == file.read_bytes()


def test_force_replaces_only_a_desk_export(sample_store: Store, tmp_path: Path) -> None:
    """A user's notes beside a package, or a folder inside it, are never deleted by --force."""
    target = tmp_path / "package"
    export_package(sample_store, target)
    (target / "notes.txt").write_text("my notes")
    (target / "sub").mkdir()
    (target / "sub" / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    with pytest.raises(ExportRefused, match=r"notes\.txt"):
        export_package(sample_store, target, replace=True)
    assert (target / "notes.txt").read_text() == "my notes"
    assert (target / "sub" / "photo.jpg").read_bytes() == b"\xff\xd8 a photo"
    (target / "notes.txt").unlink()
    with pytest.raises(ExportRefused, match="sub"):
        export_package(sample_store, target, replace=True)
    assert (target / "sub" / "photo.jpg").is_file()


def test_force_refuses_a_foreign_data_package(sample_store: Store, tmp_path: Path) -> None:
    target = tmp_path / "package"
    export_package(sample_store, target)
    (target / "datapackage.json").write_text('{"name": "someone-elses", "resources": []}')
    with pytest.raises(ExportRefused, match="not written by desk"):
        export_package(sample_store, target, replace=True)
    assert (target / "datapackage.json").read_text().startswith('{"name": "someone')
    zipped = tmp_path / "photos.zip"
    import zipfile

    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8")
    before = zipped.read_bytes()
    with pytest.raises(ExportRefused, match=r"photo\.jpg"):
        export_package(sample_store, zipped, replace=True)
    assert zipped.read_bytes() == before


def test_a_failed_export_keeps_the_package_that_was_there(
    sample_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills up midway: a clear refusal, and the old package intact."""
    from desk.exchange import sqlite_export

    target = tmp_path / "package"
    export_package(sample_store, target)
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    real = sqlite_export.write_table

    def full_disk(connection, job, progress, stopped):  # type: ignore[no-untyped-def]
        if job.table == "evidence":
            raise OSError(27, "File too large")
        return real(connection, job, progress, stopped)

    monkeypatch.setattr(sqlite_export, "write_table", full_disk)
    with pytest.raises(ExportRefused, match="File too large"):
        export_package(sample_store, target, replace=True, workers=0)
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert leftovers(tmp_path) == ["package"]


@pytest.mark.parametrize("name", ["package", "package.zip"])
def test_a_package_is_as_readable_as_any_new_file(
    sample_store: Store, tmp_path: Path, name: str
) -> None:
    """A package is handed on: it gets the umask's mode (0644, a folder 0755), not the private
    0600/0700 of the temporary file or folder it was written as."""
    previous = os.umask(0o022)
    try:
        written = export_package(sample_store, tmp_path / name).path
    finally:
        os.umask(previous)
    expected = 0o755 if written.is_dir() else 0o644
    assert written.stat().st_mode & 0o777 == expected
