"""Who met whom, in what role, and how sure: read from the meeting clause.

Each case is a sentence written for this test in wire style (not taken from any report).
"""

from __future__ import annotations

import datetime as dt

import pytest

from desk.ingest import propose
from desk.ingest.proposals import MeetingProposal

DAY = dt.date(2025, 6, 11)  # a Wednesday


def _meetings(text: str) -> list[MeetingProposal]:
    return [p for p in propose(text, DAY).proposals if isinstance(p, MeetingProposal)]


def _one(text: str) -> MeetingProposal:
    found = _meetings(text)
    assert len(found) == 1, [m.label for m in found]
    return found[0]


def _roles(meeting: MeetingProposal) -> dict[str, str]:
    return {p.actor.name: p.role for p in meeting.participants}


# -- participants from the clause ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "roles"),
    [
        (
            "Chilean President Rosa Fuentes received Peruvian Foreign Minister Hugo Salas "
            "in Santiago on Monday.",
            {"Rosa Fuentes": "host", "Hugo Salas": "guest"},
        ),
        (
            "Peruvian Foreign Minister Hugo Salas was received by Chilean President Rosa Fuentes "
            "in Santiago on Monday.",
            {"Rosa Fuentes": "host", "Hugo Salas": "guest"},
        ),
        (
            "Norwegian Prime Minister Erik Lund hosted Danish Prime Minister Mette Holm "
            "in Oslo on Tuesday.",
            {"Erik Lund": "host", "Mette Holm": "guest"},
        ),
        (
            "Polish Foreign Minister Adam Nowak sat down with Czech Foreign Minister Petr Kral "
            "on Tuesday.",
            {"Adam Nowak": "participant", "Petr Kral": "participant"},
        ),
    ],
)
def test_participants_and_roles_from_the_verb(text: str, roles: dict[str, str]) -> None:
    assert _roles(_one(text)) == roles


def test_a_phone_call_is_one_meeting_with_both_speakers() -> None:
    meeting = _one(
        "Spanish Prime Minister Luis Ortega spoke by phone with Italian Prime Minister "
        "Marco Ricci on Monday."
    )
    assert meeting.meeting_kind == "phone_call" and meeting.status == "held"
    assert set(_roles(meeting)) == {"Luis Ortega", "Marco Ricci"}


def test_received_needs_someone_received() -> None:
    assert not _meetings("Ukraine received new air defence systems on Monday.")


def test_a_sender_is_not_a_participant() -> None:
    meeting = _one(
        "Acting on behalf of President Rosa Fuentes, Hugo Salas met Pedro Vidal in Lima on Monday."
    )
    assert "Rosa Fuentes" not in _roles(meeting)
    assert {"Hugo Salas", "Pedro Vidal"} <= set(_roles(meeting))


def test_the_latter_and_the_former_are_the_people_named_before() -> None:
    text = (
        "Austrian Chancellor Karl Bauer met Swiss President Anna Keller in Vienna on Monday. "
        "The latter will travel to Rome on Friday."
    )
    visits = [m for m in _meetings(text) if "Rome" in (m.place or "")]
    assert len(visits) == 1 and set(_roles(visits[0])) == {"Anna Keller"}
    text = text.replace("The latter", "The former")
    visits = [m for m in _meetings(text) if "Rome" in (m.place or "")]
    assert len(visits) == 1 and set(_roles(visits[0])) == {"Karl Bauer"}


def test_a_habitual_statement_is_not_a_meeting() -> None:
    assert not _meetings(
        "Every time our diplomats visit Hanoi, they meet Vietnamese officials, the envoy said."
    )
    assert not _meetings("Whenever the two ministers meet, they discuss trade.")


def test_the_same_meeting_named_twice_is_one_with_both_sentences() -> None:
    meeting = _one(
        "Austrian Chancellor Karl Bauer met Swiss President Anna Keller in Vienna on Monday. "
        "Bauer and Keller held talks for two hours."
    )
    assert len(meeting.passages) == 2


# -- status and tense ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Talks between Greek Foreign Minister Nikos Pappas and Cypriot Foreign Minister "
            "Elena Georgiou are set to begin in Athens on Sunday.",
            "planned",
        ),
        (
            "Indonesian Foreign Minister Budi Santoso is expected to meet Thai Foreign Minister "
            "Somchai Wong in Jakarta on July 23.",
            "expected",
        ),
        (
            "Indonesian Foreign Minister Budi Santoso might also hold a courtesy meeting with "
            "Thai Foreign Minister Somchai Wong, officials said.",
            "speculated",
        ),
        (
            "A spokesman denied that Budi Santoso had met Somchai Wong in Bangkok on Monday.",
            "denied",
        ),
        (
            "The visit by Budi Santoso to Bangkok was postponed, officials said on Monday.",
            "cancelled",
        ),
        (
            "The visit of Indonesian envoy Budi Santoso to Bangkok is scheduled for next week.",
            "planned",
        ),
    ],
)
def test_status_from_modality_and_tense(text: str, status: str) -> None:
    assert _one(text).status == status


