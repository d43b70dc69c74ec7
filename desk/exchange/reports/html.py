"""A dossier report as one self-contained HTML file: styles and the timeline image inside it.

Every value from the desk is escaped: a title holding ``<script>`` is shown, never run, and only
http(s) addresses become links.
"""

from __future__ import annotations

from html import escape

from desk.exchange.reports.model import Footnote, Report, ReportMeeting
from desk.exchange.reports.timeline_svg import timeline_svg

STYLE = """
body { font: 15px/1.5 Georgia, serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; } h2 { margin-top: 2rem; font-size: 1.25rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.2rem; }
.meta, .date, figcaption { color: #555; font-size: 0.9rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; }
dl.facts dt { font-weight: bold; }
.caution { display: inline-block; font: bold 0.75rem sans-serif; text-transform: uppercase;
           color: #7a4f00; background: #fff3cd; border: 1px solid #e0c060; border-radius: 3px;
           padding: 0 0.35rem; margin-left: 0.4rem; }
.meeting.not-fact h3 { font-style: italic; }
sup a { text-decoration: none; }
ol.footnotes { font-size: 0.9rem; } ol.footnotes li { margin-bottom: 0.5rem; }
blockquote { margin: 0.2rem 0 0.2rem 0; padding-left: 0.6rem; border-left: 3px solid #ccc; }
.grade { font: bold 0.8rem monospace; background: #eee; padding: 0 0.3rem; border-radius: 3px; }
figure { margin: 1rem 0; overflow-x: auto; }
"""


CAPTION = (
    "Meetings on a timeline: filled marks took place; hollow, dashed ones were expected, "
    "planned or speculated; bars span a partial date."
)


def _link(url: str | None, text: str) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{escape(url, quote=True)}">{escape(text)}</a>'
    return escape(text)


def _refs(footnotes: list[Footnote]) -> str:
    return "".join(
        f'<sup id="ref-{note.number}"><a href="#note-{note.number}">[{note.number}]</a></sup>'
        for note in footnotes
    )


def _meeting(meeting: ReportMeeting) -> str:
    caution = meeting.caution
    classes = "meeting not-fact" if caution else "meeting"
    badge = f'<span class="caution">{escape(caution)}</span>' if caution else ""
    date = escape(meeting.date)
    if meeting.reported_as:
        date += f" — reported as {escape(meeting.reported_as)}"
    lines = [
        f'<section class="{classes}" id="meeting-{meeting.meeting_id}">',
        f"<h3>{escape(meeting.title)}{badge}{_refs(meeting.footnotes)}</h3>",
        f'<p class="date">{date}'
        + (f" · {escape(meeting.place)}" if meeting.place else "")
        + f" · status: {escape(meeting.status)} · here as: {escape(meeting.part)}"
        + (f" · review: {escape(meeting.review)}" if meeting.review else "")
        + "</p>",
    ]
    if meeting.participants:
        who = ", ".join(f"{escape(name)} ({escape(role)})" for name, role in meeting.participants)
        lines.append(f"<p>Participants: {who}</p>")
    if meeting.agenda:
        what = ", ".join(
            f"{escape(title)}"
            + (
                f' <span class="caution">{escape(status)}</span>'
                if status in ("speculated", "expected", "denied")
                else ""
            )
            for title, status in meeting.agenda
        )
        lines.append(f"<p>On the agenda: {what}</p>")
    lines.append("</section>")
    return "\n".join(lines)


def _footnote(note: Footnote) -> str:
    statement = note.statement
    source = statement.source_title
    details = ", ".join(part for part in (statement.publisher, statement.source_date) if part)
    attribution = (
        f" Attributed to {escape(statement.attributed_to)}." if statement.attributed_to else ""
    )
    return (
        f'<li id="note-{note.number}"><blockquote>{escape(statement.quote)}</blockquote>'
        f"{_link(statement.url, source)}"
        + (f" ({escape(details)})" if details else "")
        + f'.{attribution} Grade <span class="grade" title="source reliability, claim '
        f'credibility">{escape(statement.grade)}</span>.'
        + (f" Note: {escape(statement.note)}" if statement.note else "")
        + f' <a href="#ref-{note.number}" aria-label="back to the text">↩</a></li>'
    )


def render_html(report: Report) -> str:
    heading = f"{report.kind.capitalize()} dossier: {report.title}"
    facts = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in report.facts
    )
    meetings = "\n".join(_meeting(meeting) for meeting in report.meetings)
    more = (
        f'<p class="meta">The newest {len(report.meetings)} meetings are shown; '
        f"{report.more} older ones are on the desk.</p>"
        if report.more
        else ""
    )
    notes = "\n".join(_footnote(note) for note in report.footnotes)
    written, desk = report.written.isoformat(), escape(report.desk)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="desk">
<title>{escape(heading)}</title>
<style>{STYLE}</style>
</head>
<body>
<header>
<h1>{escape(report.title)}{_refs(report.subject_notes)}</h1>
<p class="meta">{escape(report.kind.capitalize())} dossier written {written} from {desk}.</p>
</header>
<section id="summary">
<h2>Summary</h2>
{"".join(f"<p>{escape(sentence)}</p>" for sentence in report.summary)}
<dl class="facts">{facts}</dl>
</section>
<figure id="timeline">
{timeline_svg(report.timeline, report.title)}
<figcaption>{CAPTION}</figcaption>
</figure>
<section id="meetings">
<h2>Meetings</h2>
{more}
{meetings or "<p>None on record.</p>"}
</section>
<section id="sources">
<h2>Sources</h2>
<ol class="footnotes">
{notes or "<li>No passage on the desk supports these records yet.</li>"}
</ol>
</section>
</body>
</html>
"""
