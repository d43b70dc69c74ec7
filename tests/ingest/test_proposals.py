"""What desk proposes from a text: every kind of proposal, read offline from the text alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desk.dates import PartialDate
from desk.ingest import Known, KnownActor, KnownItem, KnownMeeting, propose
from desk.ingest.proposals import (
    AgendaProposal,
    DateProposal,
    KnownActorProposal,
    MeetingProposal,
    NewActorProposal,
    ProposalSet,
    RelatedAgendaProposal,
    RelatedMeetingProposal,
)

SAMPLE = Path(__file__).parents[2] / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"
REFERENCE = dt.date(2025, 3, 21)


@pytest.fixture(scope="module")
def sample() -> ProposalSet:
    return propose(SAMPLE.read_text(encoding="utf-8"), REFERENCE)


def _new(found: ProposalSet) -> dict[str, NewActorProposal]:
    return {p.name: p for p in found.proposals if isinstance(p, NewActorProposal)}


def _meetings(found: ProposalSet) -> list[MeetingProposal]:
    return [p for p in found.proposals if isinstance(p, MeetingProposal)]


def _meeting_with(found: ProposalSet, *names: str) -> MeetingProposal:
    wanted = set(names)
    matches = [m for m in _meetings(found) if wanted <= {p.actor.name for p in m.participants}]
    assert len(matches) == 1, [m.label for m in matches]
    return matches[0]


# -- actors on the desk ------------------------------------------------------------------------
KNOWN = Known(
    actors=[
        KnownActor(1, "Kim Jong-un", "person", "Leader of North Korea", "North Korea"),
        KnownActor(2, "Sergei Shoigu", "person", aliases=("Сергей Шойгу",)),
        KnownActor(3, "Russia", "state", aliases=("Russian Federation",)),
        KnownActor(4, "Security Council of Russia", "organization"),
        KnownActor(5, "United States", "state", aliases=("U.S.",)),
        KnownActor(6, "Kim Yo-jong", "person"),
    ]
)


def _known(found: ProposalSet) -> dict[int, KnownActorProposal]:
    return {
        p.actor.actor_id: p  # type: ignore[misc]
        for p in found.proposals
        if isinstance(p, KnownActorProposal)
    }


def test_known_actors_by_spelling_variants_possessives_and_word_order() -> None:
    text = (
        "Kim Jong Un met Sergey Shoygu in Pyongyang on Friday. "
        "Russia's Security Council said the US side and the Russian Federation were informed. "
        "Shoigu's trip followed talks in Washington, and Kim said the U.S. had been told."
    )
    found = propose(text, REFERENCE, KNOWN)
    known = _known(found)
    assert set(known) == {1, 2, 3, 4, 5}
    assert known[1].new_alias == "Kim Jong Un"  # a spelling the desk does not have yet
    assert known[2].new_alias == "Sergey Shoygu"
    spans = [text[start:end] for start, end in known[2].spans]
    assert spans == ["Sergey Shoygu", "Shoigu"]  # the surname alone, after the full name
    assert [text[s:e] for s, e in known[5].spans] == ["US", "U.S."]
    assert known[4].passage.text.startswith("Russia's Security Council said")
    assert not _new(found), "everything named is on the desk already"


def test_a_surname_before_the_full_name_or_shared_by_two_is_not_a_mention() -> None:
    text = (
        "Kim arrived first. Later Kim Jong-un and Kim Yo-jong met Sergei Shoigu. "
        "Kim then left; Shoigu stayed."
    )
    known = _known(propose(text, REFERENCE, KNOWN))
    assert [text[s:e] for s, e in known[1].spans] == ["Kim Jong-un"]
    assert [text[s:e] for s, e in known[2].spans] == ["Sergei Shoigu", "Shoigu"]


def test_names_inside_longer_names_are_not_mentions() -> None:
    text = "Chinese coast guard vessels patrol the South China Sea near the Korea Strait."
    found = propose(text, REFERENCE, Known(actors=[KnownActor(9, "China", "state")]))
    assert not _known(found), "'China' in 'South China Sea' is a sea"


# -- new actors --------------------------------------------------------------------------------
def test_the_samples_actors_are_proposed_with_titles_and_countries(sample: ProposalSet) -> None:
    new = _new(sample)
    assert new["Andrey Rudenko"].title == "Deputy Foreign Minister of Russia"
    assert new["Andrey Rudenko"].country == "Russia"
    assert new["Kim Jong-un"].title == "Leader of North Korea"
    assert new["Sergei Shoigu"].title == "Secretary of Russia's Security Council"
    assert new["Hyun Seong-soo"].title == (
        "Vice President of the Korea Institute for National Unification"
    )
    assert new["Choe Son-hui"].passage.text.startswith("Russia's Deputy Foreign Minister")
    assert new["Security Council of Russia"].aliases == ("Russia's Security Council",)
    assert new["Defence Ministry of Indonesia"].actor_kind == "organization"
    assert new["Forces of North Korea"].aliases == ("North Korean forces",)
    assert new["TASS"].actor_kind == "organization" and "Tass" in new["TASS"].aliases
    for state in ("Russia", "North Korea", "Ukraine", "United States", "Soviet Union"):
        assert new[state].actor_kind == "state"
    assert not {"Pyongyang", "Moscow", "Jakarta", "Kursk", "Victory Day", "East Sea"} & set(new)
    assert len(new) == 23


def test_titles_speakers_and_state_bodies() -> None:
    text = (
        "NEW DELHI, 19 December (Reuters) - India's National Security Adviser Ajit Doval said "
        "Indian forces were on alert. Maria Kowalska, a senior researcher at the Warsaw "
        "Institute of Foreign Affairs, said so too. Tomas Berg said nothing. India's foreign "
        "ministry and the Turkish Foreign Minister Hakan Fidan agreed."
    )
    new = _new(propose(text, dt.date(2024, 12, 19)))
    assert new["Ajit Doval"].title == "National Security Adviser of India"
    assert new["Maria Kowalska"].title.startswith("Senior Researcher at the Warsaw Institute")
    assert new["Tomas Berg"].title is None  # a speaker, with no title given
    assert new["Foreign Ministry of India"].aliases == ("India's foreign ministry",)
    assert new["Forces of India"].aliases == ("Indian forces",)
    assert "Turkey" in new, "named only through its minister, the state is an actor too"
    assert new["Reuters"].actor_kind == "organization"
    assert "New Delhi" not in new


# -- meetings ----------------------------------------------------------------------------------
def test_the_samples_meetings_with_dates_places_and_roles(sample: ProposalSet) -> None:
    rudenko = _meeting_with(sample, "Andrey Rudenko", "Choe Son-hui")
    assert (rudenko.status, rudenko.date.text if rudenko.date else None) == ("held", "2025-03-15")
    assert rudenko.date is not None and rudenko.date.phrase == "on Saturday"
    assert rudenko.passage.attributed_name == "TASS"

    jakarta = _meeting_with(sample, "Sergei Shoigu", "Sjafrie Sjamsoeddin")
    assert jakarta.place == "Jakarta, Indonesia" and jakarta.date is not None
    roles = {p.actor.name: p.role for p in jakarta.participants}
    assert roles == {"Sergei Shoigu": "guest", "Sjafrie Sjamsoeddin": "host"}

    exercise = _meeting_with(sample, "South Korea", "United States")
    assert exercise.date is not None and exercise.date.text == "../2025-03-20"  # wrapped up
    assert exercise.meeting_kind == "exercise"

    visits = [
        m
        for m in _meetings(sample)
        if {"Sergei Shoigu", "Kim Jong-un"} <= {p.actor.name for p in m.participants}
    ]
    dates = sorted(m.date.text for m in visits if m.date)
    assert dates == ["2023-07", "2024-09-13", "2025-03-21"]  # three visits, one each
    september = next(m for m in visits if m.date and m.date.text == "2024-09-13")
    assert len(september.passages) >= 3, "'September last year', the photo and 'last year'"


def test_statuses_from_the_wording(sample: ProposalSet) -> None:
    moscow = next(m for m in _meetings(sample) if m.place == "Moscow, Russia")
    assert moscow.status == "speculated" and moscow.date is not None
    assert moscow.date.text == "2025-05"
    assert {p.actor.name for p in moscow.participants} == {"Kim Jong-un", "Vladimir Putin"}
    assert moscow.passage.credibility == 3
    text = (
        "Prime Minister Mark Carney will visit Tokyo next month. "
        "President Emmanuel Macron held talks with President Javier Milei in Paris on Monday. "
        "Chancellor Friedrich Merz is scheduled to meet Prime Minister Keir Starmer in London "
        "next week. Officials denied that Merz would meet Prime Minister Giorgia Meloni in Rome "
        "in June."
    )
    found = propose(text, dt.date(2025, 6, 4))
    statuses = {m.title: m.status for m in _meetings(found)}
    assert statuses == {
        "Carney visit to Tokyo": "planned",  # "will": planned
        "Macron–Milei talks in Paris": "held",
        "Merz–Starmer talks in London": "planned",
        "Merz–Meloni talks in Rome": "denied",
    }


def test_separate_talks_are_two_meetings(sample: ProposalSet) -> None:
    with_us = [
        {p.actor.name for p in m.participants}
        for m in _meetings(sample)
        if "United States" in {p.actor.name for p in m.participants} and m.meeting_kind == "talks"
    ]
    assert {"Russia", "United States"} in with_us and {"Ukraine", "United States"} in with_us


def test_a_topic_is_not_a_meeting() -> None:
    text = (
        "President Lee Jae-myung may discuss a possible visit to Beijing with Foreign Minister "
        "Cho Hyun on Tuesday."
    )
    found = propose(text, dt.date(2025, 9, 1))
    assert all(m.place != "Beijing, China" for m in _meetings(found))
    (agenda,) = [p for p in found.proposals if isinstance(p, AgendaProposal)]
    assert agenda.title == "Visit to Beijing" and agenda.status == "speculated"


def test_meeting_keys_are_stable_and_distinct(sample: ProposalSet) -> None:
    again = propose(SAMPLE.read_text(encoding="utf-8"), REFERENCE, KNOWN)
    first = {m.key for m in _meetings(sample)}
    assert len(first) == len(_meetings(sample))
    assert first == {m.key for m in _meetings(again)}, "the desk knowing actors changes no key"


# -- dates and agenda --------------------------------------------------------------------------
def test_every_date_is_proposed_resolved_against_the_publication_day(
    sample: ProposalSet,
) -> None:
    dates = {p.phrase: p for p in sample.proposals if isinstance(p, DateProposal)}
    assert len(dates) == 17
    assert dates["last June"].date == PartialDate.from_canonical("2024-06")
    assert dates["Feb. 25"].date == PartialDate.from_canonical("2025-02-25")
    assert dates["on Saturday"].meeting_title == "Rudenko–Choe talks"
    thursday = dates["Thursday"]
    assert thursday.meeting_date is not None and thursday.meeting_date.text == "../2025-03-20"
    assert dates["1945"].meeting_key is None


def test_agenda_items_with_their_meeting_and_how_sure(sample: ProposalSet) -> None:
    agenda = {p.title: p for p in sample.proposals if isinstance(p, AgendaProposal)}
    contact = agenda["Top-level contact between the two countries"]
    assert contact.status == "reported" and contact.meeting_title == "Rudenko–Choe talks"
    ceasefire = agenda["Efforts for a ceasefire in Russia's war against Ukraine"]
    assert ceasefire.status == "speculated"
    assert ceasefire.meeting_title == "Shoigu visit to Pyongyang"
    exercises = agenda["Joint North Korea-Russia military exercises in the East Sea"]
    assert exercises.passage.attributed_name == "Hyun Seong-soo"


# -- what the desk already holds ---------------------------------------------------------------
def test_meetings_and_agenda_items_on_the_desk_it_seems_to_be_about() -> None:
    actors = [
        KnownActor(1, "Andrey Rudenko", "person"),
        KnownActor(2, "Choe Son-hui", "person"),
        KnownActor(3, "Sergei Shoigu", "person"),
        KnownActor(4, "Kim Jong-un", "person"),
    ]
    meetings = [
        KnownMeeting(
            10, "Rudenko–Choe talks", "held", PartialDate.from_canonical("2025-03"), None, (1, 2)
        ),
        KnownMeeting(
            11,
            "Shoigu in Pyongyang",
            "held",
            PartialDate.from_canonical("2024-09-13"),
            "Pyongyang",
            (3, 4),
        ),
        KnownMeeting(12, "Unrelated", "held", PartialDate.from_canonical("2020"), None, (3,)),
    ]
    items = [KnownItem(20, "Joint military exercises in the East Sea"), KnownItem(21, "Trade")]
    known = Known(actors, items, lambda ids: [m for m in meetings if set(m.actor_ids) & set(ids)])
    found = propose(SAMPLE.read_text(encoding="utf-8"), REFERENCE, known)
    rudenko = _meeting_with(found, "Andrey Rudenko", "Choe Son-hui")
    assert rudenko.existing == (10, "Rudenko–Choe talks")
    september = next(m for m in _meetings(found) if m.date and m.date.text == "2024-09-13")
    assert september.existing == (11, "Shoigu in Pyongyang")
    related = [p for p in found.proposals if isinstance(p, RelatedMeetingProposal)]
    assert [p.meeting_id for p in related] == [], "both are proposed as the meetings themselves"
    items_found = [p for p in found.proposals if isinstance(p, AgendaProposal) and p.existing]
    assert [p.existing for p in items_found] == [(20, "Joint military exercises in the East Sea")]
    assert not [p for p in found.proposals if isinstance(p, RelatedAgendaProposal)]


def test_a_desk_meeting_named_by_two_of_its_actors_is_related() -> None:
    actors = [KnownActor(1, "Sergei Shoigu", "person"), KnownActor(2, "Kim Jong-un", "person")]
    meeting = KnownMeeting(7, "Shoigu–Kim dinner", "held", None, None, (1, 2))
    items = [KnownItem(8, "Nuclear-powered submarine program", "")]
    known = Known(actors, items, lambda ids: [meeting])
    text = (
        "Sergei Shoigu and Kim Jong-un spoke about the nuclear-powered submarine program, "
        "state media said."
    )
    found = propose(text, REFERENCE, known)
    (related,) = [p for p in found.proposals if isinstance(p, RelatedMeetingProposal)]
    assert related.meeting_id == 7 and related.reasons == ("names Kim Jong-un and Sergei Shoigu",)
    (item,) = [p for p in found.proposals if isinstance(p, RelatedAgendaProposal)]
    assert item.item_id == 8 and item.passage.attributed_text == "state media"


def test_an_empty_text_proposes_nothing() -> None:
    assert propose("", REFERENCE).proposals == []
    assert propose("No names here, nothing happened.", None).proposals == []