def test_the_tense_of_a_reported_clause_is_its_own() -> None:
    meeting = _one(
        "Spokeswoman Ana Ruiz said on Wednesday that Foreign Minister Carlos Mena will meet "
        "Foreign Minister Jorge Pinto in Quito next week."
    )
    assert meeting.status == "planned"  # "will": planned (benchmarks/proposals/README.md)
    assert meeting.date is not None and meeting.date.earliest > DAY
    assert "Ana Ruiz" not in _roles(meeting)


def test_a_planned_meeting_keeps_its_date() -> None:
    meeting = _one(
        "Indonesian Foreign Minister Budi Santoso is expected to meet Thai Foreign Minister "
        "Somchai Wong in Jakarta on July 23."
    )
    assert meeting.date is not None and meeting.date.text == "2025-07-23"


def test_a_denial_that_refers_back_denies_the_meeting_before() -> None:
    meeting = _one(
        "Argentine President Lucia Paz said she would be ready to meet Uruguayan President "
        "Diego Soto. Montevideo has rejected the idea."
    )
    assert meeting.status == "denied" and len(meeting.passages) == 2


def test_a_denied_meeting_does_not_join_a_held_one() -> None:
    found = _meetings(
        "Argentine President Lucia Paz met Diego Soto in Buenos Aires on Monday. Paz said she "
        "would be ready to meet Soto again. Montevideo has rejected the idea."
    )
    assert sorted(m.status for m in found) == ["denied", "held"]


def test_the_speaker_is_the_person_a_relative_clause_is_about() -> None:
    meeting = _one(
        "Chilean President Rosa Fuentes, who had flown to Lima on Monday for talks with "
        "Peruvian President Pedro Vidal, said the visit went well."
    )
    assert set(_roles(meeting)) == {"Rosa Fuentes", "Pedro Vidal"}
    assert meeting.passage.attributed_name == "Rosa Fuentes"


def test_the_minister_is_the_minister_named_before() -> None:
    found = _meetings(
        "Greek Foreign Minister Nikos Pappas arrived in Nicosia on Sunday. The minister met "
        "Cypriot President Elena Georgiou on Monday."
    )
    talks = [m for m in found if m.date is not None and m.date.text == "2025-06-09"]
    assert len(talks) == 1 and set(_roles(talks[0])) == {"Nikos Pappas", "Elena Georgiou"}
    assert "minister" not in talks[0].title


def test_his_counterpart_is_the_person_from_that_state_named_before() -> None:
    found = _meetings(
        "Pakistani Foreign Minister Imran Qadir arrived in Dhaka on Sunday. Bangladeshi Foreign "
        "Minister Rahim Uddin met his Pakistani counterpart on Monday."
    )
    talks = [m for m in found if m.date is not None and m.date.text == "2025-06-09"]
    assert len(talks) == 1 and set(_roles(talks[0])) == {"Imran Qadir", "Rahim Uddin"}


def test_the_two_leaders_after_between() -> None:
    found = _meetings(
        "Ghanaian President Kofi Mensah met Togolese President Yao Agbeko in Accra on Monday. "
        "A summit between the two leaders is expected to take place on July 23."
    )
    summit = next(m for m in found if m.meeting_kind == "summit")
    assert summit.status == "expected" and summit.date is not None
    assert summit.date.text == "2025-07-23"
    assert set(_roles(summit)) == {"Kofi Mensah", "Yao Agbeko"}


def test_a_leaders_envoy_stands_for_the_leader() -> None:
    meeting = _one(
        "Chilean President Rosa Fuentes's envoy Hugo Salas met Peruvian envoy Pedro Vidal "
        "in Lima on Tuesday."
    )
    assert "Rosa Fuentes" not in _roles(meeting)


def test_a_state_named_as_the_place_is_not_a_participant() -> None:
    meeting = _one(
        "Ghanaian President Kofi Mensah met Togolese President Yao Agbeko in Nigeria on Monday."
    )
    assert set(_roles(meeting)) == {"Kofi Mensah", "Yao Agbeko"}
    assert meeting.place == "Nigeria"


@pytest.mark.parametrize(
    ("text", "short"),
    [
        (
            "President Abdel Karim el-Masri met President Kofi Mensah in Accra on Monday.",
            "el-Masri",
        ),
        (
            "Prime Minister Pieter De Vries met President Kofi Mensah in Accra on Monday.",
            "De Vries",
        ),
    ],
)
def test_a_title_calls_a_person_by_the_surname_with_its_particle(text: str, short: str) -> None:
    assert _one(text).title.startswith(short)


def test_he_in_a_where_clause_is_the_subject_of_the_clause_before() -> None:
    found = _meetings(
        "Bauer's visit comes a week after Swiss President Anna Keller travelled to Geneva, where "
        "she held talks with French President Paul Martin on June 3."
    )
    talks = [m for m in found if m.date is not None and m.date.text == "2025-06-03"]
    assert len(talks) == 1 and set(_roles(talks[0])) == {"Anna Keller", "Paul Martin"}


