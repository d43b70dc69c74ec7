"""The app's quick first page (plain sqlite3) is exactly the store's first page."""

from __future__ import annotations

from engines import sqlite_only

from desk.dates import PartialDate
from desk.model import Meeting
from desk.store import Store
from desk.store.quick import first_meetings


def test_quick_first_page_matches_the_store(store: Store) -> None:
    sqlite_only(store)
    for number in range(30):
        date = (
            None if number % 4 == 0 else PartialDate.from_canonical(f"2024-{number % 12 + 1:02d}")
        )
        store.create(Meeting, title=f"Meeting {number}", date=date)
    assert store.location.path is not None
    for limit in (5, 22, 29, 30, 50):
        quick = first_meetings(store.location.path, limit)
        full = store.page(Meeting, limit=limit)
        assert quick.rows == full.rows
        assert quick.next == full.next
        if quick.next is not None:
            assert store.page(Meeting, after=quick.next, limit=limit).rows


def test_quick_first_page_on_the_sample(sample_store: Store) -> None:
    sqlite_only(sample_store)
    assert sample_store.location.path is not None
    assert first_meetings(sample_store.location.path, 100).rows == sample_store.page(Meeting).rows
