"""Restore: a package loaded into an empty desk as it is, ids and change log included.

The tables' indexes and search triggers are dropped while they load and each table's are rebuilt
as soon as it is complete (within the same transaction). A restore can load its large files in
worker processes (``import_workers``, when ``PARALLEL_THRESHOLD_BYTES`` is set) and copy them in
dependency order, rebuilding what it can while it waits. No changeset is added: the package's
history is the desk's history.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from pathlib import Path

from desk.exchange import staging
from desk.exchange.checks import Loaded, reference_rules, rules
from desk.exchange.errors import InvalidData
from desk.exchange.import_result import ImportResult
from desk.exchange.import_steps import STAGE_PREFIX, ImportSteps
from desk.exchange.import_workers import MAX_WORKERS, Workers
from desk.exchange.loading import LoadJob
from desk.exchange.package import Resource
from desk.store import actor_keys
from desk.store.bulk import copy_rows, suspend_indexes

log = logging.getLogger("desk.exchange.import_")

#: A restore of a package this large loads its large files in worker processes; None: never.
#: Off by default: at a million meetings on two shared cores, the workers (each an interpreter
#: and a page cache, and the rows inserted twice: into their scratch files, then into the desk)
#: took 236 MB summed over four processes and more CPU, where one process takes under 150 MB.
PARALLEL_THRESHOLD_BYTES: int | None = None
#: ...the files at least this large.
PARALLEL_FILE_BYTES = 8 * 1024 * 1024


class Restoring(ImportSteps):
    """The restore steps of the importer."""

    #: What a restore still has to rebuild (SQL statements), how many it will, and did.
    rebuilds: list[str]
    rebuilds_total: int
    rebuilt: int
    #: Scratch databases attached (detached when the transaction has ended), and their folder.
    attached: list[str]
    scratch: Path | None

    def _restore(self, location: Path) -> ImportResult:
        db = self.db
        tables = [resource.spec.name for resource in self.info.resources]
        rebuilding = suspend_indexes(db, tables)
        self.rebuilds_total = sum(len(statements) for statements in rebuilding.values())
        added: dict[str, int] = {}
        with Workers(self, self._parallel_jobs(location), location) as workers:
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
                self.rebuilds.extend(rebuilding[spec.name])
        started = time.perf_counter()
        while self.rebuilds:
            self.rebuild_next()
        actor_keys.rebuild_sqlite(self.db)  # the actors' name index the store keeps (derived)
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
        threshold = PARALLEL_THRESHOLD_BYTES
        if desk is None or workers < 2 or threshold is None or sum(sizes.values()) < threshold:
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
        try:
            return copy_rows(self.db, spec.name, spec.column_names, f"{alias}.{spec.name}")
        except sqlite3.IntegrityError as error:  # a duplicate id or key: say where
            self._check_duplicates(Loaded(resource, f"{alias}.{spec.name}", by_record=True))
            raise InvalidData(resource.path, f"the desk refused it ({error})") from error