def test_someone_new_with_one_of_a_pair_is_another_meeting() -> None:
    found = _meetings(
        "Norwegian Prime Minister Erik Lund hosted Danish Prime Minister Mette Holm in Oslo on "
        "Tuesday. Holm later sat down with Norwegian Foreign Minister Ola Berg."
    )
    assert sorted(sorted(_roles(m)) for m in found) == [
        ["Erik Lund", "Mette Holm"],
        ["Mette Holm", "Ola Berg"],
    ]


def test_the_party_from_the_place_hosts_a_guest() -> None:
    meeting = _one(
        "Armenian Prime Minister Aram Hakobyan travelled to Istanbul, where he held talks with "
        "Turkish President Kemal Aydin on June 3."
    )
    assert _roles(meeting) == {"Aram Hakobyan": "guest", "Kemal Aydin": "host"}


def test_a_telephone_conversation_is_a_phone_call() -> None:
    meeting = _one(
        "Finnish Foreign Minister Elina Virtanen held a telephone conversation with her "
        "Swedish counterpart, Lars Nilsson, on Monday."
    )
    assert meeting.meeting_kind == "phone_call" and meeting.status == "held"
    assert set(_roles(meeting)) == {"Elina Virtanen", "Lars Nilsson"}


def test_agreed_to_hold_a_meeting_is_planned_and_apart_from_the_call() -> None:
    found = _meetings(
        "Finnish Foreign Minister Elina Virtanen held a telephone conversation with her "
        "Swedish counterpart, Lars Nilsson, on Monday. The two ministers agreed to hold a "
        "trilateral meeting with Norwegian Foreign Minister Ola Berg in Oslo later this month."
    )
    assert sorted(m.status for m in found) == ["held", "planned"]
    planned = next(m for m in found if m.status == "planned")
    assert set(_roles(planned)) == {"Elina Virtanen", "Lars Nilsson", "Ola Berg"}


def test_agreed_to_revive_talks_is_no_new_meeting() -> None:
    assert not any(
        m.status == "planned"
        for m in _meetings("Lund and Holm agreed to revive the talks when they met on Monday.")
    )


def test_a_planned_visit_called_off_is_cancelled() -> None:
    meeting = _one(
        "Meanwhile, a planned visit to Oslo by Danish Prime Minister Mette Holm has been "
        "called off, officials said."
    )
    assert meeting.status == "cancelled"


def test_its_officials_are_the_states() -> None:
    meeting = _one(
        "Iceland dismissed reports that its officials had met Danish diplomats in Oslo in May."
    )
    assert meeting.status == "denied"
    assert set(_roles(meeting)) == {"Iceland", "Denmark"}


def test_a_surname_after_al_stands_alone() -> None:
    found = _meetings(
        "Egyptian President Khaled Mahmoud al-Sayed met Jordan's King Faisal in Cairo on "
        "Monday. Sayed also hosted a delegation led by Omar al-Rashid."
    )
    hosted = [m for m in found if "Omar al-Rashid" in _roles(m)]
    assert len(hosted) == 1
    assert _roles(hosted[0]) == {"Khaled Mahmoud al-Sayed": "host", "Omar al-Rashid": "guest"}


def test_leaders_from_a_state_make_it_a_party() -> None:
    meeting = _one(
        "A summit scheduled for Tuesday in Accra will be attended by leaders from Togo, Benin "
        "and Niger."
    )
    assert set(_roles(meeting)) == {"Togo", "Benin", "Niger"}
    assert meeting.status == "planned"


def test_a_month_called_may_is_no_doubt() -> None:
    meeting = _one("The meeting between Erik Lund and Mette Holm took place on May 2 in Oslo.")
    assert meeting.status == "held"


def test_particles_in_a_row() -> None:
    meeting = _one(
        "Commission President Greta von der Berg will travel to Oslo on Friday to meet "
        "Norwegian Prime Minister Erik Lund."
    )
    assert _roles(meeting) == {"Greta von der Berg": "guest", "Erik Lund": "host"}
    assert meeting.title.startswith("von der Berg")


@pytest.mark.parametrize(
    "text",
    [
        "Qatar hosted the World Cup in 2022.",
        "The government welcomed the decision on Tuesday.",
        "Minister Erik Lund spoke to reporters in Oslo on Monday.",
        "Exports received a boost from lower energy prices in May.",
        "The results of the vote met expectations, analysts said.",
    ],
)
def test_wording_that_is_no_meeting(text: str) -> None:
    assert not _meetings(text)


def test_hosting_talks_is_a_meeting() -> None:
    meeting = _one("Norway hosted talks between Erik Lund and Mette Holm in Oslo on Monday.")
    assert {"Erik Lund", "Mette Holm"} <= set(_roles(meeting))


