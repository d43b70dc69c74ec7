"""``desk report``: an actor's or agenda item's dossier as one HTML or Markdown file."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

DESCRIPTION = """\
Write the dossier of one actor or agenda item for readers who will never open the desk: a
summary, the timeline as an image, every meeting with its date as the report gave it, and every
statement behind them as a numbered footnote (quote, source, attribution, grade). Expected,
planned and speculated meetings are marked as such. The suffix of --out chooses the format:
.html (one self-contained page, open it in any browser) or .md (Markdown with footnotes)."""

EPILOG = """\
examples:
  desk report actor "Sergei Shoigu" --out shoigu.html
  desk report agenda "ceasefire" --out ceasefire.md"""


def register(sub: Any, database_option: Callable[..., None]) -> None:
    report = sub.add_parser(
        "report",
        help="write an actor's or an agenda item's dossier as HTML or Markdown",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    database_option(report, top_level=False)
    report.add_argument("kind", choices=["actor", "agenda"], help="what the dossier is about")
    report.add_argument(
        "subject", metavar="NAME|TITLE|ID", help="the actor's name or alias, or the item's title"
    )
    report.add_argument(
        "--out", required=True, metavar="FILE.html|FILE.md", help="where to write it"
    )
    report.set_defaults(handler=report_command)


def report_command(arguments: argparse.Namespace) -> int:
    from desk.exchange.reports import write_report
    from desk.store import Store

    with Store.open(
        getattr(arguments, "db", None), create=False, upgrade=False, read_only=True
    ) as store:
        written = write_report(store, arguments.kind, arguments.subject, arguments.out)
    meetings = f"{written.meetings} meeting" + ("" if written.meetings == 1 else "s")
    footnotes = f"{written.footnotes} footnote" + ("" if written.footnotes == 1 else "s")
    print(f"Wrote the dossier of {written.title}: {meetings}, {footnotes}, to {written.path}.")
    return 0
