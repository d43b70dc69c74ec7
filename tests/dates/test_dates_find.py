"""find(): every date phrase a careful reader would mark, and nothing else."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest

from desk.dates import DateMatch, Tense, find
from desk.dates.find import _find_every_word

SAMPLE = (
    Path(__file__).resolve().parents[2]
    / "sample_db"
    / "sources"
    / "shoigu-pyongyang-2025-03-21.txt"
)
PUBLISHED = dt.date(2025, 3, 21)

# Every date expression in the Yonhap report of Friday 2025-03-21, in order.
SAMPLE_DATES = [
    ("Feb. 25", "2025-02-25"),
    ("Friday", "2025-03-21"),
    ("Earlier in the day", "2025-03-21"),
    ("in May", "2025-05"),  # "Kim may travel to Moscow in May": the next May
    ("since last year", "2024/2025-03-21"),
    ("July 2023", "2023-07"),
    ("September last year", "2024-09"),
    ("in June", "2024-06"),  # "signed ... in June": the last June before publication
    ("Sept. 13, 2024", "2024-09-13"),
    ("last year", "2024"),
    ("in October", "2024-10"),  # "dispatched troops ... in October"
    ("earlier that year", "2024-01/2024-10"),  # earlier than that October
    ("Earlier this month", "2025-03-01/2025-03-21"),
    ("last June", "2024-06"),
    ("1945", "1945"),
    ("on Saturday", "2025-03-15"),
    ("Thursday", "2025-03-20"),
]


@pytest.fixture(scope="module")
def sample_matches() -> list[DateMatch]:
    return find(SAMPLE.read_text(encoding="utf-8"), PUBLISHED)


def test_the_sample_article_yields_exactly_what_a_careful_reader_marks(
    sample_matches: list[DateMatch],
) -> None:
    assert [(m.phrase, m.date.text) for m in sample_matches] == SAMPLE_DATES


def test_spans_point_at_the_phrases_and_never_overlap(sample_matches: list[DateMatch]) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    previous_end = 0
    for match in sample_matches:
        assert text[match.start : match.end] == match.phrase
        assert match.start >= previous_end
        previous_end = match.end
        assert match.date.phrase == match.phrase
        assert match.date.reference == PUBLISHED


def test_the_sample_non_dates_are_not_marked(sample_matches: list[DateMatch]) -> None:
    phrases = " | ".join(m.phrase for m in sample_matches)
    for trap in ("11,000", "80th", "anniversary", "Victory Day", "may travel", "recent years"):
        assert trap not in phrases


def test_tense_is_read_from_the_verbs_near_the_phrase(sample_matches: list[DateMatch]) -> None:
    tenses = {m.phrase: m.tense for m in sample_matches}
    assert tenses["Friday"] is Tense.PAST  # "experts said Friday"
    assert tenses["in May"] is Tense.FUTURE  # "Kim may travel to Moscow in May"
    assert tenses["in June"] is Tense.PAST  # "signed ... in June"
    assert tenses["in October"] is Tense.PAST  # "dispatched troops ... in October"
    assert tenses["on Saturday"] is Tense.PAST  # "held talks ... on Saturday and discussed"
    assert tenses["Thursday"] is Tense.PAST  # "wrapped up ... Thursday, raising ... could"
    assert tenses["Feb. 25"] is None  # a photo caption in the present tense


TRAPS = """\
Type 094 submarines and 2000 troops were seen near Route 66, officials said.
The G20 summit ended in a 7-4 vote; Theresa May spoke about F-16 jets and Su-57 fighters.
The 80th anniversary drew 11,000 people, up 3.5 percent, at 10:30 a.m. The Arab Spring began.
North Korea tested a Hwasong-19 missile. Jan Egeland and August Landmesser were named.
COVID-19 cases fell. The price was $2024 for 24/7 access. In recent years, talks stalled.
"""


def test_numbers_names_and_scores_are_not_dates() -> None:
    assert find(TRAPS, PUBLISHED) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Talks were held from March 3 to 5 in Hanoi.",
            [("from March 3 to 5", "2025-03-03/2025-03-05")],
        ),
        (
            "They met between June 18 and 19, 2024.",
            [("between June 18 and 19, 2024", "2024-06-18/2024-06-19")],
        ),
        ("The two met in mid-2024 in Vladivostok.", [("mid-2024", "2024-05~/2024-08~")]),
        ("Kim will visit Moscow next month.", [("next month", "2025-04")]),
        ("Kim will visit Moscow on Friday.", [("on Friday", "2025-03-21")]),
        ("Kim will visit Moscow on Saturday.", [("on Saturday", "2025-03-22")]),
        ("Kim visited Moscow on Saturday.", [("on Saturday", "2025-03-15")]),
        ("The summit is expected to be held next Friday.", [("next Friday", "2025-03-28")]),
        ("He may have met Kim in May.", [("in May", "2024-05")]),
        (
            "The summit, scheduled for June 18-19, was announced.",
            [("June 18-19", "2025-06-18/2025-06-19")],
        ),
        ("Troops drilled ahead of the May 9 parade.", [("May 9", "2025-05-09")]),
        (
            "Another test is planned before the end of the month.",
            [("before the end of the month", "../2025-03-31")],
        ),
        ("Visits came in July and August.", [("in July", "2024-07"), ("August", "2024-08")]),
        ("Routes reopened in 1999 and 2001.", [("1999", "1999"), ("2001", "2001")]),
        (
            "Troops massed on 13.09.2024 and left on 2024-10-01.",
            [("13.09.2024", "2024-09-13"), ("2024-10-01", "2024-10-01")],
        ),
        (
            "Tests resumed in the first half of 2025.",
            [("the first half of 2025", "2025-01/2025-06")],
        ),
        (
            "Prices rose over the past two weeks.",
            [("over the past two weeks", "2025-03-07/2025-03-21")],
        ),
        ("A deal is due by the end of the year.", [("by the end of the year", "../2025-12")]),
        (
            "The accord dates from the 1990s and was revised in the late 2000s.",
            [("the 1990s", "199X"), ("the late 2000s", "2007~/2009")],
        ),
        (
            "Kim arrived on Oct. 31, 2024. The next day, Seoul protested. "
            "Two days later, Tokyo joined.",
            [
                ("Oct. 31, 2024", "2024-10-31"),
                ("The next day", "2024-11-01"),
                ("Two days later", "2024-11-03"),
            ],
        ),
        (
            "In 2022, the war began. Earlier that year, troops massed.",
            [("2022", "2022"), ("Earlier that year", "2022")],
        ),
        ("SEOUL, March 21 (Yonhap) -- Talks ended.", [("March 21", "2025-03-21")]),
        ("Shelling has continued since 2022, officials said.", [("since 2022", "2022/2025-03-21")]),
        (
            "Officials met last week and will meet again later this year.",
            [("last week", "2025-03-10/2025-03-16"), ("later this year", "2025-03-21/2025-12-31")],
        ),
    ],
)
def test_news_sentences(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.phrase, m.date.text) for m in find(text, PUBLISHED)] == expected


# Issue 13, point 5: what the resolver used to miss, in wire sentences (published Fri 2025-03-21).
ISSUE_13 = [
    # holidays, fixed and movable
    (
        "Kim and Putin exchanged greetings on Christmas Eve.",
        [("on Christmas Eve", "2024-12-24")],
    ),
    ("Markets were closed on New Year's Day.", [("on New Year's Day", "2025-01-01")]),
    ("Protests are expected to peak at Easter, police said.", [("at Easter", "2025-04-20")]),
    ("Orthodox Easter was celebrated in Moscow.", [("Orthodox Easter", "2024-05-05")]),
    (
        "The envoy will return to Seoul after Thanksgiving.",
        [("after Thanksgiving", "2025-11-28/..")],
    ),
    ("Workers rallied on May Day in Seoul.", [("on May Day", "2024-05-01")]),
    ("Christmas Island lies south of Java.", []),
    # a time of day or a possessive before a weekday
    ("Missiles struck Kyiv early Sunday, officials said.", [("early Sunday", "2025-03-16")]),
    ("The vote is set for 3 p.m. Friday in Seoul.", [("3 p.m. Friday", "2025-03-21")]),
    ("Talks will resume at 10 a.m. Monday.", [("at 10 a.m. Monday", "2025-03-24")]),
    ("Monday's talks in Riyadh ended without a deal.", [("Monday", "2025-03-17")]),
    ("Kim will not attend Saturday's parade.", [("Saturday", "2025-03-22")]),
    # weeks of a month, centuries
    (
        "A summit is planned in the first week of November.",
        [("in the first week of November", "2025-11-01/2025-11-07")],
    ),
    ("The border was drawn in the 19th century.", [("the 19th century", "1801/1900")]),
    # counted from the report's day, or from the day named
    ("Elections will be held in six weeks.", [("in six weeks", "2025-05-02~")]),
    (
        "The foreign ministers will hold talks the next day, officials said.",
        [("the next day", "2025-03-22")],
    ),
    ("With the vote two days ahead, campaigning ended.", [("two days ahead", "2025-03-23")]),
    ("Kim arrived two days ahead of the summit.", []),
    (
        "Kim arrived in Moscow two days ahead of Friday's summit.",
        [("two days ahead of Friday", "2025-03-19")],
    ),
    # lower-case "may" and "march" are words, and so is a capitalised one without a date
    (
        "Kim may travel to Moscow, and troops may march in a parade in May.",
        [("in May", "2025-05")],
    ),
    ("Protesters plan to march on Friday.", [("on Friday", "2025-03-21")]),
    ("May the talks bring peace, the envoy said.", []),
    ("March organisers said 10,000 people joined.", []),
    ("May 9 marks Victory Day in Russia.", [("May 9", "2025-05-09")]),
    (
        "Kim visited Moscow last March, and may return in March.",
        [("last March", "2024-03"), ("in March", "2025-03")],
    ),
    # a year before a noun
    ("Iran and the 2015 nuclear deal were discussed.", [("2015", "2015")]),
    ("Russia's 2022 invasion of Ukraine was condemned.", [("2022", "2022")]),
    ("Type 094 submarines and 2000 troops were seen.", []),
    # what the proposals evaluation found wrong in reports
    ("Tuesday's call between the two leaders lasted an hour.", [("Tuesday", "2025-03-18")]),
    ("Envoys agreed on Thursday's call to meet again.", [("on Thursday", "2025-03-20")]),
    ("Crowds cheered in Washington on Independence Day.", [("on Independence Day", "2024-07-04")]),
    ("Kyiv marked Ukraine's Independence Day with a parade.", [("Independence Day", "2024-08-24")]),
    ("Crowds gathered in Delhi for Indian Independence Day.", [("Independence Day", "2024-08-15")]),
    (
        "India's prime minister will speak from the Red Fort on Independence Day.",
        [("on Independence Day", "2025-08-15")],
    ),
    ("Envoys of India and Pakistan met on Independence Day.", []),
    ("Nairobi marked Kenya's Independence Day.", []),
]


@pytest.mark.parametrize(("text", "expected"), ISSUE_13)
def test_issue_13_sentences(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.phrase, m.date.text) for m in find(text, PUBLISHED)] == expected


def test_the_countries_a_text_names_are_counted_once_per_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every "Independence Day" without an owner asks which country the text names most; the
    answer is counted once, not once per holiday (that rescanned the whole text each time)."""
    finding = importlib.import_module("desk.dates.find")  # the module, not the function
    counted: list[int] = []
    count = finding._country_named_most

    def counting(text: str) -> str | None:
        counted.append(len(text))
        return count(text)

    monkeypatch.setattr(finding, "_country_named_most", counting)
    text = "Crowds cheered in India on Independence Day. " * 20
    matches = find(text, PUBLISHED)
    assert [m.date.text for m in matches] == ["2024-08-15"] * 20
    assert counted == [len(text)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Envoys met in Baku in the first week of November and signed a text.",
            dt.date(2025, 12, 10),
            [("in the first week of November", "2025-11-01/2025-11-07")],
        ),
        (
            "Security chiefs are scheduled to meet at the Arctic Council (AC) in the first "
            "week of November, the statement added.",
            dt.date(2025, 10, 2),
            [("in the first week of November", "2025-11-01/2025-11-07")],
        ),
        (
            "The summit will open in the first week of November.",
            dt.date(2025, 11, 20),
            [("in the first week of November", "2026-11-01/2026-11-07")],
        ),
        (
            "Ministers met in Paris on Jan. 2. The previous day, they had dined in Lyon.",
            dt.date(2026, 1, 5),
            [("on Jan. 2", "2026-01-02"), ("The previous day", "2026-01-01")],
        ),
        (
            "Ministers met in Paris on Jan. 1. The day before, they had dined in Lyon.",
            dt.date(2026, 1, 5),
            [("on Jan. 1", "2026-01-01"), ("The day before", "2025-12-31")],
        ),
    ],
)
def test_weeks_of_a_month_and_days_before_keep_their_year(
    text: str, published: dt.date, expected: list[tuple[str, str]]
) -> None:
    assert [(m.phrase, m.date.text) for m in find(text, published)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Envoys met on Tuesday to revive the 2015 nuclear deal. The previous day, they dined.",
            [("on Tuesday", "2025-03-18"), ("2015", "2015"), ("The previous day", "2025-03-17")],
        ),
        (
            "Envoys met on Tuesday. Talks had stalled since 2019. The day before, they dined.",
            [
                ("on Tuesday", "2025-03-18"),
                ("since 2019", "2019/2025-03-21"),
                ("The day before", "2025-03-17"),
            ],
        ),
        (
            "Envoys met on Tuesday. Talks began in the first week of March. The day before, "
            "they dined.",
            [("on Tuesday", "2025-03-18"), ("in the first week of March", "2025-03-01/2025-03-07")],
        ),
    ],
)
def test_the_day_before_looks_past_a_year_to_the_day_named_before_it(
    text: str, expected: list[tuple[str, str]]
) -> None:
    """A year or a long span between them is not what "the day before" counts from; a week
    is not looked past (the day before it is unknown, and an older day would be wrong)."""
    assert [(m.phrase, m.date.text) for m in find(text, PUBLISHED)] == expected


