"""A dossier report as Markdown with footnotes; its timeline travels inside as an SVG data URI."""

from __future__ import annotations

import base64
import re

from desk.exchange.reports.model import Footnote, Report, ReportMeeting
from desk.exchange.reports.timeline_svg import timeline_svg

#: Characters that would start emphasis, code, a link or an HTML tag inside a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _text(value: str) -> str:
    """Desk text as literal Markdown: its markup characters escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(value.split()))


def _refs(footnotes: list[Footnote]) -> str:
    return "".join(f"[^{note.number}]" for note in footnotes)


def _meeting(meeting: ReportMeeting) -> list[str]:
    caution = f" **({meeting.caution})**" if meeting.caution else ""
    lines = [f"### {_text(meeting.title)}{caution}{_refs(meeting.footnotes)}", ""]
    date = _text(meeting.date)
    if meeting.reported_as:
        date += f" — reported as {_text(meeting.reported_as)}"
    place = f" · {_text(meeting.place)}" if meeting.place else ""
    lines.append(
        f"*{date}*{place} · status: {_text(meeting.status)} · here as: {_text(meeting.part)}"
        + (f" · review: {_text(meeting.review)}" if meeting.review else "")
    )
    if meeting.participants:
        who = ", ".join(f"{_text(name)} ({_text(role)})" for name, role in meeting.participants)
        lines += ["", f"Participants: {who}"]
    if meeting.agenda:
        what = ", ".join(
            _text(title)
            + (f" *({_text(status)})*" if status in ("speculated", "expected", "denied") else "")
            for title, status in meeting.agenda
        )
        lines += ["", f"On the agenda: {what}"]
    return [*lines, ""]


def _footnote(note: Footnote) -> str:
    statement = note.statement
    url = (
        statement.url
        if statement.url and statement.url.startswith(("http://", "https://"))
        else None
    )
    source = f"[{_text(statement.source_title)}](<{url}>)" if url else _text(statement.source_title)
    details = ", ".join(
        _text(part) for part in (statement.publisher, statement.source_date) if part
    )
    attribution = (
        f" Attributed to {_text(statement.attributed_to)}." if statement.attributed_to else ""
    )
    note_text = f" Note: {_text(statement.note)}" if statement.note else ""
    return (
        f"[^{note.number}]: “{_text(statement.quote)}” — {source}"
        + (f" ({details})" if details else "")
        + f".{attribution} Grade {statement.grade}.{note_text}"
    )


def render_markdown(report: Report) -> str:
    svg = timeline_svg(report.timeline, report.title).encode("utf-8")
    image = "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")
    lines = [
        f"# {_text(report.title)}{_refs(report.subject_notes)}",
        "",
        f"*{report.kind.capitalize()} dossier written {report.written.isoformat()} from "
        f"{_text(report.desk)}.*",
        "",
        "## Summary",
        "",
        " ".join(_text(sentence) for sentence in report.summary),
        "",
        *(f"- **{_text(label)}:** {_text(value)}" for label, value in report.facts),
        "",
        f"![Timeline of {_text(report.title)}: filled marks took place, hollow ones were expected "
        f"or speculated; bars span a partial date]({image})",
        "",
        "## Meetings",
        "",
    ]
    if report.more:
        lines += [
            f"The newest {len(report.meetings)} meetings; {report.more} older are on the desk.",
            "",
        ]
    for meeting in report.meetings:
        lines += _meeting(meeting)
    if not report.meetings:
        lines += ["None on record.", ""]
    lines += ["## Sources", ""]
    lines += [_footnote(note) for note in report.footnotes] or [
        "No passage on the desk supports these records yet."
    ]
    return "\n".join(lines) + "\n"
