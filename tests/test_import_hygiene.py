"""The data layers never import Textual or Rich: they run headless, in the CLI and in scripts.

The import-linter contracts in pyproject.toml check the source; these tests check what really
loads. They import every leaf module of the headless packages (not the lazy package shells,
which import almost nothing) in a fresh interpreter and name the first one that brings in a UI
library.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import desk

#: The command line's modules count too: it imports the app only inside the command that opens it.
HEADLESS_PACKAGES = [
    "dates",
    "model",
    "store",
    "migrations",
    "texts",
    "exchange",
    "ingest",
    "sample",
    "cli",
]
HEADLESS_TOP = ["desk.errors", "desk.text_safety", "desk.lazy"]


def headless_modules() -> list[str]:
    root = Path(desk.__file__).parent
    modules = list(HEADLESS_TOP)
    for package in HEADLESS_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if "versions" in path.parts or path.name == "env.py":
                continue  # Alembic runs these itself; they are not importable on their own
            relative = path.relative_to(root).with_suffix("")
            parts = [part for part in relative.parts if part != "__init__"]
            modules.append(".".join(["desk", *parts]))
    return modules


FIRST_OFFENDER = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
    loaded = [lib for lib in ("textual", "rich") if lib in sys.modules]
    if loaded:
        print(f"{name} imports {', '.join(loaded)}")
        break
else:
    print("clean")
"""


def test_the_module_list_reaches_the_leaves() -> None:
    modules = headless_modules()
    assert "desk.store.store" in modules and "desk.exchange.import_" in modules
    assert len(modules) > 60


def test_no_headless_module_imports_a_ui_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", FIRST_OFFENDER, *headless_modules()],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "clean"


def test_the_check_names_an_offender() -> None:
    """The check itself can fail: a module that imports Textual is named."""
    result = subprocess.run(
        [sys.executable, "-c", FIRST_OFFENDER, "desk.dates", "desk.tui.app", "desk.store"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "desk.tui.app imports textual, rich"


def test_the_command_line_starts_without_the_database_layer() -> None:
    """`desk --help` must answer at once: SQLAlchemy is imported only by commands that need it."""
    code = "import sys, desk.cli.main; print('sqlalchemy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
