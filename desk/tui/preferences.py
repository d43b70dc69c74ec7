"""The user's settings (desk.settings) put in force in the app: keymap, theme, date style.

A setting the app cannot use is reported in a notification naming the file and line, and the
app carries on with the default: a bad settings file never keeps desk from starting.
"""

from __future__ import annotations

from textual.app import App

from desk.settings import DEFAULT_THEME, Settings
from desk.tui.presentation import show_iso_dates


def theme_names() -> list[str]:
    """The themes a settings file may name: Textual's built-in ones."""
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)


def apply_settings(app: App[object], settings: Settings) -> None:
    show_iso_dates(settings.iso_dates)
    problems = list(settings.problems)
    if settings.keymap:
        from desk.tui.keys import unknown_ids

        keymap = settings.keymap_dict
        lines = {rebinding.binding_id: rebinding.line for rebinding in settings.keymap}
        for binding_id in unknown_ids(keymap):
            problems.append(
                f"{settings.path}:{lines[binding_id]}: keymap {binding_id!r} is no binding of "
                "desk (`desk config keys` lists them); ignored"
            )
            del keymap[binding_id]
        app.set_keymap(keymap)
    theme = settings.theme
    if theme.value and theme.value in app.available_themes:
        app.theme = theme.value
    else:
        where = theme.where or theme.source
        problems.append(
            f"{where}: theme {theme.value!r} is not a theme desk knows "
            f"({', '.join(sorted(app.available_themes))}); using {DEFAULT_THEME}"
        )
    for problem in problems:
        app.notify(problem, title="Settings", severity="warning", timeout=15)
