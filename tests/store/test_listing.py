"""Paging records in screen order, filtering as you type, searching, and finding unsourced ones."""

from __future__ import annotations

import pytest

from desk.dates import PartialDate
from desk.model import Actor, AgendaItem, Meeting, Source
from desk.store import Store


def _meetings(store: Store, count: int) -> None:
    for number in range(count):
        day = PartialDate.from_canonical(f"2024-{number % 12 + 1:02d}-{number % 28 + 1:02d}")
        store.create(Meeting, title=f"Meeting {number:03d}", date=day if number % 5 else None)


def _walk(store: Store, model: type, limit: int, typed: str | None = None) -> list[int]:
    seen: list[int] = []
    page = store.page(model, typed=typed, limit=limit)
    while True:
        seen += [row.id for row in page.rows]
        if page.next is None:
            return seen
        page = store.page(model, typed=typed, after=page.next, limit=limit)


def test_meetings_page_newest_first_with_undated_last(store: Store) -> None:
    _meetings(store, 47)
    ids = _walk(store, Meeting, limit=7)
    assert len(ids) == 47 and len(set(ids)) == 47
    rows = {m.id: m for m in (store.get(Meeting, i) for i in ids)}
    dated = [i for i in ids if rows[i].date_sort is not None]
    undated = [i for i in ids if rows[i].date_sort is None]
    assert ids == dated + undated
    keys = [(rows[i].date_sort, i) for i in dated]
    assert keys == sorted(keys, reverse=True)
    assert undated == sorted(undated, reverse=True)


def test_paging_backwards_returns_the_same_pages(store: Store) -> None:
    _meetings(store, 30)
    first = store.page(Meeting, limit=8)
    assert first.previous is None
    second = store.page(Meeting, after=first.next, limit=8)
    third = store.page(Meeting, after=second.next, limit=8)
    back = store.page(Meeting, before=third.previous, limit=8)
    assert [r.id for r in back.rows] == [r.id for r in second.rows]
    back_again = store.page(Meeting, before=back.previous, limit=8)
    assert [r.id for r in back_again.rows] == [r.id for r in first.rows]
    assert back_again.previous is None


def test_last_page_has_no_next(store: Store) -> None:
    _meetings(store, 5)
    page = store.page(Meeting, limit=5)
    assert len(page.rows) == 5 and page.next is None
    assert store.page(Meeting, limit=10).next is None


def test_actors_and_agenda_items_page_by_name(store: Store) -> None:
    for name in ("Vladimir Putin", "Choe Son-hui", "Sergei Shoigu", "Andrey Rudenko"):
        store.create(Actor, name=name)
    for title in ("Treaty", "Ceasefire", "Kursk"):
        store.create(AgendaItem, title=title)
    assert [r.name for r in store.page(Actor, limit=3).rows] == [
        "Andrey Rudenko",
        "Choe Son-hui",
        "Sergei Shoigu",
    ]
    assert [r.title for r in store.page(AgendaItem).rows] == ["Ceasefire", "Kursk", "Treaty"]


def test_rows_carry_dates_and_counts(sample_store: Store) -> None:
    rows = sample_store.page(Meeting, limit=3).rows
    assert rows[0].title == "Kim Jong-un's possible visit to Moscow"
    assert rows[0].date is not None and rows[0].date.display() == "May 2025"
    assert all(row.evidence_count > 0 for row in rows)
    kim = next(r for r in sample_store.page(Actor, typed="kim jong", limit=50).rows)
    assert kim.meeting_count == 5
    source = sample_store.page(Source).rows[0]
    assert source.evidence_count == 84 and source.reliability == "B"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("kim jong un", ["Kim Jong-un"]),
        ("Kim Jong-un", ["Kim Jong-un"]),
        ("김정", ["Kim Jong-un"]),
        ("шойгу", ["Sergei Shoigu"]),
        ("choe", ["Choe Son-hui"]),
        ("dprk", ["North Korea"]),
        ("united st", ["United States"]),
        ("korea institute", ["Hyun Seong-soo", "Korea Institute for National Unification"]),
        ("nobody at all", []),
    ],
)
def test_filter_actors_by_name_alias_title(
    sample_store: Store, typed: str, expected: list[str]
) -> None:
    assert [row.name for row in sample_store.page(Actor, typed=typed).rows] == expected


