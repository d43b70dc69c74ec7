"""Bad inputs for the commands that open a desk: arguments, paths, foreign and damaged databases.

Every command here but export, import and copy (bad_inputs_exchange.py): stats, migrate, where,
check, sample --build, add-source and suggest (``open`` is interactive; it opens desks the same
way, see tests/store/test_opening.py). Desks are copied from ones built once per test process.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

from badinput import BadInput, Scratch

REPORT = "Sergei Shoigu met Kim Jong-un in Pyongyang on Friday, Yonhap reported.\n"
Prepare = Callable[[Scratch], Sequence[str]]


# -- material ---------------------------------------------------------------------------------


@cache
def _built() -> Path:
    """A folder holding an empty desk and the sample, built once."""
    from desk.sample import build
    from desk.store import Store

    folder = Path(tempfile.mkdtemp(prefix="desk-bad-inputs-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    Store.open(folder / "empty.sqlite").close()
    build(folder / "sample.sqlite")
    return folder


def _desk(scratch: Scratch, name: str = "desk.sqlite", *, sample: bool = False) -> str:
    target = scratch.path(name)
    shutil.copy(_built() / ("sample.sqlite" if sample else "empty.sqlite"), target)
    return str(target)


def _report(scratch: Scratch, name: str = "report.txt", content: str | bytes = REPORT) -> str:
    path = scratch.path(name)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _foreign(scratch: Scratch, revision: str | None, *tables: str) -> str:
    """Another program's SQLite file, perhaps with an alembic_version table of its own."""
    path = scratch.path("desk.sqlite")
    with sqlite3.connect(path) as connection:
        if revision is not None:
            connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL)")
            connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        for table in tables:
            connection.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, body TEXT)")
    connection.close()
    return str(path)


def _marked_by_another_app(scratch: Scratch) -> str:
    path = _desk(scratch)
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 1234")
    connection.close()
    return path


def _newer(scratch: Scratch) -> str:
    path = _desk(scratch)
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    return path


def _overwritten(scratch: Scratch) -> str:
    """The sample with pages in its middle overwritten (a disk that lost blocks)."""
    path = Path(_desk(scratch, sample=True))
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle + 8 : middle + 3 * page] = b"\xa5" * (3 * page - 8)
    path.write_bytes(bytes(data))
    return str(path)


def _cut_off(scratch: Scratch) -> str:
    path = Path(_desk(scratch, sample=True))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    return str(path)


def _old_desk(scratch: Scratch) -> str:
    """A desk at the first schema revision (migrate would upgrade it)."""
    import sqlalchemy as sa

    from desk.migrations import REVISIONS, upgrade

    path = scratch.path("desk.sqlite")
    engine = sa.create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        upgrade(connection, REVISIONS[0])
    engine.dispose()
    return str(path)


def _read_only_url(path: str) -> str:
    """A desk opened through SQLite's read-only URI (chmod does not stop root)."""
    return f"sqlite:///file:{path}?mode=ro&uri=true"


# -- case builders ----------------------------------------------------------------------------


def _on(db: Callable[[Scratch], str], *command: str) -> Prepare:
    """``desk --db DB COMMAND…`` with DB made by ``db``; REPORT in the command is a report file."""

    def prepare(scratch: Scratch) -> list[str]:
        database = db(scratch)
        words = [_report(scratch) if word == "REPORT" else word for word in command]
        return ["--db", database, *words]

    return prepare


def _plain(*arguments: str) -> Prepare:
    return lambda scratch: list(arguments)


def _missing(scratch: Scratch) -> str:
    return str(scratch.path("desk.sqlite"))


def _folder(scratch: Scratch) -> str:
    scratch.path("desk.sqlite").mkdir()
    return str(scratch.path("desk.sqlite"))


def _fifo(scratch: Scratch) -> str:
    os.mkfifo(scratch.path("desk.sqlite"))
    return str(scratch.path("desk.sqlite"))


def _empty(scratch: Scratch) -> str:
    scratch.path("desk.sqlite").touch()
    return str(scratch.path("desk.sqlite"))


def _text_file(scratch: Scratch) -> str:
    scratch.path("desk.sqlite").write_text("Meeting notes, not a database\n")
    return str(scratch.path("desk.sqlite"))


def _through_a_file(scratch: Scratch) -> str:
    scratch.path("notes.txt").write_text("a file, not a folder\n")
    return str(scratch.path("notes.txt") / "desk.sqlite")


