"""The first page of the meetings timeline, read with the standard library's sqlite3 alone.

Opening the app on a large desk should not wait for SQLAlchemy and SQLModel to import (about a
third of a second) before showing anything: this reads the first page the same way
``listing.page(Meeting)`` does, so the app can show it while the store opens in the background.
tests/store/test_quick.py checks that both give the same page. It reads only what opening would
accept as a desk (desk.store.recognition): the app calls ``database.is_current`` first, and this
checks the marker and tables again on its own read-only connection.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desk.dates import PartialDate
from desk.store.errors import NotADeskDatabase
from desk.store.recognition import judge, read_only_connection, read_state
from desk.store.views import Cursor, MeetingRow, Page

_COLUMNS = (
    "id, title, kind, status, place, version, date_text, date_phrase, date_reference, date_sort"
)


def first_meetings(path: Path, limit: int = 100) -> Page[MeetingRow]:
    """The newest ``limit`` meetings (undated ones last), read-only."""
    connection = read_only_connection(path)
    try:
        state = read_state(connection)
        judge(str(path), state.tables, state.revision, state.application_id)
        if "meeting" not in state.tables:
            raise NotADeskDatabase(f"{path} holds no desk; it was left untouched")
        rows = connection.execute(
            f"SELECT {_COLUMNS} FROM meeting WHERE date_sort IS NOT NULL "
            "ORDER BY date_sort DESC, id DESC LIMIT ?",
            (limit + 1,),
        ).fetchall()
        segments = [0] * len(rows)
        if len(rows) <= limit:
            undated = connection.execute(
                f"SELECT {_COLUMNS} FROM meeting WHERE date_sort IS NULL ORDER BY id DESC LIMIT ?",
                (limit + 1 - len(rows),),
            ).fetchall()
            rows += undated
            segments += [1] * len(undated)
        more = len(rows) > limit
        rows, segments = rows[:limit], segments[:limit]
        ids = [row[0] for row in rows]
        counts = (
            dict(
                connection.execute(
                    f"SELECT meeting_id, count(*) FROM evidence WHERE meeting_id IN "
                    f"({', '.join('?' * len(ids))}) GROUP BY meeting_id",
                    ids,
                ).fetchall()
            )
            if ids
            else {}
        )
    finally:
        connection.close()
    page_rows = [_row(row, counts.get(row[0], 0)) for row in rows]
    next_cursor = None
    if more and rows:
        last, segment = rows[-1], segments[-1]
        values = (0, dt.date.fromisoformat(last[9]), last[0]) if segment == 0 else (1, last[0])
        next_cursor = Cursor(values)
    return Page(page_rows, next_cursor, None)


def _row(row: tuple, evidence_count: int) -> MeetingRow:  # type: ignore[type-arg]
    identifier, title, kind, status, place, version, text, phrase, reference, _ = row
    date = None
    if text:
        date = PartialDate.from_canonical(
            text,
            phrase=phrase,
            reference=dt.date.fromisoformat(reference) if reference else None,
        )
    return MeetingRow(
        id=identifier,
        title=title,
        kind=kind,
        status=status,
        place=place,
        version=version,
        date=date,
        evidence_count=evidence_count,
    )
