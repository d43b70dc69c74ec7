"""Property tests: canonical text round-trips, windows are ordered, phrases point the right way."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.dates import DateError, PartialDate, Tense, find, parse
from desk.dates.find import _country_named_most, _find_every_word, _owner_named_most
from desk.dates.holidays import INDEPENDENCE_DAYS
from desk.dates.tokens import _AHEAD, _BACK, _HINT_AT_START, _hint_pattern, regions

AP_MONTHS = [
    "",
    "Jan.",
    "Feb.",
    "March",
    "April",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
MONTHS = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

days = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31))
news_days = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
references = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))
tenses = st.sampled_from([None, Tense.PAST, Tense.FUTURE])


@st.composite
def points(draw: st.DrawFn) -> str:
    day = draw(days)
    unit = draw(st.sampled_from(["day", "month", "year", "decade"]))
    text = {
        "day": day.isoformat(),
        "month": day.isoformat()[:7],
        "year": day.isoformat()[:4],
        "decade": day.isoformat()[:3] + "X",
    }[unit]
    return text + ("~" if draw(st.booleans()) else "")


@st.composite
def canonical_texts(draw: st.DrawFn) -> str:
    shape = draw(st.sampled_from(["point", "interval", "open start", "open end"]))
    first = draw(points())
    if shape == "point":
        return first
    if shape == "open start":
        return f"../{first}"
    if shape == "open end":
        return f"{first}/.."
    second = draw(points())
    a, b = PartialDate.from_canonical(first), PartialDate.from_canonical(second)
    assert a.earliest is not None and b.latest is not None
    if a.earliest > b.latest:
        first, second = second, first
    return f"{first}/{second}"


@given(canonical_texts())
def test_canonical_text_round_trips(text: str) -> None:
    value = PartialDate.from_canonical(text)
    assert PartialDate.from_canonical(value.text) == value
    assert parse(value.text) == value
    assert value.text == text


@given(canonical_texts())
def test_the_window_is_ordered_and_holds_its_ends(text: str) -> None:
    value = PartialDate.from_canonical(text)
    if value.earliest is not None and value.latest is not None:
        assert value.earliest <= value.latest
    for end in (value.earliest, value.latest):
        if end is not None:
            assert value.contains(end)


def _ap(day: dt.date) -> str:
    return f"{AP_MONTHS[day.month]} {day.day}, {day.year}"


def _day_first(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month]} {day.year}"


def _ordinal(day: dt.date) -> str:
    suffix = (
        "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    )
    return f"{MONTHS[day.month]} {day.day}{suffix}, {day.year}"


def _with_weekday(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]}, {_ap(day)}"


def _dotted(day: dt.date) -> str:
    return f"{day.day:02d}.{day.month:02d}.{day.year}"


DAY_STYLES = [_ap, _day_first, _ordinal, _with_weekday, _dotted, dt.date.isoformat]


@given(news_days, st.sampled_from(DAY_STYLES), references)
def test_written_out_days_are_exactly_that_day(day: dt.date, style, reference: dt.date) -> None:
    value = parse(style(day), reference)
    assert value == PartialDate.from_day(day)
    assert value.reference == reference


@given(news_days, st.booleans())
def test_months_and_years_stay_months_and_years(day: dt.date, abbreviated: bool) -> None:
    month = (AP_MONTHS if abbreviated else MONTHS)[day.month]
    assert parse(f"{month} {day.year}") == PartialDate.from_parts(day.year, day.month)
    assert parse(str(day.year)) == PartialDate.from_parts(day.year)


@given(st.sampled_from(range(7)), references, tenses)
def test_a_bare_weekday_is_within_a_week_in_the_direction_of_the_tense(
    weekday: int, reference: dt.date, tense: Tense | None
) -> None:
    value = parse(WEEKDAYS[weekday], reference, tense)
    assert value.earliest == value.latest
    day = value.earliest
    assert day is not None and day.weekday() == weekday
    if tense is Tense.FUTURE:
        assert 0 <= (day - reference).days < 7
    else:
        assert 0 <= (reference - day).days < 7


@given(st.sampled_from(range(1, 13)), references, tenses)
def test_a_yearless_month_is_the_nearest_one_the_tense_allows(
    month: int, reference: dt.date, tense: Tense | None
) -> None:
    value = parse(f"in {MONTHS[month]}", reference, tense)
    assert value.earliest is not None and value.latest is not None
    assert value.earliest.month == month and value.latest.month == month
    if tense is Tense.PAST:
        assert value.earliest <= reference < value.earliest + dt.timedelta(days=366)
    elif tense is Tense.FUTURE:
        assert value.latest - dt.timedelta(days=366) < reference <= value.latest
    else:
        assert abs((value.earliest - reference).days) < 366


@given(st.integers(min_value=0, max_value=999), references)
def test_days_ago_count_back_exactly(count: int, reference: dt.date) -> None:
    value = parse(f"{count} days ago", reference)
    assert value == PartialDate.from_day(reference - dt.timedelta(days=count))


RELATIVE = [
    "yesterday",
    "tomorrow",
    "last week",
    "next week",
    "this weekend",
    "last month",
    "next month",
    "last year",
    "earlier this month",
    "later this year",
    "September last year",
    "last June",
    "next June",
    "late last year",
    "in May",
    "the summer",
    "last winter",
    "the first half of the year",
    "last quarter",
    "mid-March",
    "early next year",
    "two weeks ago",
    "in three months",
    "last Friday",
    "next Friday",
    "Friday last week",
    "the past two weeks",
    "around Feb. 25",
    "from March 3 to 5",
    "Dec. 28-Jan. 3",
    "from Monday to Wednesday",
]


@given(st.sampled_from(RELATIVE), references, tenses)
def test_relative_phrases_round_trip_and_keep_their_context(
    text: str, reference: dt.date, tense: Tense | None
) -> None:
    value = parse(text, reference, tense)
    assert PartialDate.from_canonical(value.text) == value
    assert value.earliest is not None and value.latest is not None
    assert value.earliest <= value.latest
    assert value.phrase == text
    assert value.reference == reference


@given(st.sampled_from(["last year", "2022", "September last year", "the 1990s"]), references)
def test_since_runs_up_to_the_reference_day(text: str, reference: dt.date) -> None:
    try:
        value = parse(f"since {text}", reference)
    except DateError:
        assert parse(text, reference).earliest > reference  # "since 2022" before 2022
        return
    assert value.latest == reference


@given(
    st.sampled_from(["Sept. 13, 2024", "last June", "mid-2024", "from March 3 to 5"]),
    st.lists(st.sampled_from([str.upper, str.lower, str.title, lambda s: f"  {s} "]), max_size=2),
)
def test_case_and_spacing_do_not_matter(text: str, changes) -> None:
    reference = dt.date(2025, 3, 21)
    changed = text
    for change in changes:
        changed = change(changed)
    assert parse(changed, reference) == parse(text, reference)


FRAGMENTS = [
    "Officials said Friday",
    "that talks were held from March 3 to 5",
    "in Pyongyang",
    "and that Kim may travel to Moscow in May.",
    "More than 11,000 troops",
    "have been sent since last year,",
    "a 7-4 vote",
    "on the 80th anniversary of Victory Day",
    "Theresa May said",
    "in July 2023 and September last year",
    "Type 094 submarines",
    "Earlier this month,",
    "on Sept. 13, 2024.",
    "Route 66",
    "earlier that year",
    "The next day",
    "\n",
]


@settings(max_examples=200)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25), references)
def test_find_returns_ordered_disjoint_spans_of_valid_dates(
    fragments: list[str], reference: dt.date
) -> None:
    text = " ".join(fragments)
    previous_end = 0
    for match in find(text, reference):
        assert text[match.start : match.end] == match.phrase
        assert previous_end <= match.start < match.end
        previous_end = match.end
        assert PartialDate.from_canonical(match.date.text) == match.date
        assert match.date.phrase == match.phrase
        assert "11,000" not in match.phrase and "094" not in match.phrase


WORDS = str.split(
    "last this next the of in on since from to between and early mid late around Friday May "
    "June Sept. March 3 5 13 2024 1990s '90s day weeks year ago two a - , winter quarter first "
    "half Q1 earlier that following yesterday by before 31 29 Feb. 0001 9999 13.09.2024 "
    "2025-05~ .. / ~ 199X troops Type 094 Route 66 7-4"
)


@settings(max_examples=300)
@given(
    st.one_of(st.text(max_size=40), st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join)),
    references,
    tenses,
)
def test_any_text_is_a_date_or_a_date_error(text: str, reference: dt.date, tense) -> None:
    try:
        value = parse(text, reference, tense)
    except DateError:
        return
    assert PartialDate.from_canonical(value.text) == value
    if value.earliest is not None and value.latest is not None:
        assert value.earliest <= value.latest


@settings(max_examples=200)
@given(st.text(max_size=300), references)
def test_find_survives_any_text(text: str, reference: dt.date) -> None:
    previous_end = 0
    for match in find(text, reference):
        assert text[match.start : match.end] == match.phrase
        assert previous_end <= match.start
        previous_end = match.end


SCANNER_FRAGMENTS = [
    *FRAGMENTS,
    "(last year)",
    '"Friday',
    "12May",
    "Feb.28",
    "mid-2024",
    "1.5 years",
    "G20 in 2024",
    "F-16s on Monday's",
    "the '90s and 2000s",
    "2024-09-13/2024-09-15",
    "13.09.2024,",
    "Q1 2025",
    "H2,",
    "Jan 5",
    "Sept.",
    "—",
    "in\tthe\u00a0summer",
    "at Easter",
    "New Year’s Day",
    "Christmas Island",
    "3 p.m. Friday",
    "10:30 a.m.",
    "the 19th century",
    "two days ahead of",
    "the 2015 nuclear deal",
]


@settings(max_examples=300)
@given(
    st.lists(st.sampled_from(SCANNER_FRAGMENTS), max_size=20),
    st.lists(
        st.sampled_from(["", " ", "  ", ", ", "\n", "-", ".", "'s "]), min_size=20, max_size=20
    ),
    references,
)
def test_the_pre_filter_finds_what_reading_every_word_finds(
    fragments: list[str], joins: list[str], reference: dt.date
) -> None:
    text = "".join(fragment + join for fragment, join in zip(fragments, joins, strict=False))
    assert find(text, reference) == _find_every_word(text, reference)


@settings(max_examples=200)
@given(st.text(alphabet=st.sampled_from("May 2024 Fri,.-'’\n19 0sQ1th"), max_size=60), references)
def test_the_pre_filter_agrees_on_odd_text(text: str, reference: dt.date) -> None:
    assert find(text, reference) == _find_every_word(text, reference)


# The hints as one pass found them, with the character before each (a space or another).
_ONE_PASS_HINT = re.compile(rf"(?:[^A-Za-z]|[0-9](?:st|nd|rd|th)){_hint_pattern()}")


def _regions_from_one_pass(text: str) -> list[tuple[int, int]]:
    """``regions`` as it was when one pattern found every hint."""
    size, backward = len(text), text[::-1]
    found: list[tuple[int, int]] = []
    start = end = -1
    first = _HINT_AT_START.match(text)
    hints = ([first] if first else []) + list(_ONE_PASS_HINT.finditer(text))
    for match in hints:
        left, right = match.span("hint")
        right = _AHEAD.match(text, right).end()
        if left < end:
            end = max(end, right)
            continue
        left = size - _BACK.match(backward, size - left).end()
        if left <= end:
            end = max(end, right)
            continue
        if end >= 0:
            found.append((start, end))
        start, end = left, right
    if end >= 0:
        found.append((start, end))
    return found


@settings(max_examples=300)
@given(
    st.lists(
        st.sampled_from([*SCANNER_FRAGMENTS, "12345678", "5thJan", "(May", "x2024"]), max_size=20
    ),
    st.lists(
        st.sampled_from(["", " ", "  ", ", ", "\n", "-", ".", "'s ", "(", "’"]),
        min_size=20,
        max_size=20,
    ),
)
def test_hints_found_in_two_passes_grow_the_same_stretches_as_one_pass(
    fragments: list[str], joins: list[str]
) -> None:
    """Hints after a space and after anything else are found apart (faster); the stretches
    ``regions`` grows from them are those one pass finding every hint gives."""
    text = "".join(fragment + join for fragment, join in zip(fragments, joins, strict=False))
    assert list(regions(text)) == _regions_from_one_pass(text)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from("May 2024 Fri,.-'’\n19 0sQ1thJan"), max_size=60))
def test_two_pass_hints_agree_on_odd_text(text: str) -> None:
    assert list(regions(text)) == _regions_from_one_pass(text)


# The country names as a pattern with a leading word boundary on each, as find() once read them.
_BOUNDED_COUNTRY_NAMES = re.compile(
    "|".join(
        r"\b" + re.escape(name.title() if len(name) > 4 else name.upper()).replace(r"\ ", r"\s+")
        for name in sorted(INDEPENDENCE_DAYS, key=len, reverse=True)
    )
    + r"(?![\w.])"
)
_NAME_PIECES = [
    "US",
    "U.S.",
    "AUS",
    "United States",
    "United  States",
    "India",
    "Indian",
    "Indiana",
    "Pakistani",
    "Ghana",
    "Mexico",
    "Ukraine",
    "Philippines",
    "x",
    "9",
    "_",
    ".",
    " ",
    "-",
    "'s",
    "é",
]


def _counted_with_boundaries(text: str) -> str | None:
    counts: dict[tuple[int, int], int] = {}
    for match in _BOUNDED_COUNTRY_NAMES.finditer(text):
        day = INDEPENDENCE_DAYS[re.sub(r"\s+", " ", match[0].lower())]
        counts[day] = counts.get(day, 0) + 1
    return _owner_named_most(counts)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=12))
def test_country_named_most_reads_names_only_where_a_word_starts(pieces: list[str]) -> None:
    """The country count checks word starts after matching (fast), with the same answer as a
    pattern that requires them."""
    text = "".join(pieces)
    assert _country_named_most(text) == _counted_with_boundaries(text)
