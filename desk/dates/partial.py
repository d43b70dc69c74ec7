"""PartialDate: a date that says exactly what is known and no more.

The canonical text is a subset of ISO 8601-2 / EDTF level 1:

    2024-09-13      a day
    2024-09         a month
    2024            a year
    199X            a decade
    2025-05~        approximately (any of the above, followed by ``~``)
    2025-03-03/2025-03-05, 2025-01/2025-06, ../2025-03-20, 2022/..
                    an interval between two of the above (either end may be open)

Every value knows its earliest and latest possible day, so timelines sort and range queries work
without inventing precision: "September 2024" is 2024-09-01..2024-09-30, never 2024-09-01.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import total_ordering


class Precision(StrEnum):
    """How much a partial date says."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"
    RANGE = "range"
    APPROXIMATE = "approximate"


class DateError(ValueError):
    """Raised for text that is not a date desk understands; the message says what and why."""


_SIMPLE = re.compile(
    r"^(?:(?P<decade>\d{3})X|(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?)(?P<approx>~)?$"
)

# How far an approximate value reaches beyond its own unit, on each side.
_APPROX_DAYS = 3


@dataclass(frozen=True, slots=True)
class _Point:
    """One end of an interval, or a whole simple value."""

    unit: Precision  # DAY, MONTH, YEAR or DECADE
    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    @property
    def earliest(self) -> dt.date:
        if self.unit is Precision.DECADE:
            start = dt.date(self.year, 1, 1)
            return _add_years(start, -5) if self.approximate else start
        start = dt.date(self.year, self.month or 1, self.day or 1)
        if not self.approximate:
            return start
        if self.unit is Precision.DAY:
            return start - dt.timedelta(days=_APPROX_DAYS)
        if self.unit is Precision.MONTH:
            return _add_months(start, -1)
        return _add_years(start, -1)

    @property
    def latest(self) -> dt.date:
        if self.unit is Precision.DECADE:
            end = dt.date(self.year + 9, 12, 31)
            return _add_years(end, 5) if self.approximate else end
        if self.unit is Precision.DAY:
            end = dt.date(self.year, self.month or 1, self.day or 1)
            return end + dt.timedelta(days=_APPROX_DAYS) if self.approximate else end
        if self.unit is Precision.MONTH:
            assert self.month is not None
            if self.approximate:
                following = _add_months(dt.date(self.year, self.month, 1), 1)
                return following.replace(
                    day=calendar.monthrange(following.year, following.month)[1]
                )
            return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return dt.date(self.year + 1 if self.approximate else self.year, 12, 31)

    @property
    def text(self) -> str:
        if self.unit is Precision.DECADE:
            body = f"{self.year // 10:03d}X"
        elif self.unit is Precision.YEAR:
            body = f"{self.year:04d}"
        elif self.unit is Precision.MONTH:
            body = f"{self.year:04d}-{self.month:02d}"
        else:
            body = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return body + ("~" if self.approximate else "")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _parse_point(text: str, whole: str) -> _Point:
    point = _read_point(text, whole)
    try:
        point.earliest, point.latest  # noqa: B018 - the window must fit the calendar
    except (ValueError, OverflowError):
        raise DateError(f"{whole!r} reaches outside the years 0001-9999") from None
    return point


def _read_point(text: str, whole: str) -> _Point:
    match = _SIMPLE.match(text)
    if not match:
        raise DateError(
            f"{whole!r} is not a canonical date: expected forms such as 2024, 2024-09, 2024-09-13, "
            "199X, 2025-05~ or 2025-03-03/2025-03-05"
        )
    approximate = match["approx"] is not None
    if match["decade"]:
        return _Point(Precision.DECADE, int(match["decade"]) * 10, approximate=approximate)
    year = int(match["year"])
    month = int(match["month"]) if match["month"] else None
    day = int(match["day"]) if match["day"] else None
    if year < 1:
        raise DateError(f"{whole!r}: year 0000 is not a date desk can store")
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"{whole!r}: month {month:02d} does not exist")
    if day is not None:
        assert month is not None
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise DateError(f"{whole!r}: {year:04d}-{month:02d} has no day {day:02d}")
        return _Point(Precision.DAY, year, month, day, approximate)
    if month is not None:
        return _Point(Precision.MONTH, year, month, approximate=approximate)
    return _Point(Precision.YEAR, year, approximate=approximate)


_MONTHS_SHORT = [
    "",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]


def _display_point(point: _Point) -> str:
    prefix = "c. " if point.approximate else ""
    if point.unit is Precision.DECADE:
        return f"{prefix}{point.year}s"
    if point.unit is Precision.YEAR:
        return f"{prefix}{point.year}"
    if point.unit is Precision.MONTH:
        assert point.month is not None
        return f"{prefix}{_MONTHS_SHORT[point.month]} {point.year}"
    assert point.month is not None
    return f"{prefix}{point.day} {_MONTHS_SHORT[point.month]} {point.year}"


