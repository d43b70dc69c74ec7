"""Per-report diff of desk's meetings against the curation, for the development set only.

Run with ``.venv/bin/python benchmarks/proposals/diff_development.py [NAME ...]`` (NAME a report
of ``tests/ingest/reports`` without its extension; all of them when none is given). For each
report it lists the expected meetings and desk's, each with its participants (and roles), date
and status, marking the ones that match. It never reads the held-out set: studying a held-out
case would unseal it (see README.md beside this file).
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

from evaluation import DEVELOPMENT_REPORTS, accepted_records, compare, toml_report  # noqa: E402


def show(name: str) -> None:
    path = (DEVELOPMENT_REPORTS / f"{name}.toml").resolve()
    if path.parent != DEVELOPMENT_REPORTS.resolve():
        raise SystemExit(f"{name}: not a development report")
    report = toml_report(path)
    actors, meetings, _ = accepted_records(report)
    measured = compare(report, actors, meetings)
    missed, extra = set(measured.missed_meetings), set(measured.extra_meetings)
    print(
        f"\n== {name}: meetings {measured.meetings.found}/{measured.meetings.expected} found, "
        f"{measured.meetings.proposed} proposed"
    )
    for meeting in report.meetings:
        roles = dict(meeting.roles)
        people = ", ".join(
            report.actors[n].name + (f" ({roles[n]})" if n in roles else "")
            for n in sorted(meeting.participants)
        )
        mark = "MISSED" if meeting.title in missed else "ok"
        print(f"  expected [{mark}] {meeting.title} | {meeting.status} | {meeting.date} | {people}")
    for title, links, date, status in meetings:
        people = ", ".join(f"{actors[i][0][0]} ({role})" for i, role in links if i in actors)
        mark = "EXTRA" if title in extra else "ok"
        print(f"  desk     [{mark}] {title} | {status} | {date} | {people}")
    for label, items in (
        ("wrong participants", measured.wrong_participants),
        ("wrong status", measured.wrong_statuses),
        ("wrong roles", measured.wrong_roles),
    ):
        for item in items:
            print(f"    {label}: {item}")


def main(names: list[str]) -> int:
    for name in names or sorted(p.stem for p in DEVELOPMENT_REPORTS.glob("*.toml")):
        show(name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
