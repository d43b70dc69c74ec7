"""People and publications found from where a name stands (issue 13, point 2). Every sentence
here was written for this test, not taken from any evaluation report."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.ingest import propose
from desk.ingest.proposals import NewActorProposal

DAY = dt.date(2025, 6, 11)  # a Wednesday


def _actors(text: str, kind: str) -> set[str]:
    return {
        p.name
        for p in propose(text, DAY).proposals
        if isinstance(p, NewActorProposal) and p.actor_kind == kind
    }


def _people(text: str) -> set[str]:
    return _actors(text, "person")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Kim Jong Un received a message from Vladimir Putin on Monday.", "Vladimir Putin"),
        ("The talks were held at the invitation of Shehbaz Sharif.", "Shehbaz Sharif"),
        ("According to Yury Ushakov, the summit will take place in Alaska.", "Yury Ushakov"),
        ("Asked about Benjamin Netanyahu, the envoy said nothing.", "Benjamin Netanyahu"),
        ("The Kremlin praised Viktor Orban for his stance.", "Viktor Orban"),
        ("State media quoted Li Qiang as saying the visit was a success.", "Li Qiang"),
        ("Iran's Abbas Araghchi arrived in Muscat.", "Abbas Araghchi"),
        ("Ukraine's Andriy Yermak led the delegation.", "Andriy Yermak"),
        ("Sergey Lavrov's visit to Pyongyang was his second this year.", "Sergey Lavrov"),
        ("Recep Tayyip Erdogan's spokesman denied the report.", "Recep Tayyip Erdogan"),
        ("Abe Shinzo and Yoon Suk Yeol were mentioned as well.", "Abe Shinzo"),
        ("Cai Qi, Wang Yi and other Chinese officials were present.", "Wang Yi"),
        ("Also present were Kirill Dmitriev and Yury Ushakov.", "Kirill Dmitriev"),
        ("The court issued a warrant for Benjamin Netanyahu.", "Benjamin Netanyahu"),
        ("Aung San Suu Kyi remains in detention, her lawyers say.", "Aung San Suu Kyi"),
        ("Mohammed Shia al-Sudani welcomed the agreement.", "Mohammed Shia al-Sudani"),
    ],
)
def test_a_name_in_a_slot_that_takes_a_person_is_a_person(text: str, name: str) -> None:
    assert name in _people(text)


@pytest.mark.parametrize(
    "text",
    [
        "China's ambassador to India, Xu Feihong, will brief reporters next Monday.",
        "The ambassador of China to India, Xu Feihong, will brief reporters next Monday.",
    ],
)
def test_a_lower_case_title_with_its_place_names_the_holder_after_the_comma(text: str) -> None:
    assert "Xu Feihong" in _people(text)


def test_a_religious_honorific_is_not_part_of_the_name() -> None:
    people = _people("Pezeshkian handed over a letter from Supreme Leader Ayatollah Ali Khamenei.")
    assert "Ali Khamenei" in people
    assert "Ayatollah Ali Khamenei" not in people


@pytest.mark.parametrize(
    "text",
    [
        "Putin visited Red Square and laid flowers.",
        "The envoy met Wall Street executives in New York.",
        "The Great Hall of the People hosted the Belt and Road Forum.",
        "Kim met Red Cross officials in Pyongyang.",
        "Amnesty International and Human Rights Watch condemned the executions.",
        "The envoy praised Iron Dome and the Black Sea Fleet.",
        "Lawmakers on Capitol Hill pressed for New START talks.",
        "Gaza City residents fled south as Taiwan Strait tensions increased.",
    ],
)
def test_a_place_or_an_event_is_no_person(text: str) -> None:
    assert _people(text) == set()


def test_a_newspaper_named_with_an_article_or_after_daily_is_no_person() -> None:
    text = (
        "Pedro Sanchez told El Pais he would not attend. Belgian daily Het Nieuwsblad reported "
        "the plan first."
    )
    assert _people(text) == {"Pedro Sanchez"}
    assert {"El Pais", "Het Nieuwsblad"} <= _actors(text, "organization")


def test_a_particle_and_surname_after_the_full_name_is_that_person() -> None:
    text = (
        "Belgian Prime Minister Bart De Wever met the Dutch premier on Monday. "
        "Diplomats said De Wever had demanded guarantees."
    )
    assert _people(text) == {"Bart De Wever"}


def test_a_name_after_the_is_a_body_not_a_person() -> None:
    text = "The Amiri Diwan said the emir left Doha. The JoongAng Ilbo reported the visit."
    assert _people(text) == set()
    assert {"Amiri Diwan", "JoongAng Ilbo"} <= _actors(text, "organization")


def test_malaysian_honours_are_neither_name_nor_title() -> None:
    text = (
        "Prime Minister Datuk Seri Anwar Ibrahim received the envoy. "
        "The remarks angered Tan Sri Muhyiddin Yassin."
    )
    proposals = propose(text, DAY).proposals
    people = {
        p.name: p.title
        for p in proposals
        if isinstance(p, NewActorProposal) and p.actor_kind == "person"
    }
    assert set(people) == {"Anwar Ibrahim", "Muhyiddin Yassin"}
    assert people["Anwar Ibrahim"] == "Prime Minister"


def test_a_form_of_address_before_a_name_is_not_part_of_it() -> None:
    text = (
        "The respected Comrade Kim Jong Un inspected the factory. Comrade Choe Son Hui met "
        "the envoy. Datuk Seri Anwar Ibrahim said the talks went well."
    )
    assert _people(text) == {"Kim Jong Un", "Choe Son Hui", "Anwar Ibrahim"}
