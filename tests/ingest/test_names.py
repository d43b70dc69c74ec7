"""People and bodies found from the structure of a sentence, not from a list of names.

Each case is a sentence written for this test in wire style (not taken from any report).
"""

from __future__ import annotations

import datetime as dt

import pytest

from desk.ingest import Known, KnownActor, propose
from desk.ingest.proposals import KnownActorProposal, NewActorProposal, ProposalSet

DAY = dt.date(2025, 6, 11)


def _people(text: str) -> dict[str, NewActorProposal]:
    found = propose(text, DAY)
    return {
        p.name: p
        for p in found.proposals
        if isinstance(p, NewActorProposal) and p.actor_kind == "person"
    }


def _names(found: ProposalSet) -> set[str]:
    return {p.name for p in found.proposals if isinstance(p, NewActorProposal)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # apposition to a noun of relation, with or without a comma
        (
            "Minister Anna Lindqvist held talks with her Estonian counterpart, Jaan Tamm, "
            "on Monday.",
            {"Anna Lindqvist", "Jaan Tamm"},
        ),
        (
            "The envoy was greeted by their longtime ally Omar al-Rashid in Baghdad.",
            {"Omar al-Rashid"},
        ),
        # a list of members
        (
            "The delegation includes Pavel Orlov, Irina Sokolova and Dmitri Vasin, "
            "the ministry said.",
            {"Pavel Orlov", "Irina Sokolova", "Dmitri Vasin"},
        ),
        ("The team consists of Lena Berg and Tomas Holm.", {"Lena Berg", "Tomas Holm"}),
        # the argument of a meeting verb, and a subject set off by commas
        (
            "Mark Ellison, acting for the White House, met Yusuf Demir in Doha on Tuesday.",
            {"Mark Ellison", "Yusuf Demir"},
        ),
        # particles and an inner honorific are part of the name
        (
            "President Mahmoud Abdel Karim el-Masri received the delegation.",
            {"Mahmoud Abdel Karim el-Masri"},
        ),
        ("President Ahmed Sheikh Nuur spoke on Monday.", {"Ahmed Sheikh Nuur"}),
        ("Emir Sheikh Khalid bin Saud Al Nahyan arrived in Rabat.", {"Khalid bin Saud Al Nahyan"}),
    ],
)
def test_names_that_stand_without_a_title(text: str, expected: set[str]) -> None:
    assert expected <= set(_people(text))


def test_the_country_of_a_counterpart_comes_from_its_adjective() -> None:
    people = _people("Minister Anna Lindqvist met her Estonian counterpart, Jaan Tamm, on Monday.")
    assert people["Jaan Tamm"].country == "Estonia"


def test_titles_in_a_list_stay_with_their_own_person() -> None:
    people = _people(
        "The delegation includes Defense Minister Pavel Orlov, presidential aide Irina Sokolova "
        "and intelligence chief Dmitri Vasin."
    )
    assert "Defense Minister" in (people["Pavel Orlov"].title or "")
    assert "aide" in (people["Irina Sokolova"].title or "").lower()
    assert "chief" in (people["Dmitri Vasin"].title or "").lower()


def test_a_newspaper_is_never_a_person() -> None:
    assert "Gulf Daily" not in _people("Gulf Daily reported that the talks had ended.")
    assert not {"Daily Sabah", "Daily"} & set(_people("According to Daily Sabah, the talks ended."))


def test_a_dateline_is_not_a_person() -> None:
    assert not _people("NEW DELHI, June 11 (Reuters) - Talks began on Monday.")


def test_the_longest_name_wins() -> None:
    found = propose("Envoys of the Democratic People's Republic of Korea arrived on Monday.", DAY)
    assert "North Korea" in _names(found) and "South Korea" not in _names(found)


def _known_bodies() -> Known:
    return Known(
        actors=[
            KnownActor(1, "Security Council of Ruritania", "organization", country="Ruritania"),
            KnownActor(2, "RNA", "organization", title="Ruritanian news agency"),
            KnownActor(3, "United States", "state", aliases=("U.S.",)),
            KnownActor(4, "Institute for Maritime Studies", "organization"),
        ]
    )


def _offers(text: str, known: Known) -> dict[str, str | None]:
    found = propose(text, DAY, known)
    return {p.actor.name: p.new_alias for p in found.proposals if isinstance(p, KnownActorProposal)}


