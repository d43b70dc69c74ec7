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


def test_quick_and_listing_read_the_timeline_from_one_spec() -> None:
    """The raw-sqlite3 queries are built from the spec the store's listing uses: the same table,
    columns, segments and sort keys, so a column added to one is added to both."""
    from desk.store import quick
    from desk.store import timeline_spec as timeline
    from desk.store.listing import LISTINGS

    listing = LISTINGS[Meeting]
    assert Meeting.__tablename__ == timeline.TABLE
    assert listing.columns == timeline.COLUMNS
    assert listing.make_row is timeline.meeting_row
    store_keys = [tuple(key.key for key in segment.keys) for segment in listing.segments]
    quick_keys = [spec[1] for spec, _ in quick.SEGMENTS]
    assert store_keys == quick_keys == [timeline.DATED[1], timeline.UNDATED[1]]
    for (_, keys), (sql, read) in quick.SEGMENTS:
        assert read[: len(timeline.COLUMNS)] == timeline.COLUMNS
        assert f"FROM {timeline.TABLE} " in sql
        assert sql.endswith(f"ORDER BY {', '.join(f'{key} DESC' for key in keys)} LIMIT ?")
