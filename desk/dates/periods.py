"""Canonical texts for calendar periods, and the rules that pick or divide them.

Resolvers work on canonical text (``2024-09``, ``2025-03-01/2025-03-21``) and build a
``PartialDate`` once at the end; this module holds the shared pieces: writing days, months,
weeks, quarters and seasons as canonical text, making a value approximate, choosing which
occurrence of a yearless period a phrase means, and the early/mid/late rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

from dateutil.relativedelta import relativedelta

from desk.dates.partial import DateError, PartialDate, Precision
from desk.dates.tense import Tense

ONE_DAY = dt.timedelta(days=1)


@lru_cache(maxsize=4096)
def value(text: str) -> PartialDate:
    """The PartialDate for a canonical text (cached: resolvers ask for the same few often)."""
    return PartialDate.from_canonical(text)


def day(date: dt.date) -> str:
    return date.isoformat()


def month(year: int, number: int) -> str:
    return f"{year:04d}-{number:02d}"


def year(number: int) -> str:
    return f"{number:04d}"


def decade(first_year: int) -> str:
    return f"{first_year // 10:03d}X"


def century(number: int) -> str:
    """The ``number``th century as its years: the 19th century is 1801/1900."""
    return f"{year((number - 1) * 100 + 1)}/{year(number * 100)}"


def century_part(number: int, position: str) -> str:
    """Early, mid or late part of a century, in thirds of years: the early 19th century is
    1801/1833~ (hard outer edge, approximate inner edge, as ``part`` does for other periods)."""
    first = (number - 1) * 100 + 1
    bounds = [(0, 32), (33, 65), (66, 99)][POSITIONS.index(position)]
    return _fuzzy(year(first + bounds[0]), year(first + bounds[1]), POSITIONS.index(position))


def month_start(date: dt.date) -> dt.date:
    return date.replace(day=1)


def month_end(date: dt.date) -> dt.date:
    return date.replace(day=calendar.monthrange(date.year, date.month)[1])


def add_months(date: dt.date, months: int) -> dt.date:
    return date + relativedelta(months=months)


def interval(start: str, end: str) -> str:
    """``start/end``, or the single value when both ends are the same."""
    return start if start == end else f"{start}/{end}"


def days(start: dt.date, end: dt.date) -> str:
    return interval(start.isoformat(), end.isoformat())


def months(start: tuple[int, int], end: tuple[int, int]) -> str:
    return interval(month(*start), month(*end))


def first(text: str) -> str:
    """The start of a value: itself, or the first end of an interval (which must be known)."""
    start = text.partition("/")[0]
    if start == "..":
        raise DateError(f"{text!r} has no known start")
    return start


def last(text: str) -> str:
    """The end of a value: itself, or the last end of an interval (which must be known)."""
    end = text.rpartition("/")[2]
    if end == "..":
        raise DateError(f"{text!r} has no known end")
    return end


def approximate(text: str) -> str:
    """The same value marked approximate: each known end gains ``~`` (once)."""
    return "/".join(
        part if part == ".." or part.endswith("~") else part + "~" for part in text.split("/")
    )


def week(date: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week holding ``date``."""
    monday = date - dt.timedelta(days=date.weekday())
    return monday, monday + dt.timedelta(days=6)


def quarter(year_: int, number: int) -> str:
    first_month = 3 * number - 2
    return months((year_, first_month), (year_, first_month + 2))


def half(year_: int, number: int) -> str:
    return months((year_, 1), (year_, 6)) if number == 1 else months((year_, 7), (year_, 12))


def season(year_: int, first_month: int) -> str:
    """Three whole months from ``first_month``; winter 2024 is December 2024 – February 2025."""
    end = add_months(dt.date(year_, first_month, 1), 2)
    return months((year_, first_month), (end.year, end.month))


def between_days(earlier: dt.date, later: dt.date) -> str:
    """One of two days a week apart, not knowing which: approximate, window exactly earlier..later.

    EDTF level 1 has no "one of" form, so the window is written with an approximate end whose
    three-day reach stops exactly at the later day: 2025-03-14/2025-03-18~ is 14..21 March.
    """
    return f"{earlier.isoformat()}/{(later - dt.timedelta(days=3)).isoformat()}~"


