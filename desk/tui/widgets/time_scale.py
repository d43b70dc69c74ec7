"""A time axis for the terminal: which column a day falls in, and where the ticks go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: Tick steps from finest to coarsest, in months (0 means days, with the day count second).
_STEPS: list[tuple[int, int]] = [
    (0, 1),
    (0, 7),
    (1, 0),
    (3, 0),
    (6, 0),
    (12, 0),
    (24, 0),
    (60, 0),
    (120, 0),
    (240, 0),
    (600, 0),
    (1200, 0),
]
#: Columns between two tick labels at least.
_LABEL_ROOM = 11


def shift_day(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held inside the calendar's first and last day."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _add_months(day: dt.date, months: int) -> dt.date:
    index = min(day.year * 12 + day.month - 1 + months, 9999 * 12 + 11)
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class TimeScale:
    """Days ``start``..``end`` (inclusive) spread over ``width`` columns."""

    start: dt.date
    end: dt.date
    width: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def column(self, day: dt.date) -> float:
        """The column where ``day`` begins (may be outside 0..width)."""
        return (day - self.start).days * self.width / self.days

    def columns(self, earliest: dt.date, latest: dt.date) -> tuple[int, int] | None:
        """First and last column a span covers, clipped; None when it lies outside the window."""
        if latest < self.start or earliest > self.end:
            return None
        first = max(0, int(self.column(earliest)))
        last = min(
            self.width - 1, max(first, int(self.column(latest + dt.timedelta(days=1)) - 1e-9))
        )
        return first, last

    def ticks(self) -> list[tuple[int, str]]:
        """Tick columns with their labels, spaced so that labels do not collide."""
        if self.width <= 0:
            return []
        room = max(1, self.width // _LABEL_ROOM)
        for months, days in _STEPS:
            count = self.days // days if months == 0 else self.days / 30.44 / months
            if count <= room:
                return self._ticks_every(months, days)
        return self._ticks_every(*_STEPS[-1])

    def _ticks_every(self, months: int, days: int) -> list[tuple[int, str]]:
        ticks: list[tuple[int, str]] = []
        if months == 0:
            day = self.start
            while day <= self.end:
                ticks.append((int(self.column(day)), f"{day.day} {day:%b}"))
                day += dt.timedelta(days=days)
            return ticks
        day = dt.date(self.start.year, self.start.month, 1)
        if months >= 12:
            years = months // 12
            day = dt.date(max(1, self.start.year - self.start.year % years), 1, 1)
        elif months > 1:
            day = dt.date(self.start.year, ((self.start.month - 1) // months) * months + 1, 1)
        while day <= self.end:
            if day >= self.start:
                label = str(day.year) if months >= 12 else f"{day:%b %Y}"
                ticks.append((int(self.column(day)), label))
            day = _add_months(day, months)
        return ticks

    def zoomed(self, factor: float, centre: dt.date | None = None) -> TimeScale:
        """The window ``factor`` times as long (below 1 zooms in), around ``centre``."""
        middle = centre or self.start + (self.end - self.start) / 2
        half = max(3, int(self.days * factor / 2))
        return TimeScale(shift_day(middle, -half), shift_day(middle, half), self.width)

    def panned(self, fraction: float) -> TimeScale:
        """The window moved by ``fraction`` of its length (negative goes back in time)."""
        shift = round(self.days * fraction) or (1 if fraction > 0 else -1)
        return TimeScale(shift_day(self.start, shift), shift_day(self.end, shift), self.width)

    def describe(self) -> str:
        return f"{self.start:%-d %b %Y} – {self.end:%-d %b %Y}"
