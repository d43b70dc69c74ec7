"""Record text on screen: always a Text or Content built from plain strings, never markup.

Anything that comes from a record, a source, a package, a search hit, an error message or a
colleague goes through here before it reaches a widget. Two things can go wrong otherwise:

- a str handed to Static, Label, an Option, a DataTable cell, ``notify`` or a palette hit is
  parsed as Textual markup, so ``[@click=app.quit]`` runs an action, ``[/]`` raises MarkupError
  and ``Pyongyang [DPRK]`` loses its bracket;
- a control character (ESC, BEL, C1) is written to the terminal as it is, so a title can
  rename the window, clear the screen or set the clipboard.

``line`` and ``block`` build a Text from data; ``clean`` makes a Text built elsewhere safe
(keeping its styles); ``plain`` is for the few APIs that take a str and never parse markup
(``Screen.title``, an Input's value). The rule itself (what is a control, how it is shown) lives
in desk.text_safety.
"""

from __future__ import annotations

from typing import Any

from rich.style import StyleType
from rich.text import Text
from textual.content import Content

from desk.text_safety import restore_invisible, single_line, visible


def plain(value: object, *, multiline: bool = False) -> str:
    """``value`` as a str a terminal shows literally: one line unless ``multiline``."""
    if value is None:
        return ""
    text = str(value)
    return visible(text, keep_tabs=False) if multiline else single_line(text)


def line(value: object, style: StyleType = "") -> Text:
    """One line of record text (a cell, a title, an option)."""
    return Text(plain(value), style=style)


def block(value: object, style: StyleType = "") -> Text:
    """Record text that may hold several lines (notes, a summary, an error with its context)."""
    return Text(plain(value, multiline=True), style=style)


def clean(text: Text, *, multiline: bool = False) -> Text:
    """``text`` with every control and invisible character made visible, its styles kept.

    For a Text assembled from data and fixed words: its spans are moved to the new offsets.
    (Rich drops BEL, backspace and carriage returns when a Text is made from a str, so build
    with ``line`` where the literal text matters; this is the net behind it.)
    """
    original = text.plain
    if plain(original, multiline=multiline) == original:
        return text
    offsets: list[int] = []
    pieces: list[str] = []
    position = 0
    for character in original:
        offsets.append(position)
        shown = plain(character, multiline=multiline)
        pieces.append(shown)
        position += len(shown)
    offsets.append(position)
    result = text.blank_copy("".join(pieces))
    for span in text.spans:
        result.stylize(span.style, offsets[span.start], offsets[min(span.end, len(original))])
    return result


def cell(value: Any) -> Text:
    """A table cell: data as a literal line; a Text (a date, a status) cleaned."""
    if isinstance(value, Text):
        return clean(value)
    return line(value)


def cells(values: Any) -> list[Text]:
    return [cell(value) for value in values]


def content(value: Text | str) -> Content:
    """Content for APIs that parse a str as markup (the command palette)."""
    if isinstance(value, Text):
        return Content.from_rich_text(clean(value))
    return Content(plain(value))


def field_text(value: object, *, multiline: bool = False) -> str:
    """A record's value as a form shows it for editing (controls visible, not obeyed)."""
    if value is None:
        return ""
    return visible(str(value)) if multiline else single_line(str(value))


def from_field(shown: str) -> str:
    """What the user left in a field, with invisible characters shown as ``<U+200B>`` restored."""
    return restore_invisible(shown)