def test_a_known_body_written_another_way_is_offered_as_an_alias() -> None:
    offers = _offers(
        "The Ruritanian Security Council met on Monday, RNA Ruritanian News Agency reported.",
        _known_bodies(),
    )
    assert offers["Security Council of Ruritania"] == "Ruritanian Security Council"
    assert offers["RNA"] == "RNA Ruritanian News Agency"


def test_a_different_body_is_not_offered() -> None:
    offers = _offers("The Maritime Security Council met on Monday.", _known_bodies())
    assert "Security Council of Ruritania" not in offers
    assert "Institute for Maritime Studies" not in offers


def test_an_article_is_no_new_alias() -> None:
    offers = _offers("The United States said on Monday that talks would go on.", _known_bodies())
    assert offers["United States"] is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Foreign Ministers Lena Berg and Tomas Holm met in Oslo.", {"Lena Berg", "Tomas Holm"}),
        ("Presidents Rosa Fuentes and Hugo Salas spoke on Monday.", {"Rosa Fuentes", "Hugo Salas"}),
        (
            "Mr. Rahim Uddin met Mrs. Anna Keller in Dhaka on Monday.",
            {"Rahim Uddin", "Anna Keller"},
        ),
        ('"It went well," said Kaja Lepp, the bloc\'s foreign policy chief.', {"Kaja Lepp"}),
        ("Peruvian FM Hugo Salas arrived in Quito on Monday.", {"Hugo Salas"}),
    ],
)
def test_plural_titles_honorifics_and_inverted_speakers(text: str, expected: set[str]) -> None:
    assert expected <= set(_people(text))


def test_a_possessive_owner_before_the_title_after_a_name() -> None:
    people = _people("According to Ivan Petrov, Russia's envoy in Vienna, the talks ended.")
    assert "envoy" in (people["Ivan Petrov"].title or "").lower()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a one-word department after "of"
        ("Ghana's Minister of Tourism Akosua Mensah met investors.", {"Akosua Mensah"}),
        # "for" or "to" and a place inside the title
        (
            "The UN Special Envoy for Yemen Lars Holmberg arrived in Aden on Monday.",
            {"Lars Holmberg"},
        ),
        # honorifics and a leading initial, not part of the name
        (
            "Finance Minister Dr. R. Subramaniam met Governor Shri Anil Mehta on Monday.",
            {"R. Subramaniam", "Anil Mehta"},
        ),
        # a sovereign's single name
        ("King Harald welcomed Queen Sonja of Denmark in Oslo.", {"Harald", "Sonja"}),
        # Sheikh before a long name with particles
        (
            "Kuwait's Foreign Minister Sheikh Salem bin Abdullah bin Jaber Al Sabah met "
            "Iraqi officials.",
            {"Salem bin Abdullah bin Jaber Al Sabah"},
        ),
    ],
)
def test_titles_with_places_departments_honorifics_and_single_names(
    text: str, expected: set[str]
) -> None:
    assert expected <= set(_people(text))


def test_gen_before_a_name_is_a_given_name_without_its_full_stop() -> None:
    assert "Gen Tanaka" in _people("Defense Minister Gen Tanaka met Australian officials.")


def test_a_name_particle_alone_is_no_one() -> None:
    """'Al-Amin' later in the text is not 'al-Hashimi' named before."""
    from desk.ingest.engine import read
    from desk.ingest.known import Known

    text = (
        "Foreign Minister Salim al-Hashimi met his Omani counterpart on Monday. "
        "Al-Amin, a spokesman, said the talks went well."
    )
    reading = read(text, DAY, Known())
    at = text.index("Al-Amin")
    token = next(t.index for t in reading.doc.tokens if t.start == at)
    mention = reading.entities.covering.get(token)
    assert mention is None or mention.entity.name != "Salim al-Hashimi"


def test_a_headline_in_title_case_names_no_one() -> None:
    text = (
        "Can Lund and Holm Agree Again? Three Questions for the Summit\n"
        "Norwegian Prime Minister Erik Lund will meet Danish Prime Minister Mette Holm in Oslo."
    )
    names = set(_people(text))
    assert names == {"Erik Lund", "Mette Holm"}
