"""``import_package``: load a package into an empty desk, or merge it into a desk with records.

Restore (the desk holds no records and no history yet): every file is loaded as it is, ids kept,
change log included, so the desk becomes the one that was exported, and exporting it again gives
the same bytes. No changeset is added: the package's history is the desk's history.

Merge (the desk holds records): records are matched by id. A record the desk lacks is added; one
it holds identically is left as it is; one it holds differently is a conflict: the desk's
version is kept and the conflict is reported (file, line, id, the fields that differ), never
overwritten. A record whose unique key (an actor's alias, a participant, an agenda link) the
desk holds under another id is a conflict too, and so is a record that depends on one that was
not added. The package's change log is checked but not merged (its ids number another desk's
history); the import itself is recorded as one changeset with an "insert" change per added
record (the row as JSON, as the store records it), so ``Store.undo`` can take a merge back.

All or nothing: everything happens in one transaction that holds the desk's write lock, and is
checked while it loads: the CSV syntax, UTF-8, each file's size and hash, the header, every
value's type, required values, vocabularies and the desk's other rules (CHECK constraints),
duplicate ids and keys, references between files, partial dates (canonical text agreeing with
its precision and earliest/latest days), each source's SHA-256 and each quote's place in its
source. The first problem stops the import with a message naming the file, the line, the column
and what was expected, and the rollback leaves the desk exactly as it was. ``dry_run`` does all
of it and rolls back, reporting what would have been added and what conflicts.

Speed: rows go from Python's csv module straight into SQLite by ``executemany``, converted by
SQL (``csv_format.sqlite_reader``, see ``loading``); each table is then checked in one pass
(``checks``) rather than row by row. A restore drops the tables' indexes and search triggers
while it loads and rebuilds each table's as soon as that table is complete (within the same
transaction); a large restore loads its large files in worker processes, one scratch SQLite file
per file beside the desk, which the importer attaches and copies in dependency order, rebuilding
what it can while it waits.

Imports run in SQLite: a desk on a server is imported through a scratch SQLite copy of it
(``staged_import``).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.exchange import csv_format, staging
from desk.exchange.checks import Checks, Loaded, broken_reference, reference_rules, rules
from desk.exchange.errors import InvalidData, PackageError
from desk.exchange.loading import Loader, LoadJob, is_disk_problem
from desk.exchange.package import PackageInfo, PackageSource, Resource, open_source
from desk.exchange.progress import Throttle
from desk.exchange.reading import check_size, locate_records
from desk.exchange.schema import MISSING, TableSpec, record_table_names
from desk.exchange.staging import Cleaned
from desk.store.bulk import BulkChanges
from desk.store.database import begin_bulk, end_bulk

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desk.store import Store

Progress = Callable[[int, int], None]

#: Conflicts listed one by one in a result (all are counted).
REPORTED_CONFLICTS = 100
#: The part of the work (relative to the bytes read) that finishing a restore takes.
FINISHING_SHARE = 4
STAGE_PREFIX = "desk_import_"
#: A restore of a package this large loads its large files in worker processes...
PARALLEL_THRESHOLD_BYTES = 64 * 1024 * 1024
#: ...the files at least this large.
PARALLEL_FILE_BYTES = 8 * 1024 * 1024
MAX_WORKERS = 4


@dataclass(frozen=True)
class RecordConflict:
    """A record of the package that was not added, and why."""

    table: str
    record_id: int
    #: The line of the package's file the record starts on.
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.table}.csv" + (f", line {self.line}" if self.line else "")
        return f"{where}: {self.table} #{self.record_id} {self.reason}"


@dataclass(frozen=True)
class ImportResult:
    """What an import did (or, for a dry run, would do)."""

    path: Path
    #: "restore" (into an empty desk) or "merge" (into a desk with records).
    mode: str
    #: The profile the package was made with ("data" or "excel").
    profile: str
    added: dict[str, int]
    unchanged: dict[str, int]
    conflict_counts: dict[str, int]
    #: The first conflicts, in table and file order (``conflict_counts`` counts them all).
    conflicts: tuple[RecordConflict, ...]
    #: The changeset recording a merge (0 for a restore, a dry run, or when nothing was added).
    changeset_id: int
    dry_run: bool
    #: "restored" (the package's change log became the desk's) or "kept" (the desk's own).
    history: str
    seconds: float = 0.0
    package_changesets: int = 0
    #: Worker processes that loaded large files (a large restore), and their largest peak memory.
    workers: int = 0
    worker_peak_bytes: int = 0
    #: Staging folders left by imports that were killed, removed before this one began.
    cleaned: tuple[Cleaned, ...] = ()

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_conflicts(self) -> int:
        return sum(self.conflict_counts.values())


def import_package(
    store: Store,
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import the package at ``path`` (a folder, its datapackage.json, or a .zip) into ``store``.

    Restores into an empty desk, merges into one with records (see the module's documentation).
    Raises a DeskError subclass (PackageError, InvalidData with file, line and column) when the
    package cannot be imported; the desk is then exactly as it was. ``progress(done, total)`` is
    called from the calling thread (units: bytes read, then the finishing work); if it raises,
    the import is rolled back. Safe to call from a worker thread.
    """
    started = time.perf_counter()
    location = Path(path).expanduser().absolute()
    desk = store.location.path
    cleaned = tuple(staging.clean_stale(desk.parent if desk is not None else None))
    if store.engine.dialect.name != "sqlite":
        # Checked and merged in a scratch SQLite copy of the desk, then applied (staged_import).
        from desk.exchange.staged_import import import_through_sqlite

        result = import_through_sqlite(store, location, progress=progress, dry_run=dry_run)
        return replace(result, cleaned=cleaned + result.cleaned)
    source = open_source(location)
    try:
        info = source.info()
        sizes = {resource.spec.name: check_size(source, resource) for resource in info.resources}
        total = sum(sizes.values())
        throttle = Throttle(progress, total + total // FINISHING_SHARE)
        importer = _Importer(store, source, info, throttle, dry_run=dry_run)
        try:
            result = importer.run(location)
        except InvalidData as error:
            # Damaged bytes can read as a broken row before the zip's CRC is checked: say so.
            damage = source.damage_in(error.file)
            if damage is not None:
                raise damage from error
            raise
        throttle.finish()
    finally:
        source.close()
    return replace(result, seconds=time.perf_counter() - started, cleaned=cleaned)


class _Importer:
    def __init__(
        self,
        store: Store,
        source: PackageSource,
        info: PackageInfo,
        throttle: Throttle,
        *,
        dry_run: bool,
    ) -> None:
        self.store = store
        self.source = source
        self.info = info
        self.throttle = throttle
        self.dry_run = dry_run
        self.excel = info.excel
        self.read = 0
        #: Bytes worker processes have read; how many there were, and their largest peak memory.
        self.read_elsewhere = 0
        self.workers = 0
        self.worker_peak = 0
        #: What a restore still has to rebuild (SQL statements), how many it will, and did.
        self.rebuilds: list[str] = []
        self.rebuilds_total = 0
        self.rebuilt = 0
        #: The bytes to read (the rest of the progress total is the finishing work).
        self.loading_total = throttle.total * FINISHING_SHARE // (FINISHING_SHARE + 1)
        self.resources = {resource.spec.name: resource for resource in info.resources}
        #: Tables whose ids were copied to a temporary table for checking references.
        self.id_tables: set[str] = set()
        #: Scratch databases attached (detached when the transaction has ended), and their folder.
        self.attached: list[str] = []
        self.scratch: Path | None = None

    # -- the transaction -----------------------------------------------------------------------
    def run(self, location: Path) -> ImportResult:
        pooled = self.store.engine.raw_connection()
        db: sqlite3.Connection = pooled.driver_connection  # type: ignore[assignment]
        self.db = db
        self.loader = Loader(db, self.source, excel=self.excel)
        self.checks = Checks(db, self.source)
        # Types, CHECK constraints and foreign keys are checked by one pass over each table once
        # it is loaded (see _scan), not row by row as it loads: several times faster. (PRAGMA
        # foreign_keys only changes outside a transaction.)
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("PRAGMA ignore_check_constraints = ON")
        begin_bulk(db)  # synchronous=NORMAL while loading; end_bulk checkpoints (and syncs)
        try:
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise PackageError(
                    f"the desk is busy ({error}): another program is writing to it; try again"
                ) from error
            try:
                result = self._restore(location) if self._is_empty() else self._merge(location)
                started = time.perf_counter()
                db.execute("ROLLBACK" if self.dry_run else "COMMIT")
                log.debug("import ended in %.2f s", time.perf_counter() - started)
            except sqlite3.Error as error:
                if is_disk_problem(error):
                    raise PackageError(
                        f"cannot write to {self.store.location.describe()} ({error}: is the "
                        "disk full?); nothing was imported"
                    ) from error
                raise PackageError(
                    f"the desk refused the import ({error}); nothing was imported"
                ) from error
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
            for alias in self.attached:
                db.execute(f"DETACH DATABASE {alias}")
            if self.scratch is not None:
                shutil.rmtree(self.scratch, ignore_errors=True)
            self._drop_stages()
            db.execute("PRAGMA ignore_check_constraints = OFF")
            db.execute("PRAGMA foreign_keys = ON")
            end_bulk(db)
            pooled.close()
        return result

    def _is_empty(self) -> bool:
        for name in (*record_table_names(), "changeset"):
            if self.db.execute(f"SELECT EXISTS (SELECT 1 FROM main.{name})").fetchone()[0]:
                return False
        return True

    def _drop_stages(self) -> None:
        stages = self.db.execute(
            "SELECT name FROM sqlite_temp_master WHERE type = 'table' AND name LIKE ?",
            (STAGE_PREFIX + "%",),
        ).fetchall()
        for (name,) in stages:
            self.db.execute(f"DROP TABLE temp.{name}")

    # -- loading -------------------------------------------------------------------------------
    def _counted(self, size: int) -> None:
        self.read += size
        self.throttle(self.read + self.read_elsewhere)

    def _load(self, resource: Resource, target: str) -> int:
        """Stream a file into ``target`` (a table of the desk or a stage); returns rows loaded."""
        return self.loader.load(resource, target, self._counted)

    def _duplicate(
        self,
        resource: Resource,
        columns: list[str],
        values: dict[str, Any],
        line: int | None,
        first_line: int | None = None,
    ) -> InvalidData:
        return self.loader.duplicate(resource, columns, values, line, first_line)

    # -- checks shared by both modes -----------------------------------------------------------
    def _ids(self, table: str) -> str:
        """A temporary table of the ids ``table`` holds: small, so checking references against
        it stays in SQLite's page cache (the table itself may be hundreds of MB)."""
        name = f"{STAGE_PREFIX}ids_{table}"
        if table not in self.id_tables:
            self.db.execute(f"CREATE TEMP TABLE {name} (id INTEGER PRIMARY KEY)")
            self.db.execute(f"INSERT INTO temp.{name} SELECT id FROM main.{table} ORDER BY id")
            self.id_tables.add(table)
        return f"temp.{name}"

    # -- restore -------------------------------------------------------------------------------
    def _restore(self, location: Path) -> ImportResult:
        db = self.db
        tables = [resource.spec.name for resource in self.info.resources]
        marks = ", ".join("?" * len(tables))
        saved = db.execute(
            f"SELECT type, name, tbl_name, sql FROM main.sqlite_master WHERE type IN "
            f"('index', 'trigger') AND sql IS NOT NULL AND tbl_name IN ({marks})",
            tables,
        ).fetchall()
        for kind, name, _table, _sql in saved:
            db.execute(f"DROP {kind.upper()} main.{name}")
        searched = self._search_indexes(tables)
        self.rebuilds_total = len(saved) + len(searched)
        added: dict[str, int] = {}
        with _Workers(self, self._parallel_jobs(location), location) as workers:
            for resource in self.info.resources:
                spec = resource.spec
                started = time.perf_counter()
                loaded = Loaded(resource, relation=f"main.{spec.name}", by_record=False)
                if spec.name in workers.jobs:  # loaded and checked by itself in a worker
                    loaded.rows = self._copy(resource, workers.wait(spec.name))
                    loading = time.perf_counter() - started
                    self.checks.scan(loaded, reference_rules(spec, self._ids))
                else:
                    loaded.rows = self._load(resource, loaded.relation)
                    loading = time.perf_counter() - started
                    self.checks.scan(loaded, rules(spec, self._ids))
                    self.checks.rows(loaded)
                if spec.name == "evidence":
                    self.checks.quotes(loaded)
                added[spec.name] = loaded.rows
                log.debug(
                    "restore %s: %d rows loaded in %.2f s, checked in %.2f s",
                    spec.name,
                    loaded.rows,
                    loading,
                    time.perf_counter() - started - loading,
                )
                # The table is complete: its indexes, triggers and search index can be rebuilt,
                # while workers still load the files that come after it.
                self.rebuilds.extend(
                    sql for kind, _, table, sql in saved if table == spec.name and kind == "index"
                )
                self.rebuilds.extend(
                    sql for kind, _, table, sql in saved if table == spec.name and kind == "trigger"
                )
                self.rebuilds.extend(searched.get(spec.name, []))
        started = time.perf_counter()
        while self.rebuilds:
            self.rebuild_next()
        log.debug("restore: last indexes rebuilt in %.2f s", time.perf_counter() - started)
        return ImportResult(
            path=location,
            mode="restore",
            profile=self.info.profile,
            added=added,
            unchanged=dict.fromkeys(added, 0),
            conflict_counts=dict.fromkeys(added, 0),
            conflicts=(),
            changeset_id=0,
            dry_run=self.dry_run,
            history="restored",
            package_changesets=added.get("changeset", 0),
            workers=self.workers,
            worker_peak_bytes=self.worker_peak,
        )

    def _search_indexes(self, tables: list[str]) -> dict[str, list[str]]:
        """The statements rebuilding each table's full-text index (FTS5, external content)."""
        found: dict[str, list[str]] = {}
        for name, sql in self.db.execute(
            "SELECT name, sql FROM main.sqlite_master WHERE type = 'table' AND "
            "sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"
        ).fetchall():
            content = re.search(r"content='(\w+)'", sql)
            if content and content.group(1) in tables:
                found.setdefault(content.group(1), []).append(
                    f"INSERT INTO main.{name}({name}) VALUES ('rebuild')"
                )
        return found

    def rebuild_next(self) -> None:
        """Run the next statement rebuilding what loading dropped (an index, a trigger, a search
        index), and count it as done."""
        self.db.execute(self.rebuilds.pop(0))
        self.rebuilt += 1
        finishing = self.throttle.total - self.loading_total
        done = self.loading_total + finishing * self.rebuilt // max(1, self.rebuilds_total)
        self.throttle(max(done, self.read + self.read_elsewhere))

    def _parallel_jobs(self, location: Path) -> dict[str, LoadJob]:
        """The files worker processes load (the large ones, for a large package on a file)."""
        sizes = {r.spec.name: self.source.size(r.path) or 0 for r in self.info.resources}
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        desk = self.store.location.path
        if desk is None or workers < 2 or sum(sizes.values()) < PARALLEL_THRESHOLD_BYTES:
            return {}
        self.scratch = staging.make(staging.DESK_PREFIX, desk.parent)
        return {
            resource.spec.name: LoadJob(
                resource, self.excel, str(self.scratch / f"{resource.spec.name}.sqlite")
            )
            for resource in self.info.resources
            if sizes[resource.spec.name] >= PARALLEL_FILE_BYTES
        }

    def _copy(self, resource: Resource, job: LoadJob) -> int:
        """Copy a table a worker loaded into its scratch file into the desk."""
        spec = resource.spec
        alias = f"{STAGE_PREFIX}{spec.name}"
        self.db.execute("ATTACH DATABASE ? AS " + alias, (job.scratch,))
        self.attached.append(alias)
        columns = ", ".join(spec.column_names)
        try:
            cursor = self.db.execute(
                f"INSERT INTO main.{spec.name} ({columns}) SELECT {columns} "
                f"FROM {alias}.{spec.name} ORDER BY rowid"
            )
        except sqlite3.IntegrityError as error:  # a duplicate id or key: say where
            self._check_duplicates(Loaded(resource, f"{alias}.{spec.name}", by_record=True))
            raise InvalidData(resource.path, f"the desk refused it ({error})") from error
        return int(cursor.rowcount)

    # -- merge ---------------------------------------------------------------------------------
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

    def _check_duplicates(self, loaded: Loaded) -> None:
        """Two records with the same id, or the same unique key (rowid = record number)."""
        spec = loaded.resource.spec
        stage = loaded.relation
        for key in (("id",), *spec.unique_keys):
            joined = " AND ".join(f"a.{c} = b.{c}" for c in key)
            found = self.db.execute(
                f"SELECT a.rowid, b.rowid, {', '.join(f'b.{c}' for c in key)} FROM {stage} a "
                f"JOIN {stage} b ON {joined} AND b.rowid > a.rowid ORDER BY b.rowid LIMIT 1"
            ).fetchone()
            if found is not None:
                located = locate_records(self.source, loaded.resource, {found[0], found[1]})
                first, second = located.get(found[0]), located.get(found[1])
                raise self._duplicate(
                    loaded.resource,
                    list(key),
                    dict(zip(key, found[2:], strict=True)),
                    second.line if second else None,
                    first.line if first else None,
                )

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


class _Workers:
    """Worker processes loading the large files of a restore into scratch files, in the order
    the importer copies them; ``wait`` returns a table's job once it is loaded."""

    def __init__(self, importer: _Importer, jobs: dict[str, LoadJob], location: Path) -> None:
        self.importer = importer
        self.jobs = jobs
        self.location = location
        self.loaded: dict[str, int] = {}
        self.processes: list[Any] = []

    def __enter__(self) -> _Workers:
        if not self.jobs:
            return self
        import multiprocessing

        from desk.exchange import loading

        context = multiprocessing.get_context("spawn")  # never fork a process that may run threads
        count = min(os.cpu_count() or 1, MAX_WORKERS, len(self.jobs))
        self.importer.workers = count
        self.next_job = context.Value("q", 0)
        self.progress = context.Array("q", count)
        self.results = context.Queue()
        self.stop = context.Event()
        ordered = list(self.jobs.values())
        self.processes = [
            context.Process(
                target=loading.worker,
                args=(
                    str(self.location),
                    ordered,
                    self.next_job,
                    self.progress,
                    slot,
                    self.results,
                    self.stop,
                ),
                daemon=True,
                name=f"desk-import-{slot}",
            )
            for slot in range(count)
        ]
        for process in self.processes:
            process.start()
        return self

    def wait(self, table: str) -> LoadJob:
        import queue

        importer = self.importer
        while table not in self.loaded:
            try:
                if importer.rebuilds and self.results.empty():
                    importer.rebuild_next()  # a table loaded earlier: rebuild while waiting
                    continue
                message = self.results.get(timeout=0.1)
            except queue.Empty:
                if not any(process.is_alive() for process in self.processes):
                    raise PackageError(
                        f"loading {table}.csv stopped: a worker process ended unexpectedly"
                    ) from None
                message = None
            if message is not None:
                kind = message[0]
                if kind == "loaded":
                    self.loaded[message[1]] = message[2]
                elif kind == "invalid":
                    _, file, problem, line, column = message
                    raise InvalidData(file, problem, line=line, column=column)
                elif kind == "refused":
                    raise PackageError(message[1])
                elif kind == "failed":
                    raise PackageError(f"loading the package failed: {message[1]}")
            importer.read_elsewhere = sum(self.progress[:])
            importer.throttle(importer.read + importer.read_elsewhere)
        return self.jobs[table]

    def __exit__(self, *_: object) -> None:
        import queue

        if not self.processes:
            return
        self.stop.set()
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.terminate()
                process.join()
        while True:  # what the workers said last: their peak memory
            try:
                message = self.results.get_nowait()
            except queue.Empty:
                break
            if message[0] == "exit":
                self.importer.worker_peak = max(self.importer.worker_peak, message[2])
        self.results.close()
