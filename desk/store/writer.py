"""One transaction's writes, each recorded in the change log for the audit trail and undo.

All writes go through a Writer, so every insert, update and delete a domain operation makes,
however indirect (a merge moving links, a delete taking its evidence along), is recorded with the
row before and after. Updates check the version the caller read: a stale one raises Conflict.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Date, DateTime, Table, delete, insert, select, update
from sqlmodel import Session

from desk.model import RECORD_TABLES, Change, Changeset, Record
from desk.model.archive import SourceArchive
from desk.model.duplicates import ActorDistinction
from desk.model.proposals import ProposalDecision
from desk.model.reviews import REVIEWED_TABLES, Review
from desk.model.tables import utc_now
from desk.store import actor_keys
from desk.store.errors import Conflict, NotFound

#: Every table whose rows the Writer records (and undo can bring back).
TABLE_MODELS: dict[str, type[Record]] = {
    model.__tablename__: model
    for model in (*RECORD_TABLES, ProposalDecision, Review, SourceArchive, ActorDistinction)
}

#: Names users read in messages, by table.
LABELS = {
    "actor": "actor",
    "actor_alias": "alias",
    "meeting": "meeting",
    "agenda_item": "agenda item",
    "source": "source",
    "meeting_actor": "participant link",
    "meeting_agenda": "agenda link",
    "evidence": "evidence",
    "proposal_decision": "proposal decision",
    "review": "review state",
    "source_archive": "archived page",
    "actor_distinction": "not-the-same mark",
}


def table_of(model: type[Record]) -> Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


def as_utc(value: dt.datetime) -> dt.datetime:
    """Timestamps are stored in UTC; SQLite hands them back without a zone."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def to_json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def snapshot(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row as JSON-ready values."""
    return {key: to_json_value(value) for key, value in row.items()}


def from_snapshot(table: Table, data: Mapping[str, Any]) -> dict[str, Any]:
    """A snapshot turned back into values the table's column types accept."""
    values: dict[str, Any] = {}
    for column in table.columns:
        if column.name not in data:
            continue
        value = data[column.name]
        if value is not None and isinstance(column.type, DateTime):
            value = dt.datetime.fromisoformat(value)
        elif value is not None and isinstance(column.type, Date):
            value = dt.date.fromisoformat(value)
        values[column.name] = value
    return values


