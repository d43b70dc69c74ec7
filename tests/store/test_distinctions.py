"""Actors marked not the same: remembered, undone like any write, carried by merges and deletes."""

from __future__ import annotations

import pytest

from desk.model import Actor
from desk.store import AlreadyLinked, MergeRefused, Store


def test_marking_is_remembered_once_and_undone(store: Store) -> None:
    kim = store.create(Actor, name="Kim Jong-un")
    sister = store.create(Actor, name="Kim Yo-jong")
    assert store.distinct_actor_pairs() == set()
    changeset = store.mark_not_duplicates(sister.id, kim.id)  # either order
    assert store.distinct_actor_pairs() == {(kim.id, sister.id)}
    with pytest.raises(AlreadyLinked, match="already marked not the same"):
        store.mark_not_duplicates(kim.id, sister.id)
    with pytest.raises(MergeRefused):
        store.mark_not_duplicates(kim.id, kim.id)
    assert store.distinct_actor_pairs() == {(kim.id, sister.id)}  # refusals changed nothing
    store.undo(changeset)
    assert store.distinct_actor_pairs() == set()


def test_a_merge_carries_the_merged_actors_marks_and_undo_restores_them(store: Store) -> None:
    kim = store.create(Actor, name="Kim Jong Un")
    twin = store.create(Actor, name="Kim Jong-un")
    sister = store.create(Actor, name="Kim Yo-jong")
    father = store.create(Actor, name="Kim Jong-il")
    store.mark_not_duplicates(twin.id, sister.id)
    store.mark_not_duplicates(twin.id, father.id)
    store.mark_not_duplicates(kim.id, father.id)
    merged = store.merge_actors(kim.id, twin.id)
    # twin ≠ sister becomes kim ≠ sister; twin ≠ father was already known for kim.
    assert store.distinct_actor_pairs() == {(kim.id, sister.id), (kim.id, father.id)}
    store.undo(merged.changeset_id)
    assert store.distinct_actor_pairs() == {
        (twin.id, sister.id),
        (twin.id, father.id),
        (kim.id, father.id),
    }


def test_deleting_an_actor_takes_its_marks_and_undo_brings_them_back(store: Store) -> None:
    kim = store.create(Actor, name="Kim Jong-un")
    sister = store.create(Actor, name="Kim Yo-jong")
    store.mark_not_duplicates(kim.id, sister.id)
    deleted = store.delete(Actor, sister.id)
    assert store.distinct_actor_pairs() == set()
    store.undo(deleted)
    assert store.distinct_actor_pairs() == {(kim.id, sister.id)}
