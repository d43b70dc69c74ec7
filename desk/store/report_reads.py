"""What reading a report needs from a desk, written once as SQL and run two ways.

Proposals (``desk suggest``, the app's suggestions) read a source, the actors under the name keys
its words make (``desk.store.actor_keys``), the organizations' names, the agenda items, some
actors' meetings and the decisions already taken. Each read is one function here, over a ``Run``
(SQL with ``:named`` parameters -> rows), so that:

* the Store runs them in its own sessions, on SQLite or PostgreSQL (``session_run``);
* ``SqliteReads`` runs the same SQL on a read-only sqlite3 connection of its own, for a command
  that only reads a SQLite desk: it never imports SQLAlchemy, SQLModel or the model, which cost
  ``desk suggest`` about 0.5 s of its 1.3 s of CPU on the 1M benchmark desk.

tests/store/test_report_reads.py holds the two to the same answers.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk.store.errors import NotFound

#: SQL with ``:named`` parameters, and its parameters -> the rows it returns, as tuples.
Run = Callable[[str, Mapping[str, Any]], Sequence[Sequence[Any]]]

#: Values given in one ``IN (...)`` (SQLite allows 32766 parameters; PostgreSQL 65535).
CHUNK = 2000
#: Meetings read whole in one statement (``meetings_of``).
MEETING_CHUNK = 500


@dataclass(frozen=True)
class ActorNames:
    id: int
    name: str
    kind: str
    title: str | None
    country: str | None
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class MeetingSketch:
    id: int
    title: str
    status: str
    date_text: str | None
    place: str | None
    actor_ids: tuple[int, ...]


@dataclass(frozen=True)
class SourceText:
    """A source as reading it needs: its text, title and the columns of its publication day."""

    id: int
    title: str
    text: str
    date_text: str | None
    date_phrase: str | None
    date_reference: Any


@dataclass(frozen=True)
class DecisionRow:
    """A decision taken on one proposal (the fields of the model's ``ProposalDecision``)."""

    id: int
    version: int
    source_id: int
    kind: str
    key: str
    decision: str
    label: str
    record_table: str | None
    record_id: int | None


def _in(name: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``:name0, :name1, ...`` and its parameters, for ``IN (...)``."""
    params = {f"{name}{number}": value for number, value in enumerate(values)}
    return ", ".join(f":{key}" for key in params), params


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for offset in range(0, len(values), size):
        yield values[offset : offset + size]


# -- the reads ---------------------------------------------------------------------------------
def source_text(run: Run, source_id: int) -> SourceText:
    rows = run(
        "SELECT id, title, text, date_text, date_phrase, date_reference FROM source WHERE id = :id",
        {"id": source_id},
    )
    if not rows:
        raise NotFound("source", source_id)
    return SourceText(*rows[0])


def decisions(run: Run, source_id: int) -> list[DecisionRow]:
    rows = run(
        'SELECT id, version, source_id, kind, "key", decision, label, record_table, record_id '
        "FROM proposal_decision WHERE source_id = :source_id ORDER BY id",
        {"source_id": source_id},
    )
    return [DecisionRow(*row) for row in rows]


def actor_names(run: Run, ids: Collection[int] | None = None) -> list[ActorNames]:
    """Actors with their aliases: all of them, or those of ``ids``."""
    actors = "SELECT id, name, kind, title, country FROM actor"
    aliases_of = "SELECT actor_id, name FROM actor_alias"
    found: list[ActorNames] = []
    chunks: Iterable[Sequence[int] | None] = [None] if ids is None else _chunks(sorted(ids))
    for chunk in chunks:
        where, params = ("", {}) if chunk is None else _in("id", chunk)
        aliases: dict[int, list[str]] = {}
        alias_query = f"{aliases_of}{f' WHERE actor_id IN ({where})' if where else ''} ORDER BY id"
        for actor_id, name in run(alias_query, params):
            aliases.setdefault(actor_id, []).append(name)
        actor_query = f"{actors}{f' WHERE id IN ({where})' if where else ''}"
        found += [
            ActorNames(actor_id, name, kind, title, country, tuple(aliases.get(actor_id, ())))
            for actor_id, name, kind, title, country in run(actor_query, params)
        ]
    return found


def names_of_kind(run: Run, kind: str) -> list[tuple[int, str]]:
    """(actor id, name or alias) of every actor of one ``kind``: actors in id order, each with
    its name first, then its aliases in the order they were added. Only the two columns: a
    fuzzy match reads every name, but only the few actors that match are read whole."""
    rows = run(
        "SELECT actor.id AS actor_id, actor.name AS name, 0 AS alias_id FROM actor "
        "WHERE actor.kind = :kind "
        "UNION ALL SELECT actor_alias.actor_id, actor_alias.name, actor_alias.id "
        "FROM actor_alias JOIN actor ON actor.id = actor_alias.actor_id WHERE actor.kind = :kind "
        "ORDER BY actor_id, alias_id",
        {"kind": kind},
    )
    return [(actor_id, name) for actor_id, name, _ in rows]


def agenda_titles(run: Run) -> list[tuple[int, str, str | None]]:
    rows = run("SELECT id, title, description FROM agenda_item", {})
    return [(item_id, title, description) for item_id, title, description in rows]


def meetings_of(run: Run, actor_ids: Iterable[int], limit: int) -> list[MeetingSketch]:
    """The newest meetings (``limit`` per actor at most) any of ``actor_ids`` take part in."""
    meeting_ids: set[int] = set()
    for actor_id in sorted(set(actor_ids)):
        rows = run(
            "SELECT meeting_actor.meeting_id FROM meeting_actor "
            "JOIN meeting ON meeting.id = meeting_actor.meeting_id "
            "WHERE meeting_actor.actor_id = :actor_id "
            "ORDER BY meeting.date_sort DESC, meeting.id DESC LIMIT :limit",
            {"actor_id": actor_id, "limit": limit},
        )
        meeting_ids.update(row[0] for row in rows)
    participants: dict[int, list[int]] = {}
    sketches: list[MeetingSketch] = []
    for chunk in _chunks(sorted(meeting_ids), MEETING_CHUNK):
        where, params = _in("id", chunk)
        for meeting_id, actor_id in run(
            f"SELECT meeting_id, actor_id FROM meeting_actor WHERE meeting_id IN ({where})", params
        ):
            participants.setdefault(meeting_id, []).append(actor_id)
        for meeting_id, title, status, date_text, place in run(
            f"SELECT id, title, status, date_text, place FROM meeting WHERE id IN ({where})", params
        ):
            sketches.append(
                MeetingSketch(
                    meeting_id,
                    title,
                    status,
                    date_text,
                    place,
                    tuple(sorted(participants.get(meeting_id, []))),
                )
            )
    return sketches


def actor_ids_by_key(run: Run, keys: Collection[str]) -> dict[str, list[int]]:
    """The actors known under each of ``keys`` (only keys some actor has), in id order."""
    found: dict[str, list[int]] = {}
    for chunk in _chunks(sorted(set(keys))):
        where, params = _in("key", chunk)
        for key, actor_id in run(
            f'SELECT "key", actor_id FROM actor_name_key WHERE "key" IN ({where}) '
            'ORDER BY "key", actor_id',
            params,
        ):
            found.setdefault(key, []).append(actor_id)
    return found


def actors_by_keys(run: Run, keys: Collection[str]) -> dict[str, list[ActorNames]]:
    """The actors known under each of ``keys``, read whole; keys no actor has are left out."""
    ids_by_key = actor_ids_by_key(run, keys)
    ids = {actor_id for found in ids_by_key.values() for actor_id in found}
    actors = {a.id: a for a in actor_names(run, ids)} if ids else {}
    return {key: [actors[i] for i in found if i in actors] for key, found in ids_by_key.items()}


def longest_name(run: Run) -> int:
    """The most words any actor's name or alias has (1 on an empty desk)."""
    rows = run("SELECT max(words) FROM actor_name_key", {})
    return int(rows[0][0] or 1) if rows else 1


def session_run(session: Any) -> Run:
    """A Store session (SQLAlchemy) as a ``Run``."""
    from sqlalchemy import text

    def run(sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        return session.execute(text(sql), dict(params)).all()  # type: ignore[no-any-return]

    return run


# -- on SQLite, without SQLAlchemy --------------------------------------------------------------
_NAMED = re.compile(r":(\w+)")


def positional(sql: str, params: Mapping[str, Any]) -> tuple[str, list[Any]]:
    """``sql``'s ``:named`` parameters as ``?`` and their values in order: sqlite3 binds two
    thousand named parameters (a lookup's ``IN``) several times slower than positional ones."""
    values: list[Any] = []

    def mark(match: re.Match[str]) -> str:
        values.append(params[match.group(1)])
        return "?"

    return _NAMED.sub(mark, sql), values


class SqliteReads:
    """The reads above, on a SQLite desk opened read-only with the standard library alone.

    ``open`` answers None for what it leaves to the Store: a server, a missing file, a desk at
    an older schema (the Store says what to do about each); anything the Store would refuse as
    a desk (not a desk, damaged, newer) it refuses the same way, after the same bounded check.
    Every read is in one transaction, so they all see the desk as it was at the first.
    """

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection

    @classmethod
    def open(cls, location: Any) -> SqliteReads | None:
        from desk.migrations import HEAD
        from desk.store.database import BUSY_TIMEOUT_SECONDS, judge_file
        from desk.store.recognition import QUICK_CHECK_SECONDS, existing_file, inspect_sqlite_file

        path = location.path
        if path is None or not existing_file(path):
            return None
        state = inspect_sqlite_file(path, check_seconds=QUICK_CHECK_SECONDS)
        judge_file(path, state.tables, state.revision, state.application_id)
        if state.revision != HEAD:
            return None
        connection = sqlite3.connect(
            f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_SECONDS
        )
        connection.isolation_level = None
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
        connection.execute("BEGIN")
        return cls(path, connection)

    def _run(self, sql: str, params: Mapping[str, Any]) -> Sequence[Sequence[Any]]:
        from desk.store.faults import as_desk_error

        statement, values = positional(sql, params)
        try:
            return self._connection.execute(statement, values).fetchall()
        except sqlite3.Error as error:
            translated = as_desk_error(error, str(self.path))
            if translated is None:
                raise
            raise translated from error

    def close(self) -> None:
        self._connection.close()

    def __enter__(self) -> SqliteReads:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # The Store's names for the same reads (desk.store.queries), so either serves proposals.
    def source_text(self, source_id: int) -> SourceText:
        return source_text(self._run, source_id)

    def proposal_decisions(self, source_id: int) -> list[DecisionRow]:
        return decisions(self._run, source_id)

    def actors_by_name_keys(self, keys: Collection[str]) -> dict[str, list[ActorNames]]:
        return actors_by_keys(self._run, keys)

    def longest_actor_name(self) -> int:
        return longest_name(self._run)

    def names_of_kind(self, kind: str) -> list[tuple[int, str]]:
        return names_of_kind(self._run, kind)

    def actors_named(self, ids: Collection[int]) -> list[ActorNames]:
        return actor_names(self._run, ids)

    def agenda_titles(self) -> list[tuple[int, str, str | None]]:
        return agenda_titles(self._run)

    def meetings_of_actors(self, actor_ids: list[int], *, limit: int = 200) -> list[MeetingSketch]:
        return meetings_of(self._run, actor_ids, limit)
