"""Check the held-out annotations for consistency with their texts. Data only: imports no desk code.

Run with ``python benchmarks/proposals/check_annotations.py`` (any Python >= 3.11). For every
``held-out/NAME.toml`` it checks that the text file exists; that every evidence fragment, date
phrase and not-date phrase occurs in the text (date phrases in the order they are listed); that
every actor's name or one of its aliases occurs, and every alias occurs; that every participant
and role names an [[actor]]; that kinds, statuses and roles belong to desk's vocabulary; and that
every date value has the EDTF-like syntax desk writes. It also checks
``benchmarks/dates/held-out.toml``: each phrase occurs in its context, references are real days
and values have the same syntax. Exits 1 and lists the problems when there are any.

``check_annotations.py DIRECTORY`` checks the reports of another directory instead (the
development set: ``tests/ingest/reports``), without the date cases.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPORTS = HERE / "held-out"
DATE_CASES = HERE.parent / "dates" / "held-out.toml"

# Copied from desk/model/vocabulary.py (not imported: this script never loads desk).
ACTOR_KINDS = {"person", "organization", "state", "group", "other"}
MEETING_KINDS = {
    "visit",
    "talks",
    "summit",
    "phone_call",
    "exercise",
    "signing",
    "conference",
    "other",
}
STATUSES = {"held", "reported", "planned", "expected", "speculated", "denied", "cancelled"}
ROLES = {"host", "guest", "participant", "mediator", "observer"}

_POINT = r"(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{3}X|\d{2}XX)~?"
VALUE = re.compile(rf"^(?:{_POINT}|(?:{_POINT}|\.\.)/(?:{_POINT}|\.\.))$")


def _valid_value(value: str) -> bool:
    if not VALUE.match(value):
        return False
    for part in value.split("/"):
        part = part.rstrip("~")
        if len(part) == 10:
            try:
                dt.date.fromisoformat(part)
            except ValueError:
                return False
        elif len(part) == 7 and not 1 <= int(part[5:]) <= 12:
            return False
    return True


def check_report(path: Path) -> list[str]:
    problems: list[str] = []
    say = problems.append
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    source = data.get("source", {})
    for key in ("file", "title", "publisher", "published"):
        if key not in source:
            say(f"[source] has no {key}")
    text_path = path.parent / source.get("file", "")
    if not text_path.is_file():
        return [*problems, f"text {text_path.name} is missing"]
    text = text_path.read_text(encoding="utf-8")
    try:
        dt.date.fromisoformat(source.get("published", ""))
    except ValueError:
        say(f"published {source.get('published')!r} is not a day")

    names: set[str] = set()
    for actor in data.get("actor", []):
        name = actor["name"]
        if name in names:
            say(f"actor {name!r} twice")
        names.add(name)
        if actor.get("kind") not in ACTOR_KINDS:
            say(f"actor {name!r}: kind {actor.get('kind')!r}")
        aliases = actor.get("aliases", [])
        for alias in aliases:
            if alias not in text:
                say(f"actor {name!r}: alias {alias!r} not in the text")
        if name not in text and not any(alias in text for alias in aliases):
            say(f"actor {name!r}: neither the name nor an alias is in the text")

    for meeting in data.get("meeting", []):
        title = meeting.get("title", "?")
        if meeting.get("kind") not in MEETING_KINDS:
            say(f"meeting {title!r}: kind {meeting.get('kind')!r}")
        if meeting.get("status") not in STATUSES:
            say(f"meeting {title!r}: status {meeting.get('status')!r}")
        if "date" in meeting and not _valid_value(meeting["date"]):
            say(f"meeting {title!r}: date {meeting['date']!r}")
        participants = meeting.get("participants", [])
        if not participants:
            say(f"meeting {title!r} has no participants")
        for name in participants:
            if name not in names:
                say(f"meeting {title!r}: participant {name!r} is not an [[actor]]")
        for name, role in meeting.get("roles", {}).items():
            if name not in participants:
                say(f"meeting {title!r}: role for non-participant {name!r}")
            if role not in ROLES:
                say(f"meeting {title!r}: role {role!r}")
        evidence = meeting.get("evidence", [])
        if not evidence:
            say(f"meeting {title!r} has no evidence")
        for quote in evidence:
            if quote not in text:
                say(f"meeting {title!r}: evidence not in the text: {quote!r}")

    position = 0
    for entry in data.get("date", []):
        phrase, value = entry["phrase"], entry.get("value", "")
        found = text.find(phrase, position)
        if found < 0:
            where = "not in the text" if phrase not in text else "out of order"
            say(f"date phrase {phrase!r} {where}")
        else:
            position = found + 1
        if not _valid_value(value):
            say(f"date phrase {phrase!r}: value {value!r}")
    for entry in data.get("not_date", []):
        if entry["phrase"] not in text:
            say(f"not_date phrase {entry['phrase']!r} not in the text")
    return problems


def check_date_cases(path: Path) -> list[str]:
    problems: list[str] = []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cases = data.get("case", [])
    seen: set[tuple[str, str, str]] = set()
    for number, case in enumerate(cases, 1):
        phrase, context = case["phrase"], case["context"]
        label = f"case {number} {phrase!r}"
        if phrase not in context:
            problems.append(f"{label}: not in its context")
        try:
            dt.date.fromisoformat(case["reference"])
        except ValueError:
            problems.append(f"{label}: reference {case['reference']!r}")
        if case["value"] and not _valid_value(case["value"]):
            problems.append(f"{label}: value {case['value']!r}")
        key = (phrase, context, case["reference"])
        if key in seen:
            problems.append(f"{label}: duplicate")
        seen.add(key)
    return problems


def main(arguments: list[str]) -> int:
    directory = Path(arguments[0]) if arguments else REPORTS
    failed = False
    reports = sorted(directory.glob("*.toml"))
    totals = {"actors": 0, "meetings": 0, "dates": 0}
    for path in reports:
        problems = check_report(path)
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        totals["actors"] += len(data.get("actor", []))
        totals["meetings"] += len(data.get("meeting", []))
        totals["dates"] += len(data.get("date", []))
        for problem in problems:
            print(f"{path.name}: {problem}")
        failed |= bool(problems)
    if directory == REPORTS and DATE_CASES.is_file():
        problems = check_date_cases(DATE_CASES)
        for problem in problems:
            print(f"{DATE_CASES.name}: {problem}")
        failed |= bool(problems)
    print(
        f"{len(reports)} reports, {totals['actors']} actors, {totals['meetings']} meetings, "
        f"{totals['dates']} date expressions: {'problems above' if failed else 'consistent'}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