def test_filter_meetings_by_title_and_place(sample_store: Store) -> None:
    titles = [row.title for row in sample_store.page(Meeting, typed="pyongyang").rows]
    assert titles == [
        "Shoigu visits Pyongyang for talks with Kim Jong-un",
        "Shoigu's September 2024 visit to Pyongyang",
        "Putin–Kim summit in Pyongyang",
        "Shoigu's July 2023 visit to Pyongyang",
    ]
    assert [row.title for row in sample_store.page(Meeting, typed="jakarta").rows] == [
        "Shoigu–Sjafrie bilateral meeting in Jakarta"
    ]


def test_filter_pages_like_the_full_list(sample_store: Store) -> None:
    assert _walk(sample_store, Meeting, 2, typed="pyongyang") == [
        row.id for row in sample_store.page(Meeting, typed="pyongyang").rows
    ]


def test_typed_text_cannot_break_the_query(sample_store: Store) -> None:
    for typed in ('"', "AND OR NOT", "*", "kim*", "(", "NEAR(", "'; DROP TABLE actor; --"):
        sample_store.page(Actor, typed=typed)
    assert sample_store.stats().counts["actors"] == 23


def test_search_spans_every_kind(sample_store: Store) -> None:
    hits = sample_store.search("ceasefire")
    kinds = {hit.kind for hit in hits}
    assert {"meeting", "agenda item"} <= kinds
    assert sample_store.search("   ") == []
    shoigu = sample_store.search("Shoigu", limit=3)
    assert len(shoigu) == 3
    assert {hit.kind for hit in shoigu} == {"actor", "meeting", "source"}


def test_unsourced_counts_and_list(store: Store) -> None:
    source = store.create(Source, title="Note", text="Kim met Putin.")
    kim = store.create(Actor, name="Kim")
    putin = store.create(Actor, name="Putin")
    meeting = store.create(Meeting, title="Kim–Putin")
    store.link_actor(meeting.id, kim.id)
    store.attach_evidence(Actor, kim.id, source.id, "Kim")
    stats = store.stats()
    assert stats.unsourced == {
        "actors": 1,
        "meetings": 1,
        "agenda_items": 0,
        "participants": 1,
        "agenda_links": 0,
    }
    assert stats.unsourced_total == 3
    labels = [(hit.kind, hit.label) for hit in store.unsourced()]
    assert labels == [
        ("meeting", "Kim–Putin"),
        ("actor", "Putin"),
        ("participant link", "Kim in “Kim–Putin”"),
    ]
    assert putin.id == store.unsourced()[1].id


def test_the_sample_is_fully_sourced(sample_store: Store) -> None:
    assert sample_store.stats().unsourced_total == 0
    assert sample_store.unsourced() == []


def test_the_last_page_and_jumping_to_a_record(store: Store) -> None:
    from desk.store import END

    _meetings(store, 23)
    everything = _walk(store, Meeting, limit=100)
    last = store.page(Meeting, before=END, limit=5)
    assert [r.id for r in last.rows] == everything[-5:]
    assert last.next is None and last.previous is not None
    assert store.page(Meeting, after=END).rows == []

    target = everything[11]
    cursor = store.cursor_for(Meeting, target)
    at = store.page(Meeting, after=cursor, inclusive=True, limit=4)
    assert [r.id for r in at.rows] == everything[11:15]
    assert [r.id for r in store.page(Meeting, before=at.previous, limit=3).rows] == everything[8:11]
    assert store.cursor_for(Meeting, 9999) is None


@pytest.mark.parametrize(
    ("dense_matches", "very_dense_share"),
    [(10_000, 0.15), (5, 0.9), (5, 0.05)],
    ids=["sparse", "dense", "very-dense"],
)
def test_every_filter_plan_pages_like_the_filtered_list(
    store: Store, monkeypatch: pytest.MonkeyPatch, dense_matches: int, very_dense_share: float
) -> None:
    """Sorting few matches, walking the timeline among many, and asking FTS5 row by row when
    nearly all match (the count that picks a plan stops at what the plan needs): the same
    pages as the full list filtered."""
    from desk.store import listing

    _meetings(store, 60)
    monkeypatch.setattr(listing, "DENSE_MATCHES", dense_matches)
    monkeypatch.setattr(listing, "VERY_DENSE_SHARE", very_dense_share)
    everything = store.page(Meeting, limit=100).rows
    for typed, number in (("meeting", ""), ("meeting 01", "01"), ("meeting 05", "05")):
        expected = [row.id for row in everything if row.title.split()[1].startswith(number)]
        assert len(expected) >= 10
        assert _walk(store, Meeting, 7, typed=typed) == expected, typed
