"""Where the app writes unexpected errors: a log under the user's state directory.

A notification tells the user something broke; the traceback goes to ``errors.log`` so it can be
read and reported later. ``DESK_STATE_DIR`` overrides the directory (tests keep it in tmp_path).
"""

from __future__ import annotations

import datetime as dt
import os
import traceback
from pathlib import Path

#: Overrides the state directory (tests and scripts keep the user's own log out of reach).
STATE_DIR_VARIABLE = "DESK_STATE_DIR"
LOG_NAME = "errors.log"


def state_dir() -> Path:
    override = os.environ.get(STATE_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_state_path

    return user_state_path("desk", appauthor=False)


def log_path() -> Path:
    return state_dir() / LOG_NAME


def log_error(error: BaseException, *, where: str = "") -> Path:
    """Append ``error`` with its traceback to the log; return the log's path.

    Raises OSError when the log cannot be written (the caller says so instead).
    """
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    lines = traceback.format_exception(type(error), error, error.__traceback__)
    heading = f"--- {stamp}" + (f" in {where}" if where else "") + "\n"
    with path.open("a", encoding="utf-8", errors="backslashreplace") as log:
        log.write(heading + "".join(lines) + "\n")
    return path
