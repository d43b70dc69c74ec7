"""Common wire wording for meetings and names, each case a sentence written for this test (not
taken from any evaluation report): phone calls by verb, a meeting named inside a discussion,
the possessive before a counterpart, "will" as planned, names that look like months or end
with a hyphenated part."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.ingest import propose
from desk.ingest.proposals import MeetingProposal, NewActorProposal

DAY = dt.date(2025, 6, 11)  # a Wednesday


def _meetings(text: str) -> list[MeetingProposal]:
    return [p for p in propose(text, DAY).proposals if isinstance(p, MeetingProposal)]


def _one(text: str) -> MeetingProposal:
    found = _meetings(text)
    assert len(found) == 1, [m.label for m in found]
    return found[0]


def _roles(meeting: MeetingProposal) -> dict[str, str]:
    return {p.actor.name: p.role for p in meeting.participants}


def _people(text: str) -> set[str]:
    return {
        p.name
        for p in propose(text, DAY).proposals
        if isinstance(p, NewActorProposal) and p.actor_kind == "person"
    }


@pytest.mark.parametrize(
    "text",
    [
        "Latvian Prime Minister Ilze Berzina telephoned Estonian Prime Minister Kaarel Tamm "
        "on Monday to discuss energy links.",
        "Latvian Prime Minister Ilze Berzina phoned Estonian Prime Minister Kaarel Tamm on Monday.",
        "Latvian Prime Minister Ilze Berzina held a video call with Estonian Prime Minister "
        "Kaarel Tamm on Monday.",
    ],
)
def test_a_call_by_verb_or_by_video_is_a_phone_call(text: str) -> None:
    meeting = _one(text)
    assert meeting.meeting_kind == "phone_call" and meeting.status == "held"
    assert set(_roles(meeting)) == {"Ilze Berzina", "Kaarel Tamm"}


def test_telephoned_needs_someone_called() -> None:
    assert not _meetings("The embassy telephoned on Monday about the visas.")


def test_a_meeting_named_after_a_discussed_topic_is_still_a_meeting() -> None:
    meeting = _one(
        "The foreign ministers of Chile and Peru discussed fishing quotas in a phone call "
        "on Monday."
    )
    assert meeting.meeting_kind == "phone_call"
    assert set(_roles(meeting)) == {"Chile", "Peru"}


def test_his_counterpart_does_not_move_the_host_after_the_verb() -> None:
    meeting = _one(
        "Uruguayan President Tomas Vidal welcomed his Paraguayan counterpart Ana Benitez to "
        "Montevideo on Tuesday for talks on river transport."
    )
    assert _roles(meeting) == {"Tomas Vidal": "host", "Ana Benitez": "guest"}


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Slovak Prime Minister Juraj Hlinka will visit Vienna on Friday.", "planned"),
        ("Slovak Prime Minister Juraj Hlinka is due to visit Vienna on Friday.", "planned"),
        ("Slovak Prime Minister Juraj Hlinka will likely visit Vienna on Friday.", "expected"),
        ("Slovak Prime Minister Juraj Hlinka is expected to visit Vienna on Friday.", "expected"),
    ],
)
def test_will_is_planned_unless_only_expected(text: str, status: str) -> None:
    assert _one(text).status == status


def test_jan_before_a_surname_is_a_given_name() -> None:
    people = _people(
        "Czech President Jan Dvorak met Slovak President Marek Hlina in Prague on Monday."
    )
    assert {"Jan Dvorak", "Marek Hlina"} <= people


def test_a_month_stays_a_month() -> None:
    assert not any("Jan" in name for name in _people("Talks resumed on Jan 5 in Geneva."))


def test_a_hyphenated_name_speaks_and_acts_after_a_comma_or_that() -> None:
    assert "Pak Song-il" in _people("Asked about the plan, Pak Song-il said it was on track.")
    meeting = _one("There is speculation that Pak Song-il could visit Hanoi this year.")
    assert meeting.status == "speculated" and "Pak Song-il" in _roles(meeting)


def test_a_title_before_a_comma_names_its_holder_and_the_owner_stays_out() -> None:
    meeting = _one(
        "Karimov's foreign policy adviser, Dilnoza Saidova, met Swiss envoy Marc Keller "
        "in Geneva on Friday."
    )
    assert set(_roles(meeting)) == {"Dilnoza Saidova", "Marc Keller"}


def test_a_regional_adjective_is_no_person() -> None:
    people = _people(
        "Kazakh President Arman Seitov began a West African tour in Dakar on Monday, meeting "
        "Senegalese President Awa Ndiaye."
    )
    assert "West African" not in people and "Arman Seitov" in people


def test_a_meeting_still_to_come_is_dated_forward() -> None:
    # The first verb is past ("agreed"); the meeting agreed on is the October ahead.
    meeting = _one(
        "Chilean President Rosa Fuentes and Peruvian President Hugo Salas agreed on Monday "
        "to meet again in Lima in October."
    )
    assert meeting.status == "planned"
    assert meeting.date is not None and meeting.date.text == "2025-10"


def test_a_separate_meeting_is_not_absorbed_by_the_summit_before() -> None:
    found = _meetings(
        "Greek Prime Minister Yannis Petrou hosted Cypriot President Eleni Kosta and Maltese "
        "Prime Minister Paul Borg in Athens on Monday for a summit on migration. "
        "Petrou later held a separate meeting with Kosta."
    )
    parties = [set(_roles(m)) for m in found]
    assert {"Yannis Petrou", "Eleni Kosta"} in parties
    assert {"Yannis Petrou", "Eleni Kosta", "Paul Borg"} in parties


def test_a_newcomer_with_another_status_is_another_meeting() -> None:
    found = _meetings(
        "Officials said Greek Prime Minister Yannis Petrou might attend the Balkan summit in "
        "Sofia in September. Turkish President Kemal Aydin said he had no plans to meet Petrou."
    )
    by_status = {m.status: set(_roles(m)) for m in found}
    assert by_status.get("speculated") == {"Yannis Petrou"}
    assert by_status.get("denied") == {"Kemal Aydin", "Yannis Petrou"}


def test_the_adjective_and_leader_refer_to_the_person_of_that_state() -> None:
    found = _meetings(
        "Thai Prime Minister Anan Chai met visiting Lao President Somphone Vong in Bangkok on "
        "Monday. Thai Foreign Minister Suda Rat will meet the Lao leader on Tuesday."
    )
    assert {"Suda Rat", "Somphone Vong"} in [set(_roles(m)) for m in found]


@pytest.mark.parametrize(
    ("text", "states"),
    [
        (
            "Consultations between the Thai and Malaysian foreign ministries took place in "
            "Kuala Lumpur on Monday.",
            {"Thailand", "Malaysia"},
        ),
        ("The Kenyan and Ugandan presidents met in Kampala on Monday.", {"Kenya", "Uganda"}),
        (
            "Negotiations between Thai and Malaysian trade officials resumed in Bangkok on Monday.",
            {"Thailand", "Malaysia"},
        ),
    ],
)
def test_states_meet_through_their_plural_people_and_bodies(text: str, states: set[str]) -> None:
    assert set(_roles(_one(text))) == states


def test_negotiations_need_their_parties_or_a_verb_of_holding() -> None:
    assert not _meetings(
        "Chilean President Rosa Fuentes said on Monday she wanted to speed up negotiations on "
        "a fisheries pact."
    )


def test_a_middle_initial_stays_inside_the_name() -> None:
    assert "Thomas R. Hale" in _people(
        "U.S. Deputy Secretary of State Thomas R. Hale met Chilean officials on Monday."
    )


def test_an_untitled_subject_before_a_meeting_verb_is_a_person() -> None:
    meeting = _one("Park Min-seo sat down with Tanaka Hiroshi in Osaka on Monday.")
    assert set(_roles(meeting)) == {"Park Min-seo", "Tanaka Hiroshi"}


def test_everyone_named_before_a_travel_verb_travels() -> None:
    meeting = _one(
        "Chilean officials including Rosa Fuentes, Hugo Salas and Pedro Vidal travelled to "
        "Lima on Monday."
    )
    roles = _roles(meeting)
    assert {roles[name] for name in ("Rosa Fuentes", "Hugo Salas", "Pedro Vidal")} == {"guest"}


def test_a_participle_hosted_by_is_passive() -> None:
    meeting = _one(
        "Chilean Foreign Minister Rosa Fuentes will attend a meeting in Lima on Friday hosted "
        "by Peru and Ecuador."
    )
    assert _roles(meeting) == {"Rosa Fuentes": "guest", "Peru": "host", "Ecuador": "host"}


def test_return_to_a_place_is_a_visit() -> None:
    meeting = _one("Chilean envoy Rosa Fuentes could return to Lima in July, diplomats said.")
    assert meeting.meeting_kind == "visit" and meeting.status == "speculated"


def test_called_on_someone_is_a_meeting_and_called_on_to_is_not() -> None:
    meeting = _one(
        "Chilean Foreign Minister Rosa Fuentes called on Peruvian President Hugo Salas at the "
        "palace in Lima on Monday."
    )
    assert set(_roles(meeting)) == {"Rosa Fuentes", "Hugo Salas"}
    assert not _meetings(
        "Chilean Foreign Minister Rosa Fuentes called on Peruvian President Hugo Salas to "
        "release the fishermen."
    )


def test_a_title_of_a_body_of_a_state_ends_before_the_name() -> None:
    people = _people(
        "Doval held talks with Secretary of the National Security Council of the Republic of "
        "Chile Rosa Fuentes on Monday."
    )
    assert "Rosa Fuentes" in people


def test_a_sentence_opening_with_he_means_the_last_sentence_s_subject() -> None:
    found = _meetings(
        "Chilean Foreign Minister Rosa Fuentes was in Lima last week and met Peruvian President "
        "Hugo Salas on June 3. She also held talks with Peruvian Defence Minister Pedro Vidal "
        "the same day."
    )
    assert {"Rosa Fuentes", "Pedro Vidal"} in [set(_roles(m)) for m in found]


def test_the_day_inside_a_week_dates_the_meeting() -> None:
    meeting = _one(
        "Chilean Foreign Minister Rosa Fuentes was in Lima last week and met Peruvian President "
        "Hugo Salas on June 5."
    )
    assert meeting.date is not None and meeting.date.text == "2025-06-05"


def test_to_a_state_after_a_word_of_topic_is_neither_place_nor_party() -> None:
    meeting = _one(
        "Chilean President Rosa Fuentes briefed Hugo Salas on developments relating to Peru "
        "ahead of her meeting with Pedro Vidal on Friday."
    )
    assert "Peru" not in _roles(meeting) and meeting.place is None


def test_a_delegation_brings_everyone_it_names_to_the_meeting_before() -> None:
    found = _meetings(
        "Chilean and Peruvian officials will meet in Quito on Friday, the foreign ministry said. "
        "The Chilean delegation will be led by Foreign Minister Rosa Fuentes and will include "
        "Defence Minister Pedro Vidal. The Peruvian side will be headed by Prime Minister Hugo "
        "Salas and trade envoy Ana Costa, officials said."
    )
    quito = next(m for m in found if m.place and "Quito" in m.place)
    assert {"Rosa Fuentes", "Pedro Vidal", "Hugo Salas", "Ana Costa"} <= set(_roles(quito))


def test_a_visit_of_several_days_spans_them() -> None:
    meeting = _one("Chilean President Rosa Fuentes begins a three-day visit to Peru on June 16.")
    assert meeting.date is not None and meeting.date.text == "2025-06-16/2025-06-18"


def test_two_people_who_spoke_had_a_conversation_and_one_alone_did_not() -> None:
    meeting = _one(
        "Chilean President Rosa Fuentes and Peruvian President Hugo Salas spoke on Friday, "
        "officials said."
    )
    assert set(_roles(meeting)) == {"Rosa Fuentes", "Hugo Salas"}
    assert not _meetings("Chilean President Rosa Fuentes spoke on Friday at a forum in Lima.")


def test_the_clause_after_a_relative_clause_keeps_its_subject() -> None:
    found = _meetings(
        "Chilean envoy Rosa Fuentes, who held talks with Peruvian President Hugo Salas in Lima "
        "last month, could return to Peru in July, diplomats said."
    )
    speculated = [m for m in found if m.status == "speculated"]
    assert len(speculated) == 1 and set(_roles(speculated[0])) == {"Rosa Fuentes"}


def test_a_meeting_noun_takes_its_predicate_after_a_relative_clause() -> None:
    meeting = _one(
        "A visit to Lima by Chilean Foreign Minister Rosa Fuentes, which had been scheduled for "
        "Thursday, was cancelled, officials said."
    )
    assert meeting.status == "cancelled"
    assert meeting.date is not None and meeting.date.text == "2025-06-12"


def test_the_people_of_two_states_that_met_are_that_meeting() -> None:
    found = _meetings(
        "Chile and Peru on Friday signed a border agreement in Quito. Chilean Foreign Minister "
        "Rosa Fuentes and her Peruvian counterpart Hugo Salas signed the text in the presence "
        "of Ecuadorian President Pedro Vidal."
    )
    assert len(found) == 1
    assert {"Chile", "Peru", "Rosa Fuentes", "Hugo Salas"} <= set(_roles(found[0]))


def test_a_passive_keeps_its_agent_as_host_with_an_adverb_between() -> None:
    meeting = _one(
        "Chilean Foreign Minister Rosa Fuentes was later received by Peruvian President Hugo "
        "Salas in Lima on Friday."
    )
    assert _roles(meeting) == {"Hugo Salas": "host", "Rosa Fuentes": "guest"}


def test_consultations_on_a_regular_basis_are_no_meeting() -> None:
    assert not _meetings(
        "Chilean and Peruvian security officials hold consultations on a regular basis in Lima."
    )


def test_the_official_of_a_state_is_its_titled_person_named_before() -> None:
    found = _meetings(
        "Secretary of Peru's Defence Council Hugo Salas arrived in Santiago on Monday. "
        "President Rosa Fuentes will receive the Peruvian official on Friday."
    )
    assert {"Rosa Fuentes", "Hugo Salas"} in [set(_roles(m)) for m in found]


def test_plural_titles_refer_to_the_people_with_that_title() -> None:
    found = _meetings(
        "Chilean Secretary of Defence Rosa Fuentes received Peruvian Secretary of Defence Hugo "
        "Salas in Santiago on Monday. Salas later met President Pedro Vidal. The secretaries "
        "are scheduled to meet again in Lima in August."
    )
    again = [m for m in found if m.status == "planned"]
    assert len(again) == 1 and set(_roles(again[0])) == {"Rosa Fuentes", "Hugo Salas"}


def test_discussions_held_with_someone_are_talks() -> None:
    meeting = _one(
        "Chilean Foreign Minister Rosa Fuentes held discussions with Peruvian President Hugo "
        "Salas in Lima on Monday."
    )
    assert set(_roles(meeting)) == {"Rosa Fuentes", "Hugo Salas"}
    assert not _meetings(
        "Chilean Foreign Minister Rosa Fuentes said discussions on the treaty were useful."
    )