@total_ordering
@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to a day, month, year or decade, approximately, or as an interval.

    Build one with :meth:`from_canonical` (or ``desk.dates.parse`` for free text). ``phrase`` is
    the text it came from ("September last year") and ``reference`` the day that phrase was
    resolved against; neither takes part in equality or ordering.
    """

    text: str
    precision: Precision
    earliest: dt.date | None
    latest: dt.date | None
    phrase: str | None = field(default=None, compare=False)
    reference: dt.date | None = field(default=None, compare=False)

    @classmethod
    def from_canonical(
        cls, text: str, *, phrase: str | None = None, reference: dt.date | None = None
    ) -> PartialDate:
        """Read a canonical value such as ``2024-09``, ``2025-05~`` or ``2025-03-03/2025-03-05``."""
        text = text.strip()
        if not text:
            raise DateError("an empty text is not a date")
        if "/" not in text:
            point = _parse_point(text, text)
            precision = Precision.APPROXIMATE if point.approximate else point.unit
            return cls(point.text, precision, point.earliest, point.latest, phrase, reference)
        start_text, _, end_text = text.partition("/")
        if "/" in end_text:
            raise DateError(f"{text!r}: an interval has exactly one '/'")
        start = None if start_text in ("", "..") else _parse_point(start_text, text)
        end = None if end_text in ("", "..") else _parse_point(end_text, text)
        if start is None and end is None:
            raise DateError(f"{text!r}: an interval needs at least one known end")
        if start is not None and end is not None and start.earliest > end.latest:
            raise DateError(f"{text!r}: the interval ends before it starts")
        canonical = f"{start.text if start else '..'}/{end.text if end else '..'}"
        approximate = any(p is not None and p.approximate for p in (start, end))
        precision = Precision.APPROXIMATE if approximate else Precision.RANGE
        return cls(
            canonical,
            precision,
            start.earliest if start else None,
            end.latest if end else None,
            phrase,
            reference,
        )

    @classmethod
    def from_parts(
        cls,
        year: int,
        month: int | None = None,
        day: int | None = None,
        *,
        approximate: bool = False,
        phrase: str | None = None,
        reference: dt.date | None = None,
    ) -> PartialDate:
        """A simple value from its parts, validated like canonical text."""
        text = f"{year:04d}"
        if month is not None:
            text += f"-{month:02d}"
            if day is not None:
                text += f"-{day:02d}"
        elif day is not None:
            raise DateError("a day needs a month")
        return cls.from_canonical(
            text + ("~" if approximate else ""), phrase=phrase, reference=reference
        )

    @classmethod
    def from_day(
        cls, day: dt.date, *, phrase: str | None = None, reference: dt.date | None = None
    ) -> PartialDate:
        return cls.from_canonical(day.isoformat(), phrase=phrase, reference=reference)

    @classmethod
    def between(
        cls,
        start: PartialDate | None,
        end: PartialDate | None,
        *,
        phrase: str | None = None,
        reference: dt.date | None = None,
    ) -> PartialDate:
        """The interval from ``start`` to ``end`` (None for an open end); both must be simple."""
        if (start is not None and "/" in start.text) or (end is not None and "/" in end.text):
            raise DateError("the ends of an interval must be single dates, not intervals")
        text = f"{start.text if start else '..'}/{end.text if end else '..'}"
        return cls.from_canonical(text, phrase=phrase, reference=reference)

    def with_context(
        self, *, phrase: str | None = None, reference: dt.date | None = None
    ) -> PartialDate:
        """The same value, remembering its phrase and the day it was resolved against."""
        return PartialDate(
            self.text,
            self.precision,
            self.earliest,
            self.latest,
            phrase if phrase is not None else self.phrase,
            reference if reference is not None else self.reference,
        )

    @property
    def is_interval(self) -> bool:
        return "/" in self.text

    @property
    def is_approximate(self) -> bool:
        return "~" in self.text

    @property
    def unit(self) -> Precision:
        """The finest unit the value names: DAY, MONTH, YEAR or DECADE (an interval's finer end)."""
        order = [Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.DECADE]
        points = [_parse_point(part, self.text) for part in self.text.split("/") if part != ".."]
        return min((p.unit for p in points), key=order.index)

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` lies within the earliest..latest window."""
        return (self.earliest is None or self.earliest <= day) and (
            self.latest is None or day <= self.latest
        )

    def display(self) -> str:
        """A short human form that keeps the precision: '13 Sep 2024', 'Sep 2024', 'c. May 2025'."""
        if not self.is_interval:
            return _display_point(_parse_point(self.text, self.text))
        start_text, _, end_text = self.text.partition("/")
        if start_text == "..":
            return f"by {_display_point(_parse_point(end_text, self.text))}"
        start = _parse_point(start_text, self.text)
        if end_text == "..":
            return f"since {_display_point(start)}"
        end = _parse_point(end_text, self.text)
        return _display_range(start, end)

    def sort_key(self) -> tuple[dt.date, dt.date, int]:
        """Earliest day first, then the narrower value; open ends sort outermost."""
        return (
            self.earliest or dt.date.min,
            self.latest or dt.date.max,
            len(self.text),
        )

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.sort_key(), self.text) < (other.sort_key(), other.text)

    def __str__(self) -> str:
        return self.text


def _display_range(start: _Point, end: _Point) -> str:
    plain = not (start.approximate or end.approximate)
    same_unit = start.unit is end.unit
    if plain and same_unit and start.unit is Precision.DAY and start.year == end.year:
        assert start.month is not None and end.month is not None
        if start.month == end.month:
            return f"{start.day}–{end.day} {_MONTHS_SHORT[start.month]} {start.year}"
        return (
            f"{start.day} {_MONTHS_SHORT[start.month]} – "
            f"{end.day} {_MONTHS_SHORT[end.month]} {start.year}"
        )
    if plain and same_unit and start.unit is Precision.MONTH and start.year == end.year:
        assert start.month is not None and end.month is not None
        return f"{_MONTHS_SHORT[start.month]}–{_MONTHS_SHORT[end.month]} {start.year}"
    return f"{_display_point(start)} – {_display_point(end)}"
