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
renamed when complete, reading the desk in batches (memory stays flat).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
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
BATCH = 500
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
                store, writer, neutralize, first, last, actor_id, item_id, verified_only, throttle
            )
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
    columns = (
        Meeting.id,
        Meeting.date_sort,
        Meeting.date_text,
        Meeting.date_precision,
        Meeting.date_earliest,
        Meeting.date_latest,
        Meeting.title,
        Meeting.kind,
        Meeting.status,
        Meeting.place,
        Meeting.summary,
    )
    written = 0
    with store.reading() as session:
        throttle.total = session.execute(
            select(func.count()).select_from(Meeting).where(and_(True, *conditions))
        ).scalar_one()
        for batch in _batches(session, columns, conditions):
            ids = [row[0] for row in batch]
            actors = _grouped(session, _participants_query(ids))
            agenda = _grouped(session, _agenda_query(ids))
            citations = _citations(session, ids)
            review_states = reviews.states(session, "meeting", ids)
            for row in batch:
                meeting_id = row[0]
                cited = citations.get(meeting_id, [])
                values = [
                    meeting_id,
                    row[2],
                    row[3],
                    _day(row[4]),
                    _day(row[5]),
                    row[6],
                    row[7],
                    row[8],
                    review_states[meeting_id].value,
                    row[9],
                    LIST_SEPARATOR.join(
                        f"{name} ({role})" for name, role in actors.get(meeting_id, [])
                    ),
                    LIST_SEPARATOR.join(
                        f"{title} ({status})" for title, status in agenda.get(meeting_id, [])
                    ),
                    CITATION_SEPARATOR.join(cited),
                    len(cited),
                    row[10],
                ]
                writer.writerow([_cell(value, neutralize) for value in values])
            written += len(batch)
            throttle(written)
    return written


def _batches(session: Any, columns: Sequence[Any], conditions: list[Any]) -> Iterator[list[Any]]:
    """Meetings in timeline order (dated by date_sort, then undated), a batch at a time."""
    from sqlalchemy import and_, or_, select

    from desk.model import Meeting

    last: tuple[Any, int] | None = None
    while True:  # dated meetings, by (date_sort, id)
        query = select(*columns).where(Meeting.date_sort.is_not(None), *conditions)  # type: ignore[union-attr]
        if last is not None:
            query = query.where(
                or_(
                    Meeting.date_sort > last[0],  # type: ignore[operator]
                    and_(Meeting.date_sort == last[0], Meeting.id > last[1]),  # type: ignore[operator]
                )
            )
        batch = list(session.execute(query.order_by(Meeting.date_sort, Meeting.id).limit(BATCH)))
        if not batch:
            break
        yield batch
        last = (batch[-1][1], batch[-1][0])
    after = 0
    while True:  # undated meetings, by id
        query = (
            select(*columns)
            .where(Meeting.date_sort.is_(None), Meeting.id > after, *conditions)  # type: ignore[union-attr, operator]
            .order_by(Meeting.id)
            .limit(BATCH)
        )
        batch = list(session.execute(query))
        if not batch:
            break
        yield batch
        after = batch[-1][0]


def _participants_query(ids: list[int]) -> Any:
    from sqlalchemy import select

    from desk.model import Actor, MeetingActor

    return (
        select(MeetingActor.meeting_id, Actor.name, MeetingActor.role)
        .join(Actor, Actor.id == MeetingActor.actor_id)  # type: ignore[arg-type]
        .where(MeetingActor.meeting_id.in_(ids))  # type: ignore[attr-defined]
        .order_by(MeetingActor.meeting_id, MeetingActor.id)
    )


def _agenda_query(ids: list[int]) -> Any:
    from sqlalchemy import select

    from desk.model import AgendaItem, MeetingAgenda

    return (
        select(MeetingAgenda.meeting_id, AgendaItem.title, MeetingAgenda.status)
        .join(AgendaItem, AgendaItem.id == MeetingAgenda.agenda_item_id)  # type: ignore[arg-type]
        .where(MeetingAgenda.meeting_id.in_(ids))  # type: ignore[attr-defined]
        .order_by(MeetingAgenda.meeting_id, MeetingAgenda.id)
    )


def _grouped(session: Any, query: Any) -> dict[int, list[tuple[str, str]]]:
    grouped: dict[int, list[tuple[str, str]]] = {}
    for meeting_id, name, qualifier in session.execute(query):
        grouped.setdefault(meeting_id, []).append((name, qualifier))
    return grouped


def _citations(session: Any, ids: list[int]) -> dict[int, list[str]]:
    """The passages citing each meeting, its participants or its agenda links, once each, in the
    order of their sources' dates and their place in the text."""
    from sqlalchemy import select, union_all

    from desk.model import Evidence, MeetingActor, MeetingAgenda, Source

    fields = (
        Evidence.source_id,
        Evidence.quote_start,
        Evidence.quote_end,
        Evidence.quote,
    )
    on_meeting = select(Evidence.meeting_id.label("meeting_id"), *fields).where(  # type: ignore[union-attr]
        Evidence.meeting_id.in_(ids)  # type: ignore[union-attr]
    )
    on_participant = (
        select(MeetingActor.meeting_id.label("meeting_id"), *fields)  # type: ignore[attr-defined]
        .join(MeetingActor, MeetingActor.id == Evidence.meeting_actor_id)  # type: ignore[arg-type]
        .where(MeetingActor.meeting_id.in_(ids))  # type: ignore[attr-defined]
    )
    on_agenda = (
        select(MeetingAgenda.meeting_id.label("meeting_id"), *fields)  # type: ignore[attr-defined]
        .join(MeetingAgenda, MeetingAgenda.id == Evidence.meeting_agenda_id)  # type: ignore[arg-type]
        .where(MeetingAgenda.meeting_id.in_(ids))  # type: ignore[attr-defined]
    )
    cited = union_all(on_meeting, on_participant, on_agenda).subquery()
    query = (
        select(
            cited.c.meeting_id,
            cited.c.source_id,
            cited.c.quote_start,
            cited.c.quote_end,
            cited.c.quote,
            Source.publisher,
            Source.title,
            Source.date_text,
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
    grouped: dict[int, list[str]] = {}
    seen: set[tuple[int, int, int, int]] = set()
    for meeting_id, source_id, start, end, quote, publisher, title, date_text in session.execute(
        query
    ):
        key = (meeting_id, source_id, start, end)
        if key in seen:
            continue
        seen.add(key)
        grouped.setdefault(meeting_id, []).append(
            f"{publisher or title}, {date_text or 'undated'}: “{quote}”"
        )
    return grouped


def _day(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _cell(value: Any, neutralize: bool) -> str:
    """A flat cell: empty when missing; formula-looking text neutralized unless raw."""
    if value is None:
        return ""
    if isinstance(value, str):
        if neutralize and value and (value[0] in csv_format.FORMULA_STARTS or value[0] == "'"):
            return csv_format.NEUTRALIZER + value
        return value
    return str(value)
