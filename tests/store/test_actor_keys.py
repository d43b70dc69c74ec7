"""The actors' name index the store keeps (desk.store.actor_keys): it follows every write that
touches an actor's names, in the same transaction, undo and merges included, on both engines."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desk.model import Actor, ActorAlias
from desk.name_keys import name_keys
from desk.store import Conflict, Store, actor_keys


def kept(store: Store) -> set[tuple[str, int, int]]:
    with store.reading() as session:
        return {tuple(row) for row in session.execute(select(actor_keys.actor_name_key))}  # type: ignore[misc]


def derived(store: Store) -> set[tuple[str, int, int]]:
    """The index as rebuilt from scratch from the actors and aliases now on the desk."""
    with store.reading() as session:
        names = session.execute(
            select(Actor.id, Actor.name).union_all(select(ActorAlias.actor_id, ActorAlias.name))
        ).all()
    return set(actor_keys.key_rows((row[0], row[1]) for row in names))


def known_as(store: Store, name: str) -> set[int]:
    found = store.actors_by_name_keys(name_keys(name))
    return {actor.id for actors in found.values() for actor in actors}


def test_the_index_follows_edits_deletes_undo_and_merges(store: Store) -> None:
    kim = store.create(Actor, name="Kim Jong-un", kind="person")
    assert known_as(store, "KIM JONG UN") == {kim.id}  # the key, not the spelling
    alias = store.add_alias(kim.id, "Supreme Leader Kim")
    assert known_as(store, "Supreme Leader Kim") == {kim.id}
    assert store.longest_actor_name() == 3

    renamed = store.update(Actor, kim.id, kim.version, name="Kim Jong Un of Korea")
    assert known_as(store, "Kim Jong-un") == set()
    assert known_as(store, "Kim Jong Un of Korea") == {kim.id}
    store.update(Actor, kim.id, renamed.version, title="General Secretary")  # not a name
    assert kept(store) == derived(store)

    removed = store.delete(ActorAlias, alias.id)
    assert known_as(store, "Supreme Leader Kim") == set()
    store.undo(removed)
    assert known_as(store, "Supreme Leader Kim") == {kim.id}

    other = store.create(Actor, name="Kim Jong Un", kind="person")
    assert known_as(store, "Kim Jong Un") == {other.id}
    store.merge_actors(kim.id, other.id)  # the other's name becomes an alias of the kept one
    assert known_as(store, "Kim Jong Un") == {kim.id}

    gone = store.delete(Actor, kim.id, with_dependents=True)
    assert known_as(store, "Supreme Leader Kim") == set()
    store.undo(gone)
    assert known_as(store, "Supreme Leader Kim") == {kim.id}
    assert kept(store) == derived(store)


def test_a_failed_write_leaves_the_index_as_it_was(store: Store) -> None:
    shoigu = store.create(Actor, name="Sergei Shoigu", kind="person")
    before = kept(store)
    with pytest.raises(Conflict):
        store.update(Actor, shoigu.id, shoigu.version + 5, name="Sergey Shoygu Jr")  # stale
    assert kept(store) == before and known_as(store, "Sergey Shoygu Jr") == set()


def test_the_sample_index_matches_its_actors(sample_store: Store) -> None:
    assert kept(sample_store) == derived(sample_store) != set()


def test_a_rebuild_streams_one_actor_at_a_time(store: Store) -> None:
    """A full rebuild holds one actor's keys, not the whole index (100 MB at a million
    meetings): names are read grouped by actor, an actor's aliases with its name even when
    they were added after other actors, and each actor's keys are written before the next
    actor's names are read."""
    kim = store.create(Actor, name="Kim Jong Un", kind="person")
    shoigu = store.create(Actor, name="Sergei Shoigu", kind="person")
    store.add_alias(kim.id, "Kim Jong-un")  # the same key as its name, read after Shoigu's
    store.add_alias(shoigu.id, "Sergey Shoygu")
    expected = kept(store)
    assert expected == derived(store)

    if store.engine.dialect.name == "sqlite":  # the import's own connection
        pooled = store.engine.raw_connection()
        try:
            db = pooled.driver_connection
            assert actor_keys.rebuild_sqlite(db) == len(expected)  # type: ignore[arg-type]
        finally:
            pooled.close()
        assert kept(store) == expected
    with store.engine.begin() as connection:
        assert actor_keys.rebuild(connection) == len(expected)
    assert kept(store) == expected

    read: list[int] = []

    def names() -> object:
        for row in [(kim.id, "Kim Jong Un"), (kim.id, "Kim Jong-un"), (shoigu.id, "Shoigu")]:
            read.append(row[0])
            yield row

    rows = actor_keys.grouped_key_rows(names())  # type: ignore[arg-type]
    first = next(rows)
    assert first[1] == kim.id and read == [kim.id, kim.id, shoigu.id]  # one look past Kim
    assert {row[1] for row in rows} <= {kim.id, shoigu.id}
