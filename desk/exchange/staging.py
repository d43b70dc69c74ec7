"""Staging folders of imports: made with an owner mark, and cleaned when their import died.

An import stages work in a folder of its own: a large restore's worker files beside the desk
(``.desk-import-*``), the scratch SQLite copy of a desk on a server in the temporary directory
(``desk-import-*``, as large as the desk). A ``kill -9`` leaves them behind, so each import
first removes those whose owner is gone: the folder's ``owner`` file names the process (its
host, id and start time, so a reused id is not mistaken for it); a folder without one is stale
once it is an hour old.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

#: Beside the desk (hidden) and in the temporary directory.
DESK_PREFIX = ".desk-import-"
TEMPORARY_PREFIX = "desk-import-"
OWNER = "owner"
#: A folder with no owner file (killed between making it and marking it) is stale after this.
UNMARKED_STALE_SECONDS = 3600


@dataclass(frozen=True)
class Cleaned:
    """A stale staging folder that was removed, and the bytes it held."""

    path: Path
    bytes: int


def _start_time(pid: int) -> str:
    """The process's start time (clock ticks after boot) on Linux, or '' elsewhere."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            return stat.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def _mark() -> str:
    return f"{socket.gethostname()} {os.getpid()} {_start_time(os.getpid())}\n"


def make(prefix: str, parent: Path | None = None) -> Path:
    """A new staging folder under ``parent`` (the temporary directory when None), marked as
    this process's."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    (folder / OWNER).write_text(_mark(), encoding="utf-8")
    return folder


def _is_alive(pid: int, started: str) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not started or _start_time(pid) in ("", started)


def is_stale(folder: Path, *, now: float | None = None) -> bool:
    """Whether the process that made ``folder`` is gone (or, unmarked, it is old)."""
    try:
        mark = (folder / OWNER).read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        mark = []
    if len(mark) >= 2 and mark[1].isdigit():
        host, pid, started = mark[0], int(mark[1]), (mark[2] if len(mark) > 2 else "")
        if host != socket.gethostname():
            return False  # another machine's import (a shared folder): not ours to judge
        return not _is_alive(pid, started)
    try:
        age = (now or time.time()) - folder.stat().st_mtime
    except OSError:
        return False
    return age > UNMARKED_STALE_SECONDS


def _size(folder: Path) -> int:
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


def clean_stale(desk_folder: Path | None) -> list[Cleaned]:
    """Remove staging folders left by imports that died, beside the desk and in the temporary
    directory; returns what was removed."""
    places = [(Path(tempfile.gettempdir()), TEMPORARY_PREFIX)]
    if desk_folder is not None:
        places.append((desk_folder, DESK_PREFIX))
    cleaned = []
    for parent, prefix in places:
        try:
            candidates = [p for p in parent.iterdir() if p.name.startswith(prefix)]
        except OSError:
            continue
        for folder in candidates:
            if folder.is_symlink() or not folder.is_dir() or not is_stale(folder):
                continue
            size = _size(folder)
            shutil.rmtree(folder, ignore_errors=True)
            if not folder.exists():
                cleaned.append(Cleaned(folder, size))
    return cleaned
