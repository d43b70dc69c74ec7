"""``desk export`` and ``desk import``: the desk as a Data Package, a flat event file, and back.

Heavy imports happen inside the handlers, so ``desk --help`` stays quick. User errors raise
DeskError subclasses; main() prints them as one line.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.store import Store

#: How many conflicts a merge lists one by one on the terminal.
LISTED_CONFLICTS = 20

#: Words for the tables of a package, singular and plural.
NOUNS = {
    "actor": ("actor", "actors"),
    "actor_alias": ("alias", "aliases"),
    "meeting": ("meeting", "meetings"),
    "agenda_item": ("agenda item", "agenda items"),
    "source": ("source", "sources"),
    "meeting_actor": ("participant", "participants"),
    "meeting_agenda": ("agenda link", "agenda links"),
    "evidence": ("piece of evidence", "pieces of evidence"),
    "review": ("review state", "review states"),
    "changeset": ("changeset", "changesets"),
    "change": ("change", "changes"),
}

EXPORT_DESCRIPTION = """\
Write the whole desk as a Frictionless Data Package: one CSV file per table (RFC 4180, UTF-8,
a header row, ids, dates in canonical form with their precision and earliest/latest days) and
datapackage.json with each file's Table Schema. PATH is a new folder, or a file ending in .zip.
A missing value is written \\N, so it never reads as an empty text. Nothing appears at PATH
until the whole package is written.

With --flat, write FILE.csv instead: one row per meeting (date, precision, place, status, review
state, title, actors with their roles, agenda items with their statuses, citations), optionally
filtered (--verified-only keeps the meetings a reviewer has verified)."""

EXPORT_EPILOG = """\
examples:
  desk export ~/exports/korea                 a package in a new folder
  desk export korea.zip --excel               a zip that Excel opens on any locale
  desk export --flat events.csv --from 2024-06 --to "last month" --actor "Kim Jong Un\""""

IMPORT_DESCRIPTION = """\
Load a package that desk export wrote (a folder, its datapackage.json, or a .zip). Into an
empty desk the package is restored as it is, change log included. Into a desk with records it
is merged by id: new records are added, identical ones left alone, and records the desk holds
differently are conflicts, reported and never overwritten. Everything is checked before it
counts: a bad file is refused with its file, line and column, and the desk is left as it was."""


COPY_DESCRIPTION = """\
Copy every record of one desk, with its ids and its whole change log, into another: from a
SQLite file to a PostgreSQL server when a team starts sharing a desk, or back. The target must
be an empty desk (a new file, or a database with nothing in it; desk creates the tables). It is
written in one transaction: if anything fails, it stays empty. Exports of both are identical."""

COPY_EPILOG = """\
examples:
  desk copy --from ~/.local/share/desk/desk.sqlite --to postgresql+psycopg://me@db.example/desk
  desk copy --from postgresql+psycopg://me@db.example/desk --to snapshot.sqlite"""