def test_met_separately_with_two_is_two_meetings() -> None:
    found = _meetings(
        "Secretary General Erik Lund met separately with the foreign ministers of Estonia and "
        "Latvia in Riga on Monday."
    )
    assert sorted(sorted(_roles(m)) for m in found) == [
        ["Erik Lund", "Estonia"],
        ["Erik Lund", "Latvia"],
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The ministry ruled out a meeting between Erik Lund and Mette Holm this year.", "denied"),
        ("Erik Lund has no plans to meet Mette Holm, his spokesman said.", "denied"),
        ("Erik Lund will not attend the summit in Oslo with Mette Holm next week.", "denied"),
        ("Erik Lund not only met Mette Holm in Oslo on Monday but also toured the port.", "held"),
        ("Erik Lund plans to visit Mette Holm in Copenhagen in July.", "planned"),
        ("Erik Lund cancelled his trip to Copenhagen, his office said on Monday.", "cancelled"),
        ("There is speculation that Erik Lund could meet Mette Holm in Oslo in May.", "speculated"),
        (
            "Erik Lund told reporters on Monday that he had met Mette Holm in Oslo last week.",
            "held",
        ),
    ],
)
def test_status_of_more_wording(text: str, status: str) -> None:
    meeting = _one(text)
    assert meeting.status == status
    assert "Erik Lund" in _roles(meeting)


def test_visiting_before_a_name_makes_that_person_the_guest() -> None:
    meeting = _one(
        "Norwegian Prime Minister Erik Lund and visiting Danish Prime Minister Mette Holm held "
        "talks in Oslo on Monday."
    )
    assert _roles(meeting) == {"Erik Lund": "host", "Mette Holm": "guest"}


def test_a_capital_that_acts_is_not_the_place() -> None:
    found = _meetings(
        "Erik Lund met Mette Holm on Monday. A spokesperson said Stockholm was watching the "
        "talks closely."
    )
    assert all(m.place != "Stockholm, Sweden" for m in found)


def test_delegation_heads_and_the_chair_join_the_meeting_before() -> None:
    meeting = _one(
        "Armenian and Azerbaijani delegations held talks in Tbilisi on Friday. The Armenian "
        "delegation was led by Foreign Minister Aram Hakobyan, while Azerbaijan sent a team "
        "headed by Elnur Mammadov, an aide to the president. Georgian Foreign Minister Nino "
        "Beridze chaired the session."
    )
    roles = _roles(meeting)
    assert {"Armenia", "Azerbaijan", "Aram Hakobyan", "Elnur Mammadov"} <= set(roles)
    assert roles.get("Nino Beridze") == "host"


# -- attendees listed after the meeting ---------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "joined"),
    [
        (
            "Chilean President Rosa Fuentes received Peruvian Foreign Minister Hugo Salas in "
            "Santiago on Monday. The meeting was also attended by Chilean Interior Minister "
            "Diego Rojas and Peruvian Trade Minister Ana Quispe.",
            {"Diego Rojas", "Ana Quispe"},
        ),
        (
            "Norwegian Prime Minister Erik Lund held talks with Danish Prime Minister Mette Holm "
            "in Oslo on Tuesday. Present there were Norwegian Finance Minister Kari Berg and "
            "Danish Defence Minister Jens Dahl.",
            {"Kari Berg", "Jens Dahl"},
        ),
        (
            "Polish Foreign Minister Adam Nowak received a Czech delegation led by Foreign "
            "Minister Petr Kral in Warsaw on Tuesday. The delegation consists of Deputy Foreign "
            "Minister Jan Novotny, Ambassador Eva Mala and other officials.",
            {"Jan Novotny", "Eva Mala"},
        ),
        (
            "Kenyan President Daniel Mwangi met Ugandan President Samuel Okello in Nairobi on "
            "Monday. Tanzanian envoy Amina Juma attended the meeting on behalf of President "
            "Grace Mollel.",
            {"Amina Juma"},
        ),
    ],
)
def test_attendees_listed_afterwards_join_the_meeting_before(text: str, joined: set[str]) -> None:
    """A sentence that only lists who else was there names no meeting of its own; its people
    join the meeting told before (not whoever sent them)."""
    meeting = _one(text)
    names = set(_roles(meeting))
    assert joined <= names
    assert "Grace Mollel" not in names


def test_attendees_join_the_meeting_their_noun_names() -> None:
    text = (
        "Chilean President Rosa Fuentes held talks with Peruvian President Luis Vega in Santiago "
        "on Monday. Fuentes also met Bolivian President Carla Mamani separately. Chilean Foreign "
        "Minister Diego Rojas and other officials were present at the talks."
    )
    talks, separate = _meetings(text)
    assert "Diego Rojas" in _roles(talks) and "Diego Rojas" not in _roles(separate)


def test_someone_who_did_not_attend_makes_no_meeting() -> None:
    text = (
        "Estonian and Latvian officials held talks in Tallinn on Monday. Latvian Prime Minister "
        "Andris Ozols did not attend the talks himself."
    )
    meeting = _one(text)
    assert "Andris Ozols" not in _roles(meeting)


# -- dates and statuses a meeting takes from the sentences around it ----------------------------
def test_earlier_in_the_day_is_the_day_told_before() -> None:
    text = (
        "Chilean President Rosa Fuentes received Peruvian Foreign Minister Hugo Salas in "
        "Santiago on Monday. Earlier in the day, Salas held talks with Chilean Foreign Minister "
        "Diego Rojas."
    )
    dates = {frozenset(_roles(m)): m.date.text if m.date else None for m in _meetings(text)}
    assert dates[frozenset({"Hugo Salas", "Diego Rojas"})] == "2025-06-09"


