"""A damaged zip is refused in one line naming the member, whether the importer reads it itself
or a worker process of a large restore does."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from desk.exchange import PackageError, import_package
from desk.store import Store


def _damaged(package: Path, target: Path) -> Path:
    """The package zipped, with the middle of change.csv's deflate data overwritten."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(package.iterdir()):
            archive.write(file, file.name)
    with zipfile.ZipFile(target) as archive:
        info = archive.getinfo("change.csv")
    data = bytearray(target.read_bytes())
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = bytes(range(64))
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("workers", [False, True])
def test_a_damaged_member_is_refused_in_one_line(
    sample_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: bool
) -> None:
    if workers:
        import desk.exchange.restore as importer

        monkeypatch.setattr(importer, "PARALLEL_THRESHOLD_BYTES", 1)
        monkeypatch.setattr(importer, "PARALLEL_FILE_BYTES", 50_000)  # change.csv alone
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
    package = _damaged(sample_package, tmp_path / "damaged.zip")
    with Store.open(tmp_path / "desk.sqlite") as store:
        with pytest.raises(PackageError) as refused:
            import_package(store, package)
        assert set(store.stats().counts.values()) == {0}
    message = str(refused.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith("change.csv in "), message
    assert "damaged" in message or "CRC" in message
