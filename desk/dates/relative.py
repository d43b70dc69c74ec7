"""Resolving relative phrases against a reference day (a report's publication date).

Each function takes what the grammar in ``parse`` read (a weekday number, a unit, a count, a
qualifier such as "last") and returns canonical text. The rules, in one place:

* A bare weekday is the most recent one on or before the reference day (so "Friday" in a Friday
  report is that day); in a future context the next one on or after it.
* "last Friday" / "next Friday" are exact when the day lies outside the reference's own week
  (Monday to Sunday); inside it they are honestly ambiguous (the Friday of this week or of the
  previous / following one) and resolve to an approximate window spanning both candidates.
* A month or day without a year ("in May", "Feb. 25", "the summer") in a past context is the
  latest one that has begun by the reference day, in a future context the earliest one not yet
  over, and without a tense the one nearest the reference day ("in June" in the sample report
  of March 2025, after "signed", is June 2024).
* "earlier this month" runs from the 1st to the reference day, "later this year" from the
  reference day to 31 December; "later this week" from the day after the reference day to
  Sunday; "earlier in the day" is the reference day.
* "last June" is the most recent June before the reference month; "next June" the first after it;
  "this June" the reference year's.
* Weeks run Monday to Sunday (ISO 8601). "N weeks ago" and "N months ago" are approximate; days
  and years are exact.
* A holiday without a year ("at Easter", "on Christmas Eve") is chosen as a yearless month or
  day is; "last Christmas" / "next Easter" are the nearest before / after the reference day.
* Phrases that point back at another date in the text ("that year", "the next day",
  "two days later") need an ``anchor`` and never fall back to the reference day.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta, weekdays

from desk.dates import holidays, periods
from desk.dates.partial import DateError, PartialDate, Precision
from desk.dates.tense import Tense


def shifted_day(reference: dt.date, days: int) -> str:
    return periods.day(reference + dt.timedelta(days=days))


def weekday(
    number: int,
    reference: dt.date,
    tense: Tense | None,
    qualifier: str | None = None,
    week_shift: int | None = None,
) -> str:
    """A weekday, optionally qualified ("last", "this", "next") or placed ("Friday last week")."""
    monday, sunday = periods.week(reference)
    if week_shift is not None:
        return periods.day(monday + dt.timedelta(days=7 * week_shift + number))
    back = weekdays[number](-1)
    ahead = weekdays[number](+1)
    if qualifier in ("last", "past"):
        candidate = reference - periods.ONE_DAY + relativedelta(weekday=back)
        if candidate >= monday:
            return periods.between_days(candidate - dt.timedelta(days=7), candidate)
        return periods.day(candidate)
    if qualifier == "coming":
        return periods.day(reference + periods.ONE_DAY + relativedelta(weekday=ahead))
    if qualifier == "next":
        candidate = reference + periods.ONE_DAY + relativedelta(weekday=ahead)
        if candidate <= sunday:
            return periods.between_days(candidate, candidate + dt.timedelta(days=7))
        return periods.day(candidate)
    if qualifier == "this" and tense is None:
        return periods.day(monday + dt.timedelta(days=number))
    step = ahead if tense is Tense.FUTURE else back
    return periods.day(reference + relativedelta(weekday=step))


def _shift(reference: dt.date, count: int, unit: str) -> dt.date:
    if unit == "day":
        return reference + dt.timedelta(days=count)
    if unit == "week":
        return reference + dt.timedelta(days=7 * count)
    if unit == "month":
        return reference + relativedelta(months=count)
    if unit == "year":
        return reference + relativedelta(years=count)
    return reference + relativedelta(years=10 * count)


def offset(count: int, unit: str, origin: dt.date) -> str:
    """``count`` units from ``origin`` (negative: before it): "two days ago", "in three weeks".

    Days are exact, years are the calendar year; weeks, months and decades are loose in news copy
    ("two weeks ago" is rarely exactly 14 days), so those are approximate.
    """
    target = _shift(origin, count, unit)
    if unit == "day":
        return periods.day(target)
    if unit == "week":
        return periods.approximate(periods.day(target))
    if unit == "month":
        return periods.approximate(periods.month(target.year, target.month))
    if unit == "year":
        return periods.year(target.year)
    return periods.approximate(periods.year(target.year))


def calendar_unit(unit: str, reference: dt.date, shift: int) -> str:
    """Last / this / next week, weekend, month, quarter, year or decade."""
    if unit in ("week", "weekend"):
        monday = periods.week(reference)[0] + dt.timedelta(days=7 * shift)
        start = monday + dt.timedelta(days=5) if unit == "weekend" else monday
        return periods.days(start, monday + dt.timedelta(days=6))
    if unit == "month":
        target = periods.add_months(reference, shift)
        return periods.month(target.year, target.month)
    if unit == "quarter":
        index = reference.year * 4 + (reference.month - 1) // 3 + shift
        return periods.quarter(index // 4, index % 4 + 1)
    if unit == "year":
        return periods.year(reference.year + shift)
    if unit == "decade":
        return periods.decade(reference.year // 10 * 10 + 10 * shift)
    if unit == "century":
        return periods.century((reference.year - 1) // 100 + 1 + shift)
    raise DateError(f"'{unit}' is not a calendar unit desk can count")


def weekend(reference: dt.date, tense: Tense | None) -> str:
    """ "The weekend": the latest that has begun (past, no tense) or the next not yet over."""
    saturday = periods.week(reference)[0] + dt.timedelta(days=5)
    if tense is Tense.FUTURE:
        if reference > saturday + periods.ONE_DAY:
            saturday += dt.timedelta(days=7)
    elif reference < saturday:
        saturday -= dt.timedelta(days=7)
    return periods.days(saturday, saturday + periods.ONE_DAY)


def rolling(count: int, unit: str, reference: dt.date, direction: int) -> str:
    """The past / next ``count`` units as a window ending / starting on the reference day."""
    other = _shift(reference, direction * count, unit)
    return periods.days(min(other, reference), max(other, reference))


def earlier_or_later(which: str, unit: str, reference: dt.date) -> str:
    """ "earlier this month" is the 1st up to the reference day; "later this year" ends 31 Dec.

    "Earlier in the day" and "later today" are the reference day itself. A week is counted in
    days: "later this week" is the days after the reference day (what happens later the same
    day is "later today"), and on a Sunday, with no day of the week left, that Sunday.
    """
    if unit == "day":
        return periods.day(reference)
    if unit == "week":
        start, end = periods.week(reference)
        if which == "later" and reference < end:
            return periods.days(reference + periods.ONE_DAY, end)
    elif unit == "month":
        start, end = periods.month_start(reference), periods.month_end(reference)
    else:
        start, end = reference.replace(month=1, day=1), reference.replace(month=12, day=31)
    return periods.days(start, reference) if which == "earlier" else periods.days(reference, end)


def yearless(month: int, day: int | None, reference: dt.date, tense: Tense | None) -> str:
    """A month, or a month and day, given without a year ("in May", "Feb. 25"): see ``choose``."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        if day is None:
            candidates.append(periods.month(year, month))
        else:
            try:
                candidates.append(periods.day(dt.date(year, month, day)))
            except ValueError:
                continue
    if not candidates:
        raise DateError(f"no year has a day {day} in month {month}")
    return periods.choose(candidates, reference, tense)


