"""The words dates are made of: months, weekdays, number words, seasons, units.

Month and weekday names are python-dateutil's ``parserinfo`` tables (copied, so reading a report
need not import dateutil's parser; tests/dates/test_lazy_package.py holds them equal) and add the
forms news copy uses that dateutil lacks (AP's "Sept.", "Tues.", "Thurs."). Every table is keyed by
the lower-case word; the ``*_RE`` strings are regex alternations, longest first, for building the
grammar in ``parse`` and the scanner in ``find``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: python-dateutil's ``parserinfo.MONTHS`` and ``parserinfo.WEEKDAYS``.
DATEUTIL_MONTHS: list[tuple[str, ...]] = [
    ("Jan", "January"),
    ("Feb", "February"),
    ("Mar", "March"),
    ("Apr", "April"),
    ("May", "May"),
    ("Jun", "June"),
    ("Jul", "July"),
    ("Aug", "August"),
    ("Sep", "Sept", "September"),
    ("Oct", "October"),
    ("Nov", "November"),
    ("Dec", "December"),
]
DATEUTIL_WEEKDAYS: list[tuple[str, ...]] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
]


def _names(table: list[tuple[str, ...]], extra: dict[str, int]) -> dict[str, int]:
    names = {name.lower(): index + 1 for index, forms in enumerate(table) for name in forms}
    names.update(extra)
    return names


#: month word -> 1..12 (dateutil knows AP's "Sept" as well as "Sep").
MONTHS: dict[str, int] = _names(DATEUTIL_MONTHS, {})

#: weekday word -> 0 (Monday) .. 6 (Sunday), as ``datetime.date.weekday()``.
WEEKDAYS: dict[str, int] = {
    name: number - 1
    for name, number in _names(
        DATEUTIL_WEEKDAYS, {"tues": 2, "weds": 3, "thur": 4, "thurs": 4}
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

#: Ordinals that number centuries ("the nineteenth century", "the twenty-first century").
CENTURY_ORDINALS: dict[str, int] = {
    word: number
    for number, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "twenty-first",
            "twenty-second",
        ],
        start=1,
    )
}

#: Season -> first month (northern hemisphere, meteorological: three whole months each).
SEASONS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

#: Unit words, singular and plural, -> the singular.
UNITS: dict[str, str] = {
    form: unit for unit in ("day", "week", "month", "year", "decade") for form in (unit, unit + "s")
}


def words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Words that qualify or join a date phrase ("last", "early", "between", "two").
MODIFIERS = words(
    """last this that next past previous preceding prior following coming current same earlier
    later early mid late beginning start middle end close the of in on at since from to through
    until till between and or by before after afterwards around about circa approximately
    roughly during over within for a an one two three four five six seven eight nine ten eleven
    twelve first second third fourth some sometime"""
)
#: Days named relative to the reference day.
DAY_WORDS = words("yesterday today tomorrow tonight")
#: Units, seasons and parts of a day: a date with a modifier, never alone.
PERIOD_WORDS = words(
    """day days week weeks weekend month months year years decade decades century centuries
    quarter half spring summer autumn fall winter morning afternoon evening night"""
)
#: Words that end a phrase ("two days ago", "in two weeks' time") and date nothing alone.
TAIL_WORDS = words("ago now hence time previously ahead")
#: Times of day that may stand before a day ("noon Friday"); clock times are read as numbers.
CLOCK_WORDS = words("noon midnight")
#: Words of holiday names ("New Year's Day", "Orthodox Easter").
HOLIDAY_WORDS = words("christmas eve easter orthodox thanksgiving new year's")

#: Month and weekday names as news copy capitalises them.
MONTH_NAMES: tuple[str, ...] = tuple(forms[-1] for forms in DATEUTIL_MONTHS)
WEEKDAY_NAMES: tuple[str, ...] = tuple(forms[-1] for forms in DATEUTIL_WEEKDAYS)
#: Abbreviations that are a month in running text only with a full stop or before a number
#: ("Jan. 5", "Jan 5"): "Jan" alone is a name as often as a month.
MONTH_ABBREVIATIONS: tuple[str, ...] = (
    *(forms[0] for forms in DATEUTIL_MONTHS if forms[0] != "May"),
    "Sept",
)

#: Every word some date phrase uses, in lower case (for saying which word is not one).
KNOWN_WORDS = frozenset().union(
    MONTHS,
    WEEKDAYS,
    NUMBERS,
    ORDINALS,
    SEASONS,
    UNITS,
    MODIFIERS,
    DAY_WORDS,
    PERIOD_WORDS,
    TAIL_WORDS,
    CLOCK_WORDS,
    HOLIDAY_WORDS,
    {word.partition("-")[0] for word in CENTURY_ORDINALS},
    words("ad st nd rd th ca c approx q h am pm a.m p.m"),
)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "september" beats "sep"."""
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))


def trie(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` as a prefix tree: "Ma(?:rch|y)" rather than "March|May".

    Python's ``re`` tries the branches of a flat alternation one by one; a tree rejects a word
    after its first letters, which keeps the pre-filter fast with hundreds of words.
    """
    tree: dict[str, dict] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}
    return _branch(tree)


def _branch(node: dict[str, dict]) -> str:
    ends = "" in node
    parts = [re.escape(letter) + _branch(child) for letter, child in sorted(node.items()) if letter]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if ends:
        return f"(?:{body})?" if len(parts) > 1 or len(body) > 1 else body + "?"
    return body


MONTH_RE = alternation(MONTHS)
WEEKDAY_RE = alternation(WEEKDAYS)
NUMBER_RE = alternation([*NUMBERS, r"\d{1,3}"])
ORDINAL_RE = alternation(ORDINALS)
SEASON_RE = alternation(SEASONS)
