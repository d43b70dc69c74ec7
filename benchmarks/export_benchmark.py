"""Benchmark `desk export` (the package, and --flat) against the sqlite3 tool, in the same run.

    .venv/bin/python benchmarks/export_benchmark.py [--meetings 1000000] [--runs 3]
        [--scale-from 100000]

Everything runs as a user runs it, a process per step (``desk export`` through the command
line), on the synthetic desk (benchmarks/synthetic.py; built and cached on first use):

* package: ``desk export --db DESK FOLDER`` against ``sqlite3`` writing the same tables with
  ``.mode csv`` and ``.headers on``;
* flat: ``desk export --flat`` against one sqlite3 query writing one row per meeting with its
  actors, agenda items and citations joined by ``group_concat`` (the one-query reference);
* with ``--scale-from N``, the flat file of the desk of N meetings as well: how the time grows
  with the desk (linear: in proportion to the meetings), against the reference's growth.

Figures are medians of ``--runs`` runs (alternating desk and tool): wall time, CPU time (user +
system over the process tree, worker processes included) and peak memory summed over the
processes (see measuring.py). Ratios are against the tool measured in the same run.

Goals: package within 1.5x the tool's CPU time; flat within 2x the reference (CPU and wall);
flat growing no faster than 1.25x the size ratio; peak memory within 150 MB for each command.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from measuring import mb, measure, verdict  # noqa: E402

PACKAGE_CPU_GOAL = 1.5
FLAT_GOAL = 2.0
LINEAR_GOAL = 1.25
MEMORY_GOAL_MB = 150

TABLES = [
    "actor", "actor_alias", "meeting", "agenda_item", "source", "meeting_actor",
    "meeting_agenda", "evidence", "changeset", "change",
]  # fmt: skip

#: The one-query reference for the flat file: what it holds, in SQLite alone.
FLAT_REFERENCE = """
SELECT m.id AS meeting_id, m.date_text AS date, m.date_precision, m.date_earliest,
  m.date_latest, m.title, m.kind, m.status, m.place,
  (SELECT group_concat(a.name || ' (' || ma.role || ')', '; ') FROM meeting_actor ma
     JOIN actor a ON a.id = ma.actor_id WHERE ma.meeting_id = m.id) AS actors,
  (SELECT group_concat(ai.title || ' (' || mg.status || ')', '; ') FROM meeting_agenda mg
     JOIN agenda_item ai ON ai.id = mg.agenda_item_id WHERE mg.meeting_id = m.id) AS agenda,
  (SELECT group_concat(coalesce(s.publisher, s.title) || ', ' || coalesce(s.date_text,
          'undated') || ': “' || c.quote || '”', ' | ')
     FROM (SELECT e.source_id, e.quote FROM evidence e WHERE e.meeting_id = m.id
           UNION SELECT e.source_id, e.quote FROM meeting_actor ma JOIN evidence e
             ON e.meeting_actor_id = ma.id WHERE ma.meeting_id = m.id
           UNION SELECT e.source_id, e.quote FROM meeting_agenda mg JOIN evidence e
             ON e.meeting_agenda_id = mg.id WHERE mg.meeting_id = m.id) AS c
     JOIN source s ON s.id = c.source_id) AS citations,
  m.summary
FROM meeting m ORDER BY m.date_sort IS NULL, m.date_sort, m.id;
"""


def desk(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "desk", *arguments]


def tool_package(database: Path, folder: Path) -> dict[str, Any]:
    folder.mkdir()
    script = [".headers on", ".mode csv"]
    for table in TABLES:
        script += [f".output {folder / (table + '.csv')}", f"SELECT * FROM {table};"]
    return measure(["sqlite3", str(database)], stdin="\n".join(script) + "\n")


def tool_flat(database: Path, path: Path) -> dict[str, Any]:
    script = [".headers on", ".mode csv", f".output {path}", FLAT_REFERENCE]
    return measure(["sqlite3", str(database)], stdin="\n".join(script) + "\n")


def alternated(
    runs: int, first: Any, second: Any, clean: Any
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Medians of ``runs`` runs of two measurements, taken in turn (A B A B ...)."""
    import statistics

    results: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for _ in range(runs):
        for measurement, found in ((first, results[0]), (second, results[1])):
            found.append(measurement())
            clean()
    medians = []
    for found in results:
        median = {
            key: statistics.median(run[key] for run in found)
            for key in ("wall", "cpu", "memory", "processes")
        }
        median["walls"] = [run["wall"] for run in found]
        medians.append(median)
    return medians[0], medians[1]


