"""What a dossier report says, gathered from the store once and shared by every format.

A report is for readers who will never open the desk: every meeting carries its date as the
report gave it, every claim a numbered footnote (quote, source, attribution, grade), and whatever
has not (yet) happened is marked as such.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desk.dates import PartialDate
from desk.model import Actor

if TYPE_CHECKING:
    from desk.store import Dossier, Store
    from desk.store.statements import Statement
    from desk.store.timeline import TimelineEntry

#: Meeting and mention statuses a reader must not take for fact.
NOT_FACT = {
    "planned": "planned",
    "expected": "expected",
    "speculated": "speculated",
    "denied": "denied",
    "cancelled": "cancelled",
}


@dataclass(frozen=True)
class Footnote:
    number: int
    statement: Statement


@dataclass(frozen=True)
class ReportMeeting:
    meeting_id: int
    title: str
    status: str
    #: The date as the desk holds it ("13 Sep 2024", "Jun 2024"), or "undated".
    date: str
    #: What the report wrote, when it differs ("last June", as of the report's day).
    reported_as: str | None
    place: str | None
    #: The subject's part: an actor's role, or how sure the mention of the agenda item is.
    part: str
    participants: list[tuple[str, str]]
    agenda: list[tuple[str, str]]
    footnotes: list[Footnote]
    #: Where the meeting stands in review ("verified", "disputed"…); drafts say nothing.
    review: str | None = None

    @property
    def caution(self) -> str | None:
        """Why a reader should not take this meeting (or this mention) as fact, if so."""
        return NOT_FACT.get(self.status) or NOT_FACT.get(self.part)


@dataclass(frozen=True)
class Report:
    kind: str  # "actor" or "agenda item"
    title: str
    facts: list[tuple[str, str]]
    meetings: list[ReportMeeting]
    #: Footnotes on the subject itself (who they are, what the topic is).
    subject_notes: list[Footnote]
    timeline: list[TimelineEntry]
    written: dt.datetime
    desk: str
    more: int = 0
    summary: list[str] = field(default_factory=list)

    @property
    def footnotes(self) -> list[Footnote]:
        notes = list(self.subject_notes)
        for meeting in self.meetings:
            notes.extend(meeting.footnotes)
        return notes


def _reported_as(date: PartialDate | None, phrase: str | None) -> str | None:
    if date is None or not phrase or phrase.strip() in (date.text, date.display()):
        return None
    said = f"“{phrase.strip()}”"
    if date.reference is not None:
        said += f" (as of {date.reference.isoformat()})"
    return said


def build_report(store: Store, kind: str, record_id: int) -> Report:
    """Everything a dossier report shows about the actor or agenda item ``record_id``."""
    is_actor = kind == "actor"
    dossier = store.actor_dossier(record_id) if is_actor else store.agenda_dossier(record_id)
    meeting_ids = [entry.meeting.id for entry in dossier.entries if entry.meeting.id is not None]
    found = store.statements(
        meeting_ids,
        actor_id=record_id if is_actor else None,
        agenda_item_id=None if is_actor else record_id,
    )
    timeline = store.timeline(
        actor_id=record_id if is_actor else None, agenda_item_id=None if is_actor else record_id
    )
    numbers = iter(range(1, len(found) + 1))
    subject_notes = [
        Footnote(next(numbers), statement) for statement in found if statement.meeting_id is None
    ]
    by_meeting: dict[int, list[Statement]] = {}
    for statement in found:
        if statement.meeting_id is not None:
            by_meeting.setdefault(statement.meeting_id, []).append(statement)
    reviewed = {
        meeting_id: state.value.replace("_", " ")
        for meeting_id, state in store.review_states("meeting", meeting_ids).items()
        if state.value != "draft"
    }
    meetings = []
    for entry in dossier.entries:
        meeting = entry.meeting
        assert meeting.id is not None
        meetings.append(
            ReportMeeting(
                meeting_id=meeting.id,
                title=meeting.title,
                status=meeting.status,
                date=entry.date.display() if entry.date else "undated",
                reported_as=_reported_as(entry.date, meeting.date_phrase),
                place=meeting.place,
                part=entry.part,
                participants=entry.participants,
                agenda=entry.agenda,
                footnotes=[
                    Footnote(next(numbers), statement)
                    for statement in by_meeting.get(meeting.id, [])
                ],
                review=reviewed.get(meeting.id),
            )
        )
    subject = dossier.subject
    facts: list[tuple[str, str]] = []
    if isinstance(subject, Actor):
        facts = [
            (label, value)
            for label, value in (
                ("Kind", subject.kind),
                ("Title", subject.title),
                ("Country", subject.country),
                ("Notes", subject.notes),
            )
            if value
        ]
    else:
        facts = [("Status", subject.status)]
        if subject.description:
            facts.append(("Description", subject.description))
    return Report(
        kind="actor" if is_actor else "agenda item",
        title=dossier.title,
        facts=facts,
        meetings=meetings,
        subject_notes=subject_notes,
        timeline=timeline.entries,
        written=dt.datetime.now(dt.UTC).replace(microsecond=0),
        desk=store.location.describe(),
        more=dossier.more,
        summary=_summary(dossier, meetings, is_actor),
    )


def _summary(dossier: Dossier, meetings: list[ReportMeeting], is_actor: bool) -> list[str]:
    """A few sentences: how many meetings, when, with whom or on what, how sure."""
    if not meetings:
        return ["The desk records no meetings for this " + ("actor." if is_actor else "item.")]
    dated = [m for m in meetings if m.date != "undated"]
    held = sum(1 for m in meetings if m.caution is None)
    unconfirmed = len(meetings) - held
    verified = sum(1 for m in meetings if m.review == "verified")
    sentences = [
        f"{len(meetings)} meeting{'s' if len(meetings) != 1 else ''} on record"
        + (f", from {dated[-1].date} to {dated[0].date}" if len(dated) > 1 else "")
        + f"; {held} reported as having taken place"
        + (f", {unconfirmed} not (yet) confirmed" if unconfirmed else "")
        + f"; {verified} verified by a second person."
    ]
    if is_actor:
        partners: dict[str, int] = {}
        for meeting in meetings:
            for name, _ in meeting.participants:
                if name != dossier.title:
                    partners[name] = partners.get(name, 0) + 1
        ranked = sorted(partners.items(), key=lambda item: (-item[1], item[0]))[:5]
        if ranked:
            sentences.append(
                "Met most often: " + ", ".join(f"{name} ({count})" for name, count in ranked) + "."
            )
        topics = dossier.topics
        if topics:
            sentences.append(
                "On the agenda: "
                + ", ".join(f"{title} ({count})" for title, count in topics[:5])
                + "."
            )
    else:
        statuses = dossier.statuses
        if statuses:
            sentences.append(
                "Mentions: "
                + ", ".join(f"{count} {status}" for status, count in sorted(statuses.items()))
                + "."
            )
    return sentences
