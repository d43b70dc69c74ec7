"""Benchmark ``desk import`` (a restore into an empty desk) against the sqlite3 command line tool.

    .venv/bin/python benchmarks/import_benchmark.py [--meetings 1000000] [--runs 3]

On the synthetic desk (benchmarks/synthetic.py; built and cached on first use), exported once as
a package by desk and as CSV files by the tool, each run measures, one after the other:

* desk: ``desk import`` of the package into a new, empty desk (made by ``desk migrate`` before
  the clock starts), as a user runs it: the command line in a process of its own, every check,
  the desk's indexes and full-text search indexes rebuilt;
* the reference: the sqlite3 tool reading its own CSV files with ``.import --csv`` into a new
  database in WAL mode, then building the same indexes and search indexes over them.

For each: wall time, CPU time (user + system, of the process and every process it started) and
peak memory summed over all its processes (each one's maximum resident set size, VmHWM, read
while it runs). Figures are medians of the runs; the ratio is desk's median over the tool's.
Goal (issue 12): desk within 2x the tool's wall time, with at most 150 MB summed over processes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from measuring import measure as measure_tree  # noqa: E402
from synthetic import ensure_database  # noqa: E402

WALL_GOAL = 2.0
MEMORY_GOAL_MB = 150
TABLES = [
    "actor", "actor_alias", "meeting", "agenda_item", "source", "meeting_actor",
    "meeting_agenda", "evidence", "changeset", "change",
]  # fmt: skip


@dataclass(frozen=True)
class Measured:
    wall: float
    cpu: float
    #: Peak resident memory summed over the process and every process it started (bytes).
    memory: int
    processes: int


def measure(command: list[str], *, stdin: str | None = None) -> Measured:
    """Run ``command``; its wall and CPU time and its process tree's summed peak memory."""
    found = measure_tree(command, stdin=stdin)
    return Measured(found["wall"], found["cpu"], found["memory"], found["processes"])


def desk_command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "desk", *arguments]


def indexes_of(database: Path) -> list[str]:
    """What makes a desk's tables a desk: its indexes and search indexes (built by the tool)."""
    connection = sqlite3.connect(database)
    listed = ", ".join(f"'{table}'" for table in TABLES)
    try:
        found = [
            row[0]
            for row in connection.execute(
                f"SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND ((type = 'index' "
                f"AND tbl_name IN ({listed})) OR sql LIKE 'CREATE VIRTUAL TABLE%fts5%')"
            )
        ]
    finally:
        connection.close()
    searched = [sql.split()[3] for sql in found if sql.startswith("CREATE VIRTUAL")]
    return found + [f"INSERT INTO {name}({name}) VALUES ('rebuild')" for name in searched]


def tool_export(database: Path, folder: Path) -> None:
    folder.mkdir()
    script = [".headers on", ".mode csv"]
    for table in TABLES:
        script += [f".output {folder / (table + '.csv')}", f"SELECT * FROM {table};"]
    measure(["sqlite3", str(database)], stdin="\n".join(script) + "\n")


def tool_import(folder: Path, database: Path, indexes: list[str]) -> Measured:
    """The tool's CSV files into tables it creates, in WAL mode like a desk, then the desk's
    indexes and search indexes over them, in one transaction."""
    script = ["PRAGMA journal_mode = WAL;"]
    script += [f".import --csv {folder / (table + '.csv')} {table}" for table in TABLES]
    script += ["BEGIN;", *(f"{sql};" for sql in indexes), "COMMIT;"]
    return measure(["sqlite3", str(database)], stdin="\n".join(script) + "\n")


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def rows_in(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return sum(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES
        )
    finally:
        connection.close()


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="runs of each (medians are shown)")
    arguments = parser.parse_args()
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 command line tool is needed (apt-get install sqlite3)")
    if arguments.runs < 3:
        raise SystemExit("medians need at least 3 runs")

    database = ensure_database(arguments.meetings, verbose=True)
    expected = rows_in(database)
    indexes = indexes_of(database)
    work = Path(tempfile.mkdtemp(prefix="import-", dir=database.parent))
    environment = {**os.environ, "DESK_AUTHOR": "benchmark"}
    try:
        package, csv_files = work / "package", work / "tool-csv"
        subprocess.run(
            desk_command("export", "--db", str(database), str(package)),
            check=True,
            env=environment,
            stdout=subprocess.DEVNULL,
        )
        tool_export(database, csv_files)
        size = sum(path.stat().st_size for path in package.iterdir())
        print(f"{arguments.meetings:,} meetings: {expected:,} rows, package {size / 1e6:,.0f} MB")
        desk_runs: list[Measured] = []
        tool_runs: list[Measured] = []
        for run in range(arguments.runs):
            restored, plain = work / f"restored-{run}.sqlite", work / f"tool-{run}.sqlite"
            subprocess.run(  # a new, empty desk, as users have one (not timed)
                desk_command("migrate", "--db", str(restored)),
                check=True,
                env=environment,
                stdout=subprocess.DEVNULL,
            )
            desk_runs.append(measure(desk_command("import", "--db", str(restored), str(package))))
            if rows_in(restored) != expected:
                raise SystemExit(f"the restored desk holds {rows_in(restored):,} rows")
            tool_runs.append(tool_import(csv_files, plain, indexes))
            for path in (restored, plain):
                remove_database(path)
            print(
                f"  run {run + 1}: desk {desk_runs[-1].wall:.1f} s wall, "
                f"{desk_runs[-1].cpu:.1f} s CPU; tool {tool_runs[-1].wall:.1f} s wall, "
                f"{tool_runs[-1].cpu:.1f} s CPU",
                flush=True,
            )
        report(desk_runs, tool_runs, len(indexes))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(desk_runs: list[Measured], tool_runs: list[Measured], built: int) -> None:
    def mb(size: float) -> str:
        return f"{size / 2**20:,.0f} MB"

    desk_wall = median([m.wall for m in desk_runs])
    tool_wall = median([m.wall for m in tool_runs])
    desk_cpu = median([m.cpu for m in desk_runs])
    tool_cpu = median([m.cpu for m in tool_runs])
    desk_memory = max(m.memory for m in desk_runs)
    print()
    print(f"medians of {len(desk_runs)} runs{'':14}{'wall':>8}{'CPU':>8}  peak memory (summed)")
    print(
        f"{'sqlite3 .import + ' + str(built) + ' indexes':36}{tool_wall:7.1f}s{tool_cpu:7.1f}s"
        f"  {mb(max(m.memory for m in tool_runs))}"
    )
    print(
        f"{'desk import':36}{desk_wall:7.1f}s{desk_cpu:7.1f}s  {mb(desk_memory)} over "
        f"{max(m.processes for m in desk_runs)} process(es)"
    )
    wall_ratio, cpu_ratio = desk_wall / tool_wall, desk_cpu / tool_cpu
    print(f"ratio{'':31}{wall_ratio:7.2f}x{cpu_ratio:7.2f}x")
    verdicts = [
        (f"import wall within {WALL_GOAL:g}x the tool's", wall_ratio <= WALL_GOAL),
        (
            f"import memory at most {MEMORY_GOAL_MB} MB summed",
            desk_memory <= MEMORY_GOAL_MB * 2**20,
        ),
    ]
    for name, met in verdicts:
        print(f"goal: {name}: {'PASS' if met else 'MISS'}")


if __name__ == "__main__":
    raise SystemExit(main())
