"""Merge: a package's records added to a desk that holds records, by id, never overwriting.

A record the desk lacks is added; one it holds identically is left as it is; one it holds
differently is a conflict: the desk's version is kept and the conflict reported. A record whose
unique key the desk holds under another id is a conflict too, and so is one that depends on a
record that was not added. The package's change log is checked but not merged. The records added
are written by the store (``desk.store.bulk.BulkChanges``), recorded as one "import" changeset
exactly as the store records any edit, so history shows it and ``Store.undo`` takes it back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desk.exchange import csv_format
from desk.exchange.checks import Loaded, broken_reference, rules
from desk.exchange.errors import InvalidData
from desk.exchange.import_result import ImportResult, RecordConflict
from desk.exchange.import_steps import STAGE_PREFIX, ImportSteps
from desk.exchange.package import Resource
from desk.exchange.reading import locate_records
from desk.exchange.schema import MISSING, TableSpec, record_table_names
from desk.store import actor_keys
from desk.store.bulk import BulkChanges

#: Conflicts listed one by one in a result (all are counted).
REPORTED_CONFLICTS = 100


class Merging(ImportSteps):
    """The merge steps of the importer."""

    def _merge(self, location: Path) -> ImportResult:
        db = self.db
        records = record_table_names()
        added: dict[str, int] = {}
        unchanged: dict[str, int] = {}
        counts: dict[str, int] = {}
        conflicts: list[RecordConflict] = []
        changes = BulkChanges(db, self.store.engine.dialect, self.store.author, "import")
        staged: dict[str, Loaded] = {}
        for resource in self.info.resources:
            spec = resource.spec
            loaded = self._stage(resource)
            staged[spec.name] = loaded
            stage = loaded.relation
            if spec.name not in records:  # the package's change log: checked, not merged
                self._check_references(loaded, staged, within_package=True)
                continue
            self._classify(loaded, staged)
            if spec.name == "evidence":  # against the texts the desk will hold
                self.checks.quotes(loaded, "_action = 'add'")
            added[spec.name] = changes.insert_from(
                spec.name, spec.column_names, stage, "_action = 'add'"
            )
            unchanged[spec.name] = db.execute(
                f"SELECT count(*) FROM {stage} WHERE _action = 'same'"
            ).fetchone()[0]
            counts[spec.name] = db.execute(
                f"SELECT count(*) FROM {stage} WHERE _action = 'conflict'"
            ).fetchone()[0]
            if counts[spec.name] and len(conflicts) < REPORTED_CONFLICTS:
                conflicts.extend(self._conflicts(loaded, REPORTED_CONFLICTS - len(conflicts)))
            self.throttle(self.read)
        renamed = [  # actors added, or given aliases: their keys in the name index the store keeps
            row[0]
            for table, column in (("actor", "id"), ("actor_alias", "actor_id"))
            if added.get(table)
            for row in db.execute(
                f"SELECT {column} FROM {staged[table].relation} WHERE _action = 'add'"
            )
        ]
        if renamed:
            actor_keys.rebuild_sqlite(db, renamed)
        package_history = staged["changeset"].rows if "changeset" in staged else 0
        changeset_id = changes.finish(_summary(location, added, counts))
        return ImportResult(
            path=location,
            mode="merge",
            profile=self.info.profile,
            added=added,
            unchanged=unchanged,
            conflict_counts=counts,
            conflicts=tuple(conflicts),
            changeset_id=0 if self.dry_run else changeset_id,
            dry_run=self.dry_run,
            history="kept",
            package_changesets=package_history,
        )

    def _stage(self, resource: Resource) -> Loaded:
        """Load a file into a temporary table of its own (rowid = record number), indexed by id,
        and look there for what the desk's constraints would refuse."""
        spec = resource.spec
        name = f"{STAGE_PREFIX}{spec.name}"
        columns = ", ".join(
            f"{column.name} {csv_format.SQLITE_AFFINITY[column.kind]}" for column in spec.columns
        )
        self.db.execute(f"CREATE TEMP TABLE {name} ({columns}, _action TEXT, _reason TEXT)")
        loaded = Loaded(resource, relation=f"temp.{name}", by_record=True)
        loaded.rows = self._load(resource, loaded.relation)
        self.db.execute(f"CREATE INDEX temp.{name}_id ON {name} (id)")
        self._check_staged(loaded)
        self.checks.rows(loaded)
        return loaded

    def _check_staged(self, loaded: Loaded) -> None:
        """What the desk's constraints would refuse, found in the stage with its record number."""
        spec = loaded.resource.spec
        stage = loaded.relation
        required = [c.name for c in spec.columns if c.required]
        if required:
            found = self.db.execute(
                f"SELECT rowid, {', '.join(required)} FROM {stage} WHERE "
                f"{' OR '.join(f'{name} IS NULL' for name in required)} ORDER BY rowid LIMIT 1"
            ).fetchone()
            if found is not None:
                raise InvalidData(
                    loaded.resource.path,
                    f"a value is required, but the field is {MISSING} (missing)",
                    line=self.checks.line(loaded, found[0]),
                    column=required[list(found[1:]).index(None)],
                )
        self.checks.scan(loaded, rules(spec))
        self._check_duplicates(loaded)

    def _check_references(
        self, loaded: Loaded, staged: dict[str, Loaded], *, within_package: bool
    ) -> None:
        """References that lead nowhere (in the package, or in the desk when merging)."""
        spec = loaded.resource.spec
        stage = loaded.relation
        for key in spec.foreign_keys:
            parent_stage = staged[key.table].relation
            in_desk = f"SELECT 1 FROM main.{key.table} p WHERE p.id = s.{key.column}"
            outside = "" if within_package else f"AND NOT EXISTS ({in_desk})"
            found = self.db.execute(
                f"SELECT s.rowid, s.{key.column} FROM {stage} s WHERE s.{key.column} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM {parent_stage} q WHERE q.id = s.{key.column}) "
                f"{outside} ORDER BY s.rowid LIMIT 1"
            ).fetchone()
            if found is not None:
                raise broken_reference(
                    loaded.resource,
                    key.column,
                    key.table,
                    found[1],
                    self.checks.line(loaded, found[0]),
                    in_desk=not within_package,
                )

    def _classify(self, loaded: Loaded, staged: dict[str, Loaded]) -> None:
        """Mark each staged record: add, same (the desk holds it as it is) or conflict."""
        db = self.db
        spec = loaded.resource.spec
        stage = loaded.relation
        table = f"main.{spec.name}"
        equal = " AND ".join(f"m.{name} IS {stage}.{name}" for name in spec.column_names)
        db.execute(
            f"UPDATE {stage} SET _action = 'same' WHERE EXISTS "
            f"(SELECT 1 FROM {table} m WHERE m.id = {stage}.id AND {equal})"
        )
        db.execute(
            f"UPDATE {stage} SET _action = 'conflict', _reason = 'differs' WHERE _action IS NULL "
            f"AND EXISTS (SELECT 1 FROM {table} m WHERE m.id = {stage}.id)"
        )
        for key in spec.unique_keys:
            same_key = " AND ".join(f"m.{c} = {stage}.{c}" for c in key)
            db.execute(
                f"UPDATE {stage} SET _action = 'conflict', _reason = 'key' WHERE _action IS NULL "
                f"AND EXISTS (SELECT 1 FROM {table} m WHERE {same_key})"
            )
        for key in spec.foreign_keys:
            if key.table == spec.name:
                continue
            parent = staged[key.table].relation
            value = f"{stage}.{key.column}"
            db.execute(
                f"UPDATE {stage} SET _action = 'conflict', _reason = 'depends:{key.column}' "
                f"WHERE _action IS NULL AND {value} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM main.{key.table} p WHERE p.id = {value}) "
                f"AND EXISTS (SELECT 1 FROM {parent} q WHERE q.id = {value})"
            )
        db.execute(f"UPDATE {stage} SET _action = 'add' WHERE _action IS NULL")
        self._check_references(loaded, staged, within_package=False)

    def _conflicts(self, loaded: Loaded, limit: int) -> list[RecordConflict]:
        spec = loaded.resource.spec
        stage = loaded.relation
        names = spec.column_names
        rows = self.db.execute(
            f"SELECT rowid, _reason, {', '.join(names)} FROM {stage} WHERE _action = 'conflict' "
            f"ORDER BY rowid LIMIT {limit}"
        ).fetchall()
        lines = locate_records(self.source, loaded.resource, {row[0] for row in rows})
        conflicts = []
        for rowid, reason, *values in rows:
            record = dict(zip(names, values, strict=True))
            located = lines.get(rowid)
            conflicts.append(
                RecordConflict(
                    spec.name,
                    record["id"],
                    located.line if located else None,
                    self._reason(spec, reason, record),
                )
            )
        return conflicts

    def _reason(self, spec: TableSpec, reason: str, record: dict[str, Any]) -> str:
        names = spec.column_names
        if reason == "differs":
            current = self.db.execute(
                f"SELECT {', '.join(names)} FROM main.{spec.name} WHERE id = ?", (record["id"],)
            ).fetchone()
            desk = dict(zip(names, current, strict=True))
            fields = [n for n in names if desk[n] != record[n] and n not in ("version",)]
            versions = ""
            if "version" in desk:
                versions = f" (desk version {desk['version']}, package version {record['version']})"
            return (
                f"differs from the desk's in {', '.join(fields) or 'its version'}{versions}: "
                "the desk's was kept"
            )
        if reason == "key":
            for key in spec.unique_keys:
                found = self.db.execute(
                    f"SELECT id FROM main.{spec.name} WHERE "
                    f"{' AND '.join(f'{c} = ?' for c in key)}",
                    [record[c] for c in key],
                ).fetchone()
                if found is not None:
                    return (
                        f"has the same {', '.join(key)} as the desk's {spec.name} #{found[0]}: "
                        "not added"
                    )
            return "duplicates a record of the desk: not added"
        column = reason.split(":", 1)[1]
        parent = next(key.table for key in spec.foreign_keys if key.column == column)
        return f"refers to {parent} #{record[column]} ({column}), which was not added: not added"


def _summary(location: Path, added: dict[str, int], conflicts: dict[str, int]) -> str:
    """What a merge's changeset says it did."""
    parts = [f"{count} {table.replace('_', ' ')}" for table, count in added.items() if count]
    summary = f"import {location.name}: added {', '.join(parts)}"
    total = sum(conflicts.values())
    if total:
        summary += f"; kept the desk's version of {total} conflicting record(s)"
    return summary
