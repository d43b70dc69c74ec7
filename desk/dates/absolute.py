"""Absolute date forms: what the text itself says of year, month and day, and nothing more.

``read`` recognises the news styles (AP "Sept. 13, 2024" and "Feb. 25", "13 September 2024",
ISO, dotted day-first "13.09.2024", "September 2024", "2024", "September last year") and returns
the ``Fields`` the text gives. Forms outside that set go to python-dateutil's parser, asked
twice with different defaults so that any field it filled in by itself shows up as a
disagreement and is dropped rather than invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from desk.dates import periods, relative
from desk.dates.partial import DateError
from desk.dates.tense import Tense
from desk.dates.vocabulary import MONTH_RE, MONTHS, WEEKDAY_RE, WEEKDAYS

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(slots=True)
class Fields:
    """Year, month and day as far as the text gives them.

    ``year_shift`` is a year relative to the reference ("September last year" is -1).
    ``weekday`` is a weekday written next to the date, checked against it.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    year_shift: int | None = None

    def year_for(self, reference: dt.date) -> int | None:
        if self.year is not None:
            return self.year
        if self.year_shift is not None:
            return reference.year + self.year_shift
        return None

    def text(self, year: int) -> str:
        """Canonical text in ``year``; DateError for a day the month does not have."""
        if self.month is None:
            return periods.year(year)
        if self.day is None:
            return periods.month(year, self.month)
        try:
            date = dt.date(year, self.month, self.day)
        except ValueError:
            raise DateError(f"{year:04d}-{self.month:02d} has no day {self.day}") from None
        if self.weekday is not None and date.weekday() != self.weekday:
            raise DateError(
                f"{date.isoformat()} was a {_DAY_NAMES[date.weekday()]}, "
                f"not a {_DAY_NAMES[self.weekday]}"
            )
        return periods.day(date)

    def resolve(self, reference: dt.date, tense: Tense | None) -> str:
        """Canonical text; a missing year comes from the reference day and tense."""
        if self.month is None and self.day is not None:
            raise DateError("a day without a month is not a date")
        year = self.year_for(reference)
        if year is not None:
            return self.text(year)
        if self.day is not None and self.weekday is not None:
            # "Friday, Sept. 13": the year nearest the reference in which that day is a Friday.
            fitting = []
            for candidate in (reference.year - 1, reference.year, reference.year + 1):
                try:
                    fitting.append(self.text(candidate))
                except DateError:
                    continue
            if not fitting:
                raise DateError("that weekday does not fall on that day in any nearby year")
            return periods.choose(fitting, reference, tense)
        return relative.yearless(self.month, self.day, reference, tense)


_MONTH = rf"(?P<m>{MONTH_RE})\.?"
_WEEKDAY = rf"(?:(?P<wd>{WEEKDAY_RE})\.?,?\s)?"
_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_REF = r"(?:(?P<y>\d{4})|(?:of\s)?(?P<yr>last|this|next)\syear)"
_YEAR_TAIL = rf"(?:,?\s{_YEAR_REF})?"

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
    for pattern in (
        # Sept. 13, 2024 / Friday, Sept. 13 / September 13th last year
        rf"{_WEEKDAY}{_MONTH}\s?{_DAY}{_YEAR_TAIL}",
        # 13 September 2024 / Friday 13 September / the 13th of September
        rf"{_WEEKDAY}(?:the\s)?{_DAY}\s(?:of\s)?{_MONTH}{_YEAR_TAIL}",
        # September 2024 / Sept. of 2024 / June last year
        rf"{_MONTH},?\s(?:of\s)?{_YEAR_REF}",
        # May
        _MONTH,
        # 2024 / the year 2024
        r"(?:the\syear\s)?(?P<y>\d{4})",
        # 2024-9-13 (canonical zero-padded forms never reach here)
        r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})",
        # 2024/09/13
        r"(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})",
        # 13.09.2024: dotted dates are day-first
        r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})",
        # 5, 2025 (only the end of a range: "March 3-5, 2025")
        r"(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s(?P<y>\d{4})",
        # the 5th (only an end of a range: "March 3 to the 5th")
        r"(?:the\s)?(?P<d>\d{1,2})(?:st|nd|rd|th)?",
    )
)
# Which of the patterns matches, in one call (the first in order, as trying each would find).
_ANY_PATTERN = re.compile(
    "|".join(
        "(?P<_{}>{})".format(index, re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern))
        for index, pattern in enumerate(_PATTERNS)
    )
)
_SLASHED = re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})")
_SHIFTS = {"last": -1, "this": 0, "next": 1}


