"""The possible-duplicates list: alike names offered with why, look-alikes and judged pairs not."""

from __future__ import annotations

from dataclasses import dataclass

from desk.ingest.duplicates import name_form, possible_duplicates, rank_duplicates, score_forms
from desk.model import Actor
from desk.store import Store


@dataclass(frozen=True)
class A:
    id: int
    name: str
    kind: str = "person"
    title: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()


def score(a: str, b: str, person: bool = True) -> float:
    return score_forms(name_form(a, person), name_form(b, person))[0]


def test_spellings_of_one_name_score_high() -> None:
    assert score("Kim Jong Un", "Kim Jong-un") == 100
    assert score("Kim Jongun", "Kim Jong-un") == 100
    assert score("el-Sisi", "al-Sisi") == 100
    assert score("Sergei Shoigu", "Sergey Shoygu") == 100
    assert score("Russian Security Council", "Security Council of Russia", person=False) >= 90
    assert score("Ayatollah Ali Khamenei", "Ali Khamenei") >= 90


def test_look_alikes_stay_below_the_list() -> None:
    assert score("Kim Jong-un", "Kim Yo-jong") < 80
    assert score("Kim Jong-un", "Kim Jong-il") < 80
    assert score("Kim Jong-un", "Kim Jong-nam") < 80
    assert score("Tail-de Kim", "Tail-rya Kim") < 80  # a person's "de" is part of the name
    assert name_form("Kim Reol-el").words == ("kim", "reol", "el")  # a last word is no particle
    assert score("Russian Foreign Ministry", "Russian Defence Ministry", person=False) < 80


def test_ranking_offers_pairs_with_their_evidence_and_skips_judged_ones() -> None:
    actors = [
        A(1, "Kim Jong Un", title="General Secretary"),
        A(2, "Kim Yo-jong"),
        A(3, "Kim Jong-il"),
        A(4, "Jong-un Kim", aliases=("김정은",)),
        A(5, "Vladimir Putin", country="Russia"),
        A(6, "Vladimir Putin", country="Venezuela"),  # another country: never offered
        A(7, "Security Council of Russia", kind="organization"),
        A(8, "Russian Security Council", kind="organization"),
        A(9, "Russian Security Council", kind="person"),  # another kind: never offered
    ]
    ranked = rank_duplicates(actors)
    assert [pair.ids for pair in ranked] == [(1, 4), (7, 8)]  # equal scores: lower ids first
    kim = ranked[0]
    assert kim.first.title == "General Secretary" and kim.second.aliases == ("김정은",)
    assert (kim.first.matched, kim.second.matched) == ("Kim Jong Un", "Jong-un Kim")
    assert kim.reason == "the same words in another order"
    assert [pair.ids for pair in rank_duplicates(actors, not_same={(1, 4)})] == [(7, 8)]


def test_the_store_remembers_what_the_analyst_judged(store: Store) -> None:
    kim = store.create(Actor, name="Kim Jong Un")
    other = store.create(Actor, name="Kim Jong-un")
    assert [pair.ids for pair in possible_duplicates(store)] == [(kim.id, other.id)]
    store.mark_not_duplicates(kim.id, other.id)
    assert possible_duplicates(store) == []
