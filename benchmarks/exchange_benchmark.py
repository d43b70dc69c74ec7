"""Benchmark desk export and import against the sqlite3 command line tool, in the same run.

    .venv/bin/python benchmarks/exchange_benchmark.py [--meetings 1000000] [--repeat 1]

On the synthetic desk (benchmarks/synthetic.py; built and cached on first use) it measures:

* export: ``export_package`` to a folder, against ``sqlite3`` writing the same tables with
  ``.mode csv`` and ``.headers on``;
* import: ``import_package`` of that package into a new desk (a restore: every check, indexes
  and search indexes rebuilt), against ``sqlite3`` reading the tool's own CSV files with
  ``.import --csv`` into a new database (tables it creates itself: no constraints, indexes or
  search indexes, and NULL read back as '');
* for reference, the tool's import followed by what makes a desk's tables a desk (its indexes
  and full-text search indexes, built by the tool in WAL mode, as a desk runs);
* the round trip: the restored desk exported again gives the same bytes.

Every measured step runs in a process of its own, so its peak memory (maximum resident set
size) is its own: for desk's export, the coordinating process and its largest worker process.
Goals: export within 2x the tool's time, import within 3x, peak memory under 200 MB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

EXPORT_GOAL = 2.0
IMPORT_GOAL = 3.0
MEMORY_GOAL_MB = 200


def peak_of(pid: int) -> int:
    """The peak resident memory (VmHWM, bytes) of a live process, or 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def measured(command: list[str], *, stdin: str | None = None) -> dict[str, Any]:
    """Run a command: its wall time, its output, and its peak memory as seen from outside
    (VmHWM read until it exits; this driver stays small, as a fork's peak starts at its own)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = 0
    done = threading.Event()

    def watch() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, peak_of(process.pid))
            done.wait(0.01)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    output, errors = process.communicate(stdin)
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    if process.returncode != 0:
        raise SystemExit(f"{command[0]} failed ({process.returncode}): {errors.strip()[-2000:]}")
    return {"seconds": seconds, "peak": peak, "output": output, "errors": errors}


# -- the measured steps, each run in a child process -----------------------------------------------
def child(arguments: argparse.Namespace) -> int:
    if arguments.child == "prepare":
        from synthetic import describe, ensure_database

        path = ensure_database(arguments.meetings, verbose=True)
        connection = sqlite3.connect(path)
        listed = ", ".join(f"'{table}'" for table in TABLES)
        indexes = [  # what makes a desk's tables a desk: its indexes and search indexes
            row[0]
            for row in connection.execute(
                f"SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND ((type = 'index' "
                f"AND tbl_name IN ({listed})) OR sql LIKE 'CREATE VIRTUAL TABLE%fts5%')"
            )
        ]
        connection.close()
        searched = [sql.split()[3] for sql in indexes if sql.startswith("CREATE VIRTUAL")]
        indexes += [f"INSERT INTO {name}({name}) VALUES ('rebuild')" for name in searched]
        print(json.dumps({"path": str(path), "description": describe(path), "indexes": indexes}))
        return 0

    from desk.exchange.sqlite_export import peak_memory
    from desk.store import Store

    started = time.perf_counter()
    with Store.open(arguments.database) as store:
        facts: dict[str, Any] = {}
        if arguments.child == "export":
            from desk.exchange import export_package

            result = export_package(store, arguments.target, profile=arguments.profile)
            facts = {
                "workers": result.workers,
                "bytes": result.bytes,
                "worker_peak": result.worker_peak_bytes,
            }
        elif arguments.child == "import":
            from desk.exchange import import_package

            imported = import_package(store, arguments.target)
            facts = {
                "rows": imported.total_added,
                "mode": imported.mode,
                "workers": imported.workers,
                "worker_peak": imported.worker_peak_bytes,
            }
    facts["seconds"] = time.perf_counter() - started
    facts["peak"] = peak_memory()
    print(json.dumps(facts))
    return 0


def run_child(step: str, **options: Any) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", step]
    for name, value in options.items():
        command += [f"--{name}", str(value)]
    outcome = measured(command)
    if outcome["errors"].strip():
        print(outcome["errors"].rstrip(), file=sys.stderr)
    facts: dict[str, Any] = json.loads(outcome["output"].strip().splitlines()[-1])
    facts["wall"] = outcome["seconds"]
    return facts


# -- the sqlite3 tool ----------------------------------------------------------------------------
def tool_export(database: Path, folder: Path, tables: list[str]) -> dict[str, Any]:
    folder.mkdir()
    script = [".headers on", ".mode csv"]
    for table in tables:
        script += [f".output {folder / (table + '.csv')}", f"SELECT * FROM {table};"]
    return measured(["sqlite3", str(database)], stdin="\n".join(script) + "\n")


def tool_import(
    folder: Path, database: Path, tables: list[str], indexes: list[str] | None = None
) -> dict[str, Any]:
    """The tool reads its CSV files into tables it creates; given ``indexes``, in WAL mode like a
    desk, and then builds the desk's indexes and search indexes over them."""
    script = ["PRAGMA journal_mode = WAL;"] if indexes else []
    script += [f".import --csv {folder / (table + '.csv')} {table}" for table in tables]
    if indexes:
        script += ["BEGIN;", *(f"{sql};" for sql in indexes), "COMMIT;"]
    return measured(["sqlite3", str(database)], stdin="\n".join(script) + "\n")