def _report_case(name: str, content: str | bytes, *extra: str) -> Prepare:
    """add-source on a good desk with a bad report file (or bad options)."""

    def prepare(scratch: Scratch) -> list[str]:
        database = _desk(scratch)
        return ["--db", database, "add-source", _report(scratch, name, content), *extra]

    return prepare


def _report_special(make: Callable[[Path], None]) -> Prepare:
    def prepare(scratch: Scratch) -> list[str]:
        database = _desk(scratch)
        make(scratch.path("report.txt"))
        return ["--db", database, "add-source", str(scratch.path("report.txt"))]

    return prepare


def _disk_full_add_source(scratch: Scratch) -> list[str]:
    database = _desk(scratch)
    report = _report(scratch, "report.txt", REPORT * 4000)  # ~300 KB: more than the WAL may grow
    return ["--db", database, "add-source", report]


def _read_only_add_source(scratch: Scratch) -> list[str]:
    database = _desk(scratch)
    return ["--db", _read_only_url(database), "add-source", _report(scratch)]


def _read_only_migrate(scratch: Scratch) -> list[str]:
    return ["--db", _read_only_url(_old_desk(scratch)), "migrate"]


def _postgres_nul(scratch: Scratch) -> list[str]:
    assert scratch.postgres_url is not None
    report = _report(scratch, "report.txt", "Kim Jong-un\x00 met Sergei Shoigu on Friday.\n")
    return ["--db", scratch.postgres_url, "add-source", report, "--title", "NUL report"]


def _postgres_missing_database(scratch: Scratch) -> list[str]:
    from sqlalchemy.engine import make_url

    assert scratch.postgres_url is not None
    url = make_url(scratch.postgres_url).set(database="desk_no_such_database")
    return ["--db", url.render_as_string(hide_password=False), "stats"]


DB = "desk.sqlite"
NOT_A_DESK = "not a desk database"

