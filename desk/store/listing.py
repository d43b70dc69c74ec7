"""Pages of records in their screen order, fetched by keyset so no page costs more than the first.

Meetings and sources list newest first (by ``date_sort``, undated ones last); actors, agenda items
by name. A page ends with a Cursor holding its last row's sort values; the next page starts after
it, using the same index, however deep into a million rows it is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, select, tuple_
from sqlalchemy.orm import Session

from desk.model import (
    Actor,
    AgendaItem,
    Evidence,
    Meeting,
    MeetingActor,
    MeetingAgenda,
    Record,
    Source,
)
from desk.store import (  # noqa: F401  (sqlite_hints: INDEXED BY)
    reviews,
    search,
    sqlite_hints,
    timeline_spec,
)
from desk.store.date_columns import from_columns
from desk.store.review_states import state_filter
from desk.store.views import END, ActorRow, AgendaRow, Cursor, Page, SourceRow
from desk.store.writer import TABLE_MODELS


@dataclass(frozen=True)
class Segment:
    """A run of rows in one index order: those matching ``where``, sorted by ``keys``."""

    where: ColumnElement[bool] | None
    keys: tuple[Any, ...]
    descending: bool


@dataclass(frozen=True)
class Listing:
    model: type[Record]
    columns: tuple[str, ...]
    segments: tuple[Segment, ...]
    make_row: Callable[[Mapping[str, Any], Mapping[str, dict[int, int]]], Any]
    #: Per-row counts to fetch for a page: name -> (table column holding the record id).
    counts: Mapping[str, Any]
    #: A covering index of (id, sort keys) that puts a filter's few matches in order cheaply...
    filter_index: str | None = None
    #: ...and the index in listing order, which a filter with many matches walks instead.
    timeline_index: str | None = None


def _dated_segments(model: Any) -> tuple[Segment, ...]:
    return (
        Segment(model.date_sort.is_not(None), (model.date_sort, model.id), descending=True),
        Segment(model.date_sort.is_(None), (model.id,), descending=True),
    )


LISTINGS: dict[type[Record], Listing] = {
    Meeting: Listing(
        Meeting,
        timeline_spec.COLUMNS,
        (
            Segment(
                getattr(Meeting, timeline_spec.DATED[0]).is_not(None),
                tuple(getattr(Meeting, key) for key in timeline_spec.DATED[1]),
                descending=True,
            ),
            Segment(
                getattr(Meeting, timeline_spec.UNDATED[0]).is_(None),
                tuple(getattr(Meeting, key) for key in timeline_spec.UNDATED[1]),
                descending=True,
            ),
        ),
        timeline_spec.meeting_row,
        {
            name: getattr(TABLE_MODELS[table], column)
            for name, (table, column) in timeline_spec.COUNTS.items()
        },
        filter_index="ix_meeting_search_order",
        timeline_index="ix_meeting_timeline",
    ),
    Source: Listing(
        Source,
        (
            "id",
            "title",
            "publisher",
            "reliability",
            "version",
            "date_text",
            "date_phrase",
            "date_reference",
        ),
        _dated_segments(Source),
        lambda row, counts: SourceRow(
            id=row["id"],
            title=row["title"],
            publisher=row["publisher"],
            date=from_columns(row),
            reliability=row["reliability"],
            version=row["version"],
            evidence_count=counts["evidence"].get(row["id"], 0),
        ),
        {"evidence": Evidence.source_id},
    ),
    Actor: Listing(
        Actor,
        ("id", "name", "kind", "title", "country", "version"),
        (Segment(None, (Actor.name, Actor.id), descending=False),),
        lambda row, counts: ActorRow(
            id=row["id"],
            name=row["name"],
            kind=row["kind"],
            title=row["title"],
            country=row["country"],
            version=row["version"],
            meeting_count=counts["meetings"].get(row["id"], 0),
            evidence_count=counts["evidence"].get(row["id"], 0),
        ),
        {"meetings": MeetingActor.actor_id, "evidence": Evidence.actor_id},
    ),
    AgendaItem: Listing(
        AgendaItem,
        ("id", "title", "status", "version"),
        (Segment(None, (AgendaItem.title, AgendaItem.id), descending=False),),
        lambda row, counts: AgendaRow(
            id=row["id"],
            title=row["title"],
            status=row["status"],
            version=row["version"],
            meeting_count=counts["meetings"].get(row["id"], 0),
            evidence_count=counts["evidence"].get(row["id"], 0),
        ),
        {"meetings": MeetingAgenda.agenda_item_id, "evidence": Evidence.agenda_item_id},
    ),
}


def _segment_query(
    listing: Listing,
    segment: Segment,
    filter_clause: ColumnElement[bool] | None,
    bound: tuple[Any, ...] | None,
    forward: bool,
    limit: int,
    inclusive: bool = False,
    keys_only: bool = False,
) -> Select[Any]:
    model: Any = listing.model
    if keys_only:
        columns = [model.id, *(key for key in segment.keys if key.key != "id")]
    else:
        columns = [getattr(model, name) for name in listing.columns]
        columns += [key for key in segment.keys if key.key not in listing.columns]
    query = select(*columns)
    conditions = [c for c in (segment.where, filter_clause) if c is not None]
    # Reading forward through a descending segment means going to smaller keys, and so on.
    towards_smaller = segment.descending == forward
    if bound is not None:
        keys, values = tuple_(*segment.keys), tuple_(*bound)
        if inclusive:
            conditions.append(keys <= values if towards_smaller else keys >= values)
        else:
            conditions.append(keys < values if towards_smaller else keys > values)
    if conditions:
        query = query.where(and_(*conditions))
    order = [key.desc() if towards_smaller else key.asc() for key in segment.keys]
    return query.order_by(*order).limit(limit)


def page(
    session: Session,
    model: type[Record],
    *,
    typed: str | None = None,
    after: Cursor | None = None,
    before: Cursor | None = None,
    limit: int = 50,
    inclusive: bool = False,
) -> Page[Any]:
    """One page of ``model`` in screen order, filtered by what the user ``typed``.

    A review state typed as ``is:verified`` (``is:draft``, ``is:needs-review``, ``is:disputed``)
    keeps the records in that state; the other words match names and titles as usual.

    ``after``/``before`` a Cursor read on from (back from) a row; ``before=END`` gives the last
    page. With ``inclusive`` the cursor's own row is part of the page (jumping to a record).
    """
    if after is not None and before is not None:
        raise ValueError("page() takes after or before, not both")
    listing = LISTINGS[model]
    dialect = session.get_bind().dialect.name
    state, typed = state_filter(typed)
    filter_clause = search.matches(model, typed, dialect) if typed else None
    if state is not None and model.__tablename__ in reviews.REVIEWED_MODELS:
        in_state = reviews.in_state(model.__tablename__, model.id, state)  # type: ignore[attr-defined]
        filter_clause = in_state if filter_clause is None else and_(filter_clause, in_state)
    plan: FilterPlan | None = None
    if state is None and filter_clause is not None and listing.filter_index and dialect == "sqlite":
        plan = _filter_plan(session, model, typed or "")
    forward = before is None
    cursor = after if forward else before
    segment_count = len(listing.segments)
    if cursor is None:
        start_segment, bound = 0, None
    elif cursor == END:
        if forward:
            return Page([], None, None)
        start_segment, bound = segment_count - 1, None
    else:
        start_segment, *values = cursor.values
        bound = tuple(values)
    order = range(start_segment, segment_count) if forward else range(start_segment, -1, -1)

    fetched: list[tuple[int, Mapping[str, Any]]] = []
    for index in order:
        segment = listing.segments[index]
        arguments = (
            listing,
            segment,
            filter_clause,
            bound if index == start_segment else None,
            forward,
            limit + 1 - len(fetched),
            inclusive,
        )
        if plan is not None and plan.probe is not None:
            # Most rows match: read the timeline in order, asking FTS5 about each row.
            unfiltered = (listing, segment, None, *arguments[3:])
            keys = _segment_query(*unfiltered, keys_only=True)
            rows = _walk_timeline(session, listing, keys, plan.probe, limit + 1 - len(fetched))
        elif plan is not None:
            index_name = listing.filter_index if plan.sparse else listing.timeline_index
            keys = _segment_query(*arguments, keys_only=True)
            rows = _indexed_rows(session, listing, keys, index_name or "")
        else:
            rows = list(session.execute(_segment_query(*arguments)).mappings())
        fetched.extend((index, row) for row in rows)
        if len(fetched) > limit:
            break
    more = len(fetched) > limit
    fetched = fetched[:limit]
    if not forward:
        fetched.reverse()

    def cursor_of(entry: tuple[int, Mapping[str, Any]]) -> Cursor:
        index, row = entry
        keys = listing.segments[index].keys
        return Cursor((index, *(row[key.key] for key in keys)))

    counts = _counts(session, listing, [row["id"] for _, row in fetched])
    rows = [listing.make_row(row, counts) for _, row in fetched]
    if not fetched:
        return Page(rows, None, None)
    if forward:
        return Page(
            rows, cursor_of(fetched[-1]) if more else None, cursor_of(fetched[0]) if after else None
        )
    return Page(
        rows,
        cursor_of(fetched[-1]) if before != END else None,
        cursor_of(fetched[0]) if more else None,
    )


def filter_key(typed: str | None) -> tuple[Any, tuple[str, ...]]:
    """What ``page`` filters by in what was typed: texts with the same key list the same
    records ("kim" and "kim ", "Kim Jong" and "kim-jong")."""
    state, words = state_filter(typed)
    return state, tuple(search.terms(words or ""))


#: Up to this many matches, a filter sorts its matches by the covering index (cheap for few)...
DENSE_MATCHES = 10_000
#: ...above, SQLite reads the timeline index in order, keeping rows among the matches; above
#: this share of all rows, each row is asked of FTS5 instead of gathering every match first
#: (a one-letter filter matches a third of a million meetings).
VERY_DENSE_SHARE = 0.15


@dataclass(frozen=True)
class FilterPlan:
    """How a filtered page is read: sorting sparse matches, or walking the timeline."""

    sparse: bool
    #: For very dense filters: whether one id matches (asked of FTS5 row by row).
    probe: Callable[[int], bool] | None = None


def _filter_plan(session: Session, model: Any, typed: str) -> FilterPlan | None:
    """Choose by how many rows the filter matches (an FTS5 count takes a few milliseconds)."""
    words = search.terms(typed)
    if not words:
        return None
    raw = session.connection().connection.driver_connection
    assert raw is not None
    table = f"{model.__tablename__}_fts"
    match = search.fts_query(words)
    (largest,) = raw.execute(f"SELECT max(rowid) FROM {model.__tablename__}").fetchone()
    very_dense = VERY_DENSE_SHARE * (largest or 1)
    # Counted only as far as the plan needs: a one-letter filter matches half a million
    # meetings, and counting them all took longer than reading its page.
    (count,) = raw.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)",
        (match, int(max(DENSE_MATCHES, very_dense)) + 1),
    ).fetchone()
    if count <= DENSE_MATCHES:
        return FilterPlan(sparse=True)
    if count > very_dense:
        probe = f"SELECT 1 FROM {table} WHERE {table} MATCH ? AND rowid = ?"
        return FilterPlan(
            sparse=False,
            probe=lambda record_id: raw.execute(probe, (match, record_id)).fetchone() is not None,
        )
    return FilterPlan(sparse=False)


def _walk_timeline(
    session: Session,
    listing: Listing,
    keys: Select[Any],
    matches: Callable[[int], bool],
    wanted: int,
) -> list[Mapping[str, Any]]:
    """The first ``wanted`` rows of ``keys`` (the timeline, in order) that ``matches``.

    When a filter matches a large share of a million meetings ("kim"), sorting every match costs
    more than reading the timeline until a page is full; other filters take _indexed_rows.
    """
    # Read ids straight from the DB-API cursor: this loop may see thousands of rows.
    raw = session.connection().connection.driver_connection
    assert raw is not None
    statement = keys.limit(None).compile(
        dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}
    )
    ordered: list[int] = []
    for record_id, *_rest in raw.execute(str(statement)):
        if matches(record_id):
            ordered.append(record_id)
            if len(ordered) >= wanted:
                break
    return _rows_in_order(session, listing, ordered)


def _indexed_rows(
    session: Session, listing: Listing, keys: Select[Any], index_name: str
) -> list[Mapping[str, Any]]:
    """A filtered page's ids through the index named (SQLite's planner left to itself reads
    every match by rowid), then just the rows shown."""
    model: Any = listing.model
    hinted = keys.with_hint(model, f"INDEXED BY {index_name}", dialect_name="sqlite")
    return _rows_in_order(
        session, listing, [row["id"] for row in session.execute(hinted).mappings()]
    )


def _rows_in_order(
    session: Session, listing: Listing, ordered: list[int]
) -> list[Mapping[str, Any]]:
    """The listing's columns for ``ordered`` ids, in that order."""
    model: Any = listing.model
    if not ordered:
        return []
    columns = [getattr(model, name) for name in listing.columns]
    columns += [model.date_sort] if "date_sort" not in listing.columns else []
    found = {
        row["id"]: row
        for row in session.execute(select(*columns).where(model.id.in_(ordered))).mappings()
    }
    return [found[record_id] for record_id in ordered]


def cursor_for(session: Session, model: type[Record], record_id: int) -> Cursor | None:
    """The cursor of one record in its listing order (None if there is no such record)."""
    listing = LISTINGS[model]
    table: Any = model
    for index, segment in enumerate(listing.segments):
        query = select(*segment.keys).where(table.id == record_id)
        if segment.where is not None:
            query = query.where(segment.where)
        row = session.execute(query).first()
        if row is not None:
            return Cursor((index, *row))
    return None


def _counts(session: Session, listing: Listing, ids: Sequence[int]) -> dict[str, dict[int, int]]:
    counts: dict[str, dict[int, int]] = {}
    for name, column in listing.counts.items():
        if not ids:
            counts[name] = {}
            continue
        query = select(column, func.count()).where(column.in_(ids)).group_by(column)
        counts[name] = {record_id: count for record_id, count in session.execute(query)}
    return counts
