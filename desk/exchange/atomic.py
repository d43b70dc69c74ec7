"""Writing one output file whole or not at all, and never over a file desk did not write."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from desk.exchange.errors import ExportRefused


def check_target(
    target: Path, suffixes: tuple[str, ...], *, replace: bool, ours: Callable[[Path], bool]
) -> None:
    """Refuse a wrong suffix, a folder, a link, or an existing file unless ``replace`` and ours."""
    if target.suffix.lower() not in suffixes:
        raise ExportRefused(f"{target}: name a {' or '.join(suffixes)} file to write")
    if target.is_symlink():
        raise ExportRefused(f"{target} is a symbolic link; export to a new path")
    if target.is_dir():
        raise ExportRefused(f"{target} is a folder; name the file to write")
    if not target.parent.is_dir():
        raise ExportRefused(f"{target}: there is no folder {target.parent}")
    if not target.exists():
        return
    if not target.is_file():
        raise ExportRefused(f"{target} is not a regular file; export to a new path")
    if not replace:
        raise ExportRefused(f"{target} already exists; choose another name or replace it")
    if not ours(target):
        raise ExportRefused(f"{target} is not a file desk exported; it was not replaced")


@contextmanager
def replaced_atomically(
    target: Path,
    *,
    replace: bool,
    suffixes: tuple[str, ...],
    ours: Callable[[Path], bool],
    binary: bool = False,
) -> Iterator[IO[str] | IO[bytes]]:
    """A file to write that takes ``target``'s place only when the block ends without error."""
    check_target(target, suffixes, replace=replace, ours=ours)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    temporary = Path(name)
    try:
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding, newline=None if binary else "\n") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, readable_mode())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def readable_mode(*, folder: bool = False) -> int:
    """The mode a new file (0644 under the usual umask) or folder (0755) gets here, not
    mkstemp's or mkdtemp's private 0600 and 0700."""
    mask = os.umask(0o022)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


def starts_with(target: Path, *markers: bytes, within: int = 4096) -> bool:
    """Whether the first ``within`` bytes of ``target`` hold every marker (desk's own file)."""
    with target.open("rb") as handle:
        head = handle.read(within)
    return all(marker in head for marker in markers)
