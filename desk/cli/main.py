"""The ``desk`` command: parse arguments, run one command, turn user errors into messages.

Heavy imports (SQLAlchemy, Textual) happen inside the commands, so ``desk --help`` and
``desk --version`` answer at once.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from desk import __version__
from desk.cli import commands

DESCRIPTION = """\
desk: a terminal event desk. Curate a sourced record of actors, meetings and agenda items
from wire reports, and hand it on as CSV.

With no command, desk opens the app on your desk (see --db)."""

EPILOG = """\
where the data lives:
  By default desk keeps one SQLite file in your user data directory (`desk where` prints it),
  creating it on first use. --db PATH or URL, or the DESK_DATABASE_URL environment variable,
  select another database. Changes are recorded under $DESK_AUTHOR, else your login name.
  Your settings file (`desk config path`) may name another default database, your name, a
  theme, how dates are shown and your own keys; `desk config show` prints what is in force.

examples:
  desk --sample              open the app on a fresh copy of the curated sample
  desk --db ~/work/korea.sqlite stats --json"""


class _Parser(argparse.ArgumentParser):
    """Argument errors in one line (the harness of tests/cli holds every refusal to one)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"desk: {message} (see `{self.prog} --help`)\n")


def _database_option(parser: argparse.ArgumentParser, *, top_level: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        # On subcommands, an absent --db must not overwrite one given before the command.
        default=None if top_level else argparse.SUPPRESS,
        help="the desk database: a SQLite file path or a database URL "
        "(default: $DESK_DATABASE_URL, else your desk in the user data directory)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="desk",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"desk {__version__}")
    _database_option(parser, top_level=True)
    parser.add_argument(
        "--sample",
        action="store_true",
        help="open the app on a fresh copy of the curated sample (never written back)",
    )
    parser.set_defaults(handler=commands.open_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    open_parser = sub.add_parser("open", help="open the app (the default command)")
    _database_option(open_parser, top_level=False)
    open_parser.set_defaults(handler=commands.open_app)

    sample = sub.add_parser(
        "sample",
        help="open a fresh copy of the sample desk, or build it into a file",
        description="Build the curated sample (sample_db/*.toml and its source texts) into a new "
        "SQLite desk. Without --build, a fresh copy is made in a temporary directory and opened.",
    )
    sample.add_argument("--build", metavar="PATH", help="build the sample into PATH and exit")
    sample.add_argument("--force", action="store_true", help="replace PATH if it exists")
    sample.set_defaults(handler=commands.sample)

    stats = sub.add_parser(
        "stats",
        help="print record counts per kind and how many are unsourced",
        description="Record counts per kind, and how many records and links no evidence supports.",
    )
    _database_option(stats, top_level=False)
    stats.add_argument("--json", action="store_true", help="print JSON for scripts")
    stats.set_defaults(handler=commands.stats)

    migrate = sub.add_parser(
        "migrate",
        help="upgrade the database schema to this desk's version",
        description="Upgrade the schema (SQLite files are first copied to a timestamped backup "
        "beside them). Opening a desk does this too; this command only migrates and reports.",
    )
    _database_option(migrate, top_level=False)
    migrate.set_defaults(handler=commands.migrate)

    check = sub.add_parser(
        "check",
        help="check the desk: integrity, references, search indexes, quotes, hashes, dates",
        description="Check the desk without changing it: the file's integrity (SQLite), foreign "
        "keys, the search indexes against their tables, every quote at its offsets in its "
        "source, every source's text (and archived page) against its SHA-256, every date's "
        "earliest day against its latest. Prints each problem (table, record, what is wrong) "
        "and exits 1 if there are any, 0 if none.",
    )
    _database_option(check, top_level=False)
    check.set_defaults(handler=commands.check)

    where = sub.add_parser("where", help="print which database desk would open")
    _database_option(where, top_level=False)
    where.set_defaults(handler=commands.where)
    from desk.cli import exchange_commands

    exchange_commands.register(sub, _database_option)
    from desk.cli import ingest_commands

    ingest_commands.register(sub, _database_option)
    from desk.cli import report_command

    report_command.register(sub, _database_option)
    from desk.cli import serve_command

    serve_command.register(sub, _database_option)
    from desk.cli import duplicate_commands

    duplicate_commands.register(sub, _database_option)
    from desk.cli import config_commands

    config_commands.register(sub, _database_option)
    return parser


def _refuse_missing_folder(db: str | None) -> None:
    """``--db reports/desk.sqlite`` where there is no reports/ folder is a typo more often
    than a wish: refuse it rather than create folders and an empty desk there."""
    if not db or "://" in db:
        return
    from pathlib import Path

    from desk.store.errors import DatabaseRefused

    folder = Path(db).expanduser().parent
    if folder.is_dir():
        return
    existing = next((part for part in (folder, *folder.parents) if part.exists()), None)
    if existing is not None and not existing.is_dir():
        raise DatabaseRefused(
            f"--db {db}: a part of that path is a file, not a folder ({existing})"
        )
    raise DatabaseRefused(
        f"--db {db}: there is no folder {folder}; create it first, or give another path"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    from desk.store.errors import DeskError

    try:
        _refuse_missing_folder(getattr(arguments, "db", None))
        return int(arguments.handler(arguments) or 0)
    except DeskError as error:
        print(f"desk: {_one_line(str(error))}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `desk stats | head`: the reader stopped listening
        sys.stderr.close()
        return 0
    except (OSError, *_driver_errors()) as error:
        # A full disk or a read-only file met outside the store (writing an output file, say).
        translated = _as_desk_error(error, arguments)
        if translated is None:
            raise
        print(f"desk: {_one_line(str(translated))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("desk: interrupted", file=sys.stderr)
        return 130


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _driver_errors() -> tuple[type[Exception], ...]:
    """Driver errors (SQLAlchemy's wrapper, sqlite3's own) of the modules a command imported."""
    found: list[type[Exception]] = []
    exc = sys.modules.get("sqlalchemy.exc")
    if exc is not None:
        found.append(exc.DBAPIError)
    sqlite = sys.modules.get("sqlite3")
    if sqlite is not None:
        found.append(sqlite.Error)
    return tuple(found)


def _as_desk_error(error: BaseException, arguments: argparse.Namespace) -> Exception | None:
    from desk.store.faults import as_desk_error

    where = getattr(arguments, "db", None) or "the desk"
    try:
        from desk.store.location import resolve

        where = resolve(getattr(arguments, "db", None)).describe()
    except Exception:  # the location itself was the problem: name it as given
        pass
    return as_desk_error(error, str(where))
