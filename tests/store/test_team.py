"""Several analysts on one desk: audit trail, other desks' changes, no lost updates."""

from __future__ import annotations

import multiprocessing
import time

import pytest

from desk.model import Actor, Meeting, MeetingActor, Source
from desk.store import Conflict, Store


def test_the_audit_trail_of_a_record(store: Store) -> None:
    actor = store.create(Actor, name="Choe Son Hui")
    store.update(Actor, actor.id, 1, name="Choe Son-hui", title="Foreign Minister")
    other = store.create(Actor, name="Choe Son-hui (duplicate)")
    store.merge_actors(actor.id, other.id)
    entries = store.history_of(Actor, actor.id)
    assert [entry.action for entry in entries] == ["update", "create"]
    edit = next(entry for entry in entries if entry.action == "update")
    assert ("name", "Choe Son Hui", "Choe Son-hui") in edit.changed_fields()
    assert ("title", None, "Foreign Minister") in edit.changed_fields()
    assert edit.author == "tester" and edit.at.tzinfo is not None
    deleted = store.history_of(Actor, other.id)
    assert [entry.operation for entry in deleted] == ["delete", "insert"]
    assert deleted[0].action == "merge"


def test_a_watcher_hears_another_desks_changes(store: Store) -> None:
    watcher = store.watch()
    try:
        assert watcher.wait(0.1) == []
        with Store.open(store.location, author="colleague") as colleague:
            colleague.create(Meeting, title="Lavrov in Pyongyang")
        started = time.monotonic()
        notices = watcher.wait(5.0)
        assert time.monotonic() - started < 3.0
        assert [(n.action, n.author, n.summary) for n in notices] == [
            ("create", "colleague", "create meeting “Lavrov in Pyongyang”")
        ]
        assert watcher.wait(0.1) == []
    finally:
        watcher.close()


def _increment(
    url: str, actor_id: int, times: int, seed: int, results: multiprocessing.Queue
) -> None:  # type: ignore[type-arg]
    """One analyst: bump a shared counter ``times`` times, re-reading after every conflict."""
    store = Store.open(url, author=f"analyst-{seed}")
    conflicts = saved = 0
    source = store.create(Source, title=f"Report {seed}", text=f"Analyst {seed} was there.")
    meeting = store.create(Meeting, title=f"Meeting of analyst {seed}")
    while saved < times:
        actor = store.get(Actor, actor_id)
        try:
            store.update(Actor, actor_id, actor.version, title=str(int(actor.title or "0") + 1))
            saved += 1
        except Conflict:
            conflicts += 1
    link = store.link_actor(meeting.id, actor_id, "participant")
    store.attach_evidence(MeetingActor, link.id, source.id, f"Analyst {seed}")
    store.close()
    results.put((saved, conflicts))


def test_no_lost_updates_between_processes(store: Store) -> None:
    """Four processes edit one record 1,000 times between them; every edit counts exactly once."""
    actor = store.create(Actor, name="Shared counter", title="0")
    processes, edits = 4, 250
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    workers = [
        context.Process(
            target=_increment, args=(store.location.url, actor.id, edits, seed, results)
        )
        for seed in range(processes)
    ]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=240) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    elapsed = time.monotonic() - started
    saved = sum(count for count, _ in outcomes)
    conflicts = sum(count for _, count in outcomes)
    final = store.get(Actor, actor.id)
    print(
        f"\n{store.engine.dialect.name}: {saved} edits by {processes} processes, "
        f"{conflicts} conflicts refused, final counter {final.title}, "
        f"lost updates {saved - int(final.title or 0)}, {elapsed:.1f} s"
    )
    assert saved == processes * edits
    assert int(final.title or 0) == saved  # zero lost updates
    assert final.version == saved + 1
    # Links and evidence added at the same time by every analyst all survive.
    detail = store.actor_detail(actor.id)
    assert len(detail.meetings) == processes
    assert store.stats().counts["evidence"] == processes


def test_a_stale_edit_shows_the_other_version(store: Store) -> None:
    actor = store.create(Actor, name="Rudenko")
    with Store.open(store.location, author="colleague") as colleague:
        colleague.update(Actor, actor.id, 1, title="Deputy Foreign Minister")
    with pytest.raises(Conflict) as raised:
        store.update(Actor, actor.id, 1, title="Vice Minister")
    assert raised.value.current is not None
    assert raised.value.current["title"] == "Deputy Foreign Minister"
    assert raised.value.current["version"] == 2
