"""The flat file on a SQLite desk: SQLite writes every line, Python only moves the bytes.

One statement reads the meetings in the order they are stored and hands back, for each, its
whole line of the file: its cells quoted and neutralized by the rules of ``flat`` (as Python's
``csv`` module quotes), its actors, agenda items and citations joined by correlated subqueries
(each list in its order, the citations counted in the same subquery). SQLite then sorts the
lines into timeline order (its external sort: memory stays flat, the rest spills to temporary
files), exactly as the one-query reference of the benchmark does.

Reading the meetings in timeline order instead, a batch at a time with four queries each (the
path other databases take), visits the meetings and their links in no order the file keeps:
at a million meetings, SQLite spent more time finding pages than formatting rows.

Lines are built by concatenation, not ``printf``, so a text holding NUL is written whole, as
the ``csv`` module writes it. The file is the same, byte for byte, as the generic path's
(tests hold the two to that).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from desk.exchange import csv_format
from desk.exchange.progress import Throttle

#: The meeting ids between two reports of progress while SQLite reads the meetings (a power of
#: two: the test is one bit mask per meeting).
TICK = 1024
#: Lines fetched from SQLite at a time, once sorted.
FETCH = 2000
#: The SQL function reporting progress (registered on the connection for the export only).
_REACHED = "desk_flat_reached"


def _text(literal: str) -> str:
    return "'" + literal.replace("'", "''") + "'"


_STARTS = ", ".join(_text(c) for c in (*csv_format.FORMULA_STARTS, csv_format.NEUTRALIZER))
_QUOTE_CHARACTERS = ("','", "'\"'", "char(13)", "char(10)")


def _needs_quotes(expression: str) -> str:
    """SQL true when ``expression`` holds a comma, a quotation mark, CR or LF (where the csv
    module quotes a field). Four ``instr`` scans cost less than one GLOB with a class."""
    return "(" + " OR ".join(f"instr({expression}, {c}) > 0" for c in _QUOTE_CHARACTERS) + ")"


def _quoted(expression: str, prefix: str = "") -> str:
    return f"""'"{prefix}'||replace({expression},'"','""')||'"'"""


def cell(expression: str, *, neutralize: bool) -> str:
    """SQL writing the text ``expression`` as the flat file's cell: empty for NULL or empty
    text, a ``'`` in front of formula-looking text (``neutralize``), quoted where needed."""
    branches = [f"WHEN {expression} IS NULL THEN ''"]
    if neutralize:
        marked = f"''''||{expression}"
        quoted = _quoted(expression, prefix="''")
        branches.append(
            f"WHEN substr({expression}, 1, 1) IN ({_STARTS}) THEN CASE WHEN "
            f"{_needs_quotes(expression)} THEN {quoted} ELSE {marked} END"
        )
    branches.append(f"WHEN {_needs_quotes(expression)} THEN {_quoted(expression)}")
    return f"CASE {' '.join(branches)} ELSE {expression} END"


def _as_stored(words: Sequence[str] | None, *, neutralize: bool) -> bool:
    """Whether every word of a vocabulary is written as it is (no quotes, no mark)."""
    return words is not None and all(
        word
        and not (neutralize and word[0] in _NEUTRALIZED)
        and csv_format.quote_field(word) == word
        for word in words
    )


_NEUTRALIZED = frozenset((*csv_format.FORMULA_STARTS, csv_format.NEUTRALIZER))


def _vocabulary_cell(expression: str, words: Sequence[str] | None, *, neutralize: bool) -> str:
    """A column holding one word of a vocabulary (the desk's CHECK constraints enforce it):
    written as stored when no word needs quotes or a mark, which spares the tests."""
    if _as_stored(words, neutralize=neutralize):
        return f"coalesce({expression}, '')"
    return cell(expression, neutralize=neutralize)


def _ordered_aggregates() -> bool:
    """Whether this SQLite takes ORDER BY inside an aggregate (3.44): before, group_concat
    takes the rows in the order its subquery yields them."""
    import sqlite3

    return sqlite3.sqlite_version_info >= (3, 44, 0)


def _joined(texts: str, order: str, separator: str, *, neutralize: bool, then: str = "") -> str:
    """A scalar subquery joining the column ``t`` of the rows of ``texts`` (in the order of
    ``order``) into one cell, followed by ``then`` (SQL over the same rows)."""
    sorted_within = f" ORDER BY {order}" if _ordered_aggregates() else ""
    joined = f"group_concat(t, {_text(separator)}{sorted_within})"
    return f"(SELECT {cell(joined, neutralize=neutralize)}{then} FROM ({texts} ORDER BY {order}))"


