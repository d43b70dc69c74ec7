"""What desk proposes from a source: each proposal, the passage it rests on, and its key.

A proposal never changes the desk by itself; the analyst accepts, edits or rejects it (see
``desk.ingest.accepting``). Its ``key`` identifies it stably across runs, so a decision taken once
is remembered for the source: it is derived from the proposal's normalized content and span
("actor#12", "new:rudenko andrey", "meeting@3304", "date@186-193").
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, ClassVar

from desk.dates import PartialDate, Tense

#: Kinds of proposal, in the order the suggestions pane and ``desk suggest`` list them.
KINDS: tuple[str, ...] = (
    "meeting",
    "new_actor",
    "actor",
    "agenda",
    "related_meeting",
    "related_agenda",
    "date",
)
KIND_LABELS = {
    "meeting": "Meetings",
    "new_actor": "New actors",
    "actor": "Actors on the desk",
    "agenda": "Agenda items",
    "related_meeting": "Meetings on the desk it seems to be about",
    "related_agenda": "Agenda items on the desk it seems to be about",
    "date": "Dates",
}
#: Longest key stored with a decision.
KEY_LENGTH = 200
#: Ends the label of a decision to accept a proposal the analyst edited first.
EDITED_MARK = " (edited)"


@dataclass(frozen=True)
class Passage:
    """The sentence (or part) a proposal rests on, and whom the report attributes it to."""

    start: int
    end: int
    text: str
    #: The actor the passage quotes, by entity key ("actor#3", "new:...") and name.
    attributed_key: str | None = None
    attributed_name: str | None = None
    #: Who is quoted when it is not an actor ("experts", "a government source").
    attributed_text: str | None = None
    credibility: int = 2

    @property
    def attributed_to(self) -> str | None:
        return self.attributed_name or self.attributed_text

    def as_json(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "attributed_to": self.attributed_to,
            "credibility": self.credibility,
        }


@dataclass(frozen=True)
class ActorRef:
    """An actor a proposal involves: on the desk (``actor_id``) or proposed (``key`` of a
    new-actor proposal)."""

    key: str
    name: str
    actor_id: int | None = None

    @property
    def proposal_key(self) -> str:
        return self.key


@dataclass(frozen=True)
class Participant:
    actor: ActorRef
    role: str
    passage: Passage


@dataclass(frozen=True)
class Proposal:
    kind: ClassVar[str] = ""
    key: str
    label: str
    passage: Passage
    #: Every place in the text the proposal rests on: (start, end) offsets.
    spans: tuple[tuple[int, int], ...] = ()

    def detail(self) -> list[tuple[str, str]]:
        """(field, value) lines for a detail view."""
        return []

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "key": self.key,
            "label": self.label,
            "passage": self.passage.as_json(),
            "spans": [{"start": start, "end": end} for start, end in self.spans],
        }


@dataclass(frozen=True)
class KnownActorProposal(Proposal):
    """An actor on the desk that the source mentions: cite the passage for it."""

    kind: ClassVar[str] = "actor"
    actor: ActorRef = field(default_factory=lambda: ActorRef("", ""))
    #: A spelling the source uses that the desk does not know yet ("Kim Jong Un").
    new_alias: str | None = None

    def detail(self) -> list[tuple[str, str]]:
        lines = [("actor", f"{self.actor.name} (#{self.actor.actor_id})")]
        if self.new_alias:
            lines.append(("new alias", self.new_alias))
        lines.append(("mentions", str(len(self.spans))))
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "actor_id": self.actor.actor_id,
            "name": self.actor.name,
            "new_alias": self.new_alias,
        }


@dataclass(frozen=True)
class NewActorProposal(Proposal):
    """A name that looks like a person, body or state the desk does not have yet."""

    kind: ClassVar[str] = "new_actor"
    name: str = ""
    actor_kind: str = "person"
    title: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()

    def detail(self) -> list[tuple[str, str]]:
        lines = [("name", self.name), ("kind", self.actor_kind)]
        if self.title:
            lines.append(("title", self.title))
        if self.country:
            lines.append(("country", self.country))
        if self.aliases:
            lines.append(("aliases", ", ".join(self.aliases)))
        lines.append(("mentions", str(len(self.spans))))
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "name": self.name,
            "actor_kind": self.actor_kind,
            "title": self.title,
            "country": self.country,
            "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class MeetingProposal(Proposal):
    """A meeting the source reports: who, when, where, and how sure the report is."""

    kind: ClassVar[str] = "meeting"
    title: str = ""
    meeting_kind: str = "talks"
    status: str = "reported"
    date: PartialDate | None = None
    place: str | None = None
    participants: tuple[Participant, ...] = ()
    #: Every passage that names the meeting (the first is ``passage``).
    passages: tuple[Passage, ...] = ()
    #: The meeting on the desk this one seems to be, if any: (id, title).
    existing: tuple[int, str] | None = None

    def detail(self) -> list[tuple[str, str]]:
        lines = [
            ("title", self.title),
            ("kind", self.meeting_kind),
            ("status", self.status),
            ("date", _date_words(self.date)),
            ("place", self.place or "—"),
        ]
        for participant in self.participants:
            lines.append(("participant", f"{participant.actor.name} ({participant.role})"))
        if self.existing is not None:
            lines.append(("on the desk", f"#{self.existing[0]} “{self.existing[1]}”"))
        lines.append(("passages", str(len(self.passages))))
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "title": self.title,
            "meeting_kind": self.meeting_kind,
            "status": self.status,
            "date": self.date.text if self.date else None,
            "date_phrase": self.date.phrase if self.date else None,
            "place": self.place,
            "participants": [
                {
                    "name": p.actor.name,
                    "actor_id": p.actor.actor_id,
                    "proposal": p.actor.key if p.actor.actor_id is None else None,
                    "role": p.role,
                }
                for p in self.participants
            ],
            "passages": [passage.as_json() for passage in self.passages],
            "existing_meeting_id": self.existing[0] if self.existing else None,
        }


@dataclass(frozen=True)
class DateProposal(Proposal):
    """A date expression, resolved against the publication date."""

    kind: ClassVar[str] = "date"
    phrase: str = ""
    date: PartialDate | None = None
    tense: Tense | None = None
    #: The meeting proposal (key) or desk meeting (id) the date seems to belong to.
    meeting_key: str | None = None
    meeting_id: int | None = None
    meeting_title: str | None = None
    #: The date it gives that meeting, when the wording makes it more than the phrase
    #: ("wrapped up ... Thursday": an exercise that ended on Thursday).
    meeting_date: PartialDate | None = None

    def detail(self) -> list[tuple[str, str]]:
        lines = [("phrase", self.phrase), ("resolves to", _date_words(self.date))]
        if self.tense:
            lines.append(("tense", str(self.tense)))
        if self.meeting_title:
            lines.append(("meeting", self.meeting_title))
        if self.meeting_date is not None and self.meeting_date != self.date:
            lines.append(("meeting's date", _date_words(self.meeting_date)))
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "phrase": self.phrase,
            "date": self.date.text if self.date else None,
            "precision": self.date.precision.value if self.date else None,
            "earliest": _iso(self.date.earliest) if self.date else None,
            "latest": _iso(self.date.latest) if self.date else None,
            "tense": str(self.tense) if self.tense else None,
            "meeting": self.meeting_key,
            "meeting_id": self.meeting_id,
        }


@dataclass(frozen=True)
class AgendaProposal(Proposal):
    """A topic the source says a meeting takes up (a new agenda item, or one on the desk)."""

    kind: ClassVar[str] = "agenda"
    title: str = ""
    #: How sure the report is that the meeting takes it up (speculated, expected, reported…).
    status: str = "reported"
    meeting_key: str | None = None
    meeting_title: str | None = None
    #: The agenda item on the desk it seems to be, if any: (id, title).
    existing: tuple[int, str] | None = None

    def detail(self) -> list[tuple[str, str]]:
        lines = [("title", self.title), ("how sure", self.status)]
        if self.meeting_title:
            lines.append(("meeting", self.meeting_title))
        if self.existing is not None:
            lines.append(("on the desk", f"#{self.existing[0]} “{self.existing[1]}”"))
        return lines

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "title": self.title,
            "status": self.status,
            "meeting": self.meeting_key,
            "existing_item_id": self.existing[0] if self.existing else None,
        }


@dataclass(frozen=True)
class RelatedMeetingProposal(Proposal):
    """A meeting on the desk the source seems to be about: cite the passage for it."""

    kind: ClassVar[str] = "related_meeting"
    meeting_id: int = 0
    title: str = ""
    reasons: tuple[str, ...] = ()

    def detail(self) -> list[tuple[str, str]]:
        return [
            ("meeting", f"#{self.meeting_id} “{self.title}”"),
            *[("because", reason) for reason in self.reasons],
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "meeting_id": self.meeting_id,
            "title": self.title,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class RelatedAgendaProposal(Proposal):
    """An agenda item on the desk the source seems to be about: cite the passage for it."""

    kind: ClassVar[str] = "related_agenda"
    item_id: int = 0
    title: str = ""
    shared: tuple[str, ...] = ()

    def detail(self) -> list[tuple[str, str]]:
        return [
            ("agenda item", f"#{self.item_id} “{self.title}”"),
            ("shared words", ", ".join(self.shared)),
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            **super().as_json(),
            "item_id": self.item_id,
            "title": self.title,
            "shared_words": list(self.shared),
        }


@dataclass(frozen=True)
class Decision:
    """What the analyst decided about one proposal of one source."""

    id: int
    source_id: int
    kind: str
    key: str
    decision: str
    label: str
    version: int
    record_table: str | None = None
    record_id: int | None = None


@dataclass
class ProposalSet:
    """Every proposal for one source, and the decisions already taken on them."""

    source_id: int | None
    title: str
    reference: dt.date | None
    text: str
    proposals: list[Proposal]
    decisions: dict[tuple[str, str], Decision] = field(default_factory=dict)

    def by_kind(self, kind: str) -> list[Proposal]:
        return [p for p in self.proposals if p.kind == kind]

    def get(self, kind: str, key: str) -> Proposal | None:
        return next((p for p in self.proposals if p.kind == kind and p.key == key), None)

    def decision(self, proposal: Proposal) -> Decision | None:
        found = self.decisions.get((proposal.kind, proposal.key))
        if found is not None:
            return found
        if isinstance(proposal, KnownActorProposal):
            # Accepting a new actor put it on the desk: it is the same decision.
            return next(
                (
                    d
                    for d in self.decisions.values()
                    if d.decision == "accepted"
                    and d.record_table == "actor"
                    and d.record_id == proposal.actor.actor_id
                ),
                None,
            )
        return None

    def status(self, proposal: Proposal) -> str:
        found = self.decision(proposal)
        return found.decision if found is not None else "pending"

    def edited(self, proposal: Proposal) -> bool:
        """Whether ``proposal`` was accepted as the analyst edited it."""
        found = self.decision(proposal)
        return (
            found is not None and found.decision == "accepted" and found.label.endswith(EDITED_MARK)
        )

    def record_for(self, kind: str, key: str) -> int | None:
        """The record an accepted proposal made or linked (an actor's id, a meeting's id)."""
        found = self.decisions.get((kind, key))
        if found is None or found.decision != "accepted":
            return None
        return found.record_id

    def pending(self) -> list[Proposal]:
        return [p for p in self.proposals if self.status(p) == "pending"]

    def remember(self, decisions: list[Decision]) -> None:
        self.decisions = {(d.kind, d.key): d for d in decisions}

    def as_json(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "title": self.title,
            "published": _iso(self.reference),
            "proposals": [
                # "decision" is the analyst's (pending, accepted, rejected); a meeting's or
                # agenda item's own "status" (held, expected, speculated...) stays its own.
                {**proposal.as_json(), "decision": self.status(proposal)}
                for proposal in self.proposals
            ],
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _date_words(date: PartialDate | None) -> str:
    if date is None:
        return "undated"
    phrase = f" (“{date.phrase}”)" if date.phrase else ""
    return f"{date.display()}{phrase}"


def clip_key(key: str) -> str:
    """Keys are stored up to KEY_LENGTH characters."""
    if len(key) <= KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return key[: KEY_LENGTH - 17] + "#" + digest
