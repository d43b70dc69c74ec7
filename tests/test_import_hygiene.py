"""The data layers never import Textual: they run headless, in the CLI and in scripts."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEADLESS = [
    "desk.model",
    "desk.dates",
    "desk.store",
    "desk.migrations",
    "desk.sample",
    "desk.exchange",
    "desk.ingest",
    "desk.ingest.engine",
    "desk.ingest.accept",
    "desk.cli.main",
]


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_modules_do_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_command_line_starts_without_the_database_layer() -> None:
    """`desk --help` must answer at once: SQLAlchemy is imported only by commands that need it."""
    code = "import sys, desk.cli.main; print('sqlalchemy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_app_paints_before_the_database_layer_loads() -> None:
    """The app's modules load without SQLAlchemy, SQLModel and Pydantic (a third of a second):
    the first page comes from desk.store.quick while the store opens in a worker."""
    code = (
        "import sys, desk.tui.app, desk.tui.screens.main, desk.store.quick; "
        "print(sorted({'sqlalchemy', 'sqlmodel', 'pydantic'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
