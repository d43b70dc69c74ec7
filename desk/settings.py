"""The user's settings: a TOML file in their config directory, environment variables, flags.

Each setting comes from the first of: a command-line flag, an environment variable, the file,
desk's default; ``Setting.source`` says which, so ``desk config show`` can tell the user. A file
desk cannot use is never fatal: each problem is reported with its line and the setting it
concerns falls back to its default (a file that is not TOML at all leaves every default).

An example file::

    author = "Jane Analyst"
    database = "~/work/korea.sqlite"     # or postgresql+psycopg://jane@deskhost/korea
    theme = "gruvbox"
    dates = "iso"                        # "readable" (21 Mar 2025) or "iso" (2025-03-21)

    [keymap]                             # binding id = key(s); `desk config show` lists the ids
    "main.merge" = "M"
    "main.actors" = "f2,2"
"""

from __future__ import annotations

import getpass
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

#: A file path that overrides where the settings file is looked for...
CONFIG_FILE_VARIABLE = "DESK_CONFIG"
#: ...or a directory holding ``desk.toml`` (tests point it at a temporary directory).
CONFIG_DIR_VARIABLE = "DESK_CONFIG_DIR"
FILE_NAME = "desk.toml"

Source = Literal["default", "file", "environment", "flag"]

#: How dates are shown: "21 Mar 2025" ("readable") or "2025-03-21" ("iso").
DATE_STYLES = ("readable", "iso")
DEFAULT_THEME = "textual-dark"

#: Every setting of the file's top level: its environment variable and what it holds.
SETTINGS: dict[str, tuple[str, str]] = {
    "author": ("DESK_AUTHOR", "who changes are recorded as"),
    "database": ("DESK_DATABASE_URL", "the desk opened without --db: a SQLite path or a URL"),
    "theme": ("DESK_THEME", "the app's colour theme (a Textual theme name)"),
    "dates": ("DESK_DATES", "how dates are shown: readable (21 Mar 2025) or iso (2025-03-21)"),
}
KEYMAP_TABLE = "keymap"


@dataclass(frozen=True)
class Setting:
    """A setting in force, and where it came from (``where``: the file and line, the variable)."""

    name: str
    value: str | None
    source: Source
    where: str = ""


@dataclass(frozen=True)
class KeyRebinding:
    """One line of the ``[keymap]`` table: a binding id and the keys it is given."""

    binding_id: str
    keys: str
    line: int


@dataclass(frozen=True)
class Settings:
    path: Path
    author: Setting
    database: Setting
    theme: Setting
    dates: Setting
    keymap: tuple[KeyRebinding, ...] = ()
    #: What was wrong with the file, each naming its line: shown, never fatal.
    problems: tuple[str, ...] = field(default=())

    @property
    def all(self) -> tuple[Setting, ...]:
        return (self.author, self.database, self.theme, self.dates)

    @property
    def keymap_dict(self) -> dict[str, str]:
        """The keymap as Textual's ``App.set_keymap`` takes it."""
        return {rebinding.binding_id: rebinding.keys for rebinding in self.keymap}

    @property
    def iso_dates(self) -> bool:
        return self.dates.value == "iso"


def settings_path() -> Path:
    """Where the settings file is (whether or not it exists)."""
    named = os.environ.get(CONFIG_FILE_VARIABLE)
    if named:
        return Path(named).expanduser()
    folder = os.environ.get(CONFIG_DIR_VARIABLE)
    if folder:
        return Path(folder).expanduser() / FILE_NAME
    from platformdirs import user_config_path

    return user_config_path("desk", appauthor=False) / FILE_NAME


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def load_settings(*, database_flag: str | None = None) -> Settings:
    """The settings in force: ``database_flag`` (``--db``), else the environment, the file, the
    default. Never raises for a bad file: its problems are in ``Settings.problems``."""
    path = settings_path()
    problems: list[str] = []
    values, lines = _read_file(path, problems)
    shown_path = str(path)

    def pick(name: str, default: str | None, *, default_where: str = "") -> Setting:
        variable = SETTINGS[name][0]
        from_environment = os.environ.get(variable, "").strip()
        if from_environment:
            return Setting(name, from_environment, "environment", variable)
        if name in values:
            return Setting(name, values[name], "file", f"{shown_path}:{lines[name]}")
        return Setting(name, default, "default", default_where)

    database = pick("database", None, default_where="the desk in your user data directory")
    if database_flag:
        database = Setting("database", database_flag, "flag", "--db")
    elif database.source == "file" and database.value and "://" not in database.value:
        # A relative path in the file means beside the file, wherever desk is started.
        database = Setting(
            "database",
            str((path.parent / Path(database.value).expanduser()).resolve()),
            "file",
            database.where,
        )
    keymap = _keymap(values.get(KEYMAP_TABLE), lines, path, problems)
    return Settings(
        path=path,
        author=pick("author", _login_name(), default_where="your login name"),
        database=database,
        theme=pick("theme", DEFAULT_THEME),
        dates=_checked_dates(pick("dates", "readable"), problems),
        keymap=keymap,
        problems=tuple(problems),
    )