def choose(candidates: Sequence[str], reference: dt.date, tense: Tense | None) -> str:
    """Which occurrence of a yearless period ("in May", "Feb. 25", "the summer") the text means.

    ``candidates`` are consecutive occurrences in order. Past: the latest that has begun by the
    reference day. Future: the earliest that has not ended by it. No tense: the one nearest to the
    reference day (the one holding it, if any), the earlier on a tie.
    """
    values = [value(text) for text in candidates]
    if tense is Tense.PAST:
        begun = [
            text for text, v in zip(candidates, values, strict=True) if v.earliest <= reference
        ]
        return begun[-1] if begun else candidates[0]
    if tense is Tense.FUTURE:
        pending = [
            text for text, v in zip(candidates, values, strict=True) if v.latest >= reference
        ]
        return pending[0] if pending else candidates[-1]

    def distance(v: PartialDate) -> int:
        assert v.earliest is not None and v.latest is not None
        if v.earliest <= reference <= v.latest:
            return 0
        return min(abs((v.earliest - reference).days), abs((v.latest - reference).days))

    best = min(range(len(candidates)), key=lambda index: (distance(values[index]), index))
    return candidates[best]


POSITIONS = ("early", "mid", "late")


def part(text: str, position: str) -> str:
    """Early, mid or late part of a period: an honest window, hard outside, fuzzy inside.

    A year splits into thirds of four months, a month into days 1-10, 11-20 and 21-end, a decade
    into years 0-3, 4-6 and 7-9, and a run of whole months divisible by three (a quarter, a half,
    a season) into thirds of months. The end that lies on the period's own boundary stays exact
    (early 2025 cannot be 2024); the inner end is approximate because "early" has no sharp edge:

        early 2025 = 2025-01/2025-04~  (1 Jan .. 31 May)
        mid-2024   = 2024-05~/2024-08~ (1 Apr .. 30 Sep)
        late March = 2025-03-21~/2025-03-31 (18 .. 31 Mar)

    Shorter runs of days (a week) split into plain thirds of days.
    """
    index = POSITIONS.index(position)
    whole = value(text)
    if whole.is_approximate or whole.earliest is None or whole.latest is None:
        raise DateError(f"cannot take the {position} part of {text!r}")
    if not whole.is_interval:
        unit = whole.precision
        start = whole.earliest
        if unit is Precision.YEAR:
            return _month_thirds(start, 12, index)
        if unit is Precision.DECADE:
            bounds = [(0, 3), (4, 6), (7, 9)][index]
            return _fuzzy(year(start.year + bounds[0]), year(start.year + bounds[1]), index)
        if unit is Precision.MONTH:
            bounds = [(1, 10), (11, 20), (21, month_end(start).day)][index]
            first_day, last_day = (start.replace(day=number) for number in bounds)
            return _fuzzy(day(first_day), day(last_day), index)
        raise DateError(f"a single day ({text}) has no early, mid or late part")
    start, end = whole.earliest, whole.latest
    span = (end.year - start.year) * 12 + end.month - start.month + 1
    if start.day == 1 and end == month_end(end) and span % 3 == 0:
        return _month_thirds(start, span, index)
    count = (end - start).days + 1
    size = -(-count // 3)
    offset = [0, (count - size) // 2, count - size][index]
    first_day = start + dt.timedelta(days=offset)
    return days(first_day, first_day + dt.timedelta(days=size - 1))


def _month_thirds(start: dt.date, span: int, index: int) -> str:
    size = span // 3
    first_month = add_months(start, index * size)
    last_month = add_months(first_month, size - 1)
    return _fuzzy(
        month(first_month.year, first_month.month), month(last_month.year, last_month.month), index
    )


def _fuzzy(start: str, end: str, index: int) -> str:
    """Early keeps its start exact, late its end; every inner end is approximate."""
    return interval(start if index == 0 else start + "~", end if index == 2 else end + "~")
