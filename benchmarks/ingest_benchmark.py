"""How fast desk reads a report into proposals: a 100 KB report, on three desks.

Run with ``.venv/bin/python benchmarks/ingest_benchmark.py``. The report is the sample article
and the wire-style reports of tests/ingest/reports, repeated to 100 KB (about 17,000 words, 600
proposals). It is read:

1. against an empty desk (``desk.ingest.propose`` with nothing known), the first call in the
   process (loading the gazetteer and warming caches) and then the median of five;
2. end to end through the store on the curated sample desk (``proposals_for``: reading the
   source, the desk's actors, agenda items and meetings, then proposing), median of five;
3. against a large desk: the actors (with aliases) and meetings of the synthetic benchmark desk
   in benchmarks/data, if one has been built (read-only, with sqlite3): the first call, which
   indexes every actor's names, then the median of three (the app keeps the index while the
   desk does not change).

The goal is under a second for the report.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from desk.dates import PartialDate  # noqa: E402
from desk.ingest import Known, KnownActor, KnownMeeting, propose  # noqa: E402

SIZE = 100_000
REFERENCE = dt.date(2025, 3, 21)
SAMPLE = ROOT / "sample_db" / "sources" / "shoigu-pyongyang-2025-03-21.txt"
REPORTS = ROOT / "tests" / "ingest" / "reports"
DATA = ROOT / "benchmarks" / "data"


def report() -> str:
    texts = [SAMPLE.read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in sorted(REPORTS.glob("*.txt"))]
    text = ""
    while len(text.encode("utf-8")) < SIZE:
        for part in texts:
            text += part + "\n"
    return text


def timed(call: Callable[[], object], runs: int) -> tuple[float, object]:
    seconds: list[float] = []
    result: object = None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def on_the_sample_desk(text: str) -> float:
    from desk.ingest import proposals_for
    from desk.model import Source
    from desk.sample import build
    from desk.store import Store

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "sample.sqlite"
        build(path)
        with Store.open(path) as store:
            source = store.create(Source, title="100 KB report", text=text, date="2025-03-21")
            assert source.id is not None
            source_id = source.id
            seconds, _ = timed(lambda: proposals_for(store, source_id), 5)
    return seconds


def large_desk() -> tuple[Path, Known] | None:
    """The actors and meetings of the largest synthetic desk built so far, read-only."""
    built = sorted(DATA.glob("desk-synthetic-*.sqlite"), key=lambda p: p.stat().st_size)
    if not built:
        return None
    path = built[-1]
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
    aliases: dict[int, list[str]] = {}
    for actor_id, name in connection.execute("SELECT actor_id, name FROM actor_alias"):
        aliases.setdefault(actor_id, []).append(name)
    actors = [
        KnownActor(actor_id, name, kind, title, country, tuple(aliases.get(actor_id, ())))
        for actor_id, name, kind, title, country in connection.execute(
            "SELECT id, name, kind, title, country FROM actor"
        )
    ]

    def meetings_of(actor_ids: Iterable[int]) -> list[KnownMeeting]:
        found: dict[int, KnownMeeting] = {}
        for actor_id in actor_ids:
            rows = connection.execute(
                "SELECT m.id, m.title, m.status, m.date_text, m.place FROM meeting_actor AS l "
                "JOIN meeting AS m ON m.id = l.meeting_id WHERE l.actor_id = ? "
                "ORDER BY m.date_sort DESC LIMIT 200",
                (actor_id,),
            )
            for meeting_id, title, status, date_text, place in rows:
                participants = tuple(
                    row[0]
                    for row in connection.execute(
                        "SELECT actor_id FROM meeting_actor WHERE meeting_id = ?", (meeting_id,)
                    )
                )
                date = PartialDate.from_canonical(date_text) if date_text else None
                found[meeting_id] = KnownMeeting(
                    meeting_id, title, status, date, place, participants
                )
        return list(found.values())

    return path, Known(actors, [], meetings_of)


def main() -> int:
    text = report()
    size = len(text.encode("utf-8"))
    words = len(text.split())
    started = time.perf_counter()
    found = propose(text, REFERENCE)
    first = time.perf_counter() - started
    empty, _ = timed(lambda: propose(text, REFERENCE), 5)
    print(f"report: {size:,} bytes, {words:,} words, {len(found.proposals):,} proposals")
    print(f"empty desk:  first call {first:.3f} s, then {empty:.3f} s (median of 5)")
    print(f"sample desk: {on_the_sample_desk(text):.3f} s end to end through the store")
    large = large_desk()
    if large is None:
        print("large desk:  none built (python benchmarks/synthetic.py builds one)")
    else:
        path, known = large
        started = time.perf_counter()
        propose(text, REFERENCE, known)
        cold = time.perf_counter() - started
        seconds, result = timed(lambda: propose(text, REFERENCE, known), 3)
        aliases = sum(len(actor.aliases) for actor in known.actors)
        print(
            f"large desk:  first call {cold:.3f} s (indexing {len(known.actors):,} actors and "
            f"{aliases:,} aliases), then {seconds:.3f} s (median of 3; {path.name}, "
            f"{len(result.proposals):,} proposals)"  # type: ignore[attr-defined]
        )
    print("goal: under 1 s for a 100 KB report")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
