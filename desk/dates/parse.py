"""parse(): free text to a PartialDate that says exactly what the text says.

The grammar is tried in this order on normalised lower-case text:

1. canonical text (``2025-05~``, ``2025-03-03/2025-03-05``);
2. single expressions: absolute dates (see ``absolute``), relative days, weekdays, units,
   seasons, quarters, halves, decades, centuries, holidays (see ``holidays``), and phrases that
   refer back to an anchor; then compounds around another expression: a clock time ("3 p.m.
   Friday"), a week of a month ("the first week of November"), a count from a named day
   ("two days ahead of Friday");
3. explicit ranges: "from A to B", "between A and B";
4. operators on an expression: "since", "until", "by", "before", "after", "around" and friends,
   and the prepositions "in", "on", "during", "over", "at";
5. implicit ranges: "March 3-5", "2020 to 2022", "mid-March to late April";
6. early / mid / late parts ("early 2025", "mid-March", "the end of last year");
7. python-dateutil, for other absolute layouts, keeping only the fields it was given.

Nothing else is a date: "Type 094", "Route 66", "7-4" and "Theresa May" raise DateError.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta, weekdays

from desk.dates import absolute, holidays, periods, relative
from desk.dates.absolute import Fields
from desk.dates.partial import DateError, PartialDate, Precision
from desk.dates.tense import Tense
from desk.dates.vocabulary import (
    CENTURY_ORDINALS,
    KNOWN_WORDS,
    MONTH_RE,
    MONTHS,
    NUMBER_RE,
    NUMBERS,
    ORDINAL_RE,
    ORDINALS,
    SEASON_RE,
    SEASONS,
    UNITS,
    WEEKDAY_RE,
    WEEKDAYS,
)


@dataclass(frozen=True, slots=True)
class Resolution:
    """A parsed date and what it leaned on: the reference day, an earlier date (anchor)."""

    date: PartialDate
    relative: bool
    anchored: bool


class _Context:
    """The reference day, tense and anchor of one parse, noting which of them were used.

    ``tense`` may be given as a function: scanners pass one so that the tense of the text
    around a phrase is read only for phrases whose meaning depends on it.
    """

    __slots__ = ("_anchor", "_given", "_tense", "anchored", "fallback", "tensed", "used")

    def __init__(
        self,
        given: dt.date | None,
        tense: Tense | Callable[[], Tense | None] | None,
        anchor: PartialDate | None,
        fallback: bool = False,
    ):
        self._given = given
        self.fallback = fallback
        self._anchor = anchor
        self._tense = tense
        self.used = False
        self.anchored = False
        self.tensed = False

    @property
    def reference(self) -> dt.date:
        self.used = True
        if self._given is None:
            self._given = dt.date.today()  # once: every part of one phrase shares the day
        return self._given

    @property
    def tense(self) -> Tense | None:
        self.tensed = True
        if callable(self._tense):
            self._tense = self._tense()
        return self._tense

    @property
    def anchor(self) -> PartialDate | None:
        self.anchored = True
        return self._anchor


def parse(
    text: str,
    reference: dt.date | None = None,
    tense: Tense | str | None = None,
    *,
    anchor: PartialDate | None = None,
) -> PartialDate:
    """The PartialDate ``text`` names, resolved against ``reference`` (today when None).

    ``tense`` ("past", "future" or None) decides which way yearless or weekday phrases point.
    ``anchor`` is the date named just before, for phrases such as "earlier that year"; without
    one, "the next day" and "the day before" count from the reference day, while phrases that
    point back by name ("that year", "two days later") are refused.
    The result carries ``phrase=text`` and the reference when one was given or needed.
    Raises DateError naming the text and the reason when it is not a date.
    """
    return resolve(text, reference, tense, anchor=anchor).date


def resolve(
    text: str,
    reference: dt.date | None = None,
    tense: Tense | str | None = None,
    *,
    anchor: PartialDate | None = None,
) -> Resolution:
    """Like ``parse``, also saying whether the reference day or the anchor was needed."""
    if not isinstance(text, str):
        raise TypeError(f"parse() takes text, not {type(text).__name__}")
    if isinstance(reference, dt.datetime):
        reference = reference.date()
    context = _Context(reference, Tense.coerce(tense), anchor, fallback=True)
    normal = normalise(text)
    if not normal:
        raise DateError(f"{text!r} is not a date: the text is empty")
    try:
        canonical = _expression(normal, context)
        if canonical is None:
            raise DateError(_why_not(normal))
        value = PartialDate.from_canonical(canonical)
    except DateError as error:
        message = str(error)
        if message.startswith(repr(text)):
            raise
        raise DateError(f"{text!r}: {message}") from None
    except (ValueError, OverflowError):
        # Calendar arithmetic past year 9999 or before year 1 ("winter 9999", "about 0001").
        raise DateError(f"{text!r} reaches outside the years 0001-9999") from None
    used = context.reference if context.used else reference
    return Resolution(
        value.with_context(phrase=text, reference=used), context.used, context.anchored
    )


def attempt(
    text: str,
    reference: dt.date,
    tense: Tense | None,
    anchor: PartialDate | None,
) -> Resolution | None:
    """``resolve`` for scanners: None instead of DateError, and no message built."""
    return trial(text, reference, tense, anchor)[0]


def trial(
    text: str,
    reference: dt.date,
    tense: Tense | Callable[[], Tense | None] | None,
    anchor: PartialDate | None,
) -> tuple[Resolution | None, bool, bool]:
    """``attempt``, also saying whether the tense and the anchor were read, even on failure.

    A phrase that read neither means the same wherever it stands in a text, so a scanner may
    reuse the answer for every other occurrence.
    """
    context = _Context(reference, tense, anchor)
    try:
        canonical = _expression(normalise(text), context)
        if canonical is None:
            return None, context.tensed, context.anchored
        # Scanners try thousands of phrases; their values repeat (``periods.value`` caches them).
        value = periods.value(canonical).with_context(phrase=text, reference=reference)
    except (ValueError, OverflowError):  # DateError, or the calendar's edge
        return None, context.tensed, context.anchored
    return Resolution(value, context.used, context.anchored), context.tensed, context.anchored


_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"\s*[‐‑‒–—-]\s*")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def normalise(text: str) -> str:
    """Lower case, single spaces, one kind of dash, no trailing punctuation."""
    text = _SPACES.sub(" ", text.translate(_QUOTES).strip().lower())
    if "-" in text or "–" in text or "—" in text or "‒" in text or "‐" in text or "‑" in text:
        text = _DASHES.sub("-", text)
    return text.strip(' ,;:!?"').rstrip(".") if text[-1:] in ' ,;:!?".' else text


_WORD = re.compile(r"[a-z]+")


def _why_not(text: str) -> str:
    strangers = [word for word in _WORD.findall(text) if word not in KNOWN_WORDS]
    if strangers:
        return f"{strangers[0]!r} is not part of any date desk knows"
    if not re.search(r"\d", text):
        return "it names no month, weekday, year or day relative to another"
    if not re.search(r"(?<!\d)\d{4}(?!\d)", text) and not re.search(MONTH_RE, text):
        return "a number alone is not a date (a year has four digits; a day needs a month)"
    return "not a date form desk knows (try 13 September 2024, Sept. 2024, 2024-09-13, 2024)"


# --- the grammar ------------------------------------------------------------------------------

_CANONICAL = re.compile(r"[\dx~./-]+")

_Handler = Callable[[re.Match[str], _Context], str | None]
_UNIT = r"(?P<u>days?|weeks?|months?|years?|decades?)"
_NUMBER = rf"(?P<n>{NUMBER_RE})"
_YEAR_OF = r"(?:\s(?:of\s)?(?:(?P<y>\d{4})|(?P<yr>last|this|next|the)\syear))?"
_YEAR_SHIFTS = {"last": -1, "this": 0, "the": 0, "next": 1}
_QUALIFIER = r"(?:(?P<q>last|this|next|coming|past|current)\s)"


def _group(match: re.Match[str], name: str) -> str | None:
    """A named group, None when this pattern has no such group or it did not take part."""
    return match.groupdict().get(name)


def _count(match: re.Match[str]) -> int:
    text = match["n"]
    return int(text) if text.isdigit() else NUMBERS[text]


def _unit(match: re.Match[str]) -> str:
    return UNITS[match["u"]]


def _year(match: re.Match[str], context: _Context) -> int | None:
    year, shift = _group(match, "y"), _group(match, "yr")
    if year:
        return int(year)
    if shift:
        return context.reference.year + _YEAR_SHIFTS[shift]
    return None


def _relative_day(match: re.Match[str], context: _Context) -> str:
    word = _group(match, "w2") or match["w"]
    days = {"yesterday": -1, "last night": -1, "tomorrow": 1, "before yesterday": -2}.get(word, 0)
    if word == "after tomorrow":
        days = 2
    return relative.shifted_day(context.reference, days)


def _offset(match: re.Match[str], context: _Context) -> str:
    count, unit, direction = _count(match), _unit(match), match["dir"]
    if direction in ("ago", "from now", "hence"):
        sign = -1 if direction == "ago" else 1
        return relative.offset(sign * count, unit, context.reference)
    sign = 1 if direction in ("later", "after", "afterwards", "afterward") else -1
    return relative.anchored_offset(sign * count, unit, context.anchor, match[0])


def _in_units(match: re.Match[str], context: _Context) -> str:
    return relative.offset(_count(match), _unit(match), context.reference)


def _calendar(match: re.Match[str], context: _Context) -> str:
    shift = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(match["q"], 0)
    return relative.calendar_unit(match["u"], context.reference, shift)


def _weekend(match: re.Match[str], context: _Context) -> str:
    return relative.weekend(context.reference, context.tense)


def _rolling(match: re.Match[str], context: _Context) -> str | None:
    count = _count(match) if match["n"] else 1
    direction = -1 if match["d"] in ("past", "last") else 1
    # "the last year" alone is often "the final year"; "the next day" points at an anchor.
    if not (match["n"] or match["pre"] or match["d"] in ("past", "coming")):
        return None
    return relative.rolling(count, _unit(match), context.reference, direction)


def _earlier_or_later(match: re.Match[str], context: _Context) -> str:
    unit = _group(match, "u") or "day"
    if unit == "day" and match[0].endswith("in the day"):
        # "Kim received Shoigu on Tuesday. Earlier in the day, ...": the day the text is
        # talking about, when the date named before it is one day; else the report's day.
        anchor = context.anchor
        if anchor is not None and anchor.earliest is not None and anchor.earliest == anchor.latest:
            return periods.day(anchor.earliest)
    return relative.earlier_or_later(match["w"], unit, context.reference)


def _earlier_or_later_then(match: re.Match[str], context: _Context) -> str:
    return relative.anchored_part(match["w"], match["u"], context.anchor, match[0])


def _weekday(match: re.Match[str], context: _Context) -> str:
    week = match["wk"]
    return relative.weekday(
        WEEKDAYS[match["wd"]],
        context.reference,
        context.tense,
        match["q"],
        {"last": -1, "this": 0, "next": 1}[week] if week else None,
    )


def _qualified_month(match: re.Match[str], context: _Context) -> str:
    return relative.qualified_month(MONTHS[match["m"]], context.reference, match["q"])


def _season(match: re.Match[str], context: _Context) -> str:
    first_month = SEASONS[match["s"]]
    if match["y2"]:
        start, end = int(match["y"]), match["y2"]
        following = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
        if first_month != 12 or following != start + 1:
            raise DateError("only a winter spans two years, and they must be consecutive")
        return periods.season(start, first_month)
    year = _year(match, context)
    if year is not None:
        return periods.season(year, first_month)
    reference = context.reference
    return relative.occurrence(
        relative.seasons(first_month, reference), reference, context.tense, match["q"]
    )


def _quarter(match: re.Match[str], context: _Context) -> str:
    quarter = _group(match, "qn")
    number = int(quarter) if quarter else ORDINALS[match["o"]]
    year = _year(match, context)
    if year is not None:
        return periods.quarter(year, number)
    reference = context.reference
    return periods.choose(relative.quarters(number, reference), reference, context.tense)


def _half(match: re.Match[str], context: _Context) -> str:
    half = _group(match, "hn")
    number = int(half) if half else ORDINALS[match["o"]]
    year = _year(match, context)
    if year is not None:
        return periods.half(year, number)
    reference = context.reference
    return periods.choose(relative.halves(number, reference), reference, context.tense)


def _decade(match: re.Match[str], context: _Context) -> str:
    if match["c"]:
        return periods.decade(int(match["c"]) * 10)
    # '90s: the latest decade with that digit that has begun by the reference year.
    reference_year = context.reference.year
    first_year = reference_year // 100 * 100 + int(match["t"]) * 10
    if first_year > reference_year:
        first_year -= 100
    return periods.decade(first_year)


def _holiday(match: re.Match[str], context: _Context) -> str:
    name = match["h"]
    year = _year(match, context)
    if year is not None:
        return periods.day(holidays.day_of(name, year))
    return relative.holiday(name, context.reference, context.tense, match["q"])


def _century(match: re.Match[str], context: _Context) -> str:
    ordinal = match["c"]
    number = int(ordinal[:-2]) if ordinal[0].isdigit() else CENTURY_ORDINALS[ordinal]
    if not 1 <= number <= 100:
        raise DateError(f"there is no {ordinal} century desk can store")
    if match["p"]:
        return periods.century_part(number, match["p"])
    return periods.century(number)


def _ahead(match: re.Match[str], context: _Context) -> str:
    """ "two days ahead": counted forward from the reference day, like "two days from now"."""
    return relative.offset(_count(match), _unit(match), context.reference)


def _anchored_unit(match: re.Match[str], context: _Context) -> str:
    direction = _group(match, "d")
    if direction and match["u"] == "day" and context.fallback and context.anchor is None:
        # "The next day" with no date before it: the day after the reference day.
        anchor = PartialDate.from_day(context.reference)
        return relative.anchored_unit("day", 1 if direction in _LATER else -1, anchor, match[0])
    shift = {
        "next": 1,
        "following": 1,
        "after": 1,
        "previous": -1,
        "preceding": -1,
        "prior": -1,
        "before": -1,
    }.get(_group(match, "d") or "", 0)
    return relative.anchored_unit(match["u"], shift, context.anchor, match[0])


def _that_month(match: re.Match[str], context: _Context) -> str:
    """ "that October": the October of the year the text is talking about (the anchor's).

    A month of the anchor's year still to come on the reference day, in a past clause, is the
    previous year's ("talks stalled that October" before any date, in a March report). With no
    anchor at all only a past clause says which: the latest such month by the reference day.
    """
    month = MONTHS[match["m"]]
    anchor = context.anchor
    if anchor is None:
        if context.tense is not Tense.PAST:
            raise DateError(f"{match[0]!r} refers back to a year named earlier; it needs one")
        return relative.yearless(month, None, context.reference, Tense.PAST)
    base = relative.require_year(anchor, match[0])
    year = base.year
    reference = context.reference
    if dt.date(year, month, 1) > reference and context.tense is Tense.PAST:
        year -= 1
    return periods.month(year, month)


_LATER = frozenset(["next", "following", "after"])
_NIGHT = r"(?:\s(?:morning|afternoon|evening|night))?"
_CENTURY_ORDINAL = "|".join(sorted(CENTURY_ORDINALS, key=len, reverse=True))

_SIMPLE: tuple[tuple[re.Pattern[str], _Handler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (r"(?:the\s)?day\s(?P<w>before\syesterday|after\stomorrow)", _relative_day),
        (rf"(?P<w>yesterday|today|tomorrow|tonight){_NIGHT}", _relative_day),
        (r"this\s(?P<w>morning|afternoon|evening)|(?P<w2>last\snight)", _relative_day),
        (
            rf"{_NUMBER}\s{_UNIT}\s(?P<dir>ago|from\snow|hence|later|earlier|after|before"
            r"|afterwards?|previously)",
            _offset,
        ),
        (rf"in\s{_NUMBER}\s{_UNIT}(?:'?\stime)?", _in_units),
        (rf"{_QUALIFIER}(?P<u>week|weekend|month|quarter|year|decade|century)", _calendar),
        (rf"{_NUMBER}\s{_UNIT}\sahead", _ahead),
        (
            rf"(?:{_QUALIFIER})?(?P<h>{holidays.HOLIDAY_RE})"
            r"(?:\s(?:of\s)?(?:(?P<y>\d{4})|(?P<yr>last|this|next)\syear))?",
            _holiday,
        ),
        (
            r"(?:the\s)?(?:(?P<p>early|mid|late)(?:-|\s))?"
            rf"(?P<c>\d{{1,3}}(?:st|nd|rd|th)|{_CENTURY_ORDINAL})(?:-|\s)century",
            _century,
        ),
        (r"(?:the\s)?weekend", _weekend),
        (
            rf"(?:(?P<pre>over|in|during|within|for)\s)?the\s(?P<d>past|last|next|coming)\s"
            rf"(?:{_NUMBER}\s)?{_UNIT}",
            _rolling,
        ),
        (r"(?P<w>earlier|later)\s(?:this|in\sthe)\s(?P<u>day|week|month|year)", _earlier_or_later),
        (r"(?P<w>earlier|later)\stoday", _earlier_or_later),
        (
            r"(?P<w>earlier|later)\s(?:in\s)?(?:that|the\ssame)\s(?P<u>day|week|month|year)",
            _earlier_or_later_then,
        ),
        (
            rf"(?:this\s(?=coming))?{_QUALIFIER}?(?P<wd>{WEEKDAY_RE})\.?{_NIGHT}"
            r"(?:,?\s(?P<wk>last|this|next)\sweek)?",
            _weekday,
        ),
        (rf"{_QUALIFIER}(?P<m>{MONTH_RE})\.?", _qualified_month),
        (
            rf"(?:{_QUALIFIER}|the\s)?(?P<s>{SEASON_RE})"
            r"(?:\s(?:of\s)?(?:(?P<y>\d{4})(?:[/-](?P<y2>\d{4}|\d{2}))?|(?P<yr>last|this|next)\syear))?",
            _season,
        ),
        (rf"(?:the\s)?(?P<o>{ORDINAL_RE})\squarter{_YEAR_OF}", _quarter),
        (r"q(?P<qn>[1-4])(?:\s(?:of\s)?(?:(?P<y>\d{4})|(?P<yr>last|this|next)\syear))?", _quarter),
        (r"(?P<y>\d{4})\sq(?P<qn>[1-4])(?P<yr>)", _quarter),
        (rf"(?:the\s)?(?P<o>first|second|1st|2nd)\shalf{_YEAR_OF}", _half),
        (r"h(?P<hn>[12])(?:\s(?:of\s)?(?P<y>\d{4}))?(?P<yr>)", _half),
        (r"(?:the\s)?(?:(?P<c>\d{3})0'?s|'(?P<t>\d)0'?s)", _decade),
        (r"(?:that|the\ssame)\s(?P<u>day|week|month|year)", _anchored_unit),
        (rf"that\s(?P<m>{MONTH_RE})\.?", _that_month),
        # "in May of that year", "in May that year": the month of the year pointed back to
        (rf"(?P<m>{MONTH_RE})\.?\s(?:of\s)?(?:that|the\ssame)\syear", _that_month),
        (
            r"the\s(?P<d>next|following|previous|preceding|prior)\s(?P<u>day|week|month|year)",
            _anchored_unit,
        ),
        (r"the\s(?P<u>day|week|month|year)\s(?P<d>before|after)", _anchored_unit),
    )
)


def _any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that says which of ``patterns`` (if any) matches a text: group ``_<index>``.

    Trying thirty patterns one by one costs thirty calls for a text none of them matches, as
    most spans ``find`` tries are; this costs one.
    """
    plain = [re.sub(r"\(\?P<\w+>", "(?:", pattern.pattern) for pattern in patterns]
    return re.compile("|".join(f"(?P<_{index}>{body})" for index, body in enumerate(plain)))


_SIMPLE_ANY = _any_of(tuple(pattern for pattern, _ in _SIMPLE))

_EXPLICIT_RANGE = re.compile(r"(?P<kw>from|between)\s(?P<body>.+)")
_FROM_SEPARATOR = re.compile(r"\s(?:to|through|thru|until|till|and)\s|-")
_BETWEEN_SEPARATOR = re.compile(r"\s(?:and|&)\s")
_OPERATOR = re.compile(
    r"(?P<op>since|until|till|through|thru|up\sto|by|before|after|around|about|circa|c\.|ca\."
    r"|approximately|approx\.|roughly|some\s?time\s(?:in|around|during)|in|on|during|at|over"
    r"|from)\s(?P<rest>.+)"
)
_APPROXIMATE = frozenset(
    ["around", "about", "circa", "c.", "ca.", "approximately", "approx.", "roughly"]
)
_SEPARATOR = re.compile(r"\s(?:to|through|thru|until|till)\s|-")
_POSITION = re.compile(
    r"(?:the\s)?(?:(?P<p>early|mid|late)(?:-|\s)(?:in\s)?"
    # "end-June", "end-2025": wire shorthand for "the end of"
    r"|(?P<w>beginning|start|middle|end|close)(?:\sof\s|-(?<=(?:end|art)-)))"
    r"(?P<rest>.+)"
)
_POSITION_WORDS = {
    "beginning": "early",
    "start": "early",
    "middle": "mid",
    "end": "late",
    "close": "late",
}
_THE_UNIT = re.compile(r"(?:this|the)\s(?P<u>week|month|year|decade)")
_BARE_WEEKDAY = re.compile(rf"(?P<wd>{WEEKDAY_RE})\.?")


def _expression(text: str, context: _Context, ranges: bool = True) -> str | None:
    """Canonical text for ``text``, None when no rule recognises it.

    ``ranges`` is False for the sides of a range: a side is never itself split again, which
    keeps "A and B and C and ..." linear instead of exponential.
    """
    if _CANONICAL.fullmatch(text):
        try:
            return PartialDate.from_canonical(text.upper()).text
        except DateError:
            pass
    fields = absolute.read(text)
    if fields is not None:
        return _resolve_fields(fields, context)
    first = _SIMPLE_ANY.fullmatch(text)
    if first is not None:
        for pattern, handler in _SIMPLE[int(first.lastgroup[1:]) :]:  # type: ignore[index]
            match = pattern.fullmatch(text)
            if match:
                result = handler(match, context)
                if result is not None:
                    return result
    for pattern, compound in _COMPOUND:
        match = pattern.fullmatch(text)
        if match:
            inner = _expression(match["rest"], context, ranges=False)
            if inner is not None:
                result = compound(match, inner, context)
                if result is not None:
                    return result
    match = _EXPLICIT_RANGE.fullmatch(text) if ranges else None
    if match:
        body = match["body"]
        separators = _FROM_SEPARATOR if match["kw"] == "from" else _BETWEEN_SEPARATOR
        result = _split_range(body, separators, context)
        if result is not None:
            return result
    match = _OPERATOR.fullmatch(text)
    if match:
        result = _operator(match["op"], match["rest"], context, ranges)
        if result is not None:
            return result
    if ranges:
        result = _split_range(text, _SEPARATOR, context) or _split_range(
            text, _BETWEEN_SEPARATOR, context, fields_only=True
        )
        if result is not None:
            return result
    match = _POSITION.fullmatch(text)
    if match:
        rest = match["rest"]
        unit = _THE_UNIT.fullmatch(rest.removeprefix("in "))
        whole = (
            relative.calendar_unit(unit["u"], context.reference, 0)
            if unit
            else _expression(rest, context, ranges)
        )
        if whole is not None:
            if not periods.value(whole).is_interval and _is_day(whole):
                return whole  # "early Sunday", "late Friday": early in that day
            return periods.part(whole, match["p"] or _POSITION_WORDS[match["w"]])
    fields = absolute.read_with_dateutil(text)
    if fields is not None:
        return _resolve_fields(fields, context)
    return None


# --- compounds: a time, a week or a count around another expression -------------------------

_CompoundHandler = Callable[[re.Match[str], str, _Context], str | None]
_CLOCK = r"(?:\d{1,2}(?::[0-5]\d)?\s?(?:a\.m\.?|p\.m\.?|am|pm)|noon|midnight)"


def _is_day(canonical: str) -> bool:
    """A single day, or a window between whole days ("next Friday" inside its week)."""
    return periods.value(canonical).unit is Precision.DAY


def _at_time(match: re.Match[str], inner: str, context: _Context) -> str | None:
    """ "3 p.m. Friday", "Friday at noon": the day; a time alone is not a date desk stores."""
    return inner if _is_day(inner) else None


def _possessive(match: re.Match[str], inner: str, context: _Context) -> str | None:
    """ "Monday's talks", "Tuesday's call": the day, when what owns the noun is one day."""
    return inner if _is_day(inner) else None


def _week_of(match: re.Match[str], inner: str, context: _Context) -> str | None:
    """ "the first week of November": days 1-7 of that month (the last week: its last seven).

    A month named without a year is chosen as "in November" is; in a future context a week
    of that month already over by the reference day means the next year's (the month as a
    whole may still be running: "will meet in the first week of November" on Nov. 20).
    """
    week = _week_in(match["o"], inner)
    if week is None:
        return None
    fields = absolute.read(match["rest"])
    yearless = fields is not None and fields.year is None and fields.year_shift is None
    if yearless and week[1] < context.reference and context.tense is Tense.FUTURE:
        assert fields is not None and fields.month is not None
        next_year = periods.month(week[0].year + 1, fields.month)
        week = _week_in(match["o"], next_year) or week
    return periods.days(*week)


def _week_in(ordinal: str, month: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the ``ordinal`` week of ``month`` (a canonical month)."""
    whole = periods.value(month)
    if whole.is_interval or whole.precision is not Precision.MONTH:
        return None
    assert whole.earliest is not None and whole.latest is not None
    if ordinal in ("last", "final"):
        return whole.latest - dt.timedelta(days=6), whole.latest
    first = whole.earliest + dt.timedelta(days=7 * (ORDINALS[ordinal] - 1))
    return first, first + dt.timedelta(days=6)


def _counted_from(match: re.Match[str], inner: str, context: _Context) -> str | None:
    """ "two days ahead of Friday's summit", "a week before Sept. 13": counted from that day."""
    if not _is_day(inner) or periods.value(inner).is_interval:
        return None
    day = periods.value(inner).earliest
    assert day is not None
    sign = 1 if match["dir"] == "after" else -1
    return relative.offset(sign * _count(match), _unit(match), day)


_COMPOUND: tuple[tuple[re.Pattern[str], _CompoundHandler], ...] = tuple(
    (re.compile(pattern), handler)
    for pattern, handler in (
        (rf"(?:at\s)?{_CLOCK},?\s(?:on\s)?(?P<rest>.+)", _at_time),
        (rf"(?P<rest>.+?),?\s(?:at\s)?{_CLOCK}", _at_time),
        (
            rf"(?:the\s)?(?P<o>{ORDINAL_RE}|last|final)\sweek\s(?:of|in)\s(?P<rest>.+)",
            _week_of,
        ),
        (r"(?P<rest>.+?)'s(?:\s[a-z]+){0,2}", _possessive),
        (
            rf"{_NUMBER}\s{_UNIT}\s(?P<dir>ahead\sof|before|after)\s(?P<rest>.+)",
            _counted_from,
        ),
    )
)


def _resolve_fields(fields: Fields, context: _Context) -> str | None:
    if fields.month is None and fields.day is not None:
        return None  # a bare day number is only ever the end of a range
    if fields.year is not None:
        return fields.text(fields.year)
    return fields.resolve(context.reference, context.tense)


def _operator(operator: str, rest: str, context: _Context, ranges: bool) -> str | None:
    inner = _expression(rest, context, ranges)
    if inner is None:
        return None
    if operator.startswith("some"):
        return periods.approximate(inner) if operator.endswith("around") else inner
    if operator in _APPROXIMATE:
        return periods.approximate(inner)
    if operator in ("in", "on", "during", "at", "over"):
        return inner
    if operator == "since":
        start = periods.first(inner)
        reference = context.reference
        earliest = periods.value(start).earliest
        assert earliest is not None
        if earliest > reference:
            raise DateError(f"it starts after the reference day {reference.isoformat()}")
        if periods.value(start).precision is Precision.DAY:
            # "in Doha since Saturday": the day a situation began that still holds when the
            # report is written; the report's day is not its end, so the end is open.
            return f"{start}/.."
        # "since 2022": a span of history, known up to the report's day.
        return periods.interval(start, periods.day(reference))
    if operator == "from":
        return f"{periods.first(inner)}/.."
    if operator == "before" and rest.startswith(("the end of", "the close of")):
        return f"../{periods.last(inner)}"  # idiom: "before the end of the month" is by its end
    if operator == "before":
        return f"../{_step(periods.first(inner), -1)}"
    if operator == "after":
        return f"{_step(periods.last(inner), 1)}/.."
    return f"../{periods.last(inner)}"  # until, till, through, up to, by


def _step(point: str, direction: int) -> str:
    """The unit just before (-1) or after (+1) a single value: before 2025 is by 2024."""
    value = periods.value(point)
    assert value.earliest is not None and value.latest is not None
    unit = value.precision
    if unit is Precision.YEAR:
        return periods.year(value.earliest.year + direction)
    if unit is Precision.DECADE:
        return periods.year(value.earliest.year - 1 if direction < 0 else value.latest.year + 1)
    if unit is Precision.MONTH:
        target = periods.add_months(value.earliest, direction)
        return periods.month(target.year, target.month)
    edge = value.earliest if direction < 0 else value.latest
    return periods.day(edge + dt.timedelta(days=direction))


# --- ranges -----------------------------------------------------------------------------------

_Side = Fields | int | str  # fields, a bare weekday number, or resolved canonical text


def _side(text: str, context: _Context) -> _Side | None:
    try:
        fields = absolute.read(text)
    except DateError:
        return None
    if fields is not None:
        return fields
    match = _BARE_WEEKDAY.fullmatch(text)
    if match:
        return WEEKDAYS[match["wd"]]
    try:
        return _expression(text, context, ranges=False)
    except DateError:
        return None


def _split_range(
    text: str, separators: re.Pattern[str], context: _Context, *, fields_only: bool = False
) -> str | None:
    """The first split of ``text`` at a separator whose two sides make a range.

    With ``fields_only`` both sides must be written-out days: "June 18 and 19, 2024" names two
    days, and the range of the two is what is known of them; "Friday and Saturday" is not joined.
    """
    error: DateError | None = None
    for separator in separators.finditer(text):
        try:
            result = _range(
                text[: separator.start()], text[separator.end() :], context, fields_only=fields_only
            )
        except DateError as raised:
            error = error or raised
            continue
        if result is not None:
            return result
    if error is not None:
        raise error  # both sides were dates, but together they make no range
    return None


def _range(
    start_text: str, end_text: str, context: _Context, *, fields_only: bool = False
) -> str | None:
    """A range from two sides, sharing what one side omits ("March 3 to 5, 2025")."""
    start = _side(start_text, context)
    end = _side(end_text, context) if start is not None else None
    if start is None or end is None:
        return None
    if isinstance(start, Fields) and isinstance(end, Fields):
        if fields_only and (start.day is None or end.day is None):
            return None
        return _field_range(start, end, context)
    if fields_only:
        return None
    if isinstance(start, int):
        start = relative.weekday(start, context.reference, context.tense)
    elif isinstance(start, Fields):
        start = _resolve_fields(start, context)
        if start is None:
            return None
    if isinstance(end, int):
        earliest = periods.value(periods.first(start)).earliest
        assert earliest is not None
        end = periods.day(earliest + relativedelta(weekday=weekdays[end](+1)))
    elif isinstance(end, Fields):
        if end.month is None and end.year is None:
            return None
        end = _resolve_fields(end, context)
        if end is None:
            return None
    first = periods.first(start)
    try:
        return _join(first, periods.last(end))
    except DateError:
        # A relative end is the first such one on or after the start: "mid-March to late April"
        # in a past context is not March 2025 to April 2024.
        earliest = periods.value(first).earliest
        assert earliest is not None
        later = _Context(earliest, Tense.FUTURE, None)
        again = _expression(end_text, later, ranges=False)
        if again is None or not later.used:
            raise
        context.used = True
        return _join(first, periods.last(again))


def _join(start: str, end: str) -> str:
    joined = periods.interval(start, end)
    PartialDate.from_canonical(joined)  # raises when the range ends before it starts
    return joined


def _field_range(start: Fields, end: Fields, context: _Context) -> str | None:
    if end.month is None and end.day is not None:
        end.month = start.month
    if start.month is None and start.day is not None:
        start.month = end.month
    if start.month is None and start.day is not None:
        return None  # "7-4" is a score, not a range of days
    # Both ends must say as much: "March 3-5" and "2020-2022", never "13-Sep" or "May-2024".
    if (start.day is None) != (end.day is None) or (start.month is None) != (end.month is None):
        return None
    start_year = start.year_for(context.reference) if start.year_shift is not None else start.year
    end_year = end.year_for(context.reference) if end.year_shift is not None else end.year
    if start_year is not None and end_year is None:
        end_year = start_year + (1 if _order(end) < _order(start) else 0)
    elif end_year is not None and start_year is None:
        start_year = end_year - (1 if _order(end) < _order(start) else 0)
    if start_year is not None and end_year is not None:
        return _join(start.text(start_year), end.text(end_year))
    reference = context.reference
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        following = year + (1 if _order(end) < _order(start) else 0)
        try:
            candidates.append(_join(start.text(year), end.text(following)))
        except DateError:
            continue
    if not candidates:
        raise DateError("no nearby year has both ends of that range")
    return periods.choose(candidates, reference, context.tense)


def _order(fields: Fields) -> tuple[int, int]:
    return (fields.month or 0, fields.day or 0)
