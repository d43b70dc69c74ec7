"""The settings file: precedence flag > environment > file > default, and bad files reported
with their line, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.settings import load_settings, settings_path
from desk.store import default_author, resolve


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config" / "desk.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_lives_where_the_override_says(tmp_path: Path) -> None:
    assert settings_path() == tmp_path / "config" / "desk.toml"


def test_no_file_means_every_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DESK_AUTHOR")
    settings = load_settings()
    assert [s.source for s in settings.all] == ["default"] * 4
    assert settings.database.value is None
    assert settings.dates.value == "readable" and settings.theme.value == "textual-dark"
    assert settings.problems == () and settings.keymap == ()


def test_flag_beats_environment_beats_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(
        tmp_path,
        'author = "Jane Analyst"\ndatabase = "korea.sqlite"\ntheme = "nord"\ndates = "iso"\n'
        '\n[keymap]\n"main.merge" = "M"\n',
    )
    monkeypatch.delenv("DESK_AUTHOR")
    settings = load_settings()
    assert settings.author.value == "Jane Analyst"
    assert (settings.author.source, settings.author.where) == ("file", f"{path}:1")
    # A relative path in the file is beside the file, wherever desk runs.
    assert settings.database.value == str(path.parent / "korea.sqlite")
    assert settings.iso_dates and settings.keymap_dict == {"main.merge": "M"}
    assert settings.keymap[0].line == 7
    assert default_author() == "Jane Analyst"
    assert resolve().path == path.parent / "korea.sqlite"

    monkeypatch.setenv("DESK_AUTHOR", "Env Name")
    monkeypatch.setenv("DESK_DATABASE_URL", str(tmp_path / "env.sqlite"))
    settings = load_settings()
    assert (settings.author.value, settings.author.source) == ("Env Name", "environment")
    assert settings.database.where == "DESK_DATABASE_URL"
    assert resolve().path == tmp_path / "env.sqlite"

    flagged = load_settings(database_flag="postgresql://db/desk")
    assert (flagged.database.value, flagged.database.source) == ("postgresql://db/desk", "flag")


def test_a_file_that_is_not_toml_is_reported_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'author = "Jane"\ntheme = "nord\n')
    settings = load_settings()
    assert len(settings.problems) == 1
    assert settings.problems[0].startswith(f"{path}:2: not valid TOML")
    assert settings.theme.source == "default" and settings.author.value == "tester"


def test_each_bad_value_is_reported_and_the_rest_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DESK_AUTHOR")
    path = write(
        tmp_path,
        'author = "Jane"\ncolour = "red"\ndates = "american"\ntheme = 3\n'
        '[keymap]\n"main.merge" = "M"\n"main.actors" = 2\n',
    )
    settings = load_settings()
    problems = "\n".join(settings.problems)
    assert f"{path}:2: unknown setting 'colour'" in problems
    assert f"{path}:3: dates = 'american'" in problems
    assert f"{path}:4: theme must be a non-empty text" in problems
    assert f"{path}:7: keymap 'main.actors' must name keys" in problems
    assert settings.author.value == "Jane"
    assert settings.dates.value == "readable" and settings.theme.source == "default"
    assert settings.keymap_dict == {"main.merge": "M"}