def holiday(name: str, reference: dt.date, tense: Tense | None, qualifier: str | None) -> str:
    """A holiday named without a year, like a month ("in May" / "last June").

    "last Christmas" is the latest before the reference day, "next Easter" the first after it,
    "this Christmas" the reference year's; a bare "at Easter" is, in a past context, the latest
    that has come by the reference day, in a future context the next one not yet past, and
    without a tense the one nearest the reference day.
    """
    days = [holidays.day_of(name, year) for year in range(reference.year - 1, reference.year + 2)]
    if qualifier in ("last", "past"):
        return periods.day(max(day for day in days if day < reference))
    if qualifier in ("next", "coming"):
        return periods.day(min(day for day in days if day > reference))
    if qualifier == "this":
        return periods.day(days[1])
    return periods.choose([periods.day(day) for day in days], reference, tense)


def qualified_month(month: int, reference: dt.date, qualifier: str) -> str:
    """ "last June" (before the reference month), "this June", "next June" (after it)."""
    year = reference.year
    if qualifier in ("last", "past"):
        year -= 0 if month < reference.month else 1
    elif qualifier in ("next", "coming"):
        year += 0 if month > reference.month else 1
    return periods.month(year, month)


def occurrence(
    candidates: list[str], reference: dt.date, tense: Tense | None, qualifier: str | None
) -> str:
    """Pick one of consecutive occurrences of a season, quarter or half.

    "last summer" is the latest that is over by the reference day, "next summer" the first not
    yet begun, "this summer" the one holding the reference day (else as with no qualifier), and
    a bare "the summer" follows ``periods.choose``.
    """
    values = [periods.value(text) for text in candidates]
    if qualifier in ("last", "past"):
        over = [text for text, v in zip(candidates, values, strict=True) if v.latest < reference]
        return over[-1]
    if qualifier in ("next", "coming"):
        ahead = [text for text, v in zip(candidates, values, strict=True) if v.earliest > reference]
        return ahead[0]
    if qualifier == "this":
        for text, v in zip(candidates, values, strict=True):
            if v.contains(reference):
                return text
    return periods.choose(candidates, reference, tense)


