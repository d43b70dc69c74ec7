"""Merging a package into a desk with records: matched by id, conflicts reported and never
overwritten, the merge recorded as one changeset that undo takes back."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desk.exchange import export_package, import_package
from desk.model import Actor, Meeting
from desk.store import Store


@pytest.fixture
def colleague(sample_path: Path, tmp_path: Path) -> Store:
    """A colleague's copy of the same desk, which goes its own way."""
    copy = tmp_path / "colleague.sqlite"
    shutil.copy(sample_path, copy)
    return Store.open(copy, author="colleague")


def test_merging_the_same_desk_adds_nothing(
    sample_store: Store, package: Path, desk_content: Callable[[Store], list[str]]
) -> None:
    before = desk_content(sample_store)
    result = import_package(sample_store, package)
    assert result.mode == "merge"
    assert result.history == "kept"
    assert result.total_added == 0
    assert result.total_conflicts == 0
    assert result.unchanged["meeting"] == 10 and result.unchanged["evidence"] == 84
    assert result.changeset_id == 0
    assert result.package_changesets == 215
    assert desk_content(sample_store) == before


def test_new_records_are_added_and_the_merge_can_be_undone(
    sample_store: Store, colleague: Store, tmp_path: Path
) -> None:
    meeting = colleague.create(
        Meeting, title="Lavrov–Choe talks in Wonsan", date="2025-07-12", place="Wonsan"
    )
    lavrov = colleague.create(Actor, name="Sergei Lavrov", country="Russia")
    colleague.add_alias(lavrov.id, "Сергей Лавров", "ru")
    link = colleague.link_actor(meeting.id, lavrov.id, "guest")
    source_id = 1
    colleague.attach_evidence(
        Meeting, meeting.id, source_id, "Shoigu's trip to Pyongyang comes at a delicate time"
    )
    package = export_package(colleague, tmp_path / "colleague").path
    before = sample_store.stats().counts
    result = import_package(sample_store, package)
    assert result.mode == "merge"
    assert {table: count for table, count in result.added.items() if count} == {
        "actor": 1,
        "actor_alias": 1,
        "meeting": 1,
        "meeting_actor": 1,
        "evidence": 1,
    }
    assert result.total_conflicts == 0
    detail = sample_store.meeting_detail(meeting.id)
    assert detail.meeting.title == "Lavrov–Choe talks in Wonsan"
    assert [p.actor.name for p in detail.participants] == ["Sergei Lavrov"]
    assert detail.participants[0].link.id == link.id
    assert sample_store.search("Лавров")[0].id == lavrov.id  # the search index knows it
    changeset = sample_store.history(limit=1)[0]
    assert changeset.id == result.changeset_id
    assert changeset.action == "import"
    assert changeset.author == "tester"
    assert changeset.summary.startswith("import colleague: added 1 actor, 1 actor alias")
    sample_store.undo(result.changeset_id)
    assert sample_store.stats().counts == before


def test_a_record_the_desk_holds_differently_is_a_conflict_and_is_kept(
    sample_store: Store, colleague: Store, tmp_path: Path
) -> None:
    theirs = colleague.get(Actor, 1)
    colleague.update(Actor, 1, theirs.version, title="Former defence minister of Russia")
    mine = sample_store.get(Actor, 1)
    sample_store.update(Actor, 1, mine.version, notes="Our own note")
    package = export_package(colleague, tmp_path / "colleague").path
    result = import_package(sample_store, package)
    assert result.total_added == 0
    assert result.conflict_counts["actor"] == 1
    conflict = result.conflicts[0]
    assert conflict.table == "actor" and conflict.record_id == 1
    assert conflict.line == 2
    assert "differs from the desk's in updated_at, title, notes" in conflict.reason
    assert "(desk version 2, package version 2)" in conflict.reason
    assert str(conflict).startswith("actor.csv, line 2: actor #1 differs from the desk's")
    kept = sample_store.get(Actor, 1)
    assert kept.title == "Secretary of Russia's Security Council"
    assert kept.notes == "Our own note"


