"""The app's rooms: styles in .tcss files, screens apart from the app module, workers that
report through messages. Read from the source, so a regression fails here before it spreads."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

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


FORMS = ("FormScreen", "MeetingProposalForm")


def _save_argument(call: ast.Call) -> ast.expr | None:
    """What a form's constructor call passes as ``save`` (third positional, or by name)."""
    for keyword in call.keywords:
        if keyword.arg == "save":
            return keyword.value
    return call.args[2] if len(call.args) > 2 else None


def test_forms_hand_their_save_callbacks_typed_values() -> None:
    """Every form's save callback takes ``FormValues``, never a dict of field values."""
    checked, found = 0, []
    for path in MODULES:
        tree = _tree(path)
        functions = {
            node.name: node
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        }
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id not in FORMS:
                continue
            save = _save_argument(node)
            where = f"{_name(path)}:{node.lineno}"
            if isinstance(save, ast.Lambda):
                checked += 1  # typed by the Save alias it is passed as
                continue
            if not isinstance(save, ast.Name) or save.id not in functions:
                found.append(f"{where}: save is not a function defined here")
                continue
            first = functions[save.id].args.args[0]
            annotation = ast.unparse(first.annotation) if first.annotation else "(none)"
            checked += 1
            if annotation != "FormValues":
                found.append(f"{where}: {save.id}({first.arg}: {annotation})")
    assert found == []
    assert checked >= 8, "the forms were not found"


def test_the_save_alias_and_values_are_typed() -> None:
    """``FormScreen.values`` and the ``Save`` alias speak FormValues, not dict."""
    import typing

    from desk.tui.form_values import FormValues
    from desk.tui.screens.form import FormScreen, Save

    parameters, _returned = typing.get_args(Save)
    assert parameters[0] is FormValues
    assert typing.get_type_hints(FormScreen.values)["return"] is FormValues


def test_form_values_convert_to_store_arguments() -> None:
    from desk.tui.form_values import FormValues

    values = FormValues({"title": "Talks", "place": None, "credibility": "4", "file": "a.txt"})
    assert values.text("title") == "Talks"
    assert values.text("place") is None
    assert values.number("credibility") == 4
    assert values.arguments(without=("file",)) == {
        "title": "Talks",
        "place": None,
        "credibility": "4",
    }
    assert values.changes_from({"title": "Talks", "place": "", "credibility": "3"}) == {
        "credibility": "4",
        "file": "a.txt",
    }
    with pytest.raises(ValueError, match="note"):
        FormValues({"note": None}).required("note")
