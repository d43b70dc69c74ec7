"""The meetings timeline's columns, order and rows: one spec for both readers of it.

``listing`` pages the timeline through SQLAlchemy; ``quick`` reads its first page with plain
sqlite3 while SQLAlchemy is still importing. Both build their queries and rows from the names
here, so the two cannot drift apart (tests/store/test_quick.py checks it). No SQLAlchemy here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from desk.store.date_columns import from_columns
from desk.store.views import MeetingRow

TABLE = "meeting"
#: The columns a timeline row shows (MeetingRow is built from them).
COLUMNS = (
    "id",
    "title",
    "kind",
    "status",
    "place",
    "version",
    "date_text",
    "date_phrase",
    "date_reference",
)
#: The timeline's segments in screen order: dated meetings newest first, by (date_sort, id),
#: then undated ones, newest id first. Each is (the column that is NULL or not, its sort keys).
DATED = ("date_sort", ("date_sort", "id"))
UNDATED = ("date_sort", ("id",))
#: Per-row counts: name -> (the counted table, its column holding the meeting's id).
COUNTS = {"evidence": ("evidence", "meeting_id")}


def meeting_row(row: Mapping[str, Any], counts: Mapping[str, Mapping[int, int]]) -> MeetingRow:
    """A timeline row from a mapping of ``COLUMNS`` and the page's counts by name."""
    return MeetingRow(
        id=row["id"],
        title=row["title"],
        kind=row["kind"],
        status=row["status"],
        date=from_columns(row),
        place=row["place"],
        version=row["version"],
        evidence_count=counts["evidence"].get(row["id"], 0),
    )