class Writer:
    """Writes of one transaction on ``session``; ``finish`` records them as one changeset."""

    def __init__(self, session: Session, author: str, action: str) -> None:
        self.session = session
        self.author = author
        self.action = action
        self.summary = ""
        self.undoes_id: int | None = None
        #: Set by ``finish``: the changeset recording this transaction (0 if nothing changed).
        self.changeset_id = 0
        self._changes: list[Change] = []
        #: Actors whose names or aliases this transaction wrote: their name keys follow (finish).
        self._renamed_actors: set[int] = set()

    # -- reading ----------------------------------------------------------------------------
    def row(
        self, model: type[Record], record_id: int, *, lock: bool = False
    ) -> dict[str, Any] | None:
        table = table_of(model)
        query = select(table).where(table.c.id == record_id)
        if lock:
            query = query.with_for_update()
        found = self.session.execute(query).mappings().first()
        return dict(found) if found is not None else None

    def require(self, model: type[Record], record_id: int, *, lock: bool = False) -> dict[str, Any]:
        found = self.row(model, record_id, lock=lock)
        if found is None:
            raise NotFound(LABELS[model.__tablename__], record_id)
        return found

    # -- writing ----------------------------------------------------------------------------
    def insert(self, model: type[Record], values: Mapping[str, Any]) -> dict[str, Any]:
        table = table_of(model)
        now = utc_now()
        row_values = {"created_at": now, "updated_at": now, "version": 1, **values}
        created = self.session.execute(insert(table).values(row_values).returning(*table.c))
        row = dict(created.mappings().one())
        self._record(model, row["id"], "insert", None, row)
        return row

    def update(
        self,
        model: type[Record],
        record_id: int,
        values: Mapping[str, Any],
        *,
        expected_version: int | None = None,
    ) -> dict[str, Any]:
        """Change ``values`` of one row; given ``expected_version``, only if still at it."""
        table = table_of(model)
        before = self._current(model, record_id, expected_version)
        changed = {key: value for key, value in values.items() if before.get(key) != value}
        if not changed:
            return before
        result = self.session.execute(
            update(table)
            .where(table.c.id == record_id, table.c.version == before["version"])
            .values({**changed, "version": before["version"] + 1, "updated_at": utc_now()})
            .returning(*table.c)
        )
        after = result.mappings().first()
        if after is None:  # changed between our read and our write (possible on PostgreSQL)
            raise Conflict(
                LABELS[model.__tablename__],
                record_id,
                before["version"],
                self.row(model, record_id),
            )
        self._record(model, record_id, "update", before, dict(after))
        return dict(after)

    def delete(
        self, model: type[Record], record_id: int, *, expected_version: int | None = None
    ) -> dict[str, Any]:
        table = table_of(model)
        before = self._current(model, record_id, expected_version)
        self.session.execute(
            delete(table).where(table.c.id == record_id, table.c.version == before["version"])
        )
        self._record(model, record_id, "delete", before, None)
        if model.__tablename__ in REVIEWED_TABLES:
            self._delete_review_of(model.__tablename__, record_id)
        return before

    def restore(self, model: type[Record], data: Mapping[str, Any]) -> dict[str, Any]:
        """Insert a row exactly as a snapshot holds it (undo of a delete)."""
        table = table_of(model)
        values = from_snapshot(table, data)
        created = self.session.execute(insert(table).values(values).returning(*table.c))
        row = dict(created.mappings().one())
        self._record(model, row["id"], "insert", None, row)
        return row

    def finish(self) -> int:
        """Write the changeset and its changes; returns the changeset id (0 if nothing changed)."""
        if not self._changes:
            return 0
        actor_keys.refresh(self.session, self._renamed_actors)  # derived data, same transaction
        changeset = Changeset(
            author=self.author,
            action=self.action,
            summary=self.summary or self.action,
            undoes_id=self.undoes_id,
        )
        self.session.add(changeset)
        self.session.flush()
        assert changeset.id is not None
        for change in self._changes:
            change.changeset_id = changeset.id
            self.session.add(change)
        self.session.flush()
        self.changeset_id = changeset.id
        return changeset.id

    @property
    def changed(self) -> bool:
        return bool(self._changes)

    # -- internals --------------------------------------------------------------------------
    def _delete_review_of(self, record_table: str, record_id: int) -> None:
        """A record's review state goes with it (recorded, so undo brings both back)."""
        table = table_of(Review)
        found = self.session.execute(
            select(table.c.id).where(
                table.c.record_table == record_table, table.c.record_id == record_id
            )
        ).first()
        if found is not None:
            self.delete(Review, found[0])

    def _current(
        self, model: type[Record], record_id: int, expected_version: int | None
    ) -> dict[str, Any]:
        current = self.row(model, record_id, lock=True)
        label = LABELS[model.__tablename__]
        if current is None:
            if expected_version is not None:
                raise Conflict(label, record_id, expected_version, None)
            raise NotFound(label, record_id)
        if expected_version is not None and current["version"] != expected_version:
            raise Conflict(label, record_id, expected_version, current)
        return current

    def _record(
        self,
        model: type[Record],
        record_id: int,
        op: str,
        before: Mapping[str, Any] | None,
        after: Mapping[str, Any] | None,
    ) -> None:
        actor_keys.note(self._renamed_actors, model.__tablename__, before, after)
        self._changes.append(
            Change(
                changeset_id=0,
                **change_values(
                    len(self._changes), model.__tablename__, record_id, op, before, after
                ),
            )
        )


def change_values(
    seq: int,
    table_name: str,
    record_id: int,
    op: str,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """One change-log entry (all but its changeset): the rows before and after as JSON.

    The Writer and bulk writes (desk.store.bulk) both record through it, so undo reads every
    change alike, however it was made.
    """
    return {
        "seq": seq,
        "table_name": table_name,
        "record_id": record_id,
        "op": op,
        "before": json.dumps(snapshot(before), ensure_ascii=False) if before else None,
        "after": json.dumps(snapshot(after), ensure_ascii=False) if after else None,
    }
