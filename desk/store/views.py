"""The small read-only objects the store hands to the app, the CLI and the tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from desk.dates import PartialDate

if TYPE_CHECKING:
    from desk.model import (
        Actor,
        ActorAlias,
        AgendaItem,
        Evidence,
        Meeting,
        MeetingActor,
        MeetingAgenda,
    )

Row = TypeVar("Row")


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    kind: str
    status: str
    date: PartialDate | None
    place: str | None
    version: int
    evidence_count: int = 0


@dataclass(frozen=True)
class ActorRow:
    id: int
    name: str
    kind: str
    title: str | None
    country: str | None
    version: int
    meeting_count: int = 0
    evidence_count: int = 0


@dataclass(frozen=True)
class AgendaRow:
    id: int
    title: str
    status: str
    version: int
    meeting_count: int = 0
    evidence_count: int = 0


@dataclass(frozen=True)
class SourceRow:
    id: int
    title: str
    publisher: str | None
    date: PartialDate | None
    reliability: str | None
    version: int
    evidence_count: int = 0


@dataclass(frozen=True)
class Cursor:
    """Where a page ended (or began): the sort values of that row, for keyset paging."""

    values: tuple[Any, ...]


#: Pass as ``before`` to get the last page of a listing.
END = Cursor(("end",))


@dataclass(frozen=True)
class Page(Generic[Row]):
    rows: list[Row]
    #: Pass as ``after`` to get the next page; None when this was the last.
    next: Cursor | None
    #: Pass as ``before`` to get the previous page; None when this was the first.
    previous: Cursor | None


@dataclass(frozen=True)
class EvidenceView:
    """A piece of evidence with what a reader needs beside it: its source and attribution."""

    evidence: Evidence
    source_title: str
    publisher: str | None
    source_date: PartialDate | None
    reliability: str | None
    attributed_to: str | None

    @property
    def grade(self) -> str:
        """The Admiralty grade, source reliability then claim credibility: 'B2', 'B?', '?3'."""
        reliability = self.reliability or "?"
        credibility = str(self.evidence.credibility) if self.evidence.credibility else "?"
        return reliability + credibility


@dataclass(frozen=True)
class Participant:
    link: MeetingActor
    actor: Actor


@dataclass(frozen=True)
class AgendaMention:
    link: MeetingAgenda
    item: AgendaItem


@dataclass(frozen=True)
class MeetingDetail:
    meeting: Meeting
    participants: list[Participant]
    agenda: list[AgendaMention]
    evidence: list[EvidenceView]
    #: Evidence for each participant link and agenda link, by link id.
    link_evidence: dict[tuple[str, int], list[EvidenceView]] = field(default_factory=dict)

    @property
    def date(self) -> PartialDate | None:
        from desk.store.date_columns import from_columns

        return from_columns(self.meeting)


@dataclass(frozen=True)
class ActorDetail:
    actor: Actor
    aliases: list[ActorAlias]
    meetings: list[tuple[MeetingActor, Meeting]]
    evidence: list[EvidenceView]


@dataclass(frozen=True)
class ChangeNotice:
    """A committed changeset, as announced to listeners (the app's undo history)."""

    changeset_id: int
    action: str
    summary: str
    undoes_id: int | None = None
    author: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded change to a record: who, when, in which changeset, and the row around it."""

    at: dt.datetime
    author: str
    action: str
    summary: str
    #: "insert", "update" or "delete".
    operation: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    changeset_id: int

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field this change set to a new value."""
        before, after = self.before or {}, self.after or {}
        names = [name for name in (after or before) if name not in HIDDEN_IN_HISTORY]
        return [
            (name, before.get(name), after.get(name))
            for name in names
            if before.get(name) != after.get(name)
        ]


#: Bookkeeping columns a history does not list as changed.
HIDDEN_IN_HISTORY = frozenset({"id", "version", "created_at", "updated_at", "date_sort"})


@dataclass(frozen=True)
class Stats:
    """Record counts per kind and how many of them no evidence supports."""

    counts: dict[str, int]
    unsourced: dict[str, int]

    @property
    def unsourced_total(self) -> int:
        return sum(self.unsourced.values())


@dataclass(frozen=True)
class SearchHit:
    kind: str
    id: int
    label: str
    detail: str


@dataclass(frozen=True)
class MergePlan:
    """What merging ``other`` into ``keep`` moves (a preview, or what a merge did)."""

    keep: Actor
    other: Actor
    aliases_moved: list[str]
    names_added: list[str]
    links_moved: int
    links_combined: int
    evidence_moved: int
    attributions_moved: int
    fields_filled: list[str]
    changeset_id: int | None = None

    def describe(self) -> list[str]:
        lines = [
            f"“{self.other.name}” (#{self.other.id}) becomes part of "
            f"“{self.keep.name}” (#{self.keep.id})"
        ]
        if self.names_added or self.aliases_moved:
            lines.append(f"aliases kept: {', '.join(self.names_added + self.aliases_moved)}")
        if self.links_moved:
            lines.append(f"{self.links_moved} meeting link(s) move")
        if self.links_combined:
            lines.append(f"{self.links_combined} meeting link(s) join links that already exist")
        if self.evidence_moved:
            lines.append(f"{self.evidence_moved} piece(s) of evidence move")
        if self.attributions_moved:
            lines.append(f"{self.attributions_moved} attribution(s) move")
        if self.fields_filled:
            lines.append(f"empty fields filled: {', '.join(self.fields_filled)}")
        return lines
