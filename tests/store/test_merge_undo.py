"""Merging duplicate actors, and undoing (and redoing) any change, merges and deletes included."""

from __future__ import annotations

import pytest

from desk.model import Actor, AgendaItem, Meeting, MeetingActor, Source
from desk.store import Conflict, MergeRefused, Store, UndoRefused

TEXT = "Kim Jong Un met Putin. Later Kim Jong-un and Shoigu shook hands, KCNA said."


@pytest.fixture
def duplicates(store: Store) -> dict[str, int]:
    source = store.create(Source, title="KCNA", text=TEXT)
    keep = store.create(Actor, name="Kim Jong-un", title="Leader of North Korea")
    other = store.create(Actor, name="Kim Jong Un", country="North Korea", notes="from KCNA")
    store.add_alias(other.id, "김정은", "ko")
    store.add_alias(other.id, "kim jong-un")  # same as keep's name, differently cased
    summit = store.create(Meeting, title="Putin–Kim summit")
    handshake = store.create(Meeting, title="Shoigu–Kim meeting")
    store.link_actor(summit.id, other.id, "host")
    store.link_actor(handshake.id, keep.id, "host")
    shared = store.link_actor(handshake.id, other.id, "participant")
    store.attach_evidence(MeetingActor, shared.id, source.id, "Kim Jong-un and Shoigu")
    store.attach_evidence(Actor, other.id, source.id, "Kim Jong Un")
    store.attach_evidence(Meeting, summit.id, source.id, "met Putin", attributed_actor_id=other.id)
    return {"keep": keep.id, "other": other.id, "summit": summit.id, "handshake": handshake.id}


def _snapshot(store: Store) -> tuple[object, ...]:
    actors = [(r.name, r.title, r.country, r.meeting_count) for r in store.page(Actor).rows]
    meetings = {
        m.id: sorted((p.actor.name, p.link.role) for p in store.meeting_detail(m.id).participants)
        for m in store.page(Meeting).rows
    }
    evidence = sorted(
        (v.evidence.quote, v.evidence.actor_id, v.evidence.attributed_actor_id)
        for v in store.evidence_in(1)
    )
    return actors, meetings, evidence, store.stats()


def test_merge_preview_says_what_moves_and_changes_nothing(
    store: Store, duplicates: dict[str, int]
) -> None:
    before = _snapshot(store)
    plan = store.merge_preview(duplicates["keep"], duplicates["other"])
    assert plan.names_added == ["Kim Jong Un"]
    assert plan.aliases_moved == ["김정은"]
    assert plan.links_moved == 1 and plan.links_combined == 1
    assert plan.evidence_moved == 1 and plan.attributions_moved == 1
    assert plan.fields_filled == ["country", "notes"]
    assert plan.describe()[0] == "“Kim Jong Un” (#2) becomes part of “Kim Jong-un” (#1)"
    assert _snapshot(store) == before


def test_merge_moves_everything_and_keeps_both_names(
    store: Store, duplicates: dict[str, int]
) -> None:
    result = store.merge_actors(duplicates["keep"], duplicates["other"])
    assert result.changeset_id
    detail = store.actor_detail(duplicates["keep"])
    assert sorted(alias.name for alias in detail.aliases) == ["Kim Jong Un", "김정은"]
    assert detail.actor.country == "North Korea" and detail.actor.notes == "from KCNA"
    assert detail.actor.title == "Leader of North Korea"
    assert sorted(meeting.title for _, meeting in detail.meetings) == [
        "Putin–Kim summit",
        "Shoigu–Kim meeting",
    ]
    handshake = store.meeting_detail(duplicates["handshake"])
    assert [(p.actor.name, p.link.role) for p in handshake.participants] == [
        ("Kim Jong-un", "host")
    ]
    (host_link,) = handshake.participants
    assert [
        v.evidence.quote for v in handshake.link_evidence[("participant", host_link.link.id)]
    ] == ["Kim Jong-un and Shoigu"]
    assert [v.evidence.quote for v in detail.evidence] == ["Kim Jong Un"]
    (summit_evidence,) = store.evidence_for(Meeting, duplicates["summit"])
    assert summit_evidence.evidence.attributed_actor_id == duplicates["keep"]
    assert store.stats().counts["actors"] == 1
    assert store.history()[0].summary == "merge actor “Kim Jong Un” into “Kim Jong-un”"


def test_undo_of_a_merge_restores_everything(store: Store, duplicates: dict[str, int]) -> None:
    before = _snapshot(store)
    result = store.merge_actors(duplicates["keep"], duplicates["other"])
    assert result.changeset_id is not None
    store.undo(result.changeset_id)
    assert _snapshot(store) == before
    assert store.get(Actor, duplicates["other"]).name == "Kim Jong Un"  # same id as before


def test_merge_refusals(store: Store, duplicates: dict[str, int]) -> None:
    with pytest.raises(MergeRefused, match="cannot be merged into itself"):
        store.merge_actors(duplicates["keep"], duplicates["keep"])
    with pytest.raises(MergeRefused):
        store.merge_preview(duplicates["keep"], duplicates["keep"])
    from desk.store import NotFound

    with pytest.raises(NotFound):
        store.merge_actors(duplicates["keep"], 999)


def test_undo_and_redo_a_delete(store: Store, duplicates: dict[str, int]) -> None:
    before = _snapshot(store)
    deleted = store.delete(Actor, duplicates["other"], with_dependents=True)
    after_delete = _snapshot(store)
    assert after_delete != before
    undone = store.undo(deleted)
    assert _snapshot(store) == before
    assert store.is_undone(deleted)
    store.redo(undone)
    assert _snapshot(store) == after_delete
    assert not store.is_undone(deleted)
    assert [c.action for c in store.history(limit=3)] == ["redo", "undo", "delete"]


def test_undo_of_create_and_update(store: Store) -> None:
    item = store.create(AgendaItem, title="Kursk")
    created = store.history()[0].id
    edited = store.update(AgendaItem, item.id, item.version, title="Troops in Kursk")
    store.undo(store.history()[0].id)
    restored = store.get(AgendaItem, item.id)
    assert restored.title == "Kursk"
    assert restored.version == edited.version + 1  # versions only go up
    store.undo(created)
    assert store.stats().counts["agenda_items"] == 0


def test_undo_refuses_to_overwrite_later_work(store: Store) -> None:
    item = store.create(AgendaItem, title="Kursk")
    store.update(AgendaItem, item.id, item.version, title="Troops in Kursk")
    edit = store.history()[0].id
    store.update(AgendaItem, item.id, 2, description="Someone else's later edit")
    with pytest.raises(Conflict):
        store.undo(edit)
    assert store.get(AgendaItem, item.id).description == "Someone else's later edit"


def test_undo_twice_is_refused(store: Store) -> None:
    store.create(AgendaItem, title="Kursk")
    created = store.history()[0].id
    store.undo(created)
    with pytest.raises(UndoRefused, match="already undone"):
        store.undo(created)
    with pytest.raises(UndoRefused, match="no change #999"):
        store.undo(999)
