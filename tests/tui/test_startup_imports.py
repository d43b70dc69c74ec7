"""What opening the app loads: the first frame needs Textual, the main screen and the page read
with sqlite3; opening the store needs SQLAlchemy, not the migrations machinery (when the desk is
current) nor the date readers. Each check runs in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: Modules the first frame must not wait for: the database layer, the migrations, the date
#: readers, the dialogs, and the packages of other commands.
NOT_FOR_THE_FIRST_FRAME = [
    "sqlalchemy",
    "sqlmodel",
    "pydantic",
    "alembic",
    "networkx",
    "desk.dates.find",
    "desk.dates.parse",
    "desk.tui.screens.form",
    "desk.tui.screens.picker",
    "desk.tui.screens.confirm",
    "desk.exchange",
    "desk.ingest",
]
#: Modules opening a current desk must not load.
NOT_FOR_OPENING = ["alembic", "networkx", "desk.dates.find", "desk.exchange", "desk.ingest"]

LOADED = """
import importlib, json, sys
for name in sys.argv[2:]:
    importlib.import_module(name)
if sys.argv[1]:
    from desk.store.location import resolve
    from desk.tui.app import _open
    _open(resolve(sys.argv[1])).close()
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by(*modules: str, open_desk: Path | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", LOADED, str(open_desk or ""), *modules],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(result.stdout))


def test_the_first_frame_loads_neither_the_database_layer_nor_the_dialogs() -> None:
    loaded = loaded_by("desk.tui.app", "desk.tui.screens.main", "desk.store.quick")
    assert "textual" in loaded and "desk.tui.widgets.paged_table" in loaded
    assert sorted(loaded & set(NOT_FOR_THE_FIRST_FRAME)) == []


def test_opening_a_current_desk_loads_no_migrations_and_no_date_readers(
    sample_path: Path,
) -> None:
    loaded = loaded_by(open_desk=sample_path)
    assert "sqlalchemy" in loaded and "desk.store.store" in loaded
    assert sorted(loaded & set(NOT_FOR_OPENING)) == []


def test_the_check_sees_a_module_that_loads() -> None:
    """The checks can fail: a dialog's module, once imported, is seen with what it pulls in."""
    loaded = loaded_by("desk.tui.screens.form")
    assert {"desk.dates.parse", "desk.tui.screens.form"} <= loaded