def test_a_phrase_that_points_back_is_skipped_without_a_fitting_anchor() -> None:
    # A week is no day to count "the next day" from. "Earlier that year" now reads the
    # paragraph before when its own names no date (it used to be skipped across the break).
    text = "Talks resumed last week.\nThe next day, nothing happened. Earlier that year, more."
    assert [(m.phrase, m.date.text) for m in find(text, PUBLISHED)] == [
        ("last week", "2025-03-10/2025-03-16"),
        ("Earlier that year", "2025-01/2025-03-16"),
    ]
    assert [m.phrase for m in find("Talks resumed in 2019.\nThe next day, calm.", PUBLISHED)] == [
        "2019"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a future clause does not count from a day gone by, nor a past one from a day to come
        (
            "Envoys met on Monday. They will sign the accord the next day.",
            [("on Monday", "2025-06-09")],
        ),
        (
            "Talks are set for Friday. Ministers will fly home the next day.",
            [("Friday", "2025-06-13"), ("the next day", "2025-06-14")],
        ),
        (
            "Talks will open on Friday. The envoys arrived the day before.",
            [("on Friday", "2025-06-13")],
        ),
        (
            "Talks opened on Monday. The envoys had arrived the day before.",
            [("on Monday", "2025-06-09"), ("the day before", "2025-06-08")],
        ),
    ],
)
def test_a_phrase_that_points_back_agrees_with_its_tense(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.phrase, m.date.text) for m in find(text, dt.date(2025, 6, 11))] == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # a paragraph that names no date goes on with the dates of the paragraph before it
        (
            "Envoys will meet in Riyadh on Friday.\n\nThe defence minister will fly on to Paris "
            "the next day.",
            dt.date(2025, 6, 11),
            [("on Friday", "2025-06-13"), ("the next day", "2025-06-14")],
        ),
        # ... but a date in its own paragraph comes first
        (
            "Envoys met on Monday.\nOn Wednesday they signed. The next day they left.",
            dt.date(2025, 6, 13),
            [
                ("on Monday", "2025-06-09"),
                ("On Wednesday", "2025-06-11"),
                ("The next day", "2025-06-12"),
            ],
        ),
        # "earlier in the day" is the day the text is talking about, not always the report's
        (
            "Kim received the delegation on Tuesday.\nThe talks were warm.\nEarlier in the day, "
            "the foreign minister met the envoy.",
            dt.date(2025, 8, 20),
            [("on Tuesday", "2025-08-19"), ("Earlier in the day", "2025-08-19")],
        ),
        (
            "Earlier in the day, the foreign minister met the envoy.",
            dt.date(2025, 8, 20),
            [("Earlier in the day", "2025-08-20")],
        ),
    ],
)
def test_phrases_that_point_back_read_the_paragraph_before(
    text: str, published: dt.date, expected: list[tuple[str, str]]
) -> None:
    assert [(m.phrase, m.date.text) for m in find(text, published)] == expected