def test_a_meeting_on_the_sidelines_takes_the_events_day_and_place() -> None:
    text = (
        "Chilean President Rosa Fuentes on Tuesday attended a summit of Andean leaders in Lima. "
        "Fuentes also met Bolivian President Carla Mamani on the sidelines of the summit."
    )
    sidelines = next(m for m in _meetings(text) if "Carla Mamani" in _roles(m))
    assert sidelines.date is not None and sidelines.date.text == "2025-06-10"
    assert sidelines.place is not None and sidelines.place.startswith("Lima")


def test_talks_agreed_to_begin_are_planned() -> None:
    text = (
        "Kenyan President Daniel Mwangi and Ugandan President Samuel Okello agreed on Monday to "
        "reopen their border and to begin technical talks in July."
    )
    assert _one(text).status == "planned"


def test_the_owner_of_an_office_is_not_at_the_meeting() -> None:
    text = (
        "Polish Foreign Minister Adam Nowak met Oleh Marchenko, the head of President Taras "
        "Bondar's office, in Warsaw on Tuesday."
    )
    assert set(_roles(_one(text))) == {"Adam Nowak", "Oleh Marchenko"}


# -- who is not a party: owners, topics, places, coordination -----------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the owner of a proposal is not at the meeting
        (
            "Chilean President Rosa Fuentes received Peruvian President Luis Vega in Santiago on "
            "Monday to discuss Brazilian President Paulo Lima's proposal for a customs union.",
            {"Rosa Fuentes", "Luis Vega"},
        ),
        # the other side of a war is a topic
        (
            "Estonian Foreign Minister Kaja Tamm held talks with Finnish Foreign Minister Elina "
            "Virtanen in Helsinki on Monday on ending the war with Russia.",
            {"Kaja Tamm", "Elina Virtanen"},
        ),
        # "the Turkish side's initiative": the initiative's owner
        (
            "Greek Foreign Minister Nikos Pappas spoke by phone with Turkish Foreign Minister Ali "
            "Demir on Monday at the Turkish side's initiative.",
            {"Nikos Pappas", "Ali Demir"},
        ),
        # both states after "for ... and": topics of the call
        (
            "Jordanian Foreign Minister Omar Haddad met Egyptian President Karim Nasser in Cairo "
            "on Monday, and the latter renewed his call for Israel and Lebanon to talk.",
            {"Omar Haddad", "Karim Nasser"},
        ),
    ],
)
def test_owners_topics_and_coordinated_topics_are_not_parties(
    text: str, expected: set[str]
) -> None:
    assert set(_roles(_one(text))) == expected


def test_a_country_after_an_unknown_city_is_the_place() -> None:
    meeting = _one(
        "Japanese Prime Minister Kenji Sato is expected to meet Chinese Premier Li Wen on Friday "
        "in Tongyeong, South Korea, officials said, though Beijing has yet to confirm the talks."
    )
    assert set(_roles(meeting)) == {"Kenji Sato", "Li Wen"}
    assert meeting.place is not None and "Beijing" not in meeting.place


def test_a_day_after_a_comma_is_not_a_second_date_of_the_meeting() -> None:
    meeting = _one(
        "Chilean President Rosa Fuentes received Peruvian President Luis Vega in Santiago on "
        "Monday, a day before Bolivian officials were to arrive."
    )
    assert meeting.date is not None and meeting.date.text == "2025-06-09"


def test_a_courtesy_call_before_the_summit_is_a_visit_of_its_own() -> None:
    text = (
        "Thai Prime Minister Anan Chai hosted Vietnamese Prime Minister Pham Long in Bangkok on "
        "Tuesday. Before the summit, Pham paid a courtesy call on King Vajira at the palace on "
        "Monday."
    )
    found = {frozenset(_roles(m)): m for m in _meetings(text)}
    call = found[frozenset({"Pham Long", "Vajira"})]
    assert call.meeting_kind == "visit" and call.date is not None
    assert call.date.text == "2025-06-09"


def test_a_second_meeting_earlier_that_day_stays_apart() -> None:
    text = (
        "Chilean President Rosa Fuentes received a Peruvian delegation led by Foreign Minister "
        "Hugo Salas in Santiago on Monday. Present there were Chilean Interior Minister Diego "
        "Rojas and other officials. Earlier in the day, Rojas held talks with Salas."
    )
    assert len(_meetings(text)) == 2


def test_a_king_named_again_by_his_given_name() -> None:
    text = (
        "King Abdullah II visited Cairo on Monday. Abdullah met Egyptian President Karim Nasser "
        "on Tuesday."
    )
    tuesday = next(m for m in _meetings(text) if m.date and m.date.text == "2025-06-10")
    assert set(_roles(tuesday)) == {"Abdullah II", "Karim Nasser"}


