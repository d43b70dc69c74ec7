"""The harness for the bad-input table: run ``desk`` on something broken and check the refusal.

A case prepares its bad input in a scratch folder, names the desk arguments, the words the
message must contain, and the paths that must come out byte-identical. The runner starts desk in
a subprocess (so ``ulimit -f`` can make a disk full and nothing leaks between cases) and asserts:
a non-zero exit, no ``Traceback`` anywhere, one line on standard error naming what is wrong, and
every target unchanged (a path that did not exist still does not).
"""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Scratch:
    """Where a case makes its input: a private folder, and a PostgreSQL URL when it asked."""

    folder: Path
    postgres_url: str | None = None

    def path(self, name: str) -> Path:
        return self.folder / name


@dataclass(frozen=True)
class BadInput:
    #: The test id: short, unique, says what is bad.
    id: str
    #: Makes the bad input; returns the desk arguments (without ``desk``).
    prepare: Callable[[Scratch], Sequence[str]]
    #: Fragments the one-line message must contain (case-insensitive): the file and what is wrong.
    expect: Sequence[str]
    #: Paths (relative to the scratch folder) that must be byte-identical after the run.
    unchanged: Sequence[str] = ()
    #: ``ulimit -f`` for the run, in bytes (rounded down to 512-byte blocks): a full disk.
    file_size_limit: int | None = None
    #: The case needs an empty PostgreSQL database (``Scratch.postgres_url``).
    needs_postgres: bool = False
    #: Extra environment for the run.
    env: dict[str, str] = field(default_factory=dict)


def fingerprint(path: Path) -> object:
    """What a path holds: None when it does not exist, a hash per file below a folder."""
    if path.is_symlink():
        return ("link", os.readlink(path))
    if path.is_dir():
        return {
            str(child.relative_to(path)): fingerprint(child)
            for child in sorted(path.rglob("*"))
            if not child.is_dir()
        }
    if path.is_file():
        return (path.stat().st_mode, hashlib.sha256(path.read_bytes()).hexdigest())
    if path.exists():  # a device or a fifo: its type is what must not change
        return ("special", path.stat().st_mode)
    return None


def _limits(file_size_limit: int | None) -> Callable[[], None] | None:
    if file_size_limit is None:
        return None

    def apply() -> None:
        # Without this, SIGXFSZ kills the process instead of the write failing with EFBIG.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return apply


def run_desk(
    arguments: Sequence[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    file_size_limit: int | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "desk", *arguments],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=timeout,
        preexec_fn=_limits(file_size_limit),
    )


def check_refused(case: BadInput, scratch: Scratch) -> None:
    arguments = list(case.prepare(scratch))
    before = {name: fingerprint(scratch.path(name)) for name in case.unchanged}
    result = run_desk(
        arguments, cwd=scratch.folder, env=case.env, file_size_limit=case.file_size_limit
    )
    output = result.stdout + result.stderr
    shown = f"$ desk {' '.join(arguments)}\nexit {result.returncode}\n{output}"
    assert result.returncode != 0, shown
    assert "Traceback" not in output, shown
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line of message\n{shown}"
    message = lines[0].lower()
    for fragment in case.expect:
        assert fragment.lower() in message, f"{fragment!r} not in the message\n{shown}"
    for name, fingerprinted in before.items():
        assert fingerprint(scratch.path(name)) == fingerprinted, f"{name} changed\n{shown}"
