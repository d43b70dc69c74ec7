"""The desk's actors by name key, kept in the database (table ``actor_name_key``).

Reading a report looks every span of its words up among the actors' names and aliases
(``desk.name_keys``). Building that index from every actor for each report took seconds on a
large desk; kept here instead, one row per (key, actor), it is read a few keys at a time.

The index is derived data, like the search indexes: it is not part of the model (exports,
copies and ``desk check`` leave it alone), and it follows the actors in the same transaction:

* every write through the ``Writer`` notes the actors whose names it touched (``note``) and
  refreshes their keys when it records its changeset (``refresh``);
* a bulk load (an import, a copy, a synthetic desk) rebuilds it at the end (``rebuild``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Index, Integer, MetaData, Table, Text, delete, select
from sqlalchemy.engine import Connection

from desk.model import Actor, ActorAlias
from desk.name_keys import indexed_keys

#: Kept apart from the model's metadata: a derived table, like the search indexes.
METADATA = MetaData()
TABLE_NAME = "actor_name_key"
actor_name_key = Table(
    TABLE_NAME,
    METADATA,
    Column("key", Text, primary_key=True),
    Column("actor_id", Integer, primary_key=True),
    #: How many words a text's span must have to match (the scan's look-ahead).
    Column("words", Integer, nullable=False),
    Index("ix_actor_name_key_actor_id", "actor_id"),
    Index("ix_actor_name_key_words", "words"),
)
#: Keys asked for in one statement (SQLite allows 32766 parameters; PostgreSQL 65535).
LOOKUP_CHUNK = 2000
INSERT_CHUNK = 5000

NAMED_TABLES = frozenset({"actor", "actor_alias"})


def key_rows(names: Iterable[tuple[int, str]]) -> Iterator[tuple[str, int, int]]:
    """(key, actor_id, words) for each (actor_id, name or alias), each key once per actor."""
    seen: dict[tuple[str, int], int] = {}
    for actor_id, name in names:
        keys, words = indexed_keys(name)
        for key in keys:
            known = seen.get((key, actor_id))
            if known is None or words > known:
                seen[(key, actor_id)] = words
    for (key, actor_id), words in seen.items():
        yield key, actor_id, words


def grouped_key_rows(names: Iterable[tuple[int, str]]) -> Iterator[tuple[str, int, int]]:
    """``key_rows`` of names that come grouped by actor (all of an actor's names together), one
    actor at a time: what a rebuild holds in memory is one actor's keys, not the whole index
    (at a million meetings, 50,000 actors' keys held at once were 100 MB)."""
    for _, names_of_actor in groupby(names, key=itemgetter(0)):
        yield from key_rows(names_of_actor)


# -- keeping it --------------------------------------------------------------------------------
def note(
    pending: set[int],
    table: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> None:
    """Add to ``pending`` the actors whose names a recorded write changed (``Writer._record``)."""
    if table not in NAMED_TABLES:
        return
    if table == "actor" and before and after and before.get("name") == after.get("name"):
        return  # an actor's other fields: its keys stay
    column = "id" if table == "actor" else "actor_id"
    for row in (before, after):
        if row is not None and row.get(column) is not None:
            pending.add(int(row[column]))


def refresh(connection: Connection | Any, actor_ids: Collection[int]) -> None:
    """Rewrite the keys of ``actor_ids`` from their names and aliases as they are now (an actor
    deleted loses its keys). ``connection``: a Connection or a Session, in the write's
    transaction."""
    ids = sorted(set(actor_ids))
    for offset in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[offset : offset + LOOKUP_CHUNK]
        connection.execute(delete(actor_name_key).where(actor_name_key.c.actor_id.in_(chunk)))
        names = connection.execute(
            select(Actor.id, Actor.name)
            .where(Actor.id.in_(chunk))  # type: ignore[union-attr]
            .union_all(
                select(ActorAlias.actor_id, ActorAlias.name).where(
                    ActorAlias.actor_id.in_(chunk)  # type: ignore[attr-defined]
                )
            )
        ).all()
        _insert(connection, key_rows((row[0], row[1]) for row in names))


def rebuild(connection: Connection) -> int:
    """Rebuild the whole index from the actors and aliases (after a bulk load); its row count."""
    connection.execute(delete(actor_name_key))
    names = connection.execute(
        select(Actor.id, Actor.name)
        .union_all(select(ActorAlias.actor_id, ActorAlias.name))
        .order_by(Actor.id)
    )
    return _insert(connection, grouped_key_rows((row[0], row[1]) for row in names))


def rebuild_sqlite(db: sqlite3.Connection, actor_ids: Collection[int] | None = None) -> int:
    """``rebuild`` (or, given ``actor_ids``, ``refresh``) on a bare sqlite3 connection (the
    import's), in its open transaction; the rows written."""
    insert = f"INSERT INTO {TABLE_NAME} (key, actor_id, words) VALUES (?, ?, ?)"
    if actor_ids is None:  # streamed, one actor's names at a time
        db.execute(f"DELETE FROM {TABLE_NAME}")
        names = db.execute(
            "SELECT id, name FROM actor UNION ALL SELECT actor_id, name FROM actor_alias ORDER BY 1"
        )
        return int(db.executemany(insert, grouped_key_rows(names)).rowcount)
    ids = sorted(set(actor_ids))
    chosen: list[tuple[int, str]] = []
    for offset in range(0, len(ids), LOOKUP_CHUNK):
        chunk = ids[offset : offset + LOOKUP_CHUNK]
        marks = ", ".join("?" * len(chunk))
        db.execute(f"DELETE FROM {TABLE_NAME} WHERE actor_id IN ({marks})", chunk)
        chosen += db.execute(
            f"SELECT id, name FROM actor WHERE id IN ({marks}) UNION ALL "
            f"SELECT actor_id, name FROM actor_alias WHERE actor_id IN ({marks})",
            chunk + chunk,
        ).fetchall()
    rows = list(key_rows(chosen))
    db.executemany(insert, rows)
    return len(rows)


def _insert(connection: Connection | Any, rows: Iterable[tuple[str, int, int]]) -> int:
    count = 0
    batch: list[dict[str, Any]] = []
    for key, actor_id, words in rows:
        batch.append({"key": key, "actor_id": actor_id, "words": words})
        if len(batch) >= INSERT_CHUNK:
            connection.execute(actor_name_key.insert(), batch)
            count += len(batch)
            batch = []
    if batch:
        connection.execute(actor_name_key.insert(), batch)
        count += len(batch)
    return count