def compare_package(database: Path, work: Path, runs: int) -> tuple[dict, dict]:  # type: ignore[type-arg]
    package, tool_files = work / "package", work / "tool"

    def clean() -> None:
        shutil.rmtree(package, ignore_errors=True)
        shutil.rmtree(tool_files, ignore_errors=True)

    return alternated(
        runs,
        lambda: measure(desk("export", "--db", str(database), str(package))),
        lambda: tool_package(database, tool_files),
        clean,
    )


def compare_flat(database: Path, work: Path, runs: int) -> tuple[dict, dict]:  # type: ignore[type-arg]
    flat, reference = work / "flat.csv", work / "reference.csv"

    def clean() -> None:
        flat.unlink(missing_ok=True)
        reference.unlink(missing_ok=True)

    return alternated(
        runs,
        lambda: measure(desk("export", "--db", str(database), "--flat", str(flat))),
        lambda: tool_flat(database, reference),
        clean,
    )


def line(label: str, facts: dict[str, Any], reference: dict[str, Any] | None = None) -> str:
    shown = f"{label:30}{facts['wall']:8.1f} s wall {facts['cpu']:8.1f} s CPU"
    if reference is not None:
        shown += (
            f"  ({facts['wall'] / reference['wall']:.2f}x wall, "
            f"{facts['cpu'] / reference['cpu']:.2f}x CPU)"
        )
    return shown + f"  {mb(facts['memory'])} over {facts['processes']:.0f} process(es)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale-from", type=int, help="also time --flat on this smaller desk")
    parser.add_argument("--only", choices=["package", "flat"], help="one of the two")
    arguments = parser.parse_args()
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 command line tool is needed (apt-get install sqlite3)")
    from synthetic import ensure_database

    database = ensure_database(arguments.meetings, verbose=True)
    smaller = ensure_database(arguments.scale_from, verbose=True) if arguments.scale_from else None
    work = Path(tempfile.mkdtemp(prefix="export-", dir=database.parent))
    goals: list[tuple[str, bool]] = []
    limit = MEMORY_GOAL_MB * 2**20
    try:
        for path in (database, smaller):
            if path is not None:  # warm: the file in the page cache, as on a desk in use
                with path.open("rb") as handle:
                    while handle.read(1 << 24):
                        pass
        print(f"{arguments.meetings:,} meetings, medians of {arguments.runs} runs")
        if arguments.only in (None, "package"):
            mine, tool = compare_package(database, work, arguments.runs)
            print(line("package: sqlite3 .mode csv", tool))
            print(line("package: desk export", mine, tool))
            goals += [
                (
                    f"package within {PACKAGE_CPU_GOAL:g}x the tool's CPU",
                    mine["cpu"] <= PACKAGE_CPU_GOAL * tool["cpu"],
                ),
                (f"package memory within {MEMORY_GOAL_MB} MB", mine["memory"] <= limit),
            ]
        if arguments.only in (None, "flat"):
            mine, tool = compare_flat(database, work, arguments.runs)
            print(line("flat: one sqlite3 query", tool))
            print(line("flat: desk export --flat", mine, tool))
            within = f"flat within {FLAT_GOAL:g}x the reference's"
            goals += [
                (f"{within} CPU", mine["cpu"] <= FLAT_GOAL * tool["cpu"]),
                (f"{within} wall", mine["wall"] <= FLAT_GOAL * tool["wall"]),
                (f"flat memory within {MEMORY_GOAL_MB} MB", mine["memory"] <= limit),
            ]
            if smaller is not None:
                small, small_tool = compare_flat(smaller, work, arguments.runs)
                size = arguments.meetings / arguments.scale_from
                growth = mine["cpu"] / small["cpu"]
                print(line(f"flat at {arguments.scale_from:,}: reference", small_tool))
                print(line(f"flat at {arguments.scale_from:,}: desk", small, small_tool))
                print(
                    f"flat CPU grows x{growth:.1f} for x{size:g} the meetings "
                    f"(the reference: x{tool['cpu'] / small_tool['cpu']:.1f})"
                )
                goals.append(
                    (f"flat linear (within {LINEAR_GOAL:g}x)", growth <= LINEAR_GOAL * size)
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for name, met in goals:
        print(f"goal: {name}: {verdict(met)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
