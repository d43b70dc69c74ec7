"""When a meeting happened, when its own clause gives no date (desk.ingest.meetings.when).

Each case is a sentence written for this test in wire style (not taken from any report).
"""

from __future__ import annotations

import datetime as dt

from desk.ingest import propose
from desk.ingest.proposals import MeetingProposal

DAY = dt.date(2025, 6, 11)  # a Wednesday


def _dates(text: str) -> dict[frozenset[str], str | None]:
    found = [p for p in propose(text, DAY).proposals if isinstance(p, MeetingProposal)]
    return {
        frozenset(p.actor.name for p in m.participants): m.date.text if m.date else None
        for m in found
    }


def test_a_day_after_the_dated_main_clause() -> None:
    text = (
        "Chilean Foreign Minister Hugo Salas said on Wednesday, a day after he spoke by phone "
        "with Peruvian President Rosa Fuentes, that the border would stay open."
    )
    assert _dates(text)[frozenset({"Hugo Salas", "Rosa Fuentes"})] == "2025-06-10"


def test_two_days_before_the_meeting_the_subject_names() -> None:
    text = (
        "Norwegian Prime Minister Erik Lund held talks with Danish Prime Minister Mette Holm "
        "in Oslo on Monday. The talks came two days after Lund met Swedish Foreign Minister "
        "Anna Berg in Stockholm."
    )
    dates = _dates(text)
    assert dates[frozenset({"Erik Lund", "Mette Holm"})] == "2025-06-09"
    assert dates[frozenset({"Erik Lund", "Anna Berg"})] == "2025-06-07"


def test_a_week_before_moves_the_enclosing_clause_date() -> None:
    text = (
        "Polish President Adam Nowak arrived in Prague on Tuesday, a week after he met "
        "Czech Prime Minister Petr Kral in Warsaw."
    )
    assert _dates(text)[frozenset({"Adam Nowak", "Petr Kral"})] == "2025-06-03"


def test_an_interval_with_the_meeting_clause_own_date_is_left_alone() -> None:
    text = (
        "Polish President Adam Nowak spoke on Tuesday, two days after he met Czech Prime "
        "Minister Petr Kral in Warsaw on June 2."
    )
    assert _dates(text)[frozenset({"Adam Nowak", "Petr Kral"})] == "2025-06-02"


def test_a_possessive_weekday_on_the_meeting_noun() -> None:
    text = (
        "Peruvian President Rosa Fuentes spoke by phone with Chilean President Diego Rojas. "
        "Fuentes said Monday's call with Rojas was friendly."
    )
    assert _dates(text)[frozenset({"Rosa Fuentes", "Diego Rojas"})] == "2025-06-09"


def test_an_attributive_date_on_the_meeting_noun() -> None:
    text = (
        "Officials said the June 2 summit between Kenyan President Daniel Otieno and "
        "Ugandan President Grace Okello produced no agreement."
    )
    assert _dates(text)[frozenset({"Daniel Otieno", "Grace Okello"})] == "2025-06-02"


def test_the_next_day_counts_from_the_meeting_of_the_same_party() -> None:
    text = (
        "Georgian Foreign Minister Levan Beridze will meet Armenian Foreign Minister Aram "
        "Sargsyan in Tbilisi on Friday, the ministry said on Wednesday.\n\n"
        "Beridze will travel to Baku the next day for talks "
        "with Azerbaijani Foreign Minister Elnur Aliyev."
    )
    dates = _dates(text)
    assert dates[frozenset({"Levan Beridze", "Aram Sargsyan"})] == "2025-06-13"
    assert dates[frozenset({"Levan Beridze", "Elnur Aliyev"})] == "2025-06-14"


def test_hours_after_a_dated_clause_is_that_day() -> None:
    text = (
        "Chilean President Rosa Fuentes met Peruvian President Luis Vega hours after she "
        "arrived in Lima on Monday."
    )
    assert _dates(text)[frozenset({"Rosa Fuentes", "Luis Vega"})] == "2025-06-09"


def test_two_days_after_a_dated_clause_counts_from_it() -> None:
    text = (
        "Kenyan President Daniel Otieno received Ugandan President Grace Okello in Nairobi "
        "two days after the border reopened on June 2."
    )
    assert _dates(text)[frozenset({"Daniel Otieno", "Grace Okello"})] == "2025-06-04"


def test_later_takes_the_day_of_the_meeting_before() -> None:
    text = (
        "On Monday, Chilean President Rosa Fuentes met Peruvian President Luis Vega in Lima. "
        "Later, she held talks with Bolivian President Carlos Mamani."
    )
    assert _dates(text)[frozenset({"Rosa Fuentes", "Carlos Mamani"})] == "2025-06-09"


def test_later_that_month_is_not_the_day_before() -> None:
    text = (
        "On Monday, Chilean President Rosa Fuentes met Peruvian President Luis Vega in Lima. "
        "She will meet Bolivian President Carlos Mamani later this month."
    )
    assert _dates(text)[frozenset({"Rosa Fuentes", "Carlos Mamani"})] != "2025-06-09"


def test_talks_told_after_a_dated_arrival_are_part_of_the_visit() -> None:
    text = (
        "Peruvian President Luis Vega arrived in Santiago on Monday for a state visit. "
        "He held talks with Chilean President Rosa Fuentes."
    )
    assert _dates(text)[frozenset({"Rosa Fuentes", "Luis Vega"})] == "2025-06-09"


def test_the_pair_with_a_date_of_its_own_is_another_meeting_of_the_pair() -> None:
    text = (
        "Chilean President Rosa Fuentes met Peruvian President Luis Vega in Santiago on Monday. "
        "The pair also spoke by phone on May 20."
    )
    found = [p for p in propose(text, DAY).proposals if isinstance(p, MeetingProposal)]
    assert sorted(m.date.text for m in found if m.date) == ["2025-05-20", "2025-06-09"]
    assert all(
        {p.actor.name for p in m.participants} == {"Rosa Fuentes", "Luis Vega"} for m in found
    )


def test_the_meeting_since_which_is_an_earlier_one_of_the_pair() -> None:
    text = (
        "Chilean President Rosa Fuentes met Peruvian President Luis Vega in Santiago on Monday, "
        "their first meeting since a summit in Lima in March."
    )
    found = [p for p in propose(text, DAY).proposals if isinstance(p, MeetingProposal)]
    assert sorted(m.date.text for m in found if m.date) == ["2025-03", "2025-06-09"]


def test_a_meeting_in_a_when_clause_is_at_the_time_of_the_main_clause() -> None:
    text = (
        "Russian Foreign Minister Ivan Orlov held talks with Chinese Foreign Minister Li Qiang "
        "in Moscow on Tuesday. Orlov visited Beijing in April, when he also met Li."
    )
    found = [p for p in propose(text, DAY).proposals if isinstance(p, MeetingProposal)]
    assert sorted(m.date.text for m in found if m.date) == ["2025-04", "2025-06-10"]
    assert all({p.actor.name for p in m.participants} == {"Ivan Orlov", "Li Qiang"} for m in found)


def test_a_clause_listing_occasions_names_one_meeting_per_date() -> None:
    text = (
        "Russian President Pavel Sokolov and North Korean leader Kim Jong Un have met three "
        "times: in Vladivostok in April 2019, at the Vostochny cosmodrome in September 2023, "
        "and in Pyongyang in June 2024."
    )
    found = [p for p in propose(text, DAY).proposals if isinstance(p, MeetingProposal)]
    assert sorted(m.date.text for m in found if m.date) == ["2019-04", "2023-09", "2024-06"]
