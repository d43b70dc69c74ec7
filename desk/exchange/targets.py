"""Where an export may write: a new path, an empty folder, or (when asked) a desk export.

``--force`` replaces only what desk export itself wrote: a folder (or zip) holding exactly
``datapackage.json`` with desk's own ``desk`` section and the CSV file of each of its tables, or
a flat file starting with the flat header. Anything else at the path (a user's notes beside a
package, a folder of photos, a spreadsheet) is refused with the reason, and left as it was.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from pathlib import Path

from desk.exchange.errors import ExportRefused
from desk.exchange.package import DESCRIPTOR
from desk.exchange.schema import package_tables

#: Larger than any descriptor desk writes; a bigger file is not one.
DESCRIPTOR_LIMIT = 4 * 1024 * 1024


def check_package_target(target: Path, *, as_zip: bool, replace: bool) -> None:
    """Refuse ``target`` unless it is absent, an empty folder, or a desk export to replace."""
    if not target.exists() and not target.is_symlink():
        return
    if target.is_symlink():
        raise ExportRefused(f"{target} is a symbolic link; export to a new path")
    if as_zip:
        if target.is_dir():
            raise ExportRefused(f"{target} is a folder; name a .zip file or another path")
        if not target.is_file():
            raise ExportRefused(f"{target} is not a regular file; export to a new path")
        if not replace:
            raise ExportRefused(f"{target} already exists; choose another name or replace it")
        problem = zip_problem(target)
        if problem is not None:
            raise ExportRefused(f"{target} is not a desk export ({problem}); it was not replaced")
        return
    if not target.is_dir():
        raise ExportRefused(
            f"{target} is a file; export to a folder (or a name ending in .zip) instead"
        )
    entries = list(target.iterdir())
    if not entries:
        return
    if not (target / DESCRIPTOR).is_file():
        raise ExportRefused(
            f"{target} is a folder that holds other files and no desk package; export into a "
            "new or empty folder"
        )
    if not replace:
        raise ExportRefused(
            f"{target} already holds a package; choose another folder or replace it"
        )
    problem = folder_problem(target, entries)
    if problem is not None:
        raise ExportRefused(
            f"{target} is not only a desk export ({problem}); it was not replaced: move those "
            "files, or export to another folder"
        )


def _expected_files() -> set[str]:
    return {DESCRIPTOR, *(spec.file_name for spec in package_tables())}


def _descriptor_problem(raw: bytes) -> str | None:
    """Why ``raw`` is not a descriptor desk export wrote, or None."""
    try:
        descriptor = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return f"its {DESCRIPTOR} is not JSON"
    if not isinstance(descriptor, dict) or descriptor.get("name") != "desk":
        return f"its {DESCRIPTOR} was not written by desk"
    if not isinstance(descriptor.get("desk"), dict):
        return f'its {DESCRIPTOR} has no "desk" section'
    return None


def _extra(names: Iterable[str]) -> str | None:
    expected = _expected_files()
    others = sorted(set(names) - expected)
    if others:
        shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
        return f"it also holds {shown}"
    missing = sorted(expected - set(names))
    if missing:
        return f"it lacks {', '.join(missing[:3])}"
    return None


def folder_problem(folder: Path, entries: list[Path]) -> str | None:
    """Why ``folder`` is not exactly a package desk export wrote, or None."""
    names = [
        entry.name if entry.is_file() and not entry.is_symlink() else entry.name + "/"
        for entry in entries
    ]
    problem = _extra(names)
    if problem is not None:
        return problem
    descriptor = folder / DESCRIPTOR
    if descriptor.stat().st_size > DESCRIPTOR_LIMIT:
        return f"its {DESCRIPTOR} is too large to be desk's"
    return _descriptor_problem(descriptor.read_bytes())


def zip_problem(path: Path) -> str | None:
    """Why the zip at ``path`` is not exactly a package desk export wrote, or None."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            problem = _extra(names)
            if problem is not None:
                return problem
            member = archive.getinfo(DESCRIPTOR)
            if member.file_size > DESCRIPTOR_LIMIT:
                return f"its {DESCRIPTOR} is too large to be desk's"
            raw = archive.read(member)
    except Exception as error:  # any damage (a bad CRC, zlib.error…): not desk's to replace
        return f"not a readable zip: {error}"
    return _descriptor_problem(raw)


def check_flat_target(target: Path, header: str, *, replace: bool) -> None:
    """Refuse ``target`` unless it is absent, or (when asked) a flat file desk wrote."""
    if target.is_symlink():
        raise ExportRefused(f"{target} is a symbolic link; export to a new path")
    if target.is_dir():
        raise ExportRefused(f"{target} is a folder; name the CSV file to write")
    if not target.exists():
        return
    if not target.is_file():
        raise ExportRefused(f"{target} is not a regular file; export to a new path")
    if not replace:
        raise ExportRefused(f"{target} already exists; choose another name or replace it")
    with target.open("rb") as handle:
        start = handle.read(len(header.encode("utf-8")) + 3)
    if start.removeprefix(b"\xef\xbb\xbf") != header.encode("utf-8"):
        raise ExportRefused(
            f"{target} is not a flat file desk exported (its first line is not desk's header); "
            "it was not replaced"
        )
