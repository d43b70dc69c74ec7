"""The app's rooms: styles in .tcss files, screens apart from the app module, workers that
report through messages. Read from the source, so a regression fails here before it spreads."""

from __future__ import annotations

import ast
from pathlib import Path

import desk.tui

TUI = Path(desk.tui.__file__).parent
MODULES = sorted(TUI.rglob("*.py"))


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(path: Path) -> str:
    return str(path.relative_to(TUI.parent.parent))


def test_the_modules_are_found() -> None:
    names = {path.name for path in MODULES}
    assert {"app.py", "context.py", "work.py", "main.py", "paged_table.py"} <= names


def test_no_styles_in_python() -> None:
    """Every rule lives in a .tcss file: no CSS or DEFAULT_CSS class attribute."""
    found = []
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                for statement in node.body:
                    targets = (
                        statement.targets
                        if isinstance(statement, ast.Assign)
                        else [statement.target]
                        if isinstance(statement, ast.AnnAssign)
                        else []
                    )
                    for target in targets:
                        if isinstance(target, ast.Name) and target.id in ("CSS", "DEFAULT_CSS"):
                            found.append(f"{_name(path)}: {node.name}.{target.id}")
    assert found == []


def test_screens_and_widgets_do_not_import_the_app_module() -> None:
    """They reach the store and error reporting through desk.tui.context."""
    found = []
    for path in MODULES:
        if path.name == "app.py" and path.parent == TUI:
            continue
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ImportFrom):
                imported = [node.module or ""]
            elif isinstance(node, ast.Import):
                imported = [alias.name for alias in node.names]
            else:
                continue
            if "desk.tui.app" in imported:
                found.append(f"{_name(path)}:{node.lineno}")
    assert found == []


def test_workers_report_through_messages() -> None:
    """No code calls back into the UI thread and waits: workers post typed messages."""
    found = []
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Attribute) and node.attr == "call_from_thread":
                found.append(f"{_name(path)}:{node.lineno}")
    assert found == []


def test_the_styles_parse() -> None:
    """The .tcss files are what the app loads, and they parse."""
    from textual.app import App
    from textual.css.stylesheet import Stylesheet

    sheets = sorted(TUI.rglob("*.tcss"))
    assert sheets
    stylesheet = Stylesheet(variables=App().get_css_variables())
    for sheet in sheets:
        stylesheet.read(sheet)
    stylesheet.parse()
    assert stylesheet.rules
