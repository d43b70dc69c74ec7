"""Export, import and copy on both engines: desks move between SQLite and PostgreSQL losslessly."""

from __future__ import annotations

import filecmp
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from engines import ENGINES, database_url

from desk.exchange import copy_desk, export_package, import_package
from desk.exchange.copying import CopyRefused
from desk.exchange.errors import InvalidData
from desk.model import Actor, Meeting
from desk.store import Store


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param  # type: ignore[no-any-return]


def _open(
    request: pytest.FixtureRequest, engine: str, template: str, path: Path
) -> Iterator[Store]:
    if engine == "sqlite":
        with Store.open(path) as opened:
            yield opened
        return
    for url in database_url(request, engine, template):
        with Store.open(url) as opened:
            yield opened


@pytest.fixture
def sample_desk(engine: str, sample_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    yield from _open(request, engine, "sample", sample_path)


@pytest.fixture
def empty_desk(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Store]:
    yield from _open(request, engine, "empty", tmp_path / "empty.sqlite")


def same_files(first: Path, second: Path) -> bool:
    names = sorted(os.listdir(first))
    assert names == sorted(os.listdir(second))
    return all(filecmp.cmp(first / name, second / name, shallow=False) for name in names)


def test_round_trip_on_each_engine(sample_desk: Store, empty_desk: Store, tmp_path: Path) -> None:
    exported = export_package(sample_desk, tmp_path / "first").path
    result = import_package(empty_desk, exported)
    assert result.mode == "restore" and result.added["evidence"] == 84
    again = export_package(empty_desk, tmp_path / "second").path
    assert same_files(exported, again)
    assert empty_desk.page(Meeting, typed="pyongyang").rows  # the search indexes know the rows
    empty_desk.create(Actor, name="Added after the restore")  # ids continue after the restored ones


def test_a_merge_on_each_engine_adds_and_can_be_undone(
    sample_desk: Store, sample_path: Path, tmp_path: Path
) -> None:
    colleague_path = tmp_path / "colleague.sqlite"
    colleague_path.write_bytes(sample_path.read_bytes())
    with Store.open(colleague_path, author="colleague") as colleague:
        colleague.create(Meeting, title="Lavrov–Choe talks in Wonsan", date="2025-07-12")
        package = export_package(colleague, tmp_path / "colleague").path
    before = sample_desk.stats().counts
    result = import_package(sample_desk, package)
    assert result.mode == "merge" and result.added["meeting"] == 1
    assert sample_desk.page(Meeting, typed="wonsan").rows[0].title == "Lavrov–Choe talks in Wonsan"
    sample_desk.undo(result.changeset_id)
    assert sample_desk.stats().counts == before


def test_a_refused_import_changes_nothing_on_each_engine(
    sample_desk: Store,
    package: Path,
    edit,
    empty_desk: Store,
) -> None:
    edit(package, "meeting.csv", lambda text: text.replace("speculated", "rumoured", 1))
    with pytest.raises(InvalidData, match=r"meeting\.csv"):
        import_package(empty_desk, package)
    assert set(empty_desk.stats().counts.values()) == {0}


def test_copy_between_engines_is_lossless(
    sample_path: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """SQLite -> PostgreSQL -> SQLite: all three export to the same bytes."""
    with Store.open(sample_path) as original:
        for url in database_url(request, "postgresql", "empty"):
            with Store.open(url) as server, Store.open(tmp_path / "back.sqlite") as back:
                copy_desk(original, server)
                copy_desk(server, back)
                first = export_package(original, tmp_path / "original").path
                second = export_package(server, tmp_path / "server").path
                third = export_package(back, tmp_path / "back").path
                assert same_files(first, second) and same_files(first, third)
                with pytest.raises(CopyRefused, match="already holds a desk"):
                    copy_desk(original, server)


def test_flat_file_is_the_same_on_each_engine(
    sample_desk: Store, sample_path: Path, tmp_path: Path
) -> None:
    """The batched timeline read (row-value keyset, windows of links) gives PostgreSQL's file
    byte for byte as SQLite's, whole and filtered, across batches of a few meetings."""
    from desk.exchange import export_flat, flat

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flat, "BATCH", 3)  # several batches, dated and undated
        for options in ({}, {"date_from": "2024", "actor": "Kim Jong-un"}):
            with Store.open(sample_path) as reference:
                expected = export_flat(reference, tmp_path / "sqlite.csv", **options)
            found = export_flat(sample_desk, tmp_path / "engine.csv", **options)
            assert found.rows == expected.rows > 0
            assert (tmp_path / "engine.csv").read_bytes() == (tmp_path / "sqlite.csv").read_bytes()
            (tmp_path / "engine.csv").unlink()
            (tmp_path / "sqlite.csv").unlink()


def test_imports_and_copies_keep_the_actors_name_index(
    sample_desk: Store, empty_desk: Store, tmp_path: Path
) -> None:
    """Bulk loads write rows without the Writer: they rebuild the name index at the end."""
    from sqlalchemy import select

    from desk.model import ActorAlias
    from desk.store import actor_keys

    def kept(store: Store) -> set[tuple[str, int, int]]:
        with store.reading() as session:
            return {tuple(row) for row in session.execute(select(actor_keys.actor_name_key))}  # type: ignore[misc]

    def derived(store: Store) -> set[tuple[str, int, int]]:
        with store.reading() as session:
            names = session.execute(
                select(Actor.id, Actor.name).union_all(select(ActorAlias.actor_id, ActorAlias.name))
            ).all()
        return set(actor_keys.key_rows((row[0], row[1]) for row in names))

    exported = export_package(sample_desk, tmp_path / "package").path
    import_package(empty_desk, exported)  # a restore
    assert kept(empty_desk) == derived(empty_desk) == kept(sample_desk) != set()
    with Store.open(tmp_path / "merged.sqlite") as merged:
        merged.create(Actor, name="Someone Already There", kind="person")
        assert import_package(merged, exported).mode == "merge"
        assert kept(merged) == derived(merged) and len(kept(merged)) > len(kept(sample_desk))
    copied = tmp_path / "copy.sqlite"
    with Store.open(copied) as target:
        copy_desk(sample_desk, target)
        assert kept(target) == kept(sample_desk)


def test_an_import_is_recorded_and_undone_exactly_as_hand_edits_are(
    sample_desk: Store, sample_path: Path, tmp_path: Path
) -> None:
    """The merge's change log holds, row for row, what the colleague's own edits recorded (the
    store's one snapshot function wrote both), so history and undo treat it like any edit."""
    colleague_path = tmp_path / "colleague.sqlite"
    colleague_path.write_bytes(sample_path.read_bytes())
    with Store.open(colleague_path, author="colleague") as colleague:
        start = colleague.latest_changeset_id()
        meeting = colleague.create(Meeting, title="Lavrov–Choe talks in Wonsan", date="2025-07")
        lavrov = colleague.create(Actor, name="Sergei Lavrov", country="Russia")
        colleague.add_alias(lavrov.id, "Сергей Лавров", "ru")
        colleague.link_actor(meeting.id, lavrov.id, "guest")
        by_hand = _latest_rows(colleague, start)
        package = export_package(colleague, tmp_path / "colleague").path
    before = sample_desk.stats().counts
    result = import_package(sample_desk, package)
    imported = _latest_rows(sample_desk, result.changeset_id - 1)
    assert set(imported) == set(by_hand) and len(imported) == 4
    assert imported == by_hand
    trail = sample_desk.history_of(Meeting, meeting.id)
    assert [(entry.action, entry.operation) for entry in trail] == [("import", "insert")]
    assert trail[0].after == by_hand[("meeting", meeting.id)]
    undone = sample_desk.undo(result.changeset_id)
    assert sample_desk.stats().counts == before
    sample_desk.redo(undone)  # the undo's own record brings every row back as it was
    assert sample_desk.meeting_detail(meeting.id).participants[0].actor.name == "Sergei Lavrov"


def _latest_rows(store: Store, after_changeset: int) -> dict[tuple[str, int], object]:
    """Each record's last recorded state in the change log after ``after_changeset``."""
    from sqlalchemy import select

    from desk.model import Change

    with store.reading() as session:
        changes = session.execute(
            select(Change).where(Change.changeset_id > after_changeset).order_by(Change.id)
        ).scalars()
        return {
            (change.table_name, change.record_id): json.loads(change.after or "null")
            for change in changes
        }
