"""The words dates are made of: months, weekdays, number words, seasons, units.

Month and weekday names start from python-dateutil's ``parserinfo`` tables and add the forms
news copy uses that dateutil lacks (AP's "Sept.", "Tues.", "Thurs."). Every table is keyed by
the lower-case word; the ``*_RE`` strings are regex alternations, longest first, for building the
grammar in ``parse`` and the scanner in ``find``.
"""

from __future__ import annotations

from collections.abc import Iterable

from dateutil.parser import parserinfo

_INFO = parserinfo()


def _names(table: list[tuple[str, ...]], extra: dict[str, int]) -> dict[str, int]:
    names = {name.lower(): index + 1 for index, forms in enumerate(table) for name in forms}
    names.update(extra)
    return names


#: month word -> 1..12 ("sept" is AP style; dateutil already knows "sep" and "sept").
MONTHS: dict[str, int] = _names(_INFO.MONTHS, {})

#: weekday word -> 0 (Monday) .. 6 (Sunday), as ``datetime.date.weekday()``.
WEEKDAYS: dict[str, int] = {
    name: number - 1
    for name, number in _names(
        _INFO.WEEKDAYS, {"tues": 2, "weds": 3, "thur": 4, "thurs": 4}
    ).items()
}

#: Small counts as news copy writes them ("two days ago", "a week ago").
NUMBERS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

#: Ordinals used for quarters and halves.
ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}

#: Season -> first month (northern hemisphere, meteorological: three whole months each).
SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

#: Unit words, singular and plural, -> the singular.
UNITS: dict[str, str] = {
    form: unit for unit in ("day", "week", "month", "year", "decade") for form in (unit, unit + "s")
}

#: Month abbreviations that stand for a month only when written with a full stop or before a
#: number in running text ("Jan" alone is a name as often as a month).
MONTH_ABBREVIATIONS: frozenset[str] = frozenset(
    name for name in MONTHS if len(name) <= 4 and name not in ("may", "june", "july")
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "september" beats "sep"."""
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))


MONTH_RE = alternation(MONTHS)
WEEKDAY_RE = alternation(WEEKDAYS)
NUMBER_RE = alternation([*NUMBERS, r"\d{1,3}"])
ORDINAL_RE = alternation(ORDINALS)
SEASON_RE = alternation(SEASONS)
