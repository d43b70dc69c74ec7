"""Text from reports, packages and colleagues is data: never a terminal control, never markup.

Two sides of one rule, with no dependencies so that every layer can use it:

- at input (add-source, forms, import), ``forbidden_character`` finds the first character a
  record may not hold: NUL and the other C0 and C1 controls, and DEL, except tab and newline;
- at display (the app, the command line), ``visible`` turns every control character into a
  visible stand-in, and bidi overrides and zero-width characters into their escapes, so that a
  title can neither move the cursor, rename the terminal, set the clipboard nor reorder the line.
"""

from __future__ import annotations

import re

#: Characters a record may hold although they are controls.
ALLOWED_CONTROLS = frozenset("\t\n")

_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

#: Bidi embeddings, overrides and isolates, zero-width and other invisible format characters:
#: allowed in a record (real names use some of them) but shown as escapes.
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def forbidden_character(value: str) -> int | None:
    """The index of the first character a record may not hold, or None."""
    match = _FORBIDDEN.search(value)
    return match.start() if match else None


def describe_character(character: str) -> str:
    """``U+001B`` and, where it has one, a short name a user can search for."""
    names = {"\x00": "NUL", "\x1b": "ESC", "\x07": "BEL", "\x7f": "DEL", "\r": "carriage return"}
    code = f"U+{ord(character):04X}"
    return f"{code} ({names[character]})" if character in names else code


def forbidden_character_message(value: str, *, in_lines: bool = False) -> str | None:
    """What is wrong with ``value`` and where, or None when it is fine.

    Where is a 1-based position in a one-line value, a line and column in a longer one (or
    always, with ``in_lines``: a file).
    """
    index = forbidden_character(value)
    if index is None:
        return None
    line = value.count("\n", 0, index) + 1
    column = index - (value.rfind("\n", 0, index) + 1) + 1
    lines = in_lines or "\n" in value
    where = f"line {line}, column {column}" if lines else f"position {index + 1}"
    return (
        f"holds the control character {describe_character(value[index])} at {where}; "
        "only tab and newline are allowed"
    )


def _control_picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x7F:
        return "\u2421"  # ␡
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    return f"\\x{code:02x}"  # C1 controls have no pictures


def visible(text: str, *, keep_newlines: bool = True, keep_tabs: bool = True) -> str:
    """``text`` with every control character shown as a visible stand-in.

    Newlines and tabs stay as they are unless asked otherwise (a table cell wants neither);
    carriage returns, escapes and the rest become Unicode control pictures (``␛``) or ``\\x9b``,
    and invisible format characters (bidi overrides, zero-width spaces) become ``<U+202E>``.
    """

    def picture(match: re.Match[str]) -> str:
        character = match.group()
        if character == "\n" and keep_newlines:
            return character
        if character == "\t" and keep_tabs:
            return character
        if character in "\n\t":
            return " "
        return _control_picture(match)

    text = _CONTROL.sub(picture, text)
    return _INVISIBLE.sub(lambda match: f"<U+{ord(match.group()):04X}>", text)


def single_line(text: str) -> str:
    """``visible`` for one line of a table, a title or a notification: no newlines or tabs."""
    return visible(text, keep_newlines=False, keep_tabs=False)


#: One code point each, for ``visible_in_place``: C1 controls have no control pictures.
_C1_STAND_IN = "\ufffd"  # �
_INVISIBLE_STAND_IN = "\u25cc"  # ◌, the usual placeholder for a character that shows nothing


def visible_in_place(text: str) -> str:
    """``visible`` one code point for one, so offsets into ``text`` still hold.

    For a text shown beside spans that point into it (a source and its cited passages):
    controls become their pictures (C1 controls ``�``), invisible format characters ``◌``;
    newlines and tabs stay.
    """

    def picture(match: re.Match[str]) -> str:
        character = match.group()
        if character in ALLOWED_CONTROLS:
            return character
        if 0x80 <= ord(character) <= 0x9F:
            return _C1_STAND_IN
        return _control_picture(match)

    text = _CONTROL.sub(picture, text)
    return _INVISIBLE.sub(_INVISIBLE_STAND_IN, text)


_ESCAPED_INVISIBLE = re.compile("<U\\+([0-9A-F]{4})>")


def restore_invisible(text: str) -> str:
    """Undo ``visible``'s ``<U+202E>`` escapes of invisible format characters (for a form that
    shows a record's text and saves what the user left of it)."""

    def character(match: re.Match[str]) -> str:
        restored = chr(int(match.group(1), 16))
        return restored if _INVISIBLE.fullmatch(restored) else match.group()

    return _ESCAPED_INVISIBLE.sub(character, text)
