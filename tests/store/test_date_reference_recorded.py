"""A date records the day it was resolved against only when it leaned on that day."""

from __future__ import annotations

import datetime as dt

from desk.model import Meeting
from desk.store import Store
from desk.store.date_columns import from_columns

PUBLISHED = dt.date(2025, 3, 21)


def test_an_absolute_date_records_no_reference(store: Store) -> None:
    meeting = store.create(Meeting, title="Talks", date="2025-03-21", reference=PUBLISHED)
    date = from_columns(meeting)
    assert date is not None and date.reference is None


def test_a_relative_date_records_its_reference(store: Store) -> None:
    meeting = store.create(Meeting, title="Talks", date="on Tuesday", reference=PUBLISHED)
    date = from_columns(meeting)
    assert date is not None and date.text == "2025-03-18"
    assert date.reference == PUBLISHED
    assert date.phrase == "on Tuesday"