# -- sides, bodies and chairs named by structure -----------------------------------------------
def test_a_group_named_before_its_delegation_takes_part() -> None:
    text = (
        "Omani Foreign Minister Badr Salim met a Houthi delegation led by Ali Nasser in Muscat "
        "on Monday. Houthi officials said the talks were useful."
    )
    assert set(_roles(_one(text))) == {"Badr Salim", "Houthi", "Ali Nasser"}


def test_a_denied_report_that_they_met() -> None:
    meeting = _one(
        "The ministry denied a report by the newspaper Helsingin Uutiset that Finnish Minister "
        "Elina Virtanen had met Russian envoy Pavel Orlov in Tallinn on Sunday."
    )
    assert meeting.status == "denied"


def test_the_body_whose_meeting_it_is_takes_part() -> None:
    meeting = _one(
        "Norwegian Foreign Minister Erik Lund will travel to Reykjavik next week for a meeting "
        "of the Nordic Council of Ministers."
    )
    assert set(_roles(meeting)) == {"Erik Lund", "Nordic Council of Ministers"}


def test_everyone_who_hosted_the_session_joins_it() -> None:
    text = (
        "Indian and Chinese officials held talks in Doha on Monday. Qatari Foreign Minister "
        "Khalid Rashid and national security adviser Hamad Saleh hosted the session."
    )
    roles = _roles(_one(text))
    assert roles.get("Khalid Rashid") == "host" and roles.get("Hamad Saleh") == "host"


def test_a_shared_surname_means_whom_the_report_has_been_calling_so() -> None:
    text = (
        "North Korean leader Kim Jong Un inspected a factory on Monday. Kim praised the workers. "
        "Vice Foreign Minister Kim Son Gyong spoke at a forum. Kim met Russian Defence Minister "
        "Andrei Belousov in Pyongyang on Tuesday."
    )
    tuesday = _one(text)
    assert set(_roles(tuesday)) == {"Kim Jong Un", "Andrei Belousov"}


def test_coordinated_verbs_with_their_own_dates_are_separate_meetings() -> None:
    text = (
        "Belarusian President Pavel Kurbat met Chinese Premier Li Wen in Minsk in March 2024, "
        "hosted him again in Grodno in May 2025, and attended a parade in Beijing."
    )
    march = next(m for m in _meetings(text) if m.date and m.date.text == "2024-03")
    assert set(_roles(march)) == {"Pavel Kurbat", "Li Wen"}
    assert march.place is not None and march.place.startswith("Minsk")


def test_welcoming_a_meeting_is_approval_not_hosting() -> None:
    meeting = _one(
        "Irish Prime Minister Sean Byrne said he would welcome a meeting between British Prime "
        "Minister Tom Hale and French President Luc Morel."
    )
    assert set(_roles(meeting)) == {"Tom Hale", "Luc Morel"}
    assert "host" not in _roles(meeting).values()


def test_a_meeting_where_a_trip_goes_takes_the_trips_time() -> None:
    text = (
        "Chilean Foreign Minister Diego Rojas is scheduled to travel to Geneva next week to "
        "attend a conference, where he might also meet Peruvian Foreign Minister Hugo Salas."
    )
    meeting = next(m for m in _meetings(text) if "Hugo Salas" in _roles(m))
    assert meeting.status == "speculated"
    assert meeting.date is not None and meeting.date.text == "2025-06-16/2025-06-22"


def test_people_who_accompanied_a_guest_join_the_meeting() -> None:
    text = (
        "Chilean President Rosa Fuentes hosted Peruvian President Luis Vega in Santiago on "
        "Monday. Fuentes and Vega, who was accompanied by Peruvian Foreign Minister Hugo Salas, "
        "called for calm on the border."
    )
    assert "Hugo Salas" in _roles(_one(text))


def test_an_ordinal_goes_on_through_a_series_of_meetings() -> None:
    text = (
        "Norwegian Prime Minister Erik Lund and Danish Prime Minister Mette Holm have met "
        "twice. Their first summit, in Oslo on March 3, 2023, produced a joint statement. "
        "The second, in Copenhagen in May 2024, ended without one."
    )
    dates = {m.date.text for m in _meetings(text) if m.date is not None}
    assert {"2023-03-03", "2024-05"} <= dates
    second = next(m for m in _meetings(text) if m.date and m.date.text == "2024-05")
    assert set(_roles(second)) == {"Erik Lund", "Mette Holm"}


def test_a_call_with_someone_is_a_phone_call() -> None:
    meeting = _one(
        "Greek Prime Minister Nikos Pappas said on Wednesday that his call with Turkish "
        "President Ali Demir on Monday was constructive."
    )
    assert meeting.meeting_kind == "phone_call"
    assert set(_roles(meeting)) == {"Nikos Pappas", "Ali Demir"}


def test_an_abbreviation_in_brackets_does_not_cut_the_clause() -> None:
    meeting = _one(
        "Norwegian Foreign Minister Erik Lund will meet Danish Foreign Minister Lars Holm at a "
        "session of the Nordic Council (NC) in the first week of November."
    )
    assert meeting.date is not None and meeting.date.text == "2025-11-01/2025-11-07"


