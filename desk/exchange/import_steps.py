"""What both kinds of import share: the connection, loading files, progress and common checks.

``ImportSteps`` is the base of the importer (desk.exchange.import_), whose two modes live in
rooms of their own: ``restore`` (into an empty desk) and ``merge`` (into a desk with records).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.exchange.checks import Checks, IdSet, Loaded
from desk.exchange.errors import InvalidData
from desk.exchange.loading import Loader
from desk.exchange.package import PackageInfo, PackageSource, Resource
from desk.exchange.progress import Throttle
from desk.exchange.reading import locate_records
from desk.exchange.schema import record_table_names

if TYPE_CHECKING:
    from desk.store import Store

#: The part of the work (relative to the bytes read) that finishing a restore takes.
FINISHING_SHARE = 4
STAGE_PREFIX = "desk_import_"
#: Runs of missing ids a reference check tests as gaps in a range; with more, as a table of ids.
MAX_ID_GAPS = 10_000


class ImportSteps:
    """One import's state on the desk's raw SQLite connection (set by ``run``)."""

    db: sqlite3.Connection
    loader: Loader
    checks: Checks

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
        #: The ids of tables referenced, as checks test them (see ``_ids``).
        self.id_tables: dict[str, IdSet] = {}
        #: Scratch databases attached (detached when the transaction has ended), and their folder.
        self.attached: list[str] = []
        self.scratch: Path | None = None

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
    def _ids(self, table: str) -> IdSet:
        """The ids ``table`` holds, for checking references to it: their range and a temporary
        table of the runs of ids missing from it, or, if there are many, a temporary table of
        the ids (small either way, so checks against them stay in SQLite's page cache, where
        the table itself may be hundreds of MB)."""
        if table not in self.id_tables:
            self.id_tables[table] = self._id_set(table)
        return self.id_tables[table]

    def _id_set(self, table: str) -> IdSet:
        first, last = self.db.execute(f"SELECT min(id), max(id) FROM main.{table}").fetchone()
        if first is None:
            return IdSet()  # no ids: every reference is missing
        count = self.db.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
        if count == last - first + 1:
            return IdSet(first, last)
        gaps = f"{STAGE_PREFIX}gaps_{table}"
        self.db.execute(f"CREATE TEMP TABLE {gaps} (lo INTEGER PRIMARY KEY, hi INTEGER NOT NULL)")
        self.db.execute(
            f"INSERT INTO temp.{gaps} SELECT id + 1, following - 1 FROM (SELECT id, "
            f"lead(id) OVER (ORDER BY id) AS following FROM main.{table}) "
            f"WHERE following > id + 1 LIMIT {MAX_ID_GAPS + 1}"
        )
        if self.db.execute(f"SELECT count(*) FROM temp.{gaps}").fetchone()[0] <= MAX_ID_GAPS:
            return IdSet(first, last, gaps=f"temp.{gaps}")
        name = f"{STAGE_PREFIX}ids_{table}"
        self.db.execute(f"CREATE TEMP TABLE {name} (id INTEGER PRIMARY KEY)")
        self.db.execute(f"INSERT INTO temp.{name} SELECT id FROM main.{table} ORDER BY id")
        return IdSet(relation=f"temp.{name}")

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
