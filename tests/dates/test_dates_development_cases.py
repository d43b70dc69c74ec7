"""Development date cases (issue 13, point 5): a phrase in a wire sentence and the value a careful
reader gives it, scored the way ``benchmarks/dates/evaluate.py`` scores the sealed held-out
cases. Written before ``find`` ran on them; none is copied from a held-out case.

A case is right when ``find`` returns a match overlapping the phrase whose value is the expected
one; a not-a-date case (value ``""``) is right when no match overlaps the phrase.
"""

from __future__ import annotations

import datetime as dt

import pytest

from desk.dates import find

WED = "2025-06-11"  # a Wednesday in the middle of a year

# (sentence, reference, phrase, value)
CASES: list[tuple[str, str, str, str]] = [
    # a time of day or a possessive before a weekday
    ("The delegation landed in Hanoi early Saturday.", WED, "early Saturday", "2025-06-07"),
    ("Voting closes at 8 p.m. Sunday, officials said.", WED, "8 p.m. Sunday", "2025-06-15"),
    ("Tuesday's summit ended without a joint statement.", WED, "Tuesday", "2025-06-10"),
    ("Ministers will review progress at Thursday's meeting.", WED, "Thursday", "2025-06-12"),
    ("Sunday's election will be closely watched in Brussels.", WED, "Sunday", "2025-06-15"),
    ("Late Tuesday, the ministry issued a statement.", WED, "Late Tuesday", "2025-06-10"),
    ("The Kremlin said the call took place on Friday night.", WED, "on Friday night", "2025-06-06"),
    # plans and arrangements look forward
    ("Putin is to visit New Delhi on Friday.", WED, "on Friday", "2025-06-13"),
    ("Xi has invited Lee to visit Beijing on Saturday.", WED, "on Saturday", "2025-06-14"),
    ("The envoy is preparing to visit Kyiv on Monday.", WED, "on Monday", "2025-06-16"),
    ("Lavrov is travelling to Pyongyang on Monday for talks.", WED, "on Monday", "2025-06-16"),
    ("Kim, who visited Moscow on Monday, met Putin.", WED, "on Monday", "2025-06-09"),
    # holidays
    ("The envoy is due in Seoul on New Year's Eve.", WED, "on New Year's Eve", "2025-12-31"),
    (
        "Families gathered on Christmas Day, police said.",
        "2026-01-05",
        "on Christmas Day",
        "2025-12-25",
    ),
    ("Talks stalled over Easter, a diplomat said.", "2025-05-02", "Easter", "2025-04-20"),
    ("Peace talks collapsed on Easter Sunday.", "2025-05-02", "on Easter Sunday", "2025-04-20"),
    (
        "Lee will attend Thanksgiving Day celebrations in Washington.",
        "2025-11-01",
        "Thanksgiving Day",
        "2025-11-27",
    ),
    (
        "The ministers spoke by phone on New Year's Day.",
        "2025-01-10",
        "on New Year's Day",
        "2025-01-01",
    ),
    # weeks of a month, centuries, decades
    (
        "The ceasefire was agreed in the second week of March.",
        WED,
        "in the second week of March",
        "2025-03-08/2025-03-14",
    ),
    (
        "Troops will withdraw in the last week of July.",
        WED,
        "in the last week of July",
        "2025-07-25/2025-07-31",
    ),
    ("The fortress was built in the 18th century.", WED, "the 18th century", "1701/1800"),
    # "since" a period runs from it to the report's day, as "since 2019" does
    (
        "The summit was the first since the 19th century.",
        WED,
        "the 19th century",
        "1801/2025-06-11",
    ),
    ("The talks, first held in the 1990s, failed.", WED, "the 1990s", "199X"),
    # counted from the report's day, or from a day the text names
    ("A new round is expected in three weeks.", WED, "in three weeks", "2025-07-02~"),
    ("The group will convene again in six months.", WED, "in six months", "2025-12~"),
    ("Kim visited Moscow two days ago.", WED, "two days ago", "2025-06-09"),
    (
        "The ministers met on May 3. The next day, they flew to Tokyo.",
        WED,
        "The next day",
        "2025-05-04",
    ),
    (
        "The vote took place on Sunday, and results were announced the following day.",
        WED,
        "the following day",
        "2025-06-09",
    ),
    (
        "Lee arrived on Monday, June 9, and left the following week.",
        "2025-06-25",
        "the following week",
        "2025-06-16/2025-06-22",
    ),
    (
        "With the deadline three days ahead, envoys raced to finish.",
        WED,
        "three days ahead",
        "2025-06-14",
    ),
    (
        "Kim visited Vladivostok in 2019. In May of that year, he also met Xi.",
        WED,
        "In May of that year",
        "2019-05",
    ),
    (
        "Lavrov went to Pyongyang in April 2019 and again in September of the same year.",
        WED,
        "in September of the same year",
        "2019-09",
    ),
    # parts of months and years
    (
        "Prices rose in mid-October, traders said.",
        "2025-12-01",
        "in mid-October",
        "2025-10-11~/2025-10-20~",
    ),
    ("Fighting resumed late last month.", WED, "late last month", "2025-05-21~/2025-05-31"),
    ("Exports fell early this month.", WED, "early this month", "2025-06-01/2025-06-10~"),
    ("The protests began in late 2019.", WED, "in late 2019", "2019-09~/2019-12"),
    (
        "The treaty expires in the first half of next year.",
        WED,
        "in the first half of next year",
        "2026-01/2026-06",
    ),
    # "by the end of" a year is by its last month, as "by December" is
    ("The plan is due by the end of 2026.", WED, "by the end of 2026", "../2026-12"),
    # wire shorthand for the end of a month or year
    ("The talks are due to conclude by end-June.", WED, "by end-June", "../2025-06-30"),
    ("Growth is forecast to slow by end-2025.", WED, "by end-2025", "../2025-12"),
    ("Talks stalled at end-May, officials said.", WED, "at end-May", "2025-05-21~/2025-05-31"),
    # years inside a noun phrase
    ("The 2015 deal collapsed after Washington withdrew.", WED, "2015", "2015"),
    ("The 1994 framework is still in force.", WED, "1994", "1994"),
    # months and days, with the tense choosing the year
    ("He said the talks could resume in March.", WED, "in March", "2026-03"),
    ("Envoys met in May, when the thaw began.", WED, "in May", "2025-05"),
    ("The summit is set for June 21-22 in Astana.", WED, "June 21-22", "2025-06-21/2025-06-22"),
    ("Talks were held in Geneva on 12 June 2024.", WED, "on 12 June 2024", "2024-06-12"),
    ("The accord was signed on Jan. 15 last year.", WED, "on Jan. 15 last year", "2024-01-15"),
    ("Both leaders met on the sidelines of a summit on Sept. 1.", WED, "on Sept. 1", "2024-09-01"),
    ("The envoy will return on Aug. 3.", WED, "on Aug. 3", "2025-08-03"),
    ("A May 9 parade was held in Moscow.", WED, "May 9", "2025-05-09"),
    ("The minister, who turned 70 in March, resigned.", WED, "in March", "2025-03"),
    (
        "The drills ran from Monday to Wednesday.",
        WED,
        "from Monday to Wednesday",
        "2025-06-09/2025-06-11",
    ),
    # not dates
    ("Officials may travel to Beijing, a source said.", WED, "may travel", ""),
    ("Veterans will march through the capital.", WED, "march", ""),
    ("Critics say the plan may not survive a vote.", WED, "may not", ""),
    ("The Sunday Times reported the plan first.", WED, "Sunday", ""),
    ("Navy ships called at Christmas Island.", WED, "Christmas", ""),
    # how long since something last happened, and counts from an event, are not dates
    ("It was their first formal meeting in six years.", WED, "in six years", ""),
    ("Oil rose to its highest level in more than a decade.", WED, "in more than a decade", ""),
    ("The first round will be held in two weeks.", WED, "in two weeks", "2025-06-25~"),
    (
        "The vote is set for Dec. 3, two weeks after the summit.",
        WED,
        "two weeks after",
        "",
    ),
    ("Ministers met on May 3 and again a week after the talks.", WED, "a week after", ""),
]


def _read(sentence: str, reference: str, phrase: str) -> list[str]:
    start = sentence.index(phrase)
    end = start + len(phrase)
    day = dt.date.fromisoformat(reference)
    return [m.date.text for m in find(sentence, day) if m.start < end and start < m.end]


@pytest.mark.parametrize(("sentence", "reference", "phrase", "value"), CASES)
def test_development_date_case(sentence: str, reference: str, phrase: str, value: str) -> None:
    values = _read(sentence, reference, phrase)
    if value:
        assert value in values, f"{phrase!r}: expected {value!r}, read {values or 'nothing'}"
    else:
        assert not values, f"{phrase!r} is no date, read {values}"
