"""``desk add-source`` and ``desk suggest``: a report onto the desk, and what desk reads in it.

Heavy imports happen inside the handlers, so ``desk --help`` stays quick. User errors raise
DeskError subclasses; main() prints them as one line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desk.ingest.proposals import Proposal, ProposalSet

ADD_DESCRIPTION = """\
Add reports (.txt, .md or .html files, or http(s) URLs) as sources, and print their ids.
A web page is fetched (20 s time limit, 10 MB, 5 redirects, HTML or plain text only); an HTML
page is reduced to its main text (no navigation, comments or banners), and its title, author,
publisher and publication day are taken from it unless given here. The page itself is kept,
compressed, with its SHA-256 and retrieval time: the archived copy. The text is stored exactly
as read, with its SHA-256, so quotes from it can always be found. Relative dates in it
("Friday", "last June") resolve against the publication date. Every report is read before any
is added: if one cannot be read, nothing is added.
`desk suggest ID` then lists what desk proposes from it; the app (4, then s) goes through them."""

SUGGEST_DESCRIPTION = """\
Print what desk reads in a source: the actors it names (on the desk already, or new ones with
their titles), candidate meetings (who, when, where, how sure the report is), agenda items,
meetings and agenda items on the desk it seems to be about, and every date, resolved against
the publication date. Each comes with the sentence that supports it. Nothing is changed; decide
in the app (4, then s), where accepted and rejected proposals are remembered."""


def register(sub: Any, database_option: Callable[..., None]) -> None:
    add = sub.add_parser(
        "add-source",
        help="add reports (.txt, .md, .html files or URLs) as sources and print their ids",
        description=ADD_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_option(add, top_level=False)
    add.add_argument(
        "reports",
        nargs="+",
        metavar="FILE|URL",
        help="the reports: .txt, .md or .html files, or http(s):// URLs",
    )
    add.add_argument("--publisher", help="who published it (Yonhap News Agency)")
    add.add_argument(
        "--published",
        metavar="DATE",
        help="publication day, as a date (2025-03-21, 'March 21, 2025'); not relative",
    )
    add.add_argument("--url", help="where a file was read on the web (one file only)")
    add.add_argument(
        "--title", help="a title (one report only; default: the page's own, else the file name)"
    )
    add.add_argument("--author", help="who wrote it")
    add.add_argument("--language", help="its language (en, ko, ru…)")
    add.add_argument(
        "--reliability", metavar="A-F", help="Admiralty grade of the source's reliability"
    )
    add.add_argument(
        "--again",
        action="store_true",
        help="add it even if the desk already holds the same text (same SHA-256)",
    )
    add.set_defaults(handler=add_source)

    suggest = sub.add_parser(
        "suggest",
        help="print the actors, meetings, dates and agenda items desk reads in a source",
        description=SUGGEST_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_option(suggest, top_level=False)
    suggest.add_argument("source_id", type=int, metavar="SOURCE_ID", help="the source's id")
    suggest.add_argument(
        "--json", action="store_true", help="print JSON (with character offsets) for scripts"
    )
    suggest.add_argument(
        "--pending", action="store_true", help="only proposals not yet accepted or rejected"
    )
    suggest.add_argument(
        "--engine",
        choices=("rules", "spacy", "auto"),
        default="rules",
        help="how to read: the rules alone (default, offline), helped by an installed English "
        "spaCy pipeline (desk[nlp]), or auto (spacy when installed, the rules when not)",
    )
    suggest.set_defaults(handler=suggest_for)


def _open(arguments: argparse.Namespace, *, reading: bool = False) -> Any:
    from desk.cli.commands import _open_store

    return _open_store(arguments, reading=reading)


def _reads(arguments: argparse.Namespace) -> Any:
    """What ``suggest`` reads: an existing SQLite desk at the current schema is read with sqlite3
    alone (desk.store.report_reads: no SQLAlchemy or model to import); the Store opens the rest
    (a server, a desk to create or upgrade) and refuses what it refuses."""
    from desk.store.location import resolve
    from desk.store.report_reads import SqliteReads

    reads = SqliteReads.open(resolve(getattr(arguments, "db", None)))
    return reads if reads is not None else _open(arguments, reading=True)


def _readable_report(path: Path) -> Path:
    """The report file, checked before it is read: a directory or a device is named as such."""
    import stat

    from desk.texts import read_source_file
    from desk.texts.extract import SUPPORTED_SUFFIXES, SourceFileError

    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        read_source_file(path)  # refuses the kind of file without reading it
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise SourceFileError(f"cannot read {path}: {error.strerror}") from error
    if stat.S_ISDIR(mode):
        raise SourceFileError(f"{path} is a directory, not a report")
    if not stat.S_ISREG(mode):
        raise SourceFileError(f"{path} is not a regular file (a device, fifo or socket)")
    return path


def _refused_options(arguments: argparse.Namespace) -> str | None:
    """Why the options do not fit the reports given, if they do not."""
    from desk.texts.fetch import is_url

    several = len(arguments.reports) > 1
    for option in ("title", "url"):
        if several and getattr(arguments, option) is not None:
            return f"--{option} names one report; give it with a single file or URL"
    if arguments.url is not None and any(is_url(report) for report in arguments.reports):
        return "--url is where a file was read; a URL added directly is its own"
    return _relative_publication(arguments.published)


def _read_reports(names: list[str], bar: Any) -> tuple[list[Any], list[str]]:
    """Every report read (files checked, pages fetched), and a message for each that failed."""
    from desk.ingest.source import read_report
    from desk.store.errors import DeskError
    from desk.texts.fetch import is_url

    reports = []
    failures = []
    for done, name in enumerate(names):
        bar(done, len(names))
        try:
            if not is_url(name):
                _readable_report(Path(name).expanduser())
            reports.append(read_report(name))
        except DeskError as error:
            failures.append(" ".join(str(error).split()))
    bar(len(names), len(names))
    return reports, failures


def add_source(arguments: argparse.Namespace) -> int:
    from desk.exchange.progress import TerminalProgress
    from desk.ingest.source import add_source as add

    refused = _refused_options(arguments)
    if refused:
        print(f"desk: {refused}", file=sys.stderr)
        return 2
    bar = TerminalProgress("reading")
    try:
        reports, failures = _read_reports(arguments.reports, bar)
    finally:
        bar.close()
    if failures:
        for failure in failures:
            print(f"desk: {failure}", file=sys.stderr)
        if len(arguments.reports) > 1:
            print(
                f"desk: nothing added: {len(failures)} of {len(arguments.reports)} reports "
                "could not be read (above); add the others without them",
                file=sys.stderr,
            )
        return 1
    with _open(arguments) as store:
        if not arguments.again:
            repeated = _already_there(store, reports)
            if repeated:
                for message in repeated:
                    print(f"desk: {message}", file=sys.stderr)
                print(
                    "desk: nothing added. Add them anyway with --again, or leave them out",
                    file=sys.stderr,
                )
                return 1
        added = []
        bar = TerminalProgress("adding")
        try:
            for done, report in enumerate(reports):
                bar(done, len(reports))
                added.append(
                    add(
                        store,
                        report,
                        title=arguments.title,
                        publisher=arguments.publisher,
                        published=arguments.published,
                        url=arguments.url,
                        reliability=arguments.reliability,
                        language=arguments.language,
                        author=arguments.author,
                    )
                )
            bar(len(reports), len(reports))
        finally:
            bar.close()
    for source in added:
        print(source.id)
    undated = [
        report.name for report, source in zip(reports, added, strict=True) if not source.date_text
    ]
    if undated:
        print(
            f"desk: warning: no --published date, and none on the page, for "
            f"{', '.join(undated)}: relative dates in its text ('on Tuesday', 'last June') "
            "cannot be resolved; add one with the app (e on the source)",
            file=sys.stderr,
        )
    return 0


def _already_there(store: Any, reports: list[Any]) -> list[str]:
    """A message for each report whose text the desk (or an earlier report given) holds."""
    messages = []
    seen: dict[str, str] = {}
    for report in reports:
        same = store.source_with_text(report.read.text)
        if same is not None:
            messages.append(
                f"{report.name} has the same text (SHA-256) as source #{same.id} “{same.title}”"
            )
        elif report.read.text in seen:
            messages.append(f"{report.name} has the same text as {seen[report.read.text]}")
        seen.setdefault(report.read.text, report.name)
    return messages


def _relative_publication(published: str | None) -> str | None:
    """Why ``--published`` is refused: a relative day ("Tuesday", "yesterday") would resolve
    against today, and the source's own relative dates would then lean on a guess."""
    if published is None:
        return None
    from desk.dates import DateError
    from desk.dates.parse import resolve

    try:
        relative = resolve(published).relative
    except DateError:
        return None  # the store says what is wrong with it
    if not relative:
        return None
    return (
        f"--published {published!r} is relative: a publication day has nothing to resolve it "
        "against. Give the day itself, e.g. --published 2025-03-21"
    )


