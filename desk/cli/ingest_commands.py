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
Add a report (.txt, .md or .html; HTML is reduced to its text) as a source, and print its id.
The text is stored exactly as read, with its SHA-256, so quotes from it can always be found.
Relative dates in it ("Friday", "last June") resolve against the publication date.
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
        help="add a report (.txt, .md, .html) as a source and print its id",
        description=ADD_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_option(add, top_level=False)
    add.add_argument("file", type=Path, help="the report: a .txt, .md or .html file")
    add.add_argument("--publisher", help="who published it (Yonhap News Agency)")
    add.add_argument(
        "--published",
        metavar="DATE",
        help="publication day, as a date (2025-03-21, 'March 21, 2025'); not relative",
    )
    add.add_argument("--url", help="where it was read")
    add.add_argument("--title", help="a title (default: the file's own, else its name)")
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


def _readable_report(path: Path) -> Path:
    """The report file, checked before the desk is opened: a bad file changes nothing."""
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
    read_source_file(path)  # refuses what add-source cannot read, before the desk is opened
    return path


def add_source(arguments: argparse.Namespace) -> int:
    from desk.ingest.source import add_source as add

    report = _readable_report(arguments.file.expanduser())
    refused = _relative_publication(arguments.published)
    if refused:
        print(f"desk: {refused}", file=sys.stderr)
        return 2
    with _open(arguments) as store:
        same = None if arguments.again else _same_text(store, arguments.file.expanduser())
        if same is not None:
            print(
                f"desk: {arguments.file} has the same text (SHA-256) as source #{same.id} "
                f"“{same.title}”; nothing added. Add it anyway with --again",
                file=sys.stderr,
            )
            return 1
        source = add(
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
    print(source.id)
    if arguments.published is None:
        print(
            "desk: warning: no --published date: relative dates in its text ('on Tuesday', "
            "'last June') cannot be resolved; add one with the app (e on the source)",
            file=sys.stderr,
        )
    return 0


def _same_text(store: Any, path: Path) -> Any:
    """The source already holding this file's text, if any."""
    from desk.store.errors import DeskError
    from desk.texts import read_source_file

    try:
        text, _title = read_source_file(path)
    except (DeskError, OSError):
        return None  # adding it says what is wrong with the file
    return store.source_with_text(text)


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
    from desk.ingest.engine import proposals_for

    with _open(arguments, reading=True) as store:
        found = proposals_for(store, arguments.source_id, arguments.engine)
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
