"""Filtering and paging a million meetings: PostgreSQL against SQLite, measured in the same run.

    python benchmarks/postgres_benchmark.py [--meetings 1000000]
        [--url postgresql+psycopg://postgres@127.0.0.1:5432/desk_bench]

The synthetic desk (benchmarks/synthetic.py) is copied once into the PostgreSQL database with
``desk copy`` (kept for later runs while its counts match). Both desks then answer the same store
calls the app makes: the first page of the timeline, page flips (keyset), the last page, filter
keystrokes ("kim jong", "pyongyang" typed a letter at a time), and a search for the palette.
Figures are medians (and worst) in milliseconds; each engine warms up first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/desk_bench"
TYPED = ("kim jong", "pyongyang")
FLIPS = 20


def prepare_postgres(url: str, sqlite_path: Path) -> None:
    """Copy the synthetic desk into the server's database, unless it already holds it."""
    import psycopg
    from sqlalchemy.engine import make_url

    from desk.exchange import copy_desk
    from desk.model import Meeting
    from desk.store import Store

    parsed = make_url(url)
    maintenance = parsed.set(drivername="postgresql", database="postgres")
    with psycopg.connect(maintenance.render_as_string(hide_password=False), autocommit=True) as db:
        exists = db.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (parsed.database,)
        ).fetchone()
        if not exists:
            db.execute(f"CREATE DATABASE {parsed.database}")
    with Store.open(sqlite_path, upgrade=False) as source, Store.open(url) as target:
        wanted = source.stats().counts
        have = target.stats().counts
        if have == wanted:
            return
        if have["meetings"]:
            raise SystemExit(f"{url} holds another desk; drop it or give --url")
        print(f"Copying {wanted['meetings']:,} meetings into {target.location.describe()}…")
        started = time.perf_counter()
        result = copy_desk(source, target)
        print(f"  {result.total:,} rows in {time.perf_counter() - started:.0f} s")
        assert target.page(Meeting, limit=1).rows


def timed(call: Callable[[], Any], repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def measure(store: Any) -> dict[str, list[float]]:
    from desk.model import Meeting
    from desk.store import END

    figures: dict[str, list[float]] = {}
    store.page(Meeting, limit=100)  # warm up
    figures["first page"] = [timed(lambda: store.page(Meeting, limit=100), 3)]
    flips = []
    page = store.page(Meeting, limit=100)
    for _ in range(FLIPS):
        cursor = page.next
        started = time.perf_counter()
        page = store.page(Meeting, after=cursor, limit=100)
        flips.append((time.perf_counter() - started) * 1000)
    figures["page flip"] = flips
    figures["last page"] = [timed(lambda: store.page(Meeting, before=END, limit=100), 3)]
    keystrokes = []
    for phrase in TYPED:
        for length in range(1, len(phrase) + 1):
            typed = phrase[:length]
            keystrokes.append(
                timed(lambda typed=typed: store.page(Meeting, typed=typed, limit=100))
            )
    figures["filter keystroke"] = keystrokes
    figures["palette search"] = [timed(lambda: store.search("shoigu"), 3)]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1_000_000)
    parser.add_argument("--url", default=DEFAULT_URL)
    arguments = parser.parse_args()

    from synthetic import ensure_database

    from desk.store import Store

    sqlite_path = ensure_database(arguments.meetings)
    with Store.open(sqlite_path, announce=lambda message: print(f"  {message}")) as store:
        store.page  # noqa: B018  (upgraded to this desk's schema if it was older)
    prepare_postgres(arguments.url, sqlite_path)
    results = {}
    for label, target in (("SQLite", sqlite_path), ("PostgreSQL", arguments.url)):
        with Store.open(target, upgrade=False) as store:
            results[label] = measure(store)
    print(f"\n{arguments.meetings:,} meetings, milliseconds (median / worst)")
    print(f"{'':18} {'SQLite':>16} {'PostgreSQL':>16} {'ratio':>7}")
    for name in results["SQLite"]:
        lite, server = results["SQLite"][name], results["PostgreSQL"][name]
        print(
            f"{name:18} {statistics.median(lite):7.1f} / {max(lite):6.1f} "
            f"{statistics.median(server):7.1f} / {max(server):6.1f} "
            f"{statistics.median(server) / max(statistics.median(lite), 0.01):6.1f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