# -- a visit and the talks it was made for are one meeting ---------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Peruvian Prime Minister Hugo Salas arrived in Santiago on Monday for a three-day "
        "official visit. Chilean President Rosa Fuentes received Salas on Tuesday.",
        "Chilean Foreign Minister Ana Vidal hosted Hugo Salas, Peru's prime minister, in Santiago "
        "on Tuesday. Salas, who arrived in Santiago on Monday for a two-day visit, also met "
        "business leaders.",
    ],
)
def test_the_arrival_joins_the_talks_it_was_made_for(text: str) -> None:
    meeting = _one(text)
    assert meeting.date is not None and meeting.date.text == "2025-06-10"
    assert "Hugo Salas" in _roles(meeting) and len(_roles(meeting)) == 2


def test_an_arrival_a_week_before_other_talks_stays_apart() -> None:
    text = (
        "Peruvian Prime Minister Hugo Salas arrived in Santiago on May 26 for a long stay. "
        "Chilean President Rosa Fuentes received Salas in Santiago on Tuesday."
    )
    assert len(_meetings(text)) == 2


# -- an invitation: the one invited travels, the one inviting hosts ------------------------------
def test_who_accepted_an_invitation_to_visit_is_the_guest() -> None:
    text = (
        "Peruvian President Hugo Salas has accepted Chilean President Rosa Fuentes's invitation "
        "to visit Santiago in September, officials said."
    )
    assert _roles(_one(text)) == {"Hugo Salas": "guest", "Rosa Fuentes": "host"}


# -- a delegation's members: its meeting, its head's side ----------------------------------------
def test_a_delegations_members_join_its_meeting_on_its_heads_side() -> None:
    text = (
        "Chilean President Rosa Fuentes received a Peruvian delegation led by Prime Minister "
        "Hugo Salas in Santiago on Monday. Fuentes later held talks with Argentine Foreign "
        "Minister Ana Vidal. The delegation also includes Trade Minister Luis Paredes and "
        "Energy Minister Carla Mendez."
    )
    meetings = {frozenset(_roles(m)): _roles(m) for m in _meetings(text)}
    delegation = next(roles for names, roles in meetings.items() if "Hugo Salas" in names)
    assert delegation.get("Luis Paredes") == "guest" and delegation.get("Carla Mendez") == "guest"
    assert all("Luis Paredes" not in names for names in meetings if "Ana Vidal" in names)


@pytest.mark.parametrize(
    "text",
    [
        "Chilean President Rosa Fuentes received a Peruvian government delegation led by Prime "
        "Minister Hugo Salas in Santiago on Monday.",
        "Chilean President Rosa Fuentes received a delegation of Peru headed by Prime Minister "
        "Hugo Salas in Santiago on Monday.",
    ],
)
def test_the_state_that_sends_a_delegation_with_a_named_head_is_not_a_party(text: str) -> None:
    assert _roles(_one(text)) == {"Rosa Fuentes": "host", "Hugo Salas": "guest"}


def test_the_delegation_meets_again_with_its_members() -> None:
    text = (
        "Chilean President Rosa Fuentes received a Peruvian delegation led by Prime Minister "
        "Hugo Salas in Santiago on Monday. The delegation also includes Trade Minister Luis "
        "Paredes. Earlier in the day, the delegation held talks with Chilean Foreign Minister "
        "Ana Vidal."
    )
    talks = [m for m in _meetings(text) if "Ana Vidal" in _roles(m)]
    assert [_roles(m) for m in talks] == [
        {"Ana Vidal": "host", "Hugo Salas": "guest", "Luis Paredes": "guest"}
    ]


def test_an_invitation_whose_guest_is_not_named_as_an_actor_still_has_its_host() -> None:
    text = "He has accepted Chilean President Rosa Fuentes's invitation to visit Santiago in May."
    assert _roles(_one(text)) == {"Rosa Fuentes": "host"}


# -- "later" goes on with the same day -------------------------------------------------------------
def test_a_meeting_told_later_without_a_date_is_on_the_day_before() -> None:
    text = (
        "Chilean Foreign Minister Ana Vidal received Peruvian Foreign Minister Hugo Salas in "
        "Santiago on Monday. The two discussed trade. Salas was later received by President "
        "Rosa Fuentes."
    )
    later = next(m for m in _meetings(text) if "Rosa Fuentes" in _roles(m))
    assert later.date is not None and later.date.text == "2025-06-09"


def test_a_meeting_without_later_keeps_no_date() -> None:
    text = (
        "Chilean Foreign Minister Ana Vidal received Peruvian Foreign Minister Hugo Salas in "
        "Santiago on Monday. Salas has been received by President Rosa Fuentes."
    )
    other = [m for m in _meetings(text) if "Rosa Fuentes" in _roles(m)]
    assert all(m.date is None or m.date.text != "2025-06-09" for m in other)