def read(text: str) -> Fields | None:
    """The fields of an absolute (or yearless) date in normalised lower-case ``text``."""
    first = _ANY_PATTERN.fullmatch(text)
    if first is not None:
        match = _PATTERNS[int(first.lastgroup[1:])].fullmatch(text)  # type: ignore[index]
        assert match is not None
        return _fields(match.groupdict())
    match = _SLASHED.fullmatch(text)
    if match:
        first, second = int(match["a"]), int(match["b"])
        if first <= 12 and second <= 12 and first != second:
            raise DateError(
                "day and month could be either way round; write 2024-09-13 or 13 Sept. 2024"
            )
        day, month = (first, second) if first > 12 else (second, first)
        return _checked(Fields(int(match["y"]), month, day))
    return None


def _fields(groups: dict[str, str | None]) -> Fields:
    month_text = groups.get("m")
    month = None
    if month_text is not None:
        month = int(month_text) if month_text.isdigit() else MONTHS[month_text]
    weekday_text = groups.get("wd")
    year_text = groups.get("y")
    shift_text = groups.get("yr")
    day_text = groups.get("d")
    return _checked(
        Fields(
            year=int(year_text) if year_text else None,
            month=month,
            day=int(day_text) if day_text else None,
            weekday=WEEKDAYS[weekday_text] if weekday_text else None,
            year_shift=_SHIFTS[shift_text] if shift_text else None,
        )
    )


def _checked(fields: Fields) -> Fields:
    if fields.year is not None and fields.year < 1:
        raise DateError("year 0000 is not a date desk can store")
    if fields.month is not None and not 1 <= fields.month <= 12:
        raise DateError(f"there is no month {fields.month}")
    if fields.day is not None and fields.month is not None and not 1 <= fields.day <= 31:
        raise DateError(f"no month has a day {fields.day}")
    return fields


# The dateutil fallback: only texts made of numbers, month names and joining words, with a
# four-digit year, and either a month name or the year first (so 03/04/2025 is never guessed).
_FALLBACK_TOKEN = re.compile(r"\d+|[a-z]+|[\s.,/-]")
_FALLBACK_WORDS = frozenset([*MONTHS, "of", "the", "ad", "st", "nd", "rd", "th"])
_DEFAULT_A = dt.datetime(2000, 1, 1, 0, 0)
_DEFAULT_B = dt.datetime(2004, 3, 3, 1, 1)


@lru_cache(maxsize=1)
def _dateutil() -> Any:
    """python-dateutil's parser, made when a text first needs it: most reports never do, and
    importing it (with its time zones) cost every reading 10 to 30 ms."""
    from dateutil.parser import parser

    return parser()


def read_with_dateutil(text: str) -> Fields | None:
    """Fields python-dateutil reads in ``text``, keeping only those it did not make up."""
    tokens = _FALLBACK_TOKEN.findall(text)
    if "".join(tokens) != text:
        return None
    words = [token for token in tokens if token.isalpha()]
    numbers = [token for token in tokens if token.isdigit()]
    if any(word not in _FALLBACK_WORDS for word in words) or not numbers or len(numbers) > 3:
        return None
    has_month_name = any(word in MONTHS for word in words)
    if not any(len(number) in (4, 8) for number in numbers):
        return None
    if not has_month_name and len(numbers[0]) not in (4, 8):
        return None
    from dateutil.parser import ParserError

    parser = _dateutil()
    try:
        one = parser.parse(text, default=_DEFAULT_A)
        two = parser.parse(text, default=_DEFAULT_B)
    except (ParserError, ValueError, OverflowError):
        return None
    if (one.hour, one.minute) == (two.hour, two.minute):
        return None  # a time of day: not a date desk stores
    if one.year != two.year:
        return None
    month = one.month if one.month == two.month else None
    day = one.day if one.day == two.day and month is not None else None
    return _checked(Fields(one.year, month, day))
