"""Undo: apply a changeset's changes backwards, as a new changeset that says what it undoes.

Redo is the undo of an undo. A row changed since the changeset (by anyone) makes the undo a
conflict rather than overwriting that later work.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from desk.model import Change, Changeset
from desk.store.errors import Conflict, UndoRefused
from desk.store.writer import LABELS, TABLE_MODELS, Writer, from_snapshot, snapshot, table_of


def is_undone(writer: Writer, changeset_id: int) -> bool:
    undoing = writer.session.execute(
        select(Changeset.id).where(Changeset.undoes_id == changeset_id)  # type: ignore[arg-type]
    ).first()
    return undoing is not None and not is_undone(writer, undoing[0])


def apply_undo(writer: Writer, changeset_id: int) -> Changeset:
    """Reverse ``changeset_id`` through ``writer``; returns the changeset being undone."""
    target = writer.session.get(Changeset, changeset_id)
    if target is None:
        raise UndoRefused(f"there is no change #{changeset_id} to undo")
    if is_undone(writer, changeset_id):
        raise UndoRefused(f"change #{changeset_id} ({target.summary}) is already undone")
    changes = writer.session.execute(
        select(Change).where(Change.changeset_id == changeset_id).order_by(Change.seq.desc())  # type: ignore[arg-type, union-attr]
    ).scalars()
    for change in changes:
        model = TABLE_MODELS[change.table_name]
        before = json.loads(change.before) if change.before else None
        after = json.loads(change.after) if change.after else None
        current = writer.row(model, change.record_id, lock=True)
        label = LABELS[change.table_name]
        if change.op == "insert":
            assert after is not None
            _expect(current, after, label, change.record_id)
            writer.delete(model, change.record_id)
        elif change.op == "update":
            assert before is not None and after is not None
            _expect(current, after, label, change.record_id)
            restored = from_snapshot(table_of(model), before)
            for key in ("id", "version", "created_at", "updated_at"):
                restored.pop(key, None)
            writer.update(model, change.record_id, restored)
        else:
            assert before is not None
            if current is not None:
                raise UndoRefused(
                    f"{label} #{change.record_id} exists again, so its deletion cannot be undone"
                )
            writer.restore(model, before)
    writer.undoes_id = changeset_id
    writer.summary = f"undo: {target.summary}"
    return target


#: Columns that change whenever a row is written, whatever its content.
_BOOKKEEPING = frozenset({"version", "updated_at"})


def _expect(
    current: dict[str, Any] | None, after: dict[str, Any], label: str, record_id: int
) -> None:
    """The row must still hold what the changeset left in it.

    An undo in between may have bumped its version; nobody may have changed its content.
    """
    if current is None:
        raise Conflict(label, record_id, after["version"], None)
    now = {key: value for key, value in snapshot(current).items() if key not in _BOOKKEEPING}
    then = {key: value for key, value in after.items() if key not in _BOOKKEEPING}
    if now != then:
        raise Conflict(label, record_id, after["version"], current)