def test_typographic_spaces_dashes_and_apostrophes() -> None:
    text = "Talks ran from Feb.\u00a028\u2013March\u00a02 and recalled the \u201990s."
    assert [(m.phrase, m.date.text) for m in find(text, PUBLISHED)] == [
        ("from Feb.\u00a028\u2013March\u00a02", "2025-02-28/2025-03-02"),
        ("the \u201990s", "199X"),
    ]


def test_a_datetime_reference_counts_as_its_day() -> None:
    moment = dt.datetime(2025, 3, 21, 18, 30)
    assert [m.date.text for m in find("They met yesterday.", moment)] == ["2025-03-20"]


def test_without_a_reference_day_today_is_the_reference() -> None:
    """desk.ingest reads a source with no publication date this way."""
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert [m.date.text for m in find("They met yesterday.", None)] == [yesterday]  # type: ignore[arg-type]
    assert [m.date.text for m in find("No names here, nothing happened.", None)] == []  # type: ignore[arg-type]


def test_empty_text_has_no_dates() -> None:
    assert find("", PUBLISHED) == []


def test_the_pre_filter_finds_what_reading_every_word_finds() -> None:
    reports = sorted((SAMPLE.parents[2] / "tests" / "ingest" / "reports").glob("*.txt"))
    text = "\n".join(path.read_text(encoding="utf-8") for path in [SAMPLE, *reports])
    text += "\n" + TRAPS
    assert find(text, PUBLISHED) == _find_every_word(text, PUBLISHED)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # "later this week" is the days after the report's (a Wednesday's)
        (
            "The two foreign ministers will speak again later this week.",
            dt.date(2025, 6, 11),
            [("later this week", "2025-06-12/2025-06-15")],
        ),
        # a deadline in a forward-looking clause of a past sentence is the coming one
        (
            "The rivals agreed to open border crossings by the end of February, aides said.",
            dt.date(2025, 1, 15),
            [("by the end of February", "../2025-02-28")],
        ),
        (
            "Both governments decided to exchange envoys by March, he said.",
            dt.date(2025, 1, 15),
            [("by March", "../2025-03")],
        ),
        # "arrived on Monday" is past even when a future verb follows after "and"
        (
            "The envoy arrived in Kigali on Monday and will meet the president on Friday.",
            dt.date(2025, 6, 11),
            [("on Monday", "2025-06-09"), ("on Friday", "2025-06-13")],
        ),
        # "that October": the October of the year the text is talking about
        (
            "The ministers first met in Vienna on May 4, 2017. Talks resumed in Geneva that "
            "October.",
            dt.date(2025, 6, 11),
            [("May 4, 2017", "2017-05-04"), ("that October", "2017-10")],
        ),
        (
            "In 2021 the accord lapsed. That April the envoys met in Doha.",
            dt.date(2025, 6, 11),
            [("2021", "2021"), ("That April", "2021-04")],
        ),
        # with no year named before it, a past clause means the latest such month
        (
            "Contacts broke off that October, the ministry said.",
            dt.date(2025, 6, 11),
            [("that October", "2024-10")],
        ),
        # "since Saturday": the talks began then and are still going; no end is known
        (
            "Mediators have been shuttling between the delegations since Saturday.",
            dt.date(2025, 6, 11),
            [("since Saturday", "2025-06-07/..")],
        ),
        (
            "Shelling has continued since 2022, officials said.",
            dt.date(2025, 6, 11),
            [("since 2022", "2022/2025-06-11")],
        ),
    ],
)
def test_phrases_a_rule_engineer_found_misread(
    text: str, published: dt.date, expected: list[tuple[str, str]]
) -> None:
    assert [(m.phrase, m.date.text) for m in find(text, published)] == expected


def test_a_stretch_read_once_is_read_again_where_a_number_follows_it() -> None:
    """find() reads each distinct stretch of text once; "Jan" ends one stretch as a month only
    when a number follows on the next line, so the same stretch is read again there."""
    text = (
        "Kim arrived in Jan\n5 days later. Kim arrived in Jan\nthe talks. "
        "Kim arrived in Jan 0\nKim arrived in Jan\n5 days"
    )
    found = find(text, PUBLISHED)
    assert found == _find_every_word(text, PUBLISHED)
    ends_of_jan = [
        index + len("in Jan") for index in range(len(text)) if text.startswith("in Jan", index)
    ]
    assert [match.end for match in found] == [ends_of_jan[0], ends_of_jan[2], ends_of_jan[3]]
