"""``desk check`` finds each kind of problem (each made by SQL behind the store's back)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desk.cli.main import main
from desk.store import Store
from desk.store.checking import Problem, check


def _break(store: Store, sqlite: list[str], postgresql: list[str]) -> None:
    """Run SQL that breaks the desk, with the engine's safeguards out of the way."""
    statements = sqlite if store.engine.dialect.name == "sqlite" else postgresql
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "sqlite":
            raw = connection.connection.driver_connection
            raw.execute("PRAGMA foreign_keys = OFF")  # type: ignore[union-attr]
            raw.execute("PRAGMA ignore_check_constraints = ON")  # type: ignore[union-attr]
        with connection.begin():
            for statement in statements:
                connection.exec_driver_sql(statement)


def _found(store: Store) -> list[str]:
    return [str(problem) for problem in check(store)]


def test_the_sample_has_no_problems(sample_store: Store) -> None:
    assert check(sample_store) == []


def test_a_quote_moved_from_its_offsets(sample_store: Store) -> None:
    moved = "UPDATE evidence SET quote_start = quote_start + 1 WHERE id = 3"
    _break(sample_store, [moved], [moved])
    found = _found(sample_store)
    assert len(found) == 1 and found[0].startswith("evidence #3: its quote is not at ")


def test_a_source_text_changed_outside_desk(sample_store: Store) -> None:
    changed = "UPDATE source SET text = text || ' (edited)' WHERE id = 1"
    _break(sample_store, [changed], [changed])
    assert _found(sample_store) == [
        problem for problem in _found(sample_store) if problem.startswith("source #1: its text")
    ]
    assert len(_found(sample_store)) == 1


def test_a_date_that_ends_before_it_begins(sample_store: Store) -> None:
    reversed_ = "UPDATE meeting SET date_earliest = '2030-01-01' WHERE id = 2"
    _break(
        sample_store,
        [reversed_],
        ["ALTER TABLE meeting DROP CONSTRAINT ck_meeting_date_order", reversed_],
    )
    found = _found(sample_store)
    assert len(found) == 1 and found[0].startswith("meeting #2: its date ")
    assert "begins 2030-01-01 after it ends" in found[0]


def test_a_reference_to_a_missing_record(sample_store: Store) -> None:
    dangling = "UPDATE meeting_actor SET actor_id = 9999 WHERE id = 1"
    _break(
        sample_store,
        [dangling],
        ["SET LOCAL session_replication_role = replica", dangling],
    )
    assert "meeting_actor #1: actor_id points to actor #9999, which does not exist" in _found(
        sample_store
    )


def test_search_indexes_that_disagree_with_their_tables(sample_store: Store) -> None:
    _break(
        sample_store,
        [
            "DROP TRIGGER actor_fts_update",
            "UPDATE actor SET name = 'Somebody Else' WHERE id = 1",
            "DROP TRIGGER meeting_fts_insert",
            "INSERT INTO meeting (title, kind, status, created_at, updated_at, version) "
            "VALUES ('Unindexed', 'talks', 'held', '2025-01-01', '2025-01-01', 1)",
        ],
        ["DROP INDEX ix_actor_name_trgm"],
    )
    found = _found(sample_store)
    if sample_store.engine.dialect.name == "sqlite":
        assert any(p.startswith("actor: the search index actor_fts does not agree") for p in found)
        assert any("is missing from the search index meeting_fts" in p for p in found)
    else:
        assert found == ["actor: the search index ix_actor_name_trgm on name is missing"]


def test_a_damaged_file(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _damage(sample_path)
    assert main(["check", "--db", str(sample_path)]) == 1
    captured = capsys.readouterr()
    assert "damaged" in captured.out or "integrity" in captured.out
    assert len(captured.err.strip().splitlines()) == 1 and "damaged" in captured.err.lower()


def _damage(path: Path) -> None:
    """Overwrite a page in the middle of the file (a disk that lost a block)."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle + 8 : middle + page] = b"\xa5" * (page - 8)
    path.write_bytes(bytes(data))


def test_the_command_prints_problems_and_exits_non_zero(
    sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", str(sample_path)]) == 0
    assert "no problems" in capsys.readouterr().out
    with Store.open(sample_path) as store:
        _break(store, ["UPDATE evidence SET quote_start = quote_start + 1 WHERE id = 3"], [])
    assert main(["check", "--db", str(sample_path)]) == 1
    captured = capsys.readouterr()
    assert captured.out.startswith("evidence #3: its quote is not at ")
    assert captured.err.strip().endswith("1 problem found (listed above)")


def test_problems_name_table_record_and_what() -> None:
    assert str(Problem("source", 4, "bad")) == "source #4: bad"
    assert str(Problem("actor", None, "bad")) == "actor: bad"