def suggest_for(arguments: argparse.Namespace) -> int:
    import gc

    from desk.ingest.engine import proposals_for

    # What is loaded by now (modules, tables of words) lives as long as the command: the
    # collections reading a long report triggers need not walk it again and again (~5% CPU).
    gc.freeze()
    try:
        with _reads(arguments) as store:
            found = proposals_for(store, arguments.source_id, arguments.engine)
    finally:
        gc.unfreeze()  # for a caller in the same process (the tests)
    if arguments.pending:
        found.proposals = found.pending()
    if arguments.json:
        json.dump(found.as_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render(found))
    return 0


_MARKS = {"pending": "•", "accepted": "✓", "rejected": "✗"}


def render(found: ProposalSet) -> str:
    """Proposals as text, grouped by kind, each with its supporting sentence."""
    from desk.ingest.proposals import KIND_LABELS, KINDS

    published = f", published {found.reference.isoformat()}" if found.reference else ""
    lines = [f"Source #{found.source_id} “{found.title}”{published}"]
    if found.proposals:
        lines.append("(• pending  ✓ accepted  ✗ rejected; a meeting's own status follows “·”)")
    if not found.proposals:
        lines.append("Nothing to propose.")
    for kind in KINDS:
        proposals = found.by_kind(kind)
        if not proposals:
            continue
        lines.append("")
        lines.append(f"{KIND_LABELS[kind]} ({len(proposals)})")
        for proposal in proposals:
            lines.extend(_lines(found, proposal))
    return "\n".join(lines) + "\n"


def _lines(found: ProposalSet, proposal: Proposal) -> list[str]:
    mark = _MARKS[found.status(proposal)]
    lines = [f"  {mark} {proposal.label}"]
    for name, value in proposal.detail():
        if name in ("title", "name") and value in proposal.label:
            continue
        lines.append(f"      {name}: {value}")
    passage = proposal.passage
    quoted = passage.text if len(passage.text) <= 160 else passage.text[:159] + "…"
    who = f" — {passage.attributed_to}" if passage.attributed_to else ""
    lines.append(f"      “{quoted}”{who} [{passage.start}–{passage.end}]")
    return lines
