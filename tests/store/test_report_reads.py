"""What reading a report needs from a desk (desk.store.report_reads): the Store answers on both
engines, and the sqlite3-only reader ``desk suggest`` uses answers exactly as the Store does."""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
from pathlib import Path

import pytest
from engines import sqlite_only

from desk.ingest.engine import proposals_for
from desk.model import Actor, Meeting, Source
from desk.name_keys import indexed_keys
from desk.store import NotADeskDatabase, NotFound, Store
from desk.store.location import resolve
from desk.store.report_reads import SqliteReads


def _first_source(store: Store) -> Source:
    sources = store.page(Source, limit=1).rows
    assert sources
    return store.get(Source, sources[0].id)


def _keys(store: Store) -> set[str]:
    keys: set[str] = set()
    for actor in store.actor_names():
        for name in (actor.name, *actor.aliases):
            keys.update(indexed_keys(name)[0])
    return keys | {"no such key at all"}


def test_the_store_reads_what_proposals_need_on_both_engines(sample_store: Store) -> None:
    source = _first_source(sample_store)
    read = sample_store.source_text(source.id)
    assert (read.id, read.title, read.text) == (source.id, source.title, source.text)
    assert read.date_text == source.date_text
    with pytest.raises(NotFound):
        sample_store.source_text(10**6)

    actors = {a.id: a for a in sample_store.actor_names()}
    for actor in actors.values():
        assert actor.name == sample_store.get(Actor, actor.id).name
    by_key = sample_store.actors_by_name_keys(_keys(sample_store))
    assert "no such key at all" not in by_key
    assert {a.id for found in by_key.values() for a in found} == set(actors)
    for found in by_key.values():
        assert [a.id for a in found] == sorted(a.id for a in found)
        assert all(a == actors[a.id] for a in found)
    assert sample_store.actors_named(sorted(actors)[:3]) == [actors[i] for i in sorted(actors)[:3]]
    longest = max(indexed_keys(name)[1] for a in actors.values() for name in (a.name, *a.aliases))
    assert sample_store.longest_actor_name() == longest > 1

    names = sample_store.names_of_kind("organization")
    assert [i for i, _ in names] == sorted(i for i, _ in names)
    assert {i for i, _ in names} == {a.id for a in actors.values() if a.kind == "organization"}

    meetings = sample_store.meetings_of_actors(sorted(actors), limit=2)
    assert meetings
    for meeting in meetings:
        assert meeting.title == sample_store.get(Meeting, meeting.id).title
        assert set(meeting.actor_ids) & set(actors)
    assert len(sample_store.agenda_titles()) == 8


def test_sqlite_reads_answer_exactly_as_the_store(sample_store: Store) -> None:
    sqlite_only(sample_store)
    source = _first_source(sample_store)
    sample_store.decide_proposal(source.id, "actor", "actor#1", "rejected", "An actor")
    sample_store.decide_proposal(source.id, "date", "date@1-5", "accepted", "A date")
    assert sample_store.location.path is not None
    reads = SqliteReads.open(sample_store.location)
    assert reads is not None
    with reads:
        assert reads.source_text(source.id) == sample_store.source_text(source.id)
        with pytest.raises(NotFound):
            reads.source_text(10**6)
        keys = _keys(sample_store)
        assert reads.actors_by_name_keys(keys) == sample_store.actors_by_name_keys(keys)
        assert reads.longest_actor_name() == sample_store.longest_actor_name()
        for kind in ("organization", "person", "state"):
            assert reads.names_of_kind(kind) == sample_store.names_of_kind(kind)
        ids = [a.id for a in sample_store.actor_names()]
        assert reads.actors_named(ids[::2]) == sample_store.actors_named(ids[::2])
        assert reads.agenda_titles() == sample_store.agenda_titles()
        assert reads.meetings_of_actors(ids, limit=3) == sample_store.meetings_of_actors(
            ids, limit=3
        )
        decided = reads.proposal_decisions(source.id)
        assert [d.key for d in decided] == ["actor#1", "date@1-5"]
        for light, full in zip(decided, sample_store.proposal_decisions(source.id), strict=True):
            for field in dataclasses.fields(light):
                assert getattr(light, field.name) == getattr(full, field.name)
        assert (
            proposals_for(reads, source.id).as_json()
            == proposals_for(sample_store, source.id).as_json()
        )


def test_sqlite_reads_leave_to_the_store_what_it_must_decide(
    tmp_path: Path, built_sample: Path
) -> None:
    """A missing file or a server is the Store's to open (or refuse); an older desk is the
    Store's to refuse with what to do; a file that is no desk is refused as the Store does."""
    assert SqliteReads.open(resolve(tmp_path / "missing.sqlite")) is None
    assert SqliteReads.open(resolve("postgresql+psycopg://nobody@127.0.0.1:1/none")) is None

    older = tmp_path / "older.sqlite"
    shutil.copy(built_sample, older)
    with sqlite3.connect(older) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0001'")
    connection.close()
    assert SqliteReads.open(resolve(older)) is None

    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
    connection.close()
    with pytest.raises(NotADeskDatabase):
        SqliteReads.open(resolve(other))
    with pytest.raises(NotADeskDatabase):
        Store.open(other, read_only=True)


def test_named_parameters_become_positional_for_sqlite3() -> None:
    from desk.store.report_reads import positional

    sql = "SELECT a FROM t WHERE k = :kind OR id IN (:id0, :id1) OR j = :kind LIMIT :limit"
    params = {"kind": "person", "id0": 3, "id1": 5, "limit": 10, "unused": 1}
    assert positional(sql, params) == (
        "SELECT a FROM t WHERE k = ? OR id IN (?, ?) OR j = ? LIMIT ?",
        ["person", 3, 5, "person", 10],
    )
