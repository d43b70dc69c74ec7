"""The first page of the meetings timeline, read with the standard library's sqlite3 alone.

Opening the app on a large desk should not wait for SQLAlchemy and SQLModel to import (about a
third of a second) before showing anything: this reads the first page the same way
``listing.page(Meeting)`` does (both build it from ``desk.store.timeline_spec``), so the app can
show it while the store opens in the background.
tests/store/test_quick.py checks that both give the same page. It reads only what opening would
accept as a desk (desk.store.recognition): the app calls ``database.is_current`` first, and this
checks the marker and tables again on its own read-only connection.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from desk.store import timeline_spec
from desk.store.errors import NotADeskDatabase
from desk.store.recognition import judge, read_only_connection, read_state
from desk.store.views import Cursor, MeetingRow, Page


def segment_query(segment: tuple[str, tuple[str, ...]], dated: bool) -> tuple[str, tuple[str, ...]]:
    """One timeline segment (``timeline_spec.DATED`` or ``UNDATED``) as the store reads it: its SQL
    and the names of the columns it reads."""
    column, keys = segment
    read = (*timeline_spec.COLUMNS, *(key for key in keys if key not in timeline_spec.COLUMNS))
    order = ", ".join(f"{key} DESC" for key in keys)
    sql = (
        f"SELECT {', '.join(read)} FROM {timeline_spec.TABLE} "
        f"WHERE {column} IS {'NOT NULL' if dated else 'NULL'} ORDER BY {order} LIMIT ?"
    )
    return sql, read


#: The first page's queries, segment by segment, from the spec ``listing.page(Meeting)`` uses.
SEGMENTS = (
    (timeline_spec.DATED, segment_query(timeline_spec.DATED, dated=True)),
    (timeline_spec.UNDATED, segment_query(timeline_spec.UNDATED, dated=False)),
)


def first_meetings(path: Path, limit: int = 100) -> Page[MeetingRow]:
    """The newest ``limit`` meetings (undated ones last), read-only."""
    connection = read_only_connection(path)
    try:
        state = read_state(connection)
        judge(str(path), state.tables, state.revision, state.application_id)
        if timeline_spec.TABLE not in state.tables:
            raise NotADeskDatabase(f"{path} holds no desk; it was left untouched")
        rows: list[dict[str, Any]] = []
        segments: list[int] = []
        for index, (_, (sql, read)) in enumerate(SEGMENTS):
            found = connection.execute(sql, (limit + 1 - len(rows),)).fetchall()
            rows += [dict(zip(read, row, strict=True)) for row in found]
            segments += [index] * len(found)
            if len(rows) > limit:
                break
        more = len(rows) > limit
        rows, segments = rows[:limit], segments[:limit]
        ids = [row["id"] for row in rows]
        counts = {
            name: _counts(connection, table, column, ids)
            for name, (table, column) in timeline_spec.COUNTS.items()
        }
    finally:
        connection.close()
    page_rows = [timeline_spec.meeting_row(row, counts) for row in rows]
    next_cursor = None
    if more and rows:
        last, index = rows[-1], segments[-1]
        keys = SEGMENTS[index][0][1]
        values = [dt.date.fromisoformat(last[k]) if k == "date_sort" else last[k] for k in keys]
        next_cursor = Cursor((index, *values))
    return Page(page_rows, next_cursor, None)


def _counts(
    connection: sqlite3.Connection, table: str, column: str, ids: list[int]
) -> dict[int, int]:
    if not ids:
        return {}
    return dict(
        connection.execute(
            f"SELECT {column}, count(*) FROM {table} WHERE {column} IN "
            f"({', '.join('?' * len(ids))}) GROUP BY {column}",
            ids,
        ).fetchall()
    )