def line_sql(*, neutralize: bool) -> str:
    """One SQL expression over ``meeting`` giving its whole line of the flat file (CRLF ended),
    in the columns of ``flat.COLUMNS``."""
    from desk.exchange.flat import CITATION_SEPARATOR, LIST_SEPARATOR
    from desk.exchange.schema import table_spec
    from desk.model import ReviewState

    enums = {column.name: column.enum for column in table_spec("meeting").columns}

    def text(name: str) -> str:
        return cell(f"meeting.{name}", neutralize=neutralize)

    def word(name: str) -> str:
        return _vocabulary_cell(f"meeting.{name}", enums[name], neutralize=neutralize)

    review = (
        "coalesce((SELECT review.state FROM review WHERE review.record_table = 'meeting' "
        f"AND review.record_id = meeting.id), {_text(ReviewState.DRAFT.value)})"
    )
    review_words = [state.value for state in ReviewState]
    actors = _joined(
        "SELECT ma.id AS k, a.name || ' (' || ma.role || ')' AS t FROM meeting_actor ma "
        "JOIN actor a ON a.id = ma.actor_id WHERE ma.meeting_id = meeting.id",
        "k",
        LIST_SEPARATOR,
        neutralize=neutralize,
    )
    agenda = _joined(
        "SELECT mg.id AS k, ai.title || ' (' || mg.status || ')' AS t FROM meeting_agenda mg "
        "JOIN agenda_item ai ON ai.id = mg.agenda_item_id WHERE mg.meeting_id = meeting.id",
        "k",
        LIST_SEPARATOR,
        neutralize=neutralize,
    )
    # The passages citing the meeting, its participants or its agenda links, each once (UNION),
    # in the order of their sources' dates and their place in the text; the cell of their texts
    # and their count come from the one subquery (the two cells are neighbours in the file).
    citations = _joined(
        "SELECT s.date_sort AS k1, s.id AS k2, c.quote_start AS k3, c.quote_end AS k4, "
        "coalesce(nullif(s.publisher, ''), s.title) || ', ' || "
        "coalesce(nullif(s.date_text, ''), 'undated') || ': “' || c.quote || '”' AS t "
        "FROM (SELECT e.source_id, e.quote_start, e.quote_end, e.quote FROM evidence e "
        "WHERE e.meeting_id = meeting.id "
        "UNION SELECT e.source_id, e.quote_start, e.quote_end, e.quote FROM meeting_actor ma "
        "JOIN evidence e ON e.meeting_actor_id = ma.id WHERE ma.meeting_id = meeting.id "
        "UNION SELECT e.source_id, e.quote_start, e.quote_end, e.quote FROM meeting_agenda mg "
        "JOIN evidence e ON e.meeting_agenda_id = mg.id WHERE mg.meeting_id = meeting.id) c "
        "JOIN source s ON s.id = c.source_id",
        "k1, k2, k3, k4",
        CITATION_SEPARATOR,
        neutralize=neutralize,
        then="||','||count(*)",
    )
    cells = [
        "meeting.id",
        text("date_text"),
        word("date_precision"),
        text("date_earliest"),
        text("date_latest"),
        text("title"),
        word("kind"),
        word("status"),
        _vocabulary_cell(review, review_words, neutralize=neutralize),
        text("place"),
        actors,
        agenda,
        citations,
        text("summary"),
    ]
    return "||','||".join(cells) + "||char(13, 10)"


class _Reached:
    """Progress while SQLite reads the meetings (before the first sorted line comes back):
    called by SQL for one meeting id in ``TICK``; what the callback raises is kept, and
    SQLite's statement stops."""

    def __init__(self, throttle: Throttle, count: int, last_id: int) -> None:
        self.throttle = throttle
        self.count = count
        self.last_id = max(1, last_id)
        self.error: BaseException | None = None

    def __call__(self, meeting_id: int) -> int:
        try:
            self.throttle(self.count * min(meeting_id, self.last_id) // self.last_id)
        except BaseException as error:  # re-raised by write_rows, once SQLite has stopped
            self.error = error
            raise
        return 1


def _nothing_reached(meeting_id: int) -> int:
    return 1


def write_rows(
    connection: Any, handle: Any, conditions: list[Any], neutralize: bool, throttle: Throttle
) -> int:
    """Write the lines of the meetings meeting ``conditions`` to the binary file ``handle``, in
    timeline order, within the connection's transaction; returns how many. ``throttle.total``
    must be the number of meetings: progress counts meetings read (the first half of a total
    doubled here), then lines written."""
    from sqlalchemy import func, literal_column, select, text

    from desk.model import Meeting

    count = throttle.total
    throttle.total = 2 * count
    last_id = connection.execute(select(func.coalesce(func.max(Meeting.id), 0))).scalar_one()
    reached = _Reached(throttle, count, last_id)
    statement = (
        select(literal_column(line_sql(neutralize=neutralize)))
        .select_from(Meeting)
        .where(text(f"(meeting.id % {TICK} <> 0 OR {_REACHED}(meeting.id))"), *conditions)
        .order_by(Meeting.date_sort.is_(None), Meeting.date_sort, Meeting.id)  # type: ignore[union-attr]
    )
    raw = connection.connection.dbapi_connection
    text_factory = raw.text_factory
    raw.create_function(_REACHED, 1, reached)
    raw.text_factory = bytes  # lines stay UTF-8 bytes, never decoded and encoded again
    written = 0
    try:
        try:
            result = connection.execute(statement)
        except Exception:
            if reached.error is not None:
                raise reached.error from None
            raise
        cursor = result.cursor
        try:
            while lines := cursor.fetchmany(FETCH):
                handle.write(b"".join([line for (line,) in lines]))
                written += len(lines)
                throttle(count + written)
        finally:
            result.close()
    finally:
        raw.text_factory = text_factory
        # (Python 3.11 cannot remove a function: a no-op takes its place, dropping the callback.)
        raw.create_function(_REACHED, 1, _nothing_reached)
    return written