def test_a_duplicate_key_is_a_conflict_and_what_depends_on_it_is_not_added(
    sample_store: Store, colleague: Store, tmp_path: Path
) -> None:
    """Both desks linked the same actor to the same meeting, under different ids."""
    meeting = colleague.create(Meeting, title="Shoigu in Minsk", date="2025-06")
    shared = sample_store.create(Meeting, title="Shoigu in Minsk", date="2025-06")
    assert meeting.id == shared.id
    theirs = colleague.link_actor(meeting.id, 1, "guest")
    colleague.attach_evidence(type(theirs), theirs.id, 1, "Sergei Shoigu, secretary", occurrence=1)
    sample_store.create(Actor, name="Placeholder")  # the ids of the two desks part ways
    mine = sample_store.link_actor(shared.id, 1, "guest")
    assert mine.id == theirs.id  # same id, yet made separately: timestamps differ
    package = export_package(colleague, tmp_path / "colleague").path
    result = import_package(sample_store, package)
    by_table = {c.table: c for c in result.conflicts}
    assert set(by_table) == {"meeting", "meeting_actor"}
    assert "differs from the desk's" in by_table["meeting_actor"].reason
    assert result.added["evidence"] == 1  # the link exists in the desk under that id
    evidence = sample_store.evidence_for(type(theirs), mine.id)
    assert [view.evidence.quote for view in evidence] == ["Sergei Shoigu, secretary"]


def test_a_key_held_under_another_id_cascades_to_what_depends_on_it(
    sample_store: Store, colleague: Store, tmp_path: Path
) -> None:
    sample_store.create(Actor, name="Placeholder")  # the desk's next alias id moves on
    alias = sample_store.add_alias(2, "Kim Jong Un (KCNA)", "en")
    theirs = colleague.add_alias(2, "Kim Jong Un (KCNA)", "en")
    assert theirs.id == alias.id
    meeting = colleague.create(Meeting, title="A new meeting", date="2025-08")
    link = colleague.link_actor(meeting.id, 2, "host")
    colleague.attach_evidence(type(link), link.id, 1, "North Korean leader Kim Jong-un")
    assert colleague.location.path is not None
    connection = sqlite3.connect(colleague.location.path)
    with connection:  # the colleague's alias gets an id the desk does not use
        connection.execute("UPDATE actor_alias SET id = 900 WHERE id = ?", (theirs.id,))
    connection.close()
    package = export_package(colleague, tmp_path / "colleague").path
    result = import_package(sample_store, package)
    alias_conflict = next(c for c in result.conflicts if c.table == "actor_alias")
    assert alias_conflict.record_id == 900
    assert alias_conflict.reason == (
        f"has the same actor_id, name as the desk's actor_alias #{alias.id}: not added"
    )
    assert result.added["meeting"] == 1
    assert result.added["meeting_actor"] == 1
    assert result.added["evidence"] == 1


def test_a_dry_run_reports_and_writes_nothing(
    sample_store: Store,
    colleague: Store,
    tmp_path: Path,
    desk_content: Callable[[Store], list[str]],
) -> None:
    colleague.create(Actor, name="Sergei Lavrov")
    package = export_package(colleague, tmp_path / "colleague").path
    before = desk_content(sample_store)
    result = import_package(sample_store, package, dry_run=True)
    assert result.dry_run
    assert result.added["actor"] == 1
    assert result.changeset_id == 0
    assert desk_content(sample_store) == before


def test_a_restore_dry_run_writes_nothing(
    package: Path, empty_store: Store, desk_content: Callable[[Store], list[str]]
) -> None:
    before = desk_content(empty_store)
    result = import_package(empty_store, package, dry_run=True)
    assert result.mode == "restore" and result.added["evidence"] == 84
    assert desk_content(empty_store) == before
    assert empty_store.stats().counts["evidence"] == 0


def test_evidence_is_checked_against_the_text_the_desk_holds(
    sample_store: Store, colleague: Store, tmp_path: Path
) -> None:
    """A colleague's new quote must be in the desk's copy of its source too."""
    assert colleague.location.path is not None
    evidence = colleague.attach_evidence(
        Meeting, 1, 1, "Shoigu's trip to Pyongyang comes at a delicate time"
    )
    package = export_package(colleague, tmp_path / "colleague").path
    assert sample_store.location.path is not None
    connection = sqlite3.connect(sample_store.location.path)
    with connection:  # the desk's source text differs at that place
        connection.execute(
            "UPDATE source SET text = replace(text, 'Shoigu''s trip to Pyongyang comes', "
            "'Shoigu''s tour of Pyongyang comes')"
        )
    connection.close()
    with pytest.raises(Exception) as refused:
        import_package(sample_store, package)
    assert "evidence.csv, line " in str(refused.value)
    assert "column quote: the quote is not the text of source #1" in str(refused.value)
    assert sample_store.stats().counts["evidence"] == 84
    assert evidence.id is not None
