"""What each ``desk`` command does. User errors raise DeskError; main() prints them."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desk.store import Location, Store
    from desk.store.database import OpenReport


def _open_store(arguments: argparse.Namespace, *, reading: bool = False) -> Store:
    """The desk named by ``--db`` (or the default). ``reading`` commands change nothing.

    A command that only reads opens read-only: it neither upgrades nor stamps the file, and it
    creates a desk only at the default place (first use), never at a mistyped ``--db`` path.
    """
    from desk.store import Store, resolve

    location = resolve(getattr(arguments, "db", None))
    if not reading:
        return Store.open(location, announce=_announce)
    first_use = getattr(arguments, "db", None) is None and _is_default(location)
    if first_use and location.path is not None and not location.path.exists():
        Store.open(location, announce=_announce).close()
    return Store.open(location, read_only=True)


def _is_default(location: Location) -> bool:
    from desk.store.location import configured_database, default_database_path

    return configured_database() is None and location.path == default_database_path()


def _announce(message: str) -> None:
    print(f"desk: {message}", file=sys.stderr, flush=True)


def open_app(arguments: argparse.Namespace) -> int:
    if getattr(arguments, "sample", False):
        return _open_sample()
    from desk.store.database import is_current
    from desk.store.location import resolve

    location = resolve(getattr(arguments, "db", None))
    if is_current(location):
        # The app paints first and opens the store in the background.
        return _run_app(location=location)
    store = _open_store(arguments)
    _report_upgrade(store.report)
    return _run_app(store)


def _open_sample() -> int:
    from desk.sample import fresh_copy
    from desk.store.location import resolve

    path = fresh_copy()
    status = _run_app(location=resolve(path), note=f"sample copy: {path}")
    print(f"The sample copy you worked on is {path} (the repository's sample is unchanged).")
    return status


def _run_app(
    store: Store | None = None, *, location: Location | None = None, note: str | None = None
) -> int:
    from desk.tui.app import DeskApp

    app = DeskApp(store, location=location, note=note)
    try:
        app.run()
    finally:
        if app.store_ready:
            app.store.close()
    return app.return_code or 0


def _report_upgrade(report: OpenReport) -> None:
    if report.upgraded_from is not None:
        backup = f"; the old file was kept as {report.backup}" if report.backup else ""
        print(
            f"desk: upgraded {report.location.describe()} from schema {report.upgraded_from} "
            f"to {report.revision}{backup}",
            file=sys.stderr,
        )


def sample(arguments: argparse.Namespace) -> int:
    if arguments.build is None:
        return _open_sample()
    from desk.sample import build

    target = Path(arguments.build)
    stats = build(target, replace=arguments.force)
    counts = ", ".join(_counted(count, name) for name, count in stats.counts.items())
    print(f"Built the sample desk at {target.resolve()}: {counts}.")
    return 0


#: Singular forms of the counted kinds, for "1 source" rather than "1 sources".
_SINGULAR = {
    "actors": "actor",
    "aliases": "alias",
    "meetings": "meeting",
    "agenda_items": "agenda item",
    "sources": "source",
    "participants": "participant",
    "agenda_links": "agenda link",
    "evidence": "piece of evidence",
}


def _counted(count: int, name: str) -> str:
    if count == 1:
        return f"1 {_SINGULAR.get(name, name)}"
    plural = "pieces of evidence" if name == "evidence" else name.replace("_", " ")
    return f"{count} {plural}"


def stats(arguments: argparse.Namespace) -> int:
    with _open_store(arguments, reading=True) as store:
        figures = store.stats()
        review = {state.value: count for state, count in store.review_counts().items()}
        where = store.location.describe()
    if arguments.json:
        payload = {
            "database": where,
            "counts": figures.counts,
            "unsourced": figures.unsourced,
            "unsourced_total": figures.unsourced_total,
            "review": review,
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    width = max(len(name) for name in figures.counts)
    print(where)
    print(f"{'':{width}}  {'records':>8}  {'unsourced':>9}")
    for name, count in figures.counts.items():
        unsourced = figures.unsourced.get(name)
        shown = "" if unsourced is None else str(unsourced)
        print(f"{name.replace('_', ' '):{width}}  {count:>8}  {shown:>9}")
    print(f"{'unsourced in all':{width}}  {'':>8}  {figures.unsourced_total:>9}")
    states = ", ".join(f"{count:,} {state.replace('_', ' ')}" for state, count in review.items())
    print(f"review (records and links): {states}")
    return 0


def migrate(arguments: argparse.Namespace) -> int:
    with _open_store(arguments) as store:
        report = store.report
    where = report.location.describe()
    if report.created:
        print(f"Created a new desk at {where} (schema {report.revision}).")
    elif report.upgraded_from is not None:
        backup = f" The old file was kept as {report.backup}." if report.backup else ""
        print(f"Upgraded {where} from schema {report.upgraded_from} to {report.revision}.{backup}")
    else:
        print(f"{where} is already at schema {report.revision}; nothing to do.")
    return 0


def check(arguments: argparse.Namespace) -> int:
    """Print every problem on stdout, one line each; a one-line verdict on stderr if any."""
    from desk.store import DamagedDatabase, Store, resolve
    from desk.store.checking import check as check_desk

    location = resolve(getattr(arguments, "db", None))
    where = location.describe()
    try:
        store = Store.open(location, read_only=True, verify=False)
    except DamagedDatabase as error:
        print(f"database: {error}")
        print(f"desk: {where} is damaged: it cannot be read as a desk", file=sys.stderr)
        return 1
    with store:
        problems = check_desk(store)
    for problem in problems:
        print(problem)
    if problems:
        counted = "1 problem" if len(problems) == 1 else f"{len(problems)} problems"
        print(f"desk: {where}: {counted} found (listed above)", file=sys.stderr)
        return 1
    print(f"{where}: no problems (integrity, foreign keys, search indexes, quotes, hashes, dates)")
    return 0


def where(arguments: argparse.Namespace) -> int:
    from desk.store import resolve

    print(resolve(getattr(arguments, "db", None)).describe())
    return 0
