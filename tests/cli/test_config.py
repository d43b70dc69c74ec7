"""`desk config path|show|keys`: where the settings are, what is in force and from where."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.cli.main import main


def test_config_path_and_show_on_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "config" / "desk.toml")
    assert main(["config", "show"]) == 0
    shown = capsys.readouterr().out
    assert "not there" in shown
    assert "tester" in shown and "(environment: DESK_AUTHOR)" in shown
    assert str(tmp_path / "data" / "desk.sqlite") in shown


def test_config_show_names_each_origin_and_each_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config" / "desk.toml"
    path.parent.mkdir()
    path.write_text(
        'theme = "gruvbox"\ndates = "iso"\n[keymap]\n"main.merge" = "M"\n"main.nothing" = "z"\n',
        encoding="utf-8",
    )
    assert main(["--db", str(tmp_path / "flag.sqlite"), "config", "show"]) == 1
    captured = capsys.readouterr()
    assert f"(file: {path}:1)" in captured.out  # theme
    assert f"{tmp_path / 'flag.sqlite'}" in captured.out and "(flag: --db)" in captured.out
    assert "main.merge = M" in captured.out and "shipped as m" in captured.out
    assert f"{path}:5: keymap 'main.nothing' is no binding of desk" in captured.err


def test_config_keys_lists_every_binding_id_with_the_users_keys(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "config" / "desk.toml"
    path.parent.mkdir()
    path.write_text('[keymap]\n"main.merge" = "M"\n', encoding="utf-8")
    assert main(["config", "keys"]) == 0
    lines = capsys.readouterr().out.splitlines()
    merge = next(line for line in lines if line.startswith("main.merge "))
    assert "M (yours)" in merge
    assert any(line.startswith("app.undo ") and "ctrl+z" in line for line in lines)