def register(sub: Any, database_option: Callable[..., None]) -> None:
    """Add the export and import subcommands to ``desk``'s parser."""
    export = sub.add_parser(
        "export",
        help="write the desk as a Data Package (folder or .zip), or a flat CSV of meetings",
        description=EXPORT_DESCRIPTION,
        epilog=EXPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_option(export, top_level=False)
    export.add_argument("path", metavar="PATH", help="a new folder or .zip (with --flat: a .csv)")
    export.add_argument(
        "--excel",
        action="store_true",
        help="Excel profile: a byte order mark (Hangul and Cyrillic read right on any locale) "
        "and formula-looking text (starting with = + - @, a tab or a line break) neutralized",
    )
    export.add_argument(
        "--force", action="store_true", help="replace PATH if it is an earlier export"
    )
    export.add_argument(
        "--flat", action="store_true", help="one row per meeting, for analysts (a CSV file)"
    )
    export.add_argument(
        "--ftm",
        action="store_true",
        help="FollowTheMoney entities as JSON lines (a .jsonl file) for Aleph and OpenAleph; "
        "needs pip install 'desk[interop]'",
    )
    export.add_argument(
        "--graph",
        action="store_true",
        help="the actor network for Gephi (a .graphml or .gexf file); --from, --to and --agenda "
        "narrow it",
    )
    export.add_argument(
        "--raw",
        action="store_true",
        help="(--flat) cells exactly as stored: formula-looking text (= + - @ and their fullwidth "
        "forms) is not neutralized with a leading '",
    )
    export.add_argument(
        "--from", dest="date_from", metavar="DATE", help="(--flat) meetings on or after DATE"
    )
    export.add_argument(
        "--to", dest="date_to", metavar="DATE", help="(--flat) meetings on or before DATE"
    )
    export.add_argument("--actor", metavar="NAME|ID", help="(--flat) meetings with this actor")
    export.add_argument(
        "--agenda", metavar="TITLE|ID", help="(--flat) meetings with this agenda item"
    )
    export.add_argument(
        "--verified-only",
        action="store_true",
        help="(--flat) only meetings a reviewer has verified",
    )
    export.set_defaults(handler=export_command)

    imported = sub.add_parser(
        "import",
        help="load a Data Package that desk export wrote (restore, or merge by id)",
        description=IMPORT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_option(imported, top_level=False)
    imported.add_argument("path", metavar="PATH", help="a package folder, datapackage.json or .zip")
    imported.add_argument(
        "--dry-run",
        action="store_true",
        help="check everything and report what would be added and what conflicts; write nothing",
    )
    imported.set_defaults(handler=import_command)

    copied = sub.add_parser(
        "copy",
        help="copy a whole desk between databases (SQLite and PostgreSQL), history included",
        description=COPY_DESCRIPTION,
        epilog=COPY_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    copied.add_argument("--from", dest="source", metavar="PATH|URL", required=True)
    copied.add_argument("--to", dest="target", metavar="PATH|URL", required=True)
    copied.set_defaults(handler=copy_command)


def _open_store(arguments: argparse.Namespace) -> Store:
    from desk.store import Store

    return Store.open(getattr(arguments, "db", None))


def counted(table: str, count: int) -> str:
    words = table.replace("_", " ")
    singular, plural = NOUNS.get(table, (words, words + "s"))
    return f"{count:,} {singular if count == 1 else plural}"


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1000 or unit == "GB":
            return f"{size:,} {unit}" if unit == "bytes" else f"{size:,.1f} {unit}"
        size /= 1000  # type: ignore[assignment]
    return f"{size} GB"


def export_command(arguments: argparse.Namespace) -> int:
    from desk.exchange import export_flat, export_package
    from desk.exchange.errors import ExportRefused
    from desk.exchange.progress import TerminalProgress
    from desk.store import InvalidField

    if arguments.ftm or arguments.graph:
        return _interop_export(arguments)
    profile = "excel" if arguments.excel else "data"
    filters = (arguments.date_from, arguments.date_to, arguments.actor, arguments.agenda)
    if not arguments.flat and any(value is not None for value in filters):
        raise InvalidField("--from/--to/--actor/--agenda", "these filters apply to --flat exports")
    if not arguments.flat and str(arguments.path).lower().endswith(".csv"):
        raise InvalidField(
            str(arguments.path),
            "desk export writes a Data Package (a folder of CSV files, or a .zip), not one "
            f"file. For one flat CSV of meetings: desk export --flat {arguments.path}",
        )
    if arguments.raw and not arguments.flat:
        raise InvalidField("--raw", "applies to --flat exports (a package is always exact)")
    if arguments.verified_only and not arguments.flat:
        raise InvalidField(
            "--verified-only", "applies to --flat exports (a package holds every review state)"
        )
    bar = TerminalProgress("exporting")
    with _open_store(arguments) as store:
        where = store.location.describe()
        try:
            if arguments.flat:
                flat = export_flat(
                    store,
                    arguments.path,
                    profile=profile,
                    date_from=arguments.date_from,
                    date_to=arguments.date_to,
                    actor=arguments.actor,
                    agenda_item=arguments.agenda,
                    progress=bar,
                    replace=arguments.force,
                    raw=arguments.raw,
                    verified_only=arguments.verified_only,
                )
            else:
                result = export_package(
                    store, arguments.path, profile=profile, progress=bar, replace=arguments.force
                )
        except ExportRefused as error:
            if str(error).endswith("replace it") and not arguments.force:
                # The exchange layer does not know the flag's name; the command does.
                raise ExportRefused(f"{error} with --force") from error
            raise
        finally:
            bar.close()
    if arguments.flat:
        shown = f" ({', '.join(flat.filters)})" if flat.filters else ""
        meetings = "meeting" if flat.rows == 1 else "meetings"
        print(f"Wrote {flat.rows:,} {meetings}{shown} to {flat.path} in {flat.seconds:.1f} s.")
        return 0
    counts = ", ".join(counted(w.spec.name, w.rows) for w in result.files)
    print(
        f"Exported {where} to {result.path} ({result.profile} profile): {counts}; "
        f"{_size(result.bytes)} in {result.seconds:.1f} s."
    )
    return 0


def _interop_export(arguments: argparse.Namespace) -> int:
    """``--ftm`` and ``--graph``: one file for another tool (Aleph, Gephi)."""
    from desk.store import InvalidField

    if arguments.ftm and arguments.graph:
        raise InvalidField("--ftm/--graph", "write one of them at a time")
    option = "--ftm" if arguments.ftm else "--graph"
    refused = [
        name
        for name, given in (
            ("--flat", arguments.flat),
            ("--excel", arguments.excel),
            ("--raw", arguments.raw),
            ("--actor", arguments.actor),
        )
        if given
    ]
    if arguments.ftm:
        refused += [
            name
            for name, given in (
                ("--from", arguments.date_from),
                ("--to", arguments.date_to),
                ("--agenda", arguments.agenda),
            )
            if given
        ]
    if refused:
        raise InvalidField(", ".join(refused), f"does not apply to {option}")
    with _open_store(arguments) as store:
        if arguments.ftm:
            from desk.exchange.ftm import export_ftm

            written = export_ftm(store, arguments.path, replace=arguments.force)
            counts = ", ".join(
                f"{count:,} {schema}" for schema, count in sorted(written.entities.items())
            )
            print(f"Wrote {counts} to {written.path} in {written.seconds:.1f} s.")
            return 0
        from desk.exchange.graph import export_graph
        from desk.exchange.subjects import network_filters

        start, end, agenda_item_id = network_filters(
            store, arguments.date_from, arguments.date_to, arguments.agenda
        )
        graph = export_graph(
            store,
            arguments.path,
            replace=arguments.force,
            start=start,
            end=end,
            agenda_item_id=agenda_item_id,
        )
    print(
        f"Wrote the actor network ({counted('actor', graph.nodes)}, {counted('pair', graph.edges)} "
        "who met) "
        f"to {graph.path} in {graph.seconds:.1f} s."
    )
    return 0


def import_command(arguments: argparse.Namespace) -> int:
    from desk.exchange import import_package
    from desk.exchange.progress import TerminalProgress

    _check_package(arguments.path)  # a path that is no package creates no desk
    bar = TerminalProgress("importing")
    with _open_store(arguments) as store:
        where = store.location.describe()
        try:
            result = import_package(store, arguments.path, progress=bar, dry_run=arguments.dry_run)
        finally:
            bar.close()
    for cleaned in result.cleaned:
        print(
            f"Removed {cleaned.path} ({_size(cleaned.bytes)}), the staging folder of an import "
            "that was interrupted."
        )
    would = "would be " if result.dry_run else ""
    lead = "Dry run, nothing was written. " if result.dry_run else ""
    added = [counted(table, count) for table, count in result.added.items() if count]
    if result.mode == "restore":
        print(
            f"{lead}{result.path} {'would be' if result.dry_run else 'was'} restored into "
            f"{where} ({result.profile} profile): {', '.join(added) or 'nothing'}; the package's "
            f"change log is the desk's history."
        )
        return 0
    unchanged = sum(result.unchanged.values())
    print(
        f"{lead}{result.path} {'would be' if result.dry_run else 'was'} merged into {where}: "
        f"{', '.join(added) or 'nothing'} {would}added; {unchanged:,} record(s) already there "
        f"unchanged; {result.total_conflicts:,} conflict(s)."
    )
    if result.changeset_id:
        print(f"Recorded as change #{result.changeset_id} (undo takes the added records back).")
    if result.package_changesets:
        print(
            f"The package's own change log ({counted('changeset', result.package_changesets)}) "
            "was checked, not merged: this desk keeps its history."
        )
    if result.conflicts:
        print("Conflicts (the desk's version was kept):", file=sys.stderr)
        for conflict in result.conflicts[:LISTED_CONFLICTS]:
            print(f"  {conflict}", file=sys.stderr)
        more = result.total_conflicts - min(LISTED_CONFLICTS, len(result.conflicts))
        if more > 0:
            print(f"  … and {more:,} more", file=sys.stderr)
    return 0


def _check_package(path: str) -> None:
    from desk.exchange.package import open_source

    source = open_source(Path(path).expanduser().absolute())
    try:
        source.info()
    finally:
        source.close()


def copy_command(arguments: argparse.Namespace) -> int:
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    from desk.exchange.copying import CopyRefused, cannot_write
    from desk.store import Store
    from desk.store.location import resolve

    location = resolve(arguments.target)
    new_file = location.path is not None and not location.path.exists()
    try:
        with Store.open(arguments.source, create=False) as source:
            try:
                with Store.open(location) as target:
                    _copy(source, target)
            except (OSError, SQLAlchemyError, sqlite3.Error) as error:
                raise cannot_write(location.describe(), error) from error
    except (CopyRefused, SQLAlchemyError, sqlite3.Error, OSError):
        if new_file and location.path is not None:  # a copy that failed leaves no file behind
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{location.path}{suffix}").unlink(missing_ok=True)
        raise
    return 0


def _copy(source: Store, target: Store) -> None:
    from desk.exchange import copy_desk
    from desk.exchange.progress import TerminalProgress

    bar = TerminalProgress("copying")
    try:
        result = copy_desk(source, target, progress=bar)
    finally:
        bar.close()
    copied = [counted(table, count) for table, count in result.rows.items() if count]
    print(
        f"Copied {source.location.describe()} to {target.location.describe()} in "
        f"{result.seconds:.1f} s: {', '.join(copied) or 'an empty desk'}."
    )
