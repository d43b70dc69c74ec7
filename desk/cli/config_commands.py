"""``desk config``: where the settings file is, and the settings in force with their origin."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

EXAMPLE = """\
example file (TOML):
  author = "Jane Analyst"
  database = "~/work/korea.sqlite"     # a SQLite path, or postgresql+psycopg://...
  theme = "gruvbox"                    # any Textual theme
  dates = "iso"                        # readable (21 Mar 2025) or iso (2025-03-21)

  [keymap]                             # binding id = key(s); `desk config keys` lists the ids
  "main.merge" = "M"

precedence: a flag (--db) > an environment variable (DESK_AUTHOR, DESK_DATABASE_URL,
DESK_THEME, DESK_DATES) > the file > desk's default. DESK_CONFIG names another file,
DESK_CONFIG_DIR another folder."""


def register(sub: Any, database_option: Callable[..., None]) -> None:
    config = sub.add_parser(
        "config",
        help="where your settings file is, and the settings in force",
        description="desk reads your settings (author, default database, theme, how dates are "
        "shown, and a [keymap] table that rebinds keys) from a TOML file in your config folder.",
        epilog=EXAMPLE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    config.set_defaults(handler=lambda _arguments: config.print_help() or 0)
    actions = config.add_subparsers(title="commands", metavar="COMMAND")
    path = actions.add_parser("path", help="print where the settings file is (or would be)")
    path.set_defaults(handler=show_path)
    show = actions.add_parser(
        "show",
        help="print each setting in force and where it came from",
        description="Each setting in force and where it came from: default, file (with its "
        "line), environment (the variable) or flag; then the keymap and any problem found.",
    )
    database_option(show, top_level=False)
    show.set_defaults(handler=show_settings)
    keys = actions.add_parser(
        "keys", help="list every key binding's id, its key and what it does (for [keymap])"
    )
    keys.set_defaults(handler=show_keys)


def show_path(arguments: argparse.Namespace) -> int:
    from desk.settings import settings_path

    print(settings_path())
    return 0


def show_settings(arguments: argparse.Namespace) -> int:
    from desk.settings import load_settings
    from desk.store.location import default_database_path

    settings = load_settings(database_flag=getattr(arguments, "db", None))
    state = "" if settings.path.exists() else "  (not there: every setting is desk's default)"
    print(f"settings file: {settings.path}{state}")
    width = max(len(setting.name) for setting in settings.all)
    shown = {
        setting.name: setting.value or str(default_database_path()) for setting in settings.all
    }
    value_width = max(len(value) for value in shown.values())
    for setting in settings.all:
        origin = setting.source + (f": {setting.where}" if setting.where else "")
        print(f"  {setting.name:<{width}}  {shown[setting.name]:<{value_width}}  ({origin})")
    problems = list(settings.problems)
    from desk.tui.preferences import theme_names

    if settings.theme.value not in theme_names():
        problems.append(
            f"{settings.theme.where or settings.theme.source}: theme {settings.theme.value!r} "
            f"is not a theme desk knows ({', '.join(theme_names())}); the app uses the default"
        )
    if settings.keymap:
        from desk.tui.keys import known_bindings

        known = known_bindings()
        print("keymap:")
        for rebinding in settings.keymap:
            binding = known.get(rebinding.binding_id)
            if binding is None:
                problems.append(
                    f"{settings.path}:{rebinding.line}: keymap {rebinding.binding_id!r} is no "
                    "binding of desk (`desk config keys` lists them); ignored"
                )
                continue
            print(
                f"  {rebinding.binding_id} = {rebinding.keys}  (file: {settings.path}:"
                f"{rebinding.line}; shipped as {binding.keys}: {binding.description})"
            )
    else:
        print("keymap: every key as shipped (`desk config keys` lists them)")
    for problem in problems:
        print(f"desk: {problem}", file=sys.stderr)
    return 1 if problems else 0


def show_keys(arguments: argparse.Namespace) -> int:
    from desk.settings import load_settings
    from desk.tui.keys import known_bindings

    rebound = load_settings().keymap_dict
    known = known_bindings()
    width = max(len(binding_id) for binding_id in known)
    for binding_id, binding in known.items():
        keys = rebound.get(binding_id, binding.keys)
        mark = " (yours)" if binding_id in rebound else ""
        print(f"{binding_id:<{width}}  {keys + mark:<18} {binding.description}")
    return 0