def digests(folder: Path) -> dict[str, str]:
    found = {}
    for path in sorted(folder.iterdir()):
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
        found[path.name] = digest.hexdigest()
    return found


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


TABLES = [
    "actor", "actor_alias", "meeting", "agenda_item", "source", "meeting_actor",
    "meeting_agenda", "evidence", "changeset", "change",
]  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each step (best is kept)")
    parser.add_argument("--keep", action="store_true", help="keep the files written")
    parser.add_argument(
        "--child", choices=["prepare", "create", "export", "import"], help=argparse.SUPPRESS
    )
    parser.add_argument("--database", help=argparse.SUPPRESS)
    parser.add_argument("--target", help=argparse.SUPPRESS)
    parser.add_argument("--profile", default="data", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        return child(arguments)
    if shutil.which("sqlite3") is None:
        raise SystemExit("the sqlite3 command line tool is needed (apt-get install sqlite3)")

    started = time.perf_counter()
    prepared = run_child("prepare", meetings=arguments.meetings)
    database = Path(prepared["path"])
    description = prepared["description"] or {}
    print(
        f"synthetic desk: {database.name}, {database.stat().st_size / 1e6:,.0f} MB, built in "
        f"{description.get('build_seconds')} s (ready in {time.perf_counter() - started:.1f} s)"
    )
    print("  " + ", ".join(f"{k} {v:,}" for k, v in description.get("counts", {}).items()))
    work = Path(tempfile.mkdtemp(prefix="exchange-", dir=database.parent))
    try:
        subprocess.run(["cat", str(database)], stdout=subprocess.DEVNULL, check=True)  # warm
        best: dict[str, dict[str, Any]] = {}
        identical = True
        for attempt in range(arguments.repeat):
            package, tool_files = work / f"desk-{attempt}", work / f"tool-{attempt}"
            restored, plain = work / f"restored-{attempt}.sqlite", work / f"tool-{attempt}.sqlite"
            again = work / f"again-{attempt}"
            tool = tool_export(database, tool_files, TABLES)
            desk = run_child("export", database=database, target=package)
            run_child("create", database=restored)  # a new desk (migrations), as users have
            desk_in = run_child("import", database=restored, target=package)
            tool_in = tool_import(tool_files, plain, TABLES)
            remove_database(plain)
            tool_indexed = tool_import(tool_files, plain, TABLES, prepared["indexes"])
            for key, value in (
                ("tool-export", {"wall": tool["seconds"], "peak": tool["peak"]}),
                ("desk-export", desk),
                ("tool-import", {"wall": tool_in["seconds"], "peak": tool_in["peak"]}),
                (
                    "tool-indexed",
                    {
                        "wall": tool_indexed["seconds"],
                        "peak": tool_indexed["peak"],
                        "indexes": sum(
                            sql.startswith("CREATE INDEX") for sql in prepared["indexes"]
                        ),
                        "searches": sum(
                            sql.startswith("CREATE VIRTUAL") for sql in prepared["indexes"]
                        ),
                    },
                ),
                ("desk-import", desk_in),
            ):
                if key not in best or value["wall"] < best[key]["wall"]:
                    best[key] = value
            run_child("export", database=restored, target=again)
            identical &= digests(package) == digests(again)
            best["desk-export"]["size"] = sum(p.stat().st_size for p in package.iterdir())
            if not arguments.keep:
                for path in (tool_files, again, package):
                    shutil.rmtree(path, ignore_errors=True)
                for path in (restored, plain):
                    remove_database(path)
        report(best, arguments.meetings, identical)
    finally:
        if not arguments.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def report(best: dict[str, dict[str, Any]], meetings: int, identical: bool) -> None:
    export_ratio = best["desk-export"]["wall"] / best["tool-export"]["wall"]
    import_ratio = best["desk-import"]["wall"] / best["tool-import"]["wall"]

    def mb(size: float) -> str:
        return f"{size / 2**20:,.0f} MB"

    def total(step: str) -> int:
        facts = best[step]
        return int(facts["peak"] + facts.get("workers", 0) * facts.get("worker_peak", 0))

    def memory(step: str) -> str:
        facts = best[step]
        shown = mb(facts["peak"])
        if facts.get("workers"):
            shown += (
                f" + {facts['workers']} workers x {mb(facts['worker_peak'])} "
                f"= {mb(total(step))} at most"
            )
        return shown

    print()
    print(f"{meetings:,} meetings; package {best['desk-export']['size'] / 1e6:,.0f} MB")
    print(f"{'':28}{'seconds':>9}{'ratio':>8}  peak memory")
    rows = [
        ("export: sqlite3 .mode csv", "tool-export", None, mb(best["tool-export"]["peak"])),
        ("export: desk export", "desk-export", export_ratio, memory("desk-export")),
        ("import: sqlite3 .import", "tool-import", None, mb(best["tool-import"]["peak"])),
        ("import: desk import", "desk-import", import_ratio, memory("desk-import")),
    ]
    indexed_ratio = best["desk-import"]["wall"] / best["tool-indexed"]["wall"]
    for label, key, ratio, memory in rows:
        shown = f"{ratio:8.2f}" if ratio is not None else " " * 8
        print(f"{label:28}{best[key]['wall']:9.1f}{shown}  {memory}")
    print(
        f"for reference, sqlite3 .import then the desk's {best['tool-indexed']['indexes']} indexes "
        f"and {best['tool-indexed']['searches']} search indexes, in WAL mode: "
        f"{best['tool-indexed']['wall']:.1f} s (desk import: {indexed_ratio:.2f}x that)"
    )
    print(f"round trip (export, import, export): {'byte-identical' if identical else 'DIFFERENT'}")
    limit = MEMORY_GOAL_MB * 2**20
    verdicts = [
        (f"export within {EXPORT_GOAL:g}x", export_ratio <= EXPORT_GOAL),
        (f"import within {IMPORT_GOAL:g}x", import_ratio <= IMPORT_GOAL),
        (f"export memory under {MEMORY_GOAL_MB} MB", total("desk-export") < limit),
        (f"import memory under {MEMORY_GOAL_MB} MB", total("desk-import") < limit),
    ]
    print("goals: " + "; ".join(f"{name}: {'met' if ok else 'MISSED'}" for name, ok in verdicts))


if __name__ == "__main__":
    raise SystemExit(main())
