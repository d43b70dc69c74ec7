"""Imports stay bounded in memory whatever a package holds: a zip of a few hundred KB can hold
a field of gigabytes, or gigabytes of blank lines ending in one bad byte."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from desk.exchange.reading import FIELD_SIZE_LIMIT, ROW_SIZE_LIMIT

#: Peak resident memory an import of a hostile package may reach (it once reached 11.6 GB).
BOUND = 300 * 1024 * 1024


def _zip(package: Path, target: Path, name: str, data: bytes) -> Path:
    """The package as a zip, with ``name`` replaced by ``data`` (its size and hash dropped)."""
    descriptor = json.loads((package / "datapackage.json").read_text("utf-8"))
    for resource in descriptor["resources"]:
        if resource["path"] == name:
            resource.pop("bytes", None)
            resource.pop("hash", None)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor))
        for file in package.glob("*.csv"):
            if file.name != name:
                archive.write(file, file.name)
        archive.writestr(name, data)
    return target


def _import_peak(package: Path, desk: Path) -> tuple[int, str]:
    """Import in a grandchild process; its peak resident memory in bytes, and its stderr."""
    script = (
        "import resource, subprocess, sys\n"
        "run = subprocess.run([sys.executable, '-m', 'desk', '--db', sys.argv[1], 'import', "
        "sys.argv[2]], capture_output=True, text=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "print(run.stderr.strip())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(desk), str(package)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    peak, _, message = done.stdout.partition("\n")
    return int(peak) * 1024, message.strip()


def _first_record_with(data: bytes, column: int, value: bytes) -> bytes:
    lines = data.split(b"\r\n")
    fields = lines[1].split(b",")
    fields[column] = value
    lines[1] = b",".join(fields)
    return b"\r\n".join(lines)


@pytest.mark.parametrize("shape", ["one line", "many lines"])
def test_a_huge_field_is_refused_within_bounded_memory(
    sample_package: Path, tmp_path: Path, shape: str
) -> None:
    """A field twice the limit (64 MB, a 100 KB zip): refused early, naming line and column."""
    size = 2 * FIELD_SIZE_LIMIT
    # On one line, or quoted over short lines (no line is long, the field is).
    value = b"x" * size if shape == "one line" else b'"' + b"xxxxxxx\n" * (size // 8) + b'"'
    data = _first_record_with((sample_package / "actor.csv").read_bytes(), 8, value)
    package = _zip(sample_package, tmp_path / "huge.zip", "actor.csv", data)
    assert package.stat().st_size < 1024 * 1024
    peak, message = _import_peak(package, tmp_path / "desk.sqlite")
    assert message.startswith("desk: actor.csv, line 2, column notes: a value is longer than"), (
        message
    )
    print(f"peak {peak / 2**20:.0f} MB")
    assert peak < BOUND, f"peak {peak / 2**20:.0f} MB"


def test_a_bad_byte_after_many_blank_lines_is_found_streaming(
    sample_package: Path, tmp_path: Path
) -> None:
    """40 MB of blank lines, then one byte that is not UTF-8: found without reading it all."""
    blank = 40 * 1024 * 1024
    data = (sample_package / "actor.csv").read_bytes() + b"\r\n" * (blank // 2) + b"\xff"
    lines = data.count(b"\n") + 1
    package = _zip(sample_package, tmp_path / "blank.zip", "actor.csv", data)
    peak, message = _import_peak(package, tmp_path / "desk.sqlite")
    assert message.startswith(f"desk: actor.csv, line {lines}"), message
    assert "not UTF-8" in message
    print(f"peak {peak / 2**20:.0f} MB")
    assert peak < 120 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"


def test_a_long_line_of_fields_is_refused(sample_package: Path, tmp_path: Path) -> None:
    data = (sample_package / "meeting.csv").read_bytes() + b"," * (ROW_SIZE_LIMIT + 10)
    lines = data.count(b"\n") + 1
    package = _zip(sample_package, tmp_path / "wide.zip", "meeting.csv", data)
    peak, message = _import_peak(package, tmp_path / "desk.sqlite")
    assert message.startswith(f"desk: meeting.csv, line {lines}: the row is longer than"), message
    print(f"peak {peak / 2**20:.0f} MB")
    assert peak < BOUND, f"peak {peak / 2**20:.0f} MB"