# -- the sides of a relation are not a meeting's parties -----------------------------------------
def test_the_sides_of_a_partnership_between_two_states_are_a_topic() -> None:
    text = (
        "Chilean Foreign Minister Ana Vidal hosted Peruvian Foreign Minister Hugo Salas in "
        "Santiago on Monday, with the two pledging to deepen the strategic partnership between "
        "Chile and Peru."
    )
    assert set(_roles(_one(text))) == {"Ana Vidal", "Hugo Salas"}


def test_the_crown_prince_is_the_one_named_with_that_title() -> None:
    text = (
        "Crown Prince Ahmed bin Khalid received Chilean Foreign Minister Ana Vidal in Doha on "
        "Monday. President Hugo Salas and the crown prince held a phone call on Tuesday."
    )
    call = next(m for m in _meetings(text) if m.date is not None and m.date.text == "2025-06-10")
    assert set(_roles(call)) == {"Hugo Salas", "Ahmed bin Khalid"}


# -- who stays away is no party --------------------------------------------------------------------
@pytest.mark.parametrize("verb", ["skipped", "boycotted"])
def test_whoever_skips_or_boycotts_a_meeting_is_no_party_to_it(verb: str) -> None:
    text = (
        f"Peruvian President Hugo Salas {verb} the summit with Chilean President Rosa Fuentes "
        "in Santiago on Monday."
    )
    assert all("Hugo Salas" not in _roles(m) for m in _meetings(text))


# -- "a day after": counted from the day named before ----------------------------------------------
@pytest.mark.parametrize(
    ("text", "day"),
    [
        (
            "Chile and Peru will hold talks on Friday, the Chilean foreign ministry said on "
            "Wednesday, a day after President Rosa Fuentes spoke by phone with President "
            "Hugo Salas.",
            "2025-06-10",
        ),
        (
            "Chilean Foreign Minister Ana Vidal held a phone call with her Peruvian counterpart "
            "on Wednesday. The call came two days after Vidal met Peruvian President Hugo Salas "
            "in Lima.",
            "2025-06-09",
        ),
    ],
)
def test_a_meeting_a_day_after_is_counted_from_the_day_before_it(text: str, day: str) -> None:
    meeting = next(m for m in _meetings(text) if "Hugo Salas" in _roles(m) and len(_roles(m)) == 2)
    assert meeting.date is not None and meeting.date.text == day


# -- a pair's meeting held and its next one, told in one sentence --------------------------------
def test_a_meeting_held_and_one_to_come_are_two_meetings() -> None:
    found = _meetings(
        "Estonian Foreign Minister Kaja Rebane held talks with her Latvian counterpart, Juris "
        "Ozols, in Tallinn on Monday, and the two ministers will meet again in Riga in March."
    )
    assert sorted((m.status, m.date.text if m.date else None) for m in found) == [
        ("held", "2025-06-09"),
        ("planned", "2026-03"),
    ]
    for meeting in found:
        assert {p.actor.name for p in meeting.participants} == {"Kaja Rebane", "Juris Ozols"}


def test_two_words_for_one_meeting_held_stay_one() -> None:
    meeting = _one(
        "Estonian Foreign Minister Kaja Rebane met her Latvian counterpart, Juris Ozols, in "
        "Tallinn on Monday and held talks on energy security."
    )
    assert meeting.status == "held"


def test_a_second_summit_is_not_the_meeting_before() -> None:
    found = _meetings(
        "Turkish President Ali Demir met Greek Prime Minister Nikos Pappas in Ankara on "
        "Tuesday. Demir said a second summit between the two leaders was being considered. "
        "Demir and Pappas also spoke by phone last month."
    )
    assert sorted(m.meeting_kind for m in found) == ["phone_call", "summit", "talks"]


def test_a_new_subject_after_and_opens_another_meeting() -> None:
    found = _meetings(
        "Portuguese Prime Minister Rui Costa and Spanish Prime Minister Ana Ruiz held talks in "
        "Lisbon in January, and Ruiz visited Porto in April."
    )
    assert sorted(m.date.text for m in found if m.date is not None) == ["2025-01", "2025-04"]


def test_a_coordinated_dated_verb_with_a_pronoun_is_another_meeting() -> None:
    found = _meetings(
        "Austrian Chancellor Karl Huber met Hungarian Prime Minister Laszlo Varga in Brussels "
        "in 2023, hosted him in Vienna in May 2024, and has not seen him since."
    )
    hosted = next(m for m in found if m.date is not None and m.date.text == "2024-05")
    assert _roles(hosted) == {"Karl Huber": "host", "Laszlo Varga": "guest"}
    assert sorted(m.date.text for m in found if m.date is not None) == ["2023", "2024-05"]


def test_a_second_predicate_meets_with_the_subject_before() -> None:
    found = _meetings(
        "Russian Foreign Minister Ivan Sokolov held talks with Chinese Foreign Minister Li Wen "
        "in Beijing on Monday. The two had met in Moscow in April and are due to meet again "
        "at the regional forum in July."
    )
    july = next(m for m in found if m.date is not None and m.date.text == "2025-07")
    assert july.status == "planned"
    assert {p.actor.name for p in july.participants} == {"Ivan Sokolov", "Li Wen"}
    assert len(found) == 3