def _checked_dates(setting: Setting, problems: list[str]) -> Setting:
    value = (setting.value or "").strip().lower()
    if value in DATE_STYLES:
        return Setting(setting.name, value, setting.source, setting.where)
    problems.append(
        f"{setting.where}: dates = {setting.value!r} is not one of "
        f"{', '.join(DATE_STYLES)}; dates are shown readable (21 Mar 2025)"
    )
    return Setting("dates", "readable", "default")


_ERROR_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)")


def _read_file(path: Path, problems: list[str]) -> tuple[dict[str, object], dict[str, int]]:
    """The file's usable values and the line of each (keymap entries as ``keymap.ID``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, {}
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path}: cannot be read ({error}); desk runs on its defaults")
        return {}, {}
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _ERROR_LINE.search(str(error))
        line = f":{found.group(1)}" if found else ""
        reason = _ERROR_LINE.sub("", str(error)).strip()
        problems.append(f"{path}{line}: not valid TOML ({reason}); desk runs on its defaults")
        return {}, {}
    lines = _lines_of_keys(text)
    values: dict[str, object] = {}
    for name, value in data.items():
        where = f"{path}:{lines.get(name, 1)}"
        if name == KEYMAP_TABLE:
            values[name] = value
        elif name not in SETTINGS:
            known = ", ".join([*SETTINGS, f"[{KEYMAP_TABLE}]"])
            problems.append(f"{where}: unknown setting {name!r} (desk knows {known}); ignored")
        elif not isinstance(value, str) or not value.strip():
            problems.append(
                f"{where}: {name} must be a non-empty text in quotes, not {value!r}; "
                "the default is used"
            )
        else:
            values[name] = value.strip()
    return values, lines


def _keymap(
    table: object, lines: dict[str, int], path: Path, problems: list[str]
) -> tuple[KeyRebinding, ...]:
    if table is None:
        return ()
    if not isinstance(table, dict):
        where = f"{path}:{lines.get(KEYMAP_TABLE, 1)}"
        problems.append(f"{where}: keymap must be a table ([keymap]); no key is rebound")
        return ()
    found: list[KeyRebinding] = []
    for binding_id, keys in table.items():
        line = lines.get(f"{KEYMAP_TABLE}.{binding_id}", lines.get(KEYMAP_TABLE, 1))
        if not isinstance(keys, str) or not keys.strip():
            problems.append(
                f"{path}:{line}: keymap {binding_id!r} must name keys in quotes "
                f'("ctrl+m" or "m,M"), not {keys!r}; its key is unchanged'
            )
            continue
        found.append(KeyRebinding(binding_id, ",".join(k.strip() for k in keys.split(",")), line))
    return tuple(found)


_TABLE_HEADER = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
_KEY_LINE = re.compile(r"""^\s*("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _lines_of_keys(text: str) -> dict[str, int]:
    """Line numbers of the keys (``author``, ``keymap``, ``keymap.main.merge``), for messages."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE_HEADER.match(line)
        if header and not line.lstrip().startswith("[["):
            table = header.group(1).strip().strip("\"'")
            lines.setdefault(table, number)
            continue
        key = _KEY_LINE.match(line)
        if key:
            name = key.group(1).strip("\"'")
            lines.setdefault(f"{table}.{name}" if table else name, number)
    return lines
