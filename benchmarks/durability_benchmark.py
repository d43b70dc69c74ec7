"""What durable edits cost: median ms per store edit with synchronous=NORMAL against FULL.

Run with ``.venv/bin/python benchmarks/durability_benchmark.py [EDITS]``. Goal: FULL (what
interactive edits use, so a committed edit survives a power cut) adds at most 5 ms per edit over
NORMAL (what bulk loads use). Each edit is one store transaction, as the app makes them: create
an actor, then edit it (with its change-log entries), on a fresh desk in a temporary folder (on
the same disk as the system's temporary directory; pass ``--dir`` to measure another disk).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk.model import Actor  # noqa: E402
from desk.store import Store  # noqa: E402

GOAL_MS = 5.0


def timed_edits(store: Store, edits: int, *, bulk: bool) -> list[float]:
    """Milliseconds per edit, each one transaction (a create, then an update of that actor)."""
    times: list[float] = []
    with store.bulk() if bulk else nullcontext():
        for number in range(edits // 2):
            started = time.perf_counter()
            actor = store.create(Actor, name=f"Analyst {number}", kind="person")
            times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            store.update(Actor, actor.id or 0, actor.version, title=f"Title {number}")
            times.append((time.perf_counter() - started) * 1000)
    return times


@contextmanager
def fresh_desk(directory: Path | None) -> Iterator[Store]:
    with (
        tempfile.TemporaryDirectory(dir=directory) as folder,
        Store.open(Path(folder) / "desk.sqlite", author="benchmark") as store,
    ):
        yield store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("edits", nargs="?", type=int, default=400)
    parser.add_argument("--dir", type=Path, default=None, help="where to make the desks")
    arguments = parser.parse_args()
    results: dict[str, list[float]] = {"NORMAL": [], "FULL": []}
    # Alternate the modes in rounds so a busy machine weighs on both alike.
    rounds = 4
    for _ in range(rounds):
        for mode in ("NORMAL", "FULL"):
            with fresh_desk(arguments.dir) as store:
                results[mode] += timed_edits(
                    store, arguments.edits // rounds, bulk=mode == "NORMAL"
                )
    normal = statistics.median(results["NORMAL"])
    full = statistics.median(results["FULL"])
    cost = full - normal
    where = arguments.dir or Path(tempfile.gettempdir())
    print(f"durable edits: {len(results['FULL'])} store edits per mode, desks in {where}")
    print(f"  synchronous=NORMAL  median {normal:6.2f} ms per edit")
    print(f"  synchronous=FULL    median {full:6.2f} ms per edit")
    print(
        f"  FULL costs {cost:+.2f} ms per edit; goal: at most +{GOAL_MS:.0f} ms: "
        f"{'PASS' if cost <= GOAL_MS else 'MISS'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
