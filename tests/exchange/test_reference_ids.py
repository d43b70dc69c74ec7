"""The ids a reference check tests against (``ImportSteps._ids``): a range, a range with gaps,
or a table of ids when there are many gaps; each says exactly which values are missing."""

from __future__ import annotations

import sqlite3

import pytest

from desk.exchange import import_steps
from desk.exchange.checks import IdSet
from desk.exchange.import_steps import ImportSteps

VALUES = range(-2, 16)


def missing(db: sqlite3.Connection, ids: IdSet) -> set[int]:
    return {v for v in VALUES if db.execute(f"SELECT {ids.lacks('?1')}", (v,)).fetchone()[0]}


@pytest.mark.parametrize(
    ("held", "kind"),
    [
        ([], "range"),
        ([4], "range"),
        ([1, 2, 3, 4, 5], "range"),
        ([1, 2, 3, 7, 8, 10], "gaps"),
        ([2, 4, 6, 8, 10, 12], "gaps"),
        ([1, 3, 5, 7, 9, 11, 13], "relation"),  # more gaps than MAX_ID_GAPS (patched to 5)
    ],
)
def test_the_ids_miss_exactly_what_the_table_lacks(
    monkeypatch: pytest.MonkeyPatch, held: list[int], kind: str
) -> None:
    monkeypatch.setattr(import_steps, "MAX_ID_GAPS", 5)
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("CREATE TABLE actor (id INTEGER PRIMARY KEY, name TEXT)")
    db.executemany("INSERT INTO actor (id, name) VALUES (?, 'x')", [(i,) for i in held])
    steps = ImportSteps.__new__(ImportSteps)  # only its connection is needed
    steps.db, steps.id_tables = db, {}
    ids = steps._ids("actor")
    assert ids is steps._ids("actor")  # made once
    found = "relation" if ids.relation else "gaps" if ids.gaps else "range"
    assert found == kind
    assert missing(db, ids) == set(VALUES) - set(held)
