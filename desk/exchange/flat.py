"""``export_flat``: one row per meeting, for analysts (an ACLED-style event file).

Each row holds a meeting's date (canonical text, precision, earliest and latest day), title,
kind, status, review state (draft, needs_review, verified, disputed) and place, its actors with
their roles, its agenda items with how sure the report is, and the citations supporting the
meeting and its links, joined in readable form::

    Sergei Shoigu (guest); Kim Jong-un (host)
    Yonhap News Agency, 2025-03-21: “Earlier in the day, Sergei Shoigu …”

Meetings come in timeline order (undated ones last), optionally only those overlapping a date
range, with an actor or on an agenda item, or only those a reviewer has verified. The file is
for reading, not for importing back: a missing value is an empty cell. Like the package, it is
RFC 4180 CSV in UTF-8; formula-looking text is neutralized by default (``raw`` keeps values as
stored), and the Excel profile adds a byte order mark. It is written under a temporary name and
renamed when complete. On SQLite one statement makes every line and sorts them into timeline
order (``flat_sqlite``); other databases are read a batch of meetings at a time, with a query
each for their participants, agenda links and citations, and Python's ``csv`` module writes the
rows: the same bytes either way. Memory stays flat on both.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.exchange import csv_format
from desk.exchange.errors import ExportRefused
from desk.exchange.progress import Throttle
from desk.exchange.subjects import resolve_actor, resolve_agenda, resolve_date
from desk.exchange.targets import check_flat_target

if TYPE_CHECKING:
    from desk.dates import PartialDate
    from desk.store import Store

COLUMNS = (
    "meeting_id",
    "date",
    "date_precision",
    "date_earliest",
    "date_latest",
    "title",
    "kind",
    "status",
    "review_state",
    "place",
    "actors",
    "agenda",
    "citations",
    "citation_count",
    "summary",
)
BATCH = 2000
#: Between the actors (and the agenda items) of a meeting, and between its citations.
LIST_SEPARATOR = "; "
CITATION_SEPARATOR = " | "


@dataclass(frozen=True)
class FlatResult:
    path: Path
    rows: int
    seconds: float
    #: The filters as applied, in words ("from 2024-06 to 2025", "with Sergei Shoigu").
    filters: tuple[str, ...] = ()


def export_flat(
    store: Store,
    path: str | os.PathLike[str],
    *,
    profile: str = "data",
    date_from: PartialDate | str | None = None,
    date_to: PartialDate | str | None = None,
    actor: int | str | None = None,
    agenda_item: int | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    replace: bool = False,
    today: dt.date | None = None,
    raw: bool = False,
    verified_only: bool = False,
) -> FlatResult:
    """Write one row per meeting to the CSV file ``path``.

    The file is for spreadsheets: text a spreadsheet would run as a formula (starting with
    ``=``, ``+``, ``-``, ``@``, their fullwidth forms, a tab or a line break) gets a ``'`` in
    front, in both profiles, unless ``raw`` asks for the values exactly as stored.

    ``date_from``/``date_to`` keep meetings whose dates overlap the range (free text such as
    "2024-06" or "last June" is resolved against ``today``); ``actor`` and ``agenda_item`` (an
    id, or a name, alias or title) keep meetings with that actor or agenda item;
    ``verified_only`` keeps meetings a reviewer has verified.
    ``progress(done, total)`` counts meetings written.
    """
    started = time.perf_counter()
    csv_format.check_profile(profile)
    excel = profile == "excel"
    target = Path(path).expanduser().absolute()
    check_flat_target(target, ",".join(COLUMNS) + csv_format.LINE_END, replace=replace)
    first = resolve_date(date_from, today, "--from")
    last = resolve_date(date_to, today, "--to")
    actor_id, actor_name = (
        resolve_actor(store, actor, "--actor") if actor is not None else (None, None)
    )
    item_id, item_title = (
        resolve_agenda(store, agenda_item, "--agenda") if agenda_item is not None else (None, None)
    )
    filters = []
    if first or last:
        filters.append(
            " ".join(
                part
                for part in (
                    f"from {first.text}" if first else "",
                    f"to {last.text}" if last else "",
                )
                if part
            )
        )
    if actor_name:
        filters.append(f"with {actor_name}")
    if item_title:
        filters.append(f"on {item_title}")
    if verified_only:
        filters.append("verified only")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as error:
        raise ExportRefused(f"cannot write beside {target}: {error.strerror or error}") from error
    temporary = Path(name)
    throttle = Throttle(progress)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            if excel:
                out.write(csv_format.BOM)
            writer = csv.writer(out, lineterminator=csv_format.LINE_END)
            writer.writerow(COLUMNS)
            neutralize = not raw
            rows = _write_rows(
                store, out, writer, neutralize, first, last, actor_id, item_id, verified_only,
                throttle,
            )  # fmt: skip
        os.replace(temporary, target)
        throttle.finish()
    except OSError as error:  # a full disk (EFBIG, ENOSPC)
        raise ExportRefused(
            f"cannot write {target}: {error.strerror or error}; nothing was written"
        ) from error
    finally:
        temporary.unlink(missing_ok=True)
    return FlatResult(target, rows, time.perf_counter() - started, tuple(filters))


def _write_rows(
    store: Store,
    out: Any,
    writer: Any,
    neutralize: bool,
    first: PartialDate | None,
    last: PartialDate | None,
    actor_id: int | None,
    item_id: int | None,
    verified_only: bool,
    throttle: Throttle,
) -> int:
    from sqlalchemy import and_, func, or_, select

    from desk.model import Meeting, MeetingActor, MeetingAgenda, ReviewState
    from desk.store import reviews

    conditions: list[Any] = []
    if first is not None or last is not None:
        conditions.append(Meeting.date_text.is_not(None))  # type: ignore[union-attr]
    if first is not None:
        start = first.earliest or first.latest
        conditions.append(or_(Meeting.date_latest.is_(None), Meeting.date_latest >= start))  # type: ignore[union-attr, operator]
    if last is not None:
        end = last.latest or last.earliest
        conditions.append(or_(Meeting.date_earliest.is_(None), Meeting.date_earliest <= end))  # type: ignore[union-attr, operator]
    if actor_id is not None:
        conditions.append(
            Meeting.id.in_(  # type: ignore[union-attr]
                select(MeetingActor.meeting_id).where(MeetingActor.actor_id == actor_id)
            )
        )
    if item_id is not None:
        conditions.append(
            Meeting.id.in_(  # type: ignore[union-attr]
                select(MeetingAgenda.meeting_id).where(MeetingAgenda.agenda_item_id == item_id)
            )
        )
    if verified_only:
        conditions.append(reviews.in_state("meeting", Meeting.id, ReviewState.VERIFIED))
    written = 0
    with store.reading() as session:
        connection = session.connection()  # Core: the rows are values, not ORM objects
        throttle.total = connection.execute(
            select(func.count()).select_from(Meeting).where(and_(True, *conditions))
        ).scalar_one()
        if _lines_in_sql(connection):
            from desk.exchange import flat_sqlite

            out.flush()
            return flat_sqlite.write_rows(connection, out.buffer, conditions, neutralize, throttle)
        links = {
            kind: _link_queries(_window(kind), conditions)
            for kind in (_DATED_WINDOW, _UNDATED_WINDOW)
        }
        for batch, kind, window in _batches(connection, conditions):
            participants, agenda_links, citing = links[kind]
            actors = _joined(_plain_rows(connection, participants, window))
            agenda = _joined(_plain_rows(connection, agenda_links, window))
            citations = _citations(_plain_rows(connection, citing, window))
            writer.writerows(_flat_rows(batch, actors, agenda, citations, neutralize))
            written += len(batch)
            throttle(written)
    return written


def _lines_in_sql(connection: Any) -> bool:
    """Whether the database writes the file's lines itself: SQLite does (``flat_sqlite``, the
    same bytes, in one statement); other databases give rows that Python writes."""
    return connection.dialect.name == "sqlite"  # type: ignore[no-any-return]


def _plain_rows(connection: Any, query: Any, parameters: dict[str, Any]) -> list[Any]:
    """The rows of ``query`` as the database driver gives them: plain tuples, without making a
    SQLAlchemy Row of each (the links are most of what an export reads, and text only)."""
    result = connection.execute(query, parameters)
    try:
        return result.cursor.fetchall()  # type: ignore[no-any-return]
    finally:
        result.close()


def _flat_rows(
    batch: Sequence[Any],
    actors: dict[int, str],
    agenda: dict[int, str],
    citations: dict[int, tuple[str, str]],
    neutralize: bool,
) -> Iterator[list[str]]:
    """The file's rows for a batch of meetings (``_meeting_columns``). A million rows of a dozen
    cells: the cells are made inline, without a function call each."""
    starts = _NEUTRALIZED_STARTS if neutralize else frozenset()
    mark = csv_format.NEUTRALIZER
    uncited = ("0", "")
    for row in batch:
        meeting_id = row[0]
        count, cited = citations.get(meeting_id, uncited)
        texts = (
            row[2],
            row[3],
            _day(row[4]),
            _day(row[5]),
            row[6],
            row[7],
            row[8],
            row[11],
            row[9],
            actors.get(meeting_id),
            agenda.get(meeting_id),
            cited,
            count,
            row[10],
        )
        cells = [str(meeting_id)]
        cells += ["" if not text else mark + text if text[0] in starts else text for text in texts]
        yield cells


#: The meetings of one batch, for the queries of their links: a window of the timeline, bounds
#: as parameters (the same statement every batch: compiled once, no list of ids to expand).
_DATED_WINDOW = "dated"
_UNDATED_WINDOW = "undated"


def _window(kind: str) -> Any:
    """The condition on ``meeting`` selecting one batch: after ``(sort, after)`` up to and
    including ``(up_sort, up_to)`` on the timeline (undated: ids after ``after`` up to ``up_to``).
    """
    from sqlalchemy import bindparam, tuple_

    from desk.model import Meeting

    if kind == _UNDATED_WINDOW:
        return (
            Meeting.date_sort.is_(None)
            & (Meeting.id > bindparam("after"))
            & (  # type: ignore[union-attr, operator]
                Meeting.id <= bindparam("up_to")  # type: ignore[operator]
            )
        )
    timeline = tuple_(Meeting.date_sort, Meeting.id)
    return (timeline > tuple_(_day_parameter("sort"), bindparam("after"))) & (
        timeline <= tuple_(_day_parameter("up_sort"), bindparam("up_to"))
    )


def _day_parameter(name: str) -> Any:
    """A day on the timeline as the driver gave it back (SQLite: its text; PostgreSQL: a date),
    bound as it is: meetings are read as plain driver rows, not converted to dates and back."""
    from sqlalchemy import Date, String, bindparam
    from sqlalchemy.types import TypeDecorator

    class TimelineDay(TypeDecorator[Any]):
        impl = Date
        cache_ok = True

        def load_dialect_impl(self, dialect: Any) -> Any:
            return dialect.type_descriptor(String() if dialect.name == "sqlite" else Date())

    return bindparam(name, type_=TimelineDay())


def _meeting_columns() -> tuple[Any, ...]:
    """A meeting's columns as the file shows them (days as the database's own text on SQLite,
    not parsed into dates only to be written out again)."""
    from sqlalchemy import String, func, select, type_coerce

    from desk.model import Meeting, Review, ReviewState

    state = (
        select(Review.state)
        .where(Review.record_table == "meeting", Review.record_id == Meeting.id)
        .scalar_subquery()
    )
    return (
        Meeting.id,
        type_coerce(Meeting.date_sort, String),
        Meeting.date_text,
        Meeting.date_precision,
        type_coerce(Meeting.date_earliest, String),
        type_coerce(Meeting.date_latest, String),
        Meeting.title,
        Meeting.kind,
        Meeting.status,
        Meeting.place,
        Meeting.summary,
        # The review state: one lookup in the review table's unique index per meeting, in the
        # same query (a draft has no row there).
        func.coalesce(state, ReviewState.DRAFT.value),
    )


def _batches(
    connection: Any, conditions: list[Any]
) -> Iterator[tuple[Sequence[Any], str, dict[str, Any]]]:
    """Meetings in timeline order (dated by date_sort, then undated), a batch at a time, each
    with its window (``_window``: its kind and parameters) for the queries of its links.

    Each batch starts right after the last one by a row-value comparison on the timeline index
    (date_sort, id): ``(date_sort, id) > (?, ?)`` is one seek on SQLite and PostgreSQL alike,
    where ``date_sort > ? OR (date_sort = ? AND id > ?)`` made SQLite walk every meeting of the
    same day (or month, or decade) again for each batch, which grew faster than the desk.
    """
    from sqlalchemy import bindparam, select, tuple_

    from desk.model import Meeting

    columns = _meeting_columns()
    timeline = (Meeting.date_sort, Meeting.id)
    dated = select(*columns).where(Meeting.date_sort.is_not(None), *conditions)  # type: ignore[union-attr]
    first = dated.order_by(*timeline).limit(BATCH)
    following = (
        dated.where(tuple_(*timeline) > tuple_(_day_parameter("sort"), bindparam("after")))
        .order_by(*timeline)
        .limit(BATCH)
    )
    batch = _plain_rows(connection, first, {})
    if batch:  # the window starts just before the first meeting on the timeline
        bounds = {"sort": batch[0][1], "after": batch[0][0] - 1}
    while batch:
        window = {**bounds, "up_sort": batch[-1][1], "up_to": batch[-1][0]}
        yield batch, _DATED_WINDOW, window
        bounds = {"sort": batch[-1][1], "after": batch[-1][0]}
        batch = _plain_rows(connection, following, bounds)
    undated = (
        select(*columns)
        .where(Meeting.date_sort.is_(None), Meeting.id > bindparam("after"), *conditions)  # type: ignore[union-attr, operator]
        .order_by(Meeting.id)
        .limit(BATCH)
    )
    after = 0
    batch = _plain_rows(connection, undated, {"after": after})
    while batch:
        yield batch, _UNDATED_WINDOW, {"after": after, "up_to": batch[-1][0]}
        after = batch[-1][0]
        batch = _plain_rows(connection, undated, {"after": after})


def _link_queries(window: Any, conditions: list[Any]) -> tuple[Any, Any, Any]:
    """The participants, agenda links and citations of the meetings in ``window`` (and meeting
    ``conditions``), each ordered by meeting."""
    from sqlalchemy import func, select, union

    from desk.model import Actor, AgendaItem, Evidence, Meeting, MeetingActor, MeetingAgenda, Source

    def of_meetings(query: Any, meeting_id: Any) -> Any:
        return query.join(Meeting, Meeting.id == meeting_id).where(window, *conditions)  # type: ignore[arg-type]

    participants = of_meetings(
        select(MeetingActor.meeting_id, Actor.name + " (" + MeetingActor.role + ")").join(
            Actor,
            Actor.id == MeetingActor.actor_id,  # type: ignore[arg-type]
        ),
        MeetingActor.meeting_id,
    ).order_by(Meeting.date_sort, Meeting.id, MeetingActor.id)
    agenda = of_meetings(
        select(MeetingAgenda.meeting_id, AgendaItem.title + " (" + MeetingAgenda.status + ")").join(
            AgendaItem,
            AgendaItem.id == MeetingAgenda.agenda_item_id,  # type: ignore[arg-type]
        ),
        MeetingAgenda.meeting_id,
    ).order_by(Meeting.date_sort, Meeting.id, MeetingAgenda.id)
    # The passages citing each meeting, its participants or its agenda links, in the order of
    # their sources' dates and their place in the text.
    fields = (Evidence.source_id, Evidence.quote_start, Evidence.quote_end, Evidence.quote)
    on_meeting = of_meetings(
        select(Evidence.meeting_id.label("meeting_id"), *fields),  # type: ignore[union-attr]
        Evidence.meeting_id,
    )
    on_participant = of_meetings(
        select(MeetingActor.meeting_id.label("meeting_id"), *fields).join(  # type: ignore[attr-defined]
            MeetingActor,
            MeetingActor.id == Evidence.meeting_actor_id,  # type: ignore[arg-type]
        ),
        MeetingActor.meeting_id,
    )
    on_agenda = of_meetings(
        select(MeetingAgenda.meeting_id.label("meeting_id"), *fields).join(  # type: ignore[attr-defined]
            MeetingAgenda,
            MeetingAgenda.id == Evidence.meeting_agenda_id,  # type: ignore[arg-type]
        ),
        MeetingAgenda.meeting_id,
    )
    # UNION: a passage citing the meeting and one of its links (or twice) is cited once.
    cited = union(on_meeting, on_participant, on_agenda).subquery()
    citing = (
        select(
            cited.c.meeting_id,
            cited.c.source_id,
            cited.c.quote_start,
            cited.c.quote_end,
            func.coalesce(func.nullif(Source.publisher, ""), Source.title)
            + ", "
            + func.coalesce(func.nullif(Source.date_text, ""), "undated")
            + ": “"
            + cited.c.quote
            + "”",
        )
        .join(Source, Source.id == cited.c.source_id)  # type: ignore[arg-type]
        .order_by(
            cited.c.meeting_id,
            Source.date_sort,
            Source.id,
            cited.c.quote_start,
            cited.c.quote_end,
        )
    )
    return participants, agenda, citing


_MEETING = itemgetter(0)
_LINK_TEXT = itemgetter(1)
_CITATION_TEXT = itemgetter(4)


def _joined(rows: Any) -> dict[int, str]:
    """Each meeting's 'name (qualifier)' texts (made by the query, a meeting's rows together
    and in order) joined into one."""
    return {
        meeting_id: LIST_SEPARATOR.join(map(_LINK_TEXT, links))
        for meeting_id, links in groupby(rows, _MEETING)
    }


def _citations(rows: Any) -> dict[int, tuple[str, str]]:
    """Each meeting's citations (from ``_citing``: a meeting's rows together, each passage
    once, its text made by the query): how many, and their texts joined."""
    found = {}
    for meeting_id, cited in groupby(rows, _MEETING):
        texts = list(map(_CITATION_TEXT, cited))
        found[meeting_id] = (str(len(texts)), CITATION_SEPARATOR.join(texts))
    return found


def _day(value: Any) -> str | None:
    if value is None or value.__class__ is str:  # SQLite gives its text back
        return value  # type: ignore[no-any-return]
    return value.isoformat() if isinstance(value, dt.date) else str(value)


_NEUTRALIZED_STARTS = frozenset((*csv_format.FORMULA_STARTS, csv_format.NEUTRALIZER))