CASES = [
    # -- arguments ----------------------------------------------------------------------------
    BadInput("unknown-command", _plain("frobnicate"), expect=["invalid choice", "frobnicate"]),
    BadInput("stats-unknown-option", _plain("stats", "--bogus"), expect=["--bogus"]),
    BadInput(
        "suggest-id-not-a-number",
        _on(_desk, "suggest", "abc"),
        expect=["invalid int value", "abc"],
        unchanged=[DB],
    ),
    BadInput("suggest-without-id", _on(_desk, "suggest"), expect=["source_id"], unchanged=[DB]),
    BadInput(
        "suggest-source-that-does-not-exist",
        _on(_desk, "suggest", "999"),
        expect=["no source #999"],
        unchanged=[DB],
    ),
    BadInput(
        "add-source-published-garbage",
        _report_case("report.txt", REPORT, "--published", "the twelfth of never"),
        expect=["twelfth of never"],
        unchanged=[DB, "report.txt"],
    ),
    BadInput(
        "add-source-reliability-out-of-range",
        _report_case("report.txt", REPORT, "--reliability", "Z"),
        expect=["reliability"],
        unchanged=[DB, "report.txt"],
    ),
    BadInput(
        "sample-build-exists",
        lambda scratch: ["sample", "--build", _desk(scratch, "built.sqlite")],
        expect=["built.sqlite", "already exists"],
        unchanged=["built.sqlite"],
    ),
    # -- the report add-source reads ----------------------------------------------------------
    BadInput(
        "add-source-missing-file",
        lambda scratch: ["--db", str(scratch.path(DB)), "add-source", "no-such-report.txt"],
        expect=["no-such-report.txt"],
        unchanged=["no-such-report.txt", DB],
    ),
    BadInput(
        "add-source-report-is-a-folder",
        _report_special(lambda path: path.mkdir()),
        expect=["report.txt", "is a directory"],
        unchanged=[DB, "report.txt"],
    ),
    BadInput(
        "add-source-report-is-a-fifo",
        _report_special(lambda path: os.mkfifo(path)),
        expect=["report.txt", "not a regular file"],
        unchanged=[DB, "report.txt"],
    ),
    BadInput(
        "add-source-report-pdf",
        _report_case("report.pdf", "%PDF-1.7"),
        expect=["report.pdf", ".pdf"],
        unchanged=[DB, "report.pdf"],
    ),
    BadInput(
        "add-source-report-not-utf8",
        _report_case("report.txt", "Séoul, Pyongyang\n".encode("latin-1")),
        expect=["report.txt", "not utf-8"],
        unchanged=[DB, "report.txt"],
    ),
    BadInput(
        "add-source-report-empty",
        _report_case("report.txt", ""),
        expect=["report.txt", "holds no text"],
        unchanged=[DB, "report.txt"],
    ),
    # -- missing, folders, special and unreachable paths as the desk --------------------------
    BadInput(
        "stats-missing-desk",
        _on(_missing, "stats"),
        expect=["no desk database", DB],
        unchanged=[DB],
    ),
    BadInput(
        "suggest-missing-desk",
        _on(_missing, "suggest", "1"),
        expect=["no desk database", DB],
        unchanged=[DB],
    ),
    BadInput(
        "check-missing-desk",
        _on(_missing, "check"),
        expect=["no desk database", DB],
        unchanged=[DB],
    ),
    BadInput("stats-desk-is-a-folder", _on(_folder, "stats"), expect=[DB, "is a directory"]),
    BadInput("migrate-desk-is-a-folder", _on(_folder, "migrate"), expect=[DB, "is a directory"]),
    BadInput(
        "stats-desk-dev-null",
        _plain("--db", "/dev/null", "stats"),
        expect=["/dev/null", "not a regular file"],
        unchanged=["/dev/null", "/dev/null-journal", "/dev/null-wal"],
    ),
    BadInput(
        "migrate-desk-dev-null",
        _plain("--db", "/dev/null", "migrate"),
        expect=["/dev/null", "character device"],
        unchanged=["/dev/null", "/dev/null-journal", "/dev/null-wal"],
    ),
    BadInput(
        "add-source-desk-dev-null",
        lambda scratch: ["--db", "/dev/null", "add-source", _report(scratch)],
        expect=["/dev/null", "not a regular file"],
        unchanged=["/dev/null", "/dev/null-journal", "report.txt"],
    ),
    BadInput(
        "stats-desk-dev-zero",
        _plain("--db", "/dev/zero", "stats"),
        expect=["/dev/zero", "not a regular file"],
    ),
    BadInput(
        "stats-desk-fifo",
        _on(_fifo, "stats"),
        expect=[DB, "fifo"],
        unchanged=[DB],
    ),
    BadInput(
        "migrate-desk-fifo",
        _on(_fifo, "migrate"),
        expect=[DB, "fifo"],
        unchanged=[DB],
    ),
    BadInput(
        "stats-desk-proc-file",
        _plain("--db", "/proc/version", "stats"),
        expect=["/proc/version", "not an sqlite file"],
    ),
    BadInput(
        "migrate-desk-under-proc",
        _plain("--db", "/proc/desk-test.sqlite", "migrate"),
        expect=["/proc/desk-test.sqlite"],
        unchanged=["/proc/desk-test.sqlite"],
    ),
    BadInput(
        "stats-desk-through-a-file",
        _on(_through_a_file, "stats"),
        expect=["notes.txt/desk.sqlite", "a part of that path is a file"],
        unchanged=["notes.txt"],
    ),
    BadInput(
        "migrate-desk-through-a-file",
        _on(_through_a_file, "migrate"),
        expect=["notes.txt/desk.sqlite", "a part of that path is a file"],
        unchanged=["notes.txt"],
    ),
    BadInput(
        "sample-build-through-a-file",
        lambda scratch: ["sample", "--build", _through_a_file(scratch)],
        expect=["notes.txt"],
        unchanged=["notes.txt"],
    ),
    # -- read-only desks and full disks -------------------------------------------------------
    BadInput(
        "add-source-read-only-desk",
        _read_only_add_source,
        expect=[DB, "read-only"],
        unchanged=[DB, "report.txt"],
    ),
    BadInput(
        "migrate-read-only-old-desk",
        _read_only_migrate,
        expect=[DB, "read-only"],
        unchanged=[DB],
    ),
    BadInput(
        "add-source-disk-full",
        _disk_full_add_source,
        expect=[DB, "could not be written"],
        unchanged=[DB, "report.txt"],
        file_size_limit=128 * 1024,
    ),
    BadInput(
        "sample-build-disk-full",
        lambda scratch: ["sample", "--build", str(scratch.path("built.sqlite"))],
        expect=["built.sqlite", "could not be written"],
        unchanged=["built.sqlite"],
        file_size_limit=64 * 1024,
    ),
    # -- files that are not desks -------------------------------------------------------------
    BadInput(
        "migrate-foreign-alembic-0003",
        _on(lambda scratch: _foreign(scratch, "0003"), "migrate"),
        expect=[DB, NOT_A_DESK, "alembic_version"],
        unchanged=[DB],
    ),
    BadInput(
        "stats-foreign-alembic-0001",
        _on(lambda scratch: _foreign(scratch, "0001"), "stats"),
        expect=[DB, NOT_A_DESK],
        unchanged=[DB],
    ),
    BadInput(
        "add-source-foreign-alembic-0001-with-tables",
        _on(lambda scratch: _foreign(scratch, "0001", "notes", "tags"), "add-source", "REPORT"),
        expect=[DB, NOT_A_DESK, "notes"],
        unchanged=[DB, "report.txt"],
    ),
    BadInput(
        "suggest-foreign-other-app",
        _on(lambda scratch: _foreign(scratch, None, "invoices"), "suggest", "1"),
        expect=[DB, NOT_A_DESK, "invoices"],
        unchanged=[DB],
    ),
    BadInput(
        "check-foreign-alembic-0003",
        _on(lambda scratch: _foreign(scratch, "0003", "users"), "check"),
        expect=[DB, NOT_A_DESK],
        unchanged=[DB],
    ),
    BadInput(
        "migrate-another-apps-marker",
        _on(_marked_by_another_app, "migrate"),
        expect=[DB, "another application"],
        unchanged=[DB],
    ),
    BadInput(
        "stats-text-file",
        _on(_text_file, "stats"),
        expect=[DB, "not an sqlite file"],
        unchanged=[DB],
    ),
    *(
        BadInput(
            f"{command[0]}-empty-file",
            _on(_empty, *command),
            expect=[DB, "empty file"],
            unchanged=[DB],
        )
        for command in (
            ("stats",),
            ("migrate",),
            ("add-source", "REPORT"),
            ("suggest", "1"),
            ("check",),
        )
    ),
    # -- damaged and newer desks --------------------------------------------------------------
    BadInput(
        "stats-damaged-desk",
        _on(_overwritten, "stats"),
        expect=[DB, "is damaged", "desk check"],
        unchanged=[DB],
    ),
    BadInput(
        "add-source-damaged-desk",
        _on(_overwritten, "add-source", "REPORT"),
        expect=[DB, "is damaged", "nothing was written"],
        unchanged=[DB, "report.txt"],
    ),
    BadInput(
        "suggest-damaged-desk",
        _on(_overwritten, "suggest", "1"),
        expect=[DB, "is damaged"],
        unchanged=[DB],
    ),
    BadInput(
        "migrate-cut-off-desk",
        _on(_cut_off, "migrate"),
        expect=[DB, "is damaged", "cut off"],
        unchanged=[DB],
    ),
    BadInput(
        "check-damaged-desk",
        _on(_overwritten, "check"),
        expect=[DB, "problems found"],
        unchanged=[DB],
    ),
    BadInput(
        "stats-newer-desk",
        _on(_newer, "stats"),
        expect=[DB, "newer desk", "9999"],
        unchanged=[DB],
    ),
    BadInput(
        "migrate-newer-desk",
        _on(_newer, "migrate"),
        expect=[DB, "newer desk", "9999"],
        unchanged=[DB],
    ),
    # -- URLs ---------------------------------------------------------------------------------
    BadInput("db-mysql-url", _plain("--db", "mysql://x", "stats"), expect=["mysql"]),
    BadInput("db-not-a-url", _plain("--db", "notaurl://", "migrate"), expect=["notaurl"]),
    BadInput(
        "where-unparseable-url",
        _plain("--db", "://nowhere", "where"),
        expect=["://nowhere", "database url"],
    ),
    BadInput(
        "migrate-postgres-refused",
        _plain("--db", "postgresql+psycopg://desk@127.0.0.1:9/desk", "migrate"),
        expect=["cannot connect", "127.0.0.1:9"],
    ),
    BadInput(
        "add-source-nul-on-postgres",
        _postgres_nul,
        expect=["NUL"],
        unchanged=["report.txt"],
        needs_postgres=True,
    ),
    BadInput(
        "stats-postgres-database-missing",
        _postgres_missing_database,
        expect=["cannot connect", "desk_no_such_database"],
        needs_postgres=True,
    ),
]