def seasons(first_month: int, reference: dt.date) -> list[str]:
    return [
        periods.season(year, first_month) for year in range(reference.year - 2, reference.year + 2)
    ]


def quarters(number: int, reference: dt.date) -> list[str]:
    return [periods.quarter(year, number) for year in range(reference.year - 1, reference.year + 2)]


def halves(number: int, reference: dt.date) -> list[str]:
    return [periods.half(year, number) for year in range(reference.year - 1, reference.year + 2)]


# Phrases that refer back to a date named earlier in the text.


def _require(anchor: PartialDate | None, unit: str, phrase: str) -> PartialDate:
    if anchor is None:
        raise DateError(f"{phrase!r} refers back to a date named earlier; it needs an anchor")
    start, end = anchor.earliest, anchor.latest
    if start is None or end is None:
        raise DateError(f"{phrase!r}: the date it refers back to ({anchor}) is open-ended")
    same = {
        "day": start == end,
        "week": periods.week(start) == periods.week(end),
        "month": (start.year, start.month) == (end.year, end.month),
        "year": start.year == end.year,
    }.get(unit, False)
    if not same:
        raise DateError(f"{phrase!r}: the date it refers back to ({anchor}) is not one {unit}")
    return anchor


def require_year(anchor: PartialDate | None, phrase: str) -> dt.date:
    """The first day of the one year ``anchor`` lies in, for "that October"."""
    base = _require(anchor, "year", phrase)
    assert base.earliest is not None
    return base.earliest


def anchored_unit(unit: str, shift: int, anchor: PartialDate | None, phrase: str) -> str:
    """ "that year", "the same day", "the following month", "the previous week"."""
    base = _require(anchor, unit, phrase)
    assert base.earliest is not None
    if unit == "day":
        return shifted_day(base.earliest, shift)
    return calendar_unit(unit, base.earliest, shift)


def anchored_offset(count: int, unit: str, anchor: PartialDate | None, phrase: str) -> str:
    """ "two days later", "a year earlier": counted from the date named before."""
    if unit in ("day", "week"):
        base = _require(anchor, "day", phrase)
    elif unit == "month":
        base = _require(anchor, "month", phrase)
        if base.precision is Precision.MONTH:
            assert base.earliest is not None
            target = periods.add_months(base.earliest, count)
            return periods.month(target.year, target.month)
    else:
        base = _require(anchor, "year", phrase)
        if unit == "year":
            assert base.earliest is not None
            return periods.year(base.earliest.year + count)
    assert base.earliest is not None
    return offset(count, unit, base.earliest)


def _unit_bounds(unit: str, date: dt.date) -> tuple[dt.date, dt.date]:
    if unit == "week":
        return periods.week(date)
    if unit == "month":
        return periods.month_start(date), periods.month_end(date)
    return date.replace(month=1, day=1), date.replace(month=12, day=31)


def anchored_part(which: str, unit: str, anchor: PartialDate | None, phrase: str) -> str:
    """ "earlier that year": from the start of the anchor's year up to the anchor (same unit).

    Against "in October" (2024-10) that is 2024-01/2024-10; against a day it runs in days; when
    the anchor is the whole unit ("in 2024 ... earlier that year") nothing finer is known.
    """
    base = _require(anchor, unit, phrase)
    assert base.earliest is not None and base.latest is not None
    if unit == "day":
        return periods.day(base.earliest)
    start, end = _unit_bounds(unit, base.earliest)
    if base.precision is Precision.DAY:
        if which == "earlier":
            return periods.days(start, base.earliest)
        return periods.days(base.earliest, end)
    if unit == "year" and (base.is_interval or base.precision is not Precision.YEAR):
        if which == "earlier":
            return periods.interval(periods.month(start.year, 1), periods.last(base.text))
        return periods.interval(periods.first(base.text), periods.month(start.year, 12))
    if unit == "week":
        return periods.days(start, end)
    if unit == "month":
        return periods.month(start.year, start.month)
    return periods.year(start.year)
